"""Twin of ProfilerOverheadBenchmark: microseconds per op of a chain of 10,000 tiny ops (16-element add and mul)
with no profiler, with torch.profiler recording the CPU activity, and recording with record_shapes. The time
covers the ops only (the profiler is entered before and left after the timed chain), median of 15 chains.

    /usr/bin/python3 benchmarks/pytorch/profiler_overhead.py
"""
import statistics
import time

import torch
from torch.profiler import ProfilerActivity, profile

CHAIN = 10_000


def chain(x):
    c = x
    for _ in range(CHAIN // 2):
        c = c.add(x).mul(0.5)
    return c


def timed(x):
    t = time.perf_counter_ns()
    chain(x)
    return (time.perf_counter_ns() - t) / CHAIN / 1e3


def main():
    torch.set_num_threads(1)
    x = torch.rand(16)
    for _ in range(5):
        chain(x)
    results = {"off": [], "record": [], "shapes": []}
    for _ in range(15):
        results["off"].append(timed(x))
        for mode, shapes in (("record", False), ("shapes", True)):
            with profile(activities=[ProfilerActivity.CPU], record_shapes=shapes):
                results[mode].append(timed(x))
    for mode, values in results.items():
        print(f"{mode:8s} {statistics.median(values):.3f} us/op")


if __name__ == "__main__":
    main()
