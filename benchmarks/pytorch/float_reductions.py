#!/usr/bin/python3
"""Times in PyTorch the workloads of benchmarks/.../FloatReductionBenchmark.java: float32 sums, means, variances, norms and maxima
over kept and reduced dense dims. Prints one line per workload: its JMH name and the median milliseconds per call of `reps`
timed calls after `warmup` untimed ones. Run with Debian's interpreter:

    OMP_WAIT_POLICY=PASSIVE /usr/bin/python3 benchmarks/pytorch/float_reductions.py --threads 1,2
"""
import torch

from workloads import time_workloads


def workloads():
    torch.manual_seed(0)
    tall = torch.rand(1 << 20, 16)
    square = torch.rand(2048, 2048)
    bias = torch.rand(256, 1024)
    batch = torch.rand(64, 64, 3136)
    images = torch.rand(32, 64, 56, 56)
    flat = torch.rand(1 << 24)
    flat_double = flat.double()
    return [
        ("sumDim0Tall", lambda: tall.sum(0)),
        ("sumDim0Square", lambda: square.sum(0)),
        ("sumDim1Square", lambda: square.sum(1)),
        ("sumDim0Bias", lambda: bias.sum(0)),
        ("sumDim0Batch", lambda: batch.sum(0)),
        ("meanChannels", lambda: images.mean((0, 2, 3))),
        ("sumAll", lambda: flat.sum()),
        ("sumAllDouble", lambda: flat_double.sum()),
        ("varAll", lambda: flat.var()),
        ("stdAll", lambda: flat.std()),
        ("normAll", lambda: flat.norm()),
        ("amaxAll", lambda: flat.amax()),
        ("amaxAllDouble", lambda: flat_double.amax()),
        ("varDim1Square", lambda: square.var(1)),
        ("normDim1Square", lambda: square.norm(dim=1)),
        ("varDim0Square", lambda: square.var(0)),
        ("normDim0Square", lambda: square.norm(dim=0)),
        ("stdDim0Tall", lambda: tall.std(0)),
    ]


if __name__ == "__main__":
    time_workloads(workloads, warmup=10, reps=51)
