#!/usr/bin/python3
"""Times in PyTorch the workloads of benchmarks/.../IntegerOpsBenchmark.java: ops on bool and integer tensors,
scatter-style, cumulative, counting and sorting ops on about a million elements (1000 x 1000 where a dim
matters). Prints one line per workload: its JMH name and the median milliseconds per call of `reps` timed
calls after `warmup` untimed ones. Run with Debian's interpreter:

    OMP_WAIT_POLICY=PASSIVE /usr/bin/python3 benchmarks/pytorch/integer_ops.py --threads 1,2
"""
import torch

from workloads import time_workloads

N = 1000


def workloads():
    torch.manual_seed(0)
    floats, floats2 = torch.rand(N, N), torch.rand(N, N)
    mask = floats < 0.5
    u8 = torch.randint(0, 256, (N, N), dtype=torch.uint8)
    ints = torch.randint(-1000, 1000, (N, N), dtype=torch.int32)
    ints2 = torch.randint(-1000, 1000, (N, N), dtype=torch.int32)
    index = torch.randint(0, N, (N, N))
    row_index = torch.randint(0, N, (N,))
    flat = torch.rand(N * N)
    flat_ints = torch.randint(0, N * N, (N * N,), dtype=torch.int32)
    bins = torch.randint(0, N, (N * N,))
    return [
        ("sumBool", lambda: mask.sum()),
        ("sumBoolDim0", lambda: mask.sum(0)),
        ("sumBoolDim1", lambda: mask.sum(1)),
        ("sumUint8", lambda: u8.sum()),
        ("sumUint8Dim0", lambda: u8.sum(0)),
        ("sumUint8Dim1", lambda: u8.sum(1)),
        ("sumInt32", lambda: ints.sum()),
        ("sumInt32Dim0", lambda: ints.sum(0)),
        ("sumInt32Dim1", lambda: ints.sum(1)),
        ("amaxInt32Dim1", lambda: ints.amax(1)),
        ("amaxUint8Dim1", lambda: u8.amax(1)),
        ("argmaxInt32Dim1", lambda: ints.argmax(1)),
        ("argmaxUint8Dim1", lambda: u8.argmax(1)),
        ("eqInt32", lambda: ints == ints2),
        ("ltInt32", lambda: ints < ints2),
        ("eqFloat32", lambda: floats == floats2),
        ("ltFloat32", lambda: floats < floats2),
        ("whereFloat32", lambda: torch.where(mask, floats, floats2)),
        ("gather", lambda: floats.gather(1, index)),
        ("scatterAdd", lambda: torch.zeros(N, N).scatter_add(1, index, floats)),
        ("indexAdd", lambda: torch.zeros(N, N).index_add(0, row_index, floats)),
        ("cummaxFloat32", lambda: floats.cummax(1)),
        ("cummaxInt32", lambda: ints.cummax(1)),
        ("cumsumFloat32", lambda: floats.cumsum(1)),
        ("cumsumInt32", lambda: ints.cumsum(1)),
        ("cumsumFloat32Dim0", lambda: floats.cumsum(0)),
        ("cumprodFloat32", lambda: floats.cumprod(1)),
        ("cumminInt32", lambda: ints.cummin(1)),
        ("maxInt32Dim1", lambda: ints.max(1)),
        ("scatter", lambda: torch.zeros(N, N).scatter(1, index, floats)),
        ("bincount", lambda: bins.bincount()),
        ("histc", lambda: flat.histc(100, 0, 1)),
        ("nonzero", lambda: mask.nonzero()),
        ("maskedSelect", lambda: floats.masked_select(mask)),
        ("sortInt32", lambda: flat_ints.sort()),
        ("sortFloat32", lambda: flat.sort()),
        ("argsortInt32", lambda: flat_ints.argsort()),
        ("argsortFloat32", lambda: flat.argsort()),
    ]


if __name__ == "__main__":
    time_workloads(workloads, warmup=10, reps=51)
