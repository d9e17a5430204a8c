"""The FftBenchmark workloads in PyTorch 1.13 (pocketfft) on one thread: torch.fft.fft of a complex vector and
torch.fft.rfft of a real vector for n = 256, 400, 512, 1024, 4096, 65536 and the prime 1009, in single and
double precision, torch.fft.rfft of a 256 x 512 batch along its last dim, and torch.fft.fft / rfft of 64-line
batches at n = 512 and 4096 (FftCpuTime's extra workloads). Median microseconds per call;
the workloads are interleaved round by round so that a noisy neighbour slows all of them alike.

Run with Debian's PyTorch:  OMP_WAIT_POLICY=PASSIVE /usr/bin/python3 benchmarks/pytorch/fft.py
Prints one JSON object per line: {"name": "fft.rfft", "n": 1024, "dtype": "float32", "value": ..., "unit": "us"}.
"""
import argparse
import json
import statistics
import time

import torch


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--rounds", type=int, default=9)
    p.add_argument("--time", type=float, default=0.2, help="seconds of calls per workload per round")
    p.add_argument("--cpu", action="store_true",
                   help="time with the thread's CPU clock instead of the wall clock (on a loaded machine)")
    args = p.parse_args()
    clock = time.thread_time if args.cpu else time.perf_counter
    torch.set_num_threads(1)
    torch.manual_seed(0)
    work = {}
    for dtype in ("float32", "float64"):
        dt = getattr(torch, dtype)
        for n in (256, 400, 512, 1024, 4096, 65536, 1009):
            x = torch.randn(n, dtype=dt)
            z = torch.randn(n, 2, dtype=dt)
            z = torch.view_as_complex(z)
            work[("fft.fft", n, dtype)] = lambda z=z: torch.fft.fft(z)
            work[("fft.rfft", n, dtype)] = lambda x=x: torch.fft.rfft(x)
        batch = torch.randn(256, 512, dtype=dt)
        work[("fft.rfft.batch256", 512, dtype)] = lambda b=batch: torch.fft.rfft(b)
        for n in (512, 4096):
            zb = torch.view_as_complex(torch.randn(64, n, 2, dtype=dt))
            xb = torch.randn(64, n, dtype=dt)
            work[("fft.fft.batch64", n, dtype)] = lambda z=zb: torch.fft.fft(z)
            work[("fft.rfft.batch64", n, dtype)] = lambda x=xb: torch.fft.rfft(x)
    times = {k: [] for k in work}
    for fn in work.values():
        fn()
    for _ in range(args.rounds):
        for k, fn in work.items():
            t_end = time.perf_counter() + args.time
            while True:
                t0 = clock()
                fn()
                times[k].append(clock() - t0)
                if time.perf_counter() > t_end:
                    break
    for (name, n, dtype), ts in times.items():
        print(json.dumps({"name": name, "n": n, "dtype": dtype, "value": round(statistics.median(ts) * 1e6, 3),
                          "unit": "us"}))


if __name__ == "__main__":
    main()
