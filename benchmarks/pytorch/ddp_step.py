#!/usr/bin/python3
"""The twin of benchmarks/.../DdpStepBenchmark.java: an MLP 784-512-256-10 on 64 rows per rank, SGD, stepped alone
and wrapped in DistributedDataParallel (gloo) in each of 2 processes; rank 0 prints the median milliseconds of 50
steps of each after 300 warm-ups. Run with Debian's interpreter:

    /usr/bin/python3 benchmarks/pytorch/ddp_step.py [--port 29534]
"""
import argparse
import json
import time

import torch
import torch.distributed as dist
import torch.multiprocessing as mp
import torch.nn as nn


def median(model, x, y):
    opt = torch.optim.SGD(model.parameters(), lr=0.01)
    times = []
    for i in range(-300, 50):
        dist.barrier()
        t0 = time.perf_counter()
        opt.zero_grad()
        nn.functional.mse_loss(model(x), y).backward()
        opt.step()
        if i >= 0:
            times.append((time.perf_counter() - t0) * 1e3)
    return sorted(times)[len(times) // 2]


def worker(rank, port):
    torch.set_num_threads(1)
    dist.init_process_group('gloo', init_method=f'tcp://127.0.0.1:{port}', rank=rank, world_size=2)
    torch.manual_seed(0)
    mlp = nn.Sequential(nn.Linear(784, 512), nn.ReLU(), nn.Linear(512, 256), nn.ReLU(), nn.Linear(256, 10))
    x, y = torch.randn(64, 784), torch.randn(64, 10)
    plain = median(mlp, x, y)
    wrapped = median(nn.parallel.DistributedDataParallel(mlp), x, y)
    if rank == 0:
        print(json.dumps({'name': 'ddp_step', 'world': 2, 'plain_ms': round(plain, 3), 'ddp_ms': round(wrapped, 3)}), flush=True)
    dist.destroy_process_group()


if __name__ == '__main__':
    p = argparse.ArgumentParser()
    p.add_argument('--port', type=int, default=29534)
    mp.spawn(worker, args=(p.parse_args().port,), nprocs=2, join=True)
