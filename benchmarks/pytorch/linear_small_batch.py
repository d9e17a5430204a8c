"""The LinearSmallBatchBenchmark workload in PyTorch: F.linear(x [rows, 1024], W [1024, 1024]) in float32.

Run with Debian's PyTorch (OpenBLAS):  OMP_WAIT_POLICY=PASSIVE /usr/bin/python3 benchmarks/pytorch/linear_small_batch.py
Prints one line per row count: the median time in microseconds, with PyTorch's default threads.
"""
import statistics
import time

import torch
import torch.nn.functional as F


def median_us(fn, seconds=2.0):
    for _ in range(50):
        fn()
    times = []
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1e6


def main():
    torch.manual_seed(0)
    w = torch.rand(1024, 1024)
    with torch.no_grad():
        for rows in (1, 2, 4, 8, 16):
            x = torch.rand(rows, 1024)
            print(f"linear rows={rows}: {median_us(lambda: F.linear(x, w)):.1f} us")


if __name__ == "__main__":
    main()
