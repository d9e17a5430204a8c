"""The torch4j benchmark workloads in PyTorch, timed the same way (medians of repeated runs).

Run with Debian's PyTorch: /usr/bin/python3 benchmarks/pytorch/workloads.py --threads 1
Prints one JSON object per line: {"name": ..., "threads": ..., "value": ..., "unit": ...}.
"""
import argparse
import json
import statistics
import time

import torch

from openblas import set_threads


def median_time(fn, warmup=5, reps=15):
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(reps):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def median_round_us(fn, warmup, rounds, calls):
    """Microseconds per call: the median over `rounds` timed rounds of `calls` calls each, after `warmup` calls."""
    for _ in range(warmup):
        fn()
    per_call = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        for _ in range(calls):
            fn()
        per_call.append((time.perf_counter() - t0) / calls * 1e6)
    return statistics.median(per_call)


def time_workloads(make_workloads, warmup, reps):
    """The main of the per-op scripts: --threads 1,2 and --only PREFIX; one line per workload and thread count
    with the median milliseconds of `reps` timed calls after `warmup` untimed ones."""
    p = argparse.ArgumentParser()
    p.add_argument("--threads", default="1,2")
    p.add_argument("--only", default="")
    args = p.parse_args()
    for t in [int(x) for x in args.threads.split(",")]:
        torch.set_num_threads(t)
        for name, fn in make_workloads():
            if not args.only or name.startswith(args.only):
                print("%-20s threads=%d  %8.3f ms" % (name, t, 1e3 * median_time(fn, warmup=warmup, reps=reps)), flush=True)


def emit(name, threads, value, unit):
    print(json.dumps({"name": name, "threads": threads, "value": value, "unit": unit}), flush=True)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--only", default="")
    args = p.parse_args()
    t = args.threads
    set_threads(t)  # torch's and OpenBLAS's own pool, which torch.set_num_threads does not reach
    torch.manual_seed(0)
    want = lambda name: not args.only or name.startswith(args.only)

    n = 16 * 1024 * 1024
    a, b = torch.rand(n), torch.rand(n)
    if want("elementwise"):
        emit("elementwise.add", t, 3 * 4 * n / median_time(lambda: a + b) / 1e9, "GB/s")
        emit("elementwise.relu", t, 2 * 4 * n / median_time(lambda: torch.relu(a)) / 1e9, "GB/s")
        emit("elementwise.exp", t, 2 * 4 * n / median_time(lambda: torch.exp(a)) / 1e9, "GB/s")
        angles = a * 200 - 100
        emit("elementwise.sin", t, 2 * 4 * n / median_time(lambda: torch.sin(angles)) / 1e9, "GB/s")
        emit("elementwise.cos", t, 2 * 4 * n / median_time(lambda: torch.cos(angles)) / 1e9, "GB/s")

    if want("tiny"):
        x = torch.rand(16)

        def chain():
            c = x
            for _ in range(5000):
                c = (c + x) * 0.5
            return c
        emit("tiny.forward", t, median_time(chain, 3, 9) / 10000 * 1e6, "us/op")

        w = torch.rand(16, requires_grad=True)

        def build():
            c = w
            for _ in range(9999):
                c = c * 1.0001
            return c.sum()

        def backward_only():
            loss = build()
            t0 = time.perf_counter()
            loss.backward()
            return time.perf_counter() - t0
        for _ in range(3):
            backward_only()
        emit("tiny.backward", t, statistics.median(backward_only() for _ in range(9)) / 10000 * 1e6, "us/node")

    if want("gemm"):
        for size in (256, 512, 1024, 2048):
            m1, m2 = torch.rand(size, size), torch.rand(size, size)
            secs = median_time(lambda: torch.mm(m1, m2), 3, 9 if size < 2048 else 5)
            emit("gemm.%d" % size, t, 2 * size ** 3 / secs / 1e9, "GFLOP/s")


if __name__ == "__main__":
    main()
