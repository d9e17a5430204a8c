"""The LinalgBenchmark workloads in PyTorch (LAPACK through OpenBLAS): solve(A, B) with B n x n and inv(A) for
n = 64, 256, 1024 in float32 and float64, inv of a batch of 10,000 3 x 3 matrices, cholesky of 512 x 512 (float64).

Run with Debian's PyTorch:  OMP_WAIT_POLICY=PASSIVE /usr/bin/python3 benchmarks/pytorch/linalg.py --threads 1
Prints one JSON object per line: {"name": "linalg.solve", "n": ..., "dtype": ..., "threads": ..., "value": ms,
"unit": "ms"}: the median of repeated calls after a warm-up.

The thread count is given to OpenBLAS too (openblas.py: torch.set_num_threads does not reach its pool).
"""
import argparse
import json
import statistics
import time

import torch

from openblas import set_threads


def median_ms(fn, min_time=1.0, min_reps=5):
    t_end = time.perf_counter() + min_time / 4
    while time.perf_counter() < t_end:
        fn()
    times = []
    t_end = time.perf_counter() + min_time
    while len(times) < min_reps or time.perf_counter() < t_end:
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1e3


def emit(name, n, dtype, threads, ms):
    print(json.dumps({"name": name, "n": n, "dtype": dtype, "threads": threads, "value": round(ms, 4), "unit": "ms"}),
          flush=True)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--sizes", default="64,256,1024")
    p.add_argument("--time", type=float, default=1.0, help="seconds of timed calls per point")
    args = p.parse_args()
    set_threads(args.threads)
    torch.manual_seed(0)
    for n in (int(s) for s in args.sizes.split(",")):
        for name in ("float64", "float32"):
            dt = getattr(torch, name)
            a = (torch.randn(n, n, dtype=torch.float64) + n * torch.eye(n, dtype=torch.float64)).to(dt)
            b = torch.randn(n, n, dtype=dt)
            emit("linalg.solve", n, name, args.threads, median_ms(lambda: torch.linalg.solve(a, b), args.time))
            emit("linalg.inv", n, name, args.threads, median_ms(lambda: torch.linalg.inv(a), args.time))
    small = torch.randn(10000, 3, 3, dtype=torch.float64) + 3 * torch.eye(3, dtype=torch.float64)
    emit("linalg.inv_batch3x3", 10000, "float64", args.threads, median_ms(lambda: torch.linalg.inv(small), args.time))
    x = torch.randn(512, 512, dtype=torch.float64)
    spd = x @ x.mT + 512 * torch.eye(512, dtype=torch.float64)
    emit("linalg.cholesky", 512, "float64", args.threads, median_ms(lambda: torch.linalg.cholesky(spd), args.time))


if __name__ == "__main__":
    main()
