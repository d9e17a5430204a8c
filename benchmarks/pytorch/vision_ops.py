#!/usr/bin/python3
"""Times torchvision 0.14's nms and roi_align as torch4j's benchmarks/.../VisionOpsBenchmark.java times
org.torch4j.vision.ops: nms of 10,000 random boxes (threshold 0.5), and roi_align of 512 boxes on a
[2, 256, 50, 50] float32 map (output 7x7, spatial scale 1/16, sampling ratio 2 and adaptive), forward
and forward + backward. The inputs come from torch.manual_seed, which torch4j reproduces. Prints medians
of wall-clock and thread CPU times. Run with Debian's interpreter:

    /usr/bin/python3 benchmarks/pytorch/vision_ops.py [runs] [threads]
"""
import sys
import time

import torch
import torchvision.ops as ops

runs = int(sys.argv[1]) if len(sys.argv) > 1 else 9
threads = int(sys.argv[2]) if len(sys.argv) > 2 else 1
torch.set_num_threads(threads)


def boxes(seed, n, size, lo, hi):
    torch.manual_seed(seed)
    r = torch.rand(n, 4)
    w, h = lo + r[:, 2] * (hi - lo), lo + r[:, 3] * (hi - lo)
    x1, y1 = r[:, 0] * (size - w), r[:, 1] * (size - h)
    return torch.stack([x1, y1, x1 + w, y1 + h], 1)


def timed(name, f):
    times, cpu = [], []
    for r in range(runs + 3):
        t0, c0 = time.perf_counter(), time.thread_time()
        f()
        if r >= 3:
            times.append(time.perf_counter() - t0)
            cpu.append(time.thread_time() - c0)
    times.sort()
    cpu.sort()
    print('torchvision %s, %d thread(s): median %.2f ms wall (min %.2f), %.2f ms CPU, %d runs'
          % (name, threads, 1e3 * times[runs // 2], 1e3 * times[0], 1e3 * cpu[runs // 2], runs))


b = boxes(1, 10000, 1000.0, 10.0, 100.0)
torch.manual_seed(2)
s = torch.rand(10000)
print('nms keeps', ops.nms(b, s, 0.5).numel(), 'of 10000')
timed('nms 10000 boxes', lambda: ops.nms(b, s, 0.5))

torch.manual_seed(3)
x = torch.randn(2, 256, 50, 50)
rb = boxes(4, 512, 800.0, 32.0, 400.0)
rois = torch.cat([torch.arange(512).remainder(2).float()[:, None], rb], 1)
for sampling in (2, -1):
    print('roi_align sum, sampling %d: %.4f' % (sampling, float(ops.roi_align(x, rois, 7, 1 / 16, sampling, False).double().sum())))
    with torch.no_grad():
        timed('roi_align forward, sampling %d' % sampling, lambda: ops.roi_align(x, rois, 7, 1 / 16, sampling, False))
    xg = x.clone().requires_grad_()

    def fb():
        ops.roi_align(xg, rois, 7, 1 / 16, sampling, False).sum().backward()
        xg.grad = None
    timed('roi_align forward+backward, sampling %d' % sampling, fb)
