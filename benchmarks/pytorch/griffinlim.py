#!/usr/bin/python3
"""Times torchaudio 0.13's griffinlim as torch4j's benchmarks/.../GriffinLim.java does: 10 s of 16 kHz audio,
n_fft 400 (hop 200), 32 iterations, momentum 0.99, zero initial phase, float32, one thread; prints the
medians of the runs' wall-clock and thread CPU times. Run with Debian's interpreter: /usr/bin/python3 benchmarks/pytorch/griffinlim.py [runs]
"""
import math
import sys
import time

import torch
import torchaudio.functional as AF

torch.set_num_threads(1)
runs = int(sys.argv[1]) if len(sys.argv) > 1 else 7
n = 160000
t = torch.arange(n, dtype=torch.float64) / 16000.0
x = (0.5 * torch.sin(2 * math.pi * 440 * t) + 0.1 * torch.randn(n, generator=torch.Generator().manual_seed(0), dtype=torch.float64)).float()
w = torch.hann_window(400)
spec = AF.spectrogram(x, 0, w, 400, 200, 400, 2.0, False)
times, cpu = [], []
with torch.no_grad():
    for r in range(runs + 2):
        t0, c0 = time.perf_counter(), time.thread_time()
        AF.griffinlim(spec, w, 400, 200, 400, 2.0, 32, 0.99, None, False)
        if r >= 2:
            times.append(time.perf_counter() - t0)
            cpu.append(time.thread_time() - c0)
times.sort()
cpu.sort()
print('torchaudio griffinlim: 10 s at 16 kHz, n_fft 400, 32 iterations, 1 thread: median %.3f s wall (min %.3f, max %.3f), %.3f s CPU (min %.3f),'
      ' %d runs' % (times[runs // 2], times[0], times[-1], cpu[runs // 2], cpu[0], runs))
