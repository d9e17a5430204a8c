"""The GemmBenchmark workload in PyTorch: square float32 torch.mm, GFLOP/s = 2*n^3 / median time.

Run with Debian's PyTorch (OpenBLAS):  OMP_WAIT_POLICY=PASSIVE /usr/bin/python3 benchmarks/pytorch/gemm.py
Prints one JSON object per line: {"name": "gemm.sgemm", "n": ..., "threads": ..., "value": ..., "unit": "GFLOP/s",
"blas": ...}.

torch.set_num_threads does not reach OpenBLAS's own thread pool in Debian's build (libopenblas0-pthread):
torch.mm then runs on all cores whatever the setting. So the thread count is also given to OpenBLAS through
openblas_set_num_threads, found in the loaded library; --blas-threads=default leaves OpenBLAS alone, to
measure PyTorch as it runs out of the box.
"""
import argparse
import json
import statistics
import time

import torch

from openblas import openblas


def median_time(fn, min_time=1.0, min_reps=5):
    """Median of repeated timed calls, after a warm-up of about a quarter of the timing budget."""
    t_end = time.perf_counter() + min_time / 4
    while time.perf_counter() < t_end:
        fn()
    times = []
    t_end = time.perf_counter() + min_time
    while len(times) < min_reps or time.perf_counter() < t_end:
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--threads", default="1,2")
    p.add_argument("--sizes", default="256,512,1024,2048")
    p.add_argument("--dtype", default="float32", choices=["float32", "float64"])
    p.add_argument("--time", type=float, default=2.0, help="seconds of timed calls per point")
    p.add_argument("--blas-threads", default="match", choices=["match", "default"],
                   help="match: OpenBLAS uses --threads too; default: OpenBLAS keeps its own thread count")
    args = p.parse_args()
    dtype = getattr(torch, args.dtype)
    torch.manual_seed(0)
    blas = openblas()
    blas_name = "OpenBLAS " + blas.openblas_get_corename().decode() if blas else "unknown"
    for t in (int(s) for s in args.threads.split(",")):
        torch.set_num_threads(t)
        if blas and args.blas_threads == "match":
            blas.openblas_set_num_threads(t)
        blas_threads = blas.openblas_get_num_threads() if blas else None
        for n in (int(s) for s in args.sizes.split(",")):
            a = torch.rand(n, n, dtype=dtype)
            b = torch.rand(n, n, dtype=dtype)
            c = torch.empty(n, n, dtype=dtype)
            sec = median_time(lambda: torch.mm(a, b, out=c), args.time)
            print(json.dumps({"name": "gemm." + ("sgemm" if dtype == torch.float32 else "dgemm"), "n": n,
                              "threads": t, "value": round(2.0 * n ** 3 / sec / 1e9, 2), "unit": "GFLOP/s",
                              "blas": blas_name, "blas_threads": blas_threads}), flush=True)


if __name__ == "__main__":
    main()
