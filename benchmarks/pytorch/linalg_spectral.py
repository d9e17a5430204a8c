"""The LinalgSpectralBenchmark workloads in PyTorch, float64 on one thread: linalg.qr, linalg.eigh (of A + A^T)
and linalg.svd (full_matrices=False) of an n x n standard normal matrix for n = 64 and 256, and linalg.svd of
a batch of 1,000 3 x 3 matrices. Median milliseconds per call; the workloads are interleaved round by round
so that a noisy neighbour slows all of them alike.

Run with Debian's PyTorch (LAPACK from OpenBLAS):  OMP_WAIT_POLICY=PASSIVE /usr/bin/python3 benchmarks/pytorch/linalg_spectral.py
Prints one JSON object per line: {"name": "linalg.svd", "n": 256, "value": ..., "unit": "ms"}.
OpenBLAS's own thread pool is set to one thread as gemm.py does (torch.set_num_threads does not reach it).
"""
import argparse
import json
import statistics
import time

import torch

from openblas import set_threads


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--rounds", type=int, default=15)
    p.add_argument("--time", type=float, default=0.3, help="seconds of calls per workload per round")
    args = p.parse_args()
    set_threads(1)
    torch.manual_seed(0)
    work = {}
    for n in (64, 256):
        a = torch.randn(n, n, dtype=torch.float64)
        s = a + a.T
        work[("linalg.qr", n)] = lambda a=a: torch.linalg.qr(a)
        work[("linalg.eigh", n)] = lambda s=s: torch.linalg.eigh(s)
        work[("linalg.svd", n)] = lambda a=a: torch.linalg.svd(a, full_matrices=False)
    b = torch.randn(1000, 3, 3, dtype=torch.float64)
    work[("linalg.svd.batch1000x3x3", 3)] = lambda: torch.linalg.svd(b, full_matrices=False)
    times = {k: [] for k in work}
    for fn in work.values():
        fn()
    for _ in range(args.rounds):
        for k, fn in work.items():
            t_end = time.perf_counter() + args.time
            while True:
                t0 = time.perf_counter()
                fn()
                times[k].append(time.perf_counter() - t0)
                if time.perf_counter() > t_end:
                    break
    for (name, n), ts in times.items():
        print(json.dumps({"name": name, "n": n, "value": round(statistics.median(ts) * 1e3, 4), "unit": "ms"}))


if __name__ == "__main__":
    main()
