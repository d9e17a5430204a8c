#!/usr/bin/python3
"""Times torchaudio 0.13's spectrogram as torch4j's benchmarks/.../SpectrogramBenchmark.java does: the power
spectrogram of 10 s of 16 kHz audio (n_fft 400, hop 200, Hann window, centred, reflect padding), float32, one
thread, 50 calls per run; prints the medians of the runs' wall-clock and thread CPU times per call. Run with
Debian's interpreter: /usr/bin/python3 benchmarks/pytorch/spectrogram.py [runs]
"""
import math
import sys
import time

import torch
import torchaudio.functional as AF

torch.set_num_threads(1)
runs = int(sys.argv[1]) if len(sys.argv) > 1 else 7
calls = 50
n = 160000
t = torch.arange(n, dtype=torch.float64) / 16000.0
x = (0.5 * torch.sin(2 * math.pi * 440 * t) + 0.1 * torch.randn(n, generator=torch.Generator().manual_seed(0), dtype=torch.float64)).float()
w = torch.hann_window(400)
times, cpu = [], []
with torch.no_grad():
    for r in range(runs + 2):
        t0, c0 = time.perf_counter(), time.thread_time()
        for _ in range(calls):
            AF.spectrogram(x, 0, w, 400, 200, 400, 2.0, False)
        if r >= 2:
            times.append((time.perf_counter() - t0) / calls)
            cpu.append((time.thread_time() - c0) / calls)
times.sort()
cpu.sort()
print('torchaudio spectrogram: 10 s at 16 kHz, n_fft 400, hop 200, 1 thread: median %.2f ms wall (min %.2f), %.2f ms CPU (min %.2f) per call,'
      ' %d runs of %d' % (1e3 * times[runs // 2], 1e3 * times[0], 1e3 * cpu[runs // 2], 1e3 * cpu[0], runs, calls))
