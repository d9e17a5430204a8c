#!/usr/bin/python3
"""All-reduce (sum) of float32 tensors from 1 KB to 64 MB between 2 processes with PyTorch's gloo, the twin of
benchmarks/.../AllReduceBenchmark.java (same sizes, repetitions and statistics). Run with Debian's interpreter:

    /usr/bin/python3 benchmarks/pytorch/allreduce.py [--world 2] [--port 29533]

Rank 0 prints one JSON line per size: the median microseconds of one all-reduce and bytes / median time.
"""
import argparse
import json
import statistics
import time

import torch
import torch.distributed as dist
import torch.multiprocessing as mp


def worker(rank, world, port):
    torch.set_num_threads(1)
    dist.init_process_group('gloo', init_method=f'tcp://127.0.0.1:{port}', rank=rank, world_size=world)
    nbytes = 1 << 10
    while nbytes <= 64 << 20:
        t = torch.ones(nbytes // 4)
        reps = int(max(7, min(200, (256 << 20) // nbytes)))
        for _ in range(reps):
            dist.all_reduce(t)
        times = []
        for _ in range(reps):
            dist.barrier()
            t0 = time.perf_counter()
            dist.all_reduce(t)
            times.append((time.perf_counter() - t0) * 1e6)
        us = sorted(times)[reps // 2]
        if rank == 0:
            print(json.dumps({'name': 'allreduce', 'bytes': nbytes, 'world': world, 'median_us': round(us, 1),
                              'algbw_GBps': round(nbytes / us / 1e3, 3)}), flush=True)
        nbytes *= 4
    dist.destroy_process_group()


if __name__ == '__main__':
    p = argparse.ArgumentParser()
    p.add_argument('--world', type=int, default=2)
    p.add_argument('--port', type=int, default=29533)
    a = p.parse_args()
    mp.spawn(worker, args=(a.world, a.port), nprocs=a.world, join=True)
