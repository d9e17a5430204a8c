#!/usr/bin/python3
"""Times in PyTorch the workloads of benchmarks/.../SparseBenchmark.java (same sizes; values from its own
generator). Prints one line per workload: its JMH name and the median milliseconds per call of `reps` timed
calls after `warmup` untimed ones. Run with Debian's interpreter:

    OMP_WAIT_POLICY=PASSIVE /usr/bin/python3 benchmarks/pytorch/sparse_ops.py --threads 1,2
"""
import torch

from workloads import time_workloads


def workloads():
    torch.manual_seed(0)
    merged = torch.sparse_coo_tensor(torch.randint(0, 10_000, (2, 100_000)), torch.rand(100_000), (10_000, 10_000)).coalesce()
    values = merged.values().clone().requires_grad_()
    graph = merged  # coalesced, for the product without gradients
    features = torch.randn(10_000, 64, requires_grad=True)
    duplicated = torch.sparse_coo_tensor(torch.randint(0, 1000, (2, 1_000_000)), torch.rand(1_000_000), (1000, 1000))
    dense = torch.randn(1000, 1000) * (torch.rand(1000, 1000) < 0.1)
    matrix = dense.to_sparse()
    lookups = torch.randint(0, 100_000, (1024,))
    sparse_table = torch.nn.Embedding(100_000, 64, sparse=True)
    dense_table = torch.nn.Embedding(100_000, 64)
    sparse_sgd = torch.optim.SGD(sparse_table.parameters(), lr=0.1)
    dense_sgd = torch.optim.SGD(dense_table.parameters(), lr=0.1)

    def spmm():
        with torch.no_grad():
            return torch.sparse.mm(graph, features)

    def spmm_backward():
        features.grad = None
        values.grad = None
        torch.sparse.mm(torch.sparse_coo_tensor(merged.indices(), values, (10_000, 10_000)), features).sum().backward()

    def step(table, opt):
        opt.zero_grad(set_to_none=True)
        table(lookups).sum().backward()
        opt.step()

    return [
        ("spmm", spmm),
        ("spmmBackward", spmm_backward),
        ("coalesce", lambda: duplicated.coalesce()),
        ("toDense", lambda: matrix.to_dense()),
        ("toSparse", lambda: dense.to_sparse()),
        ("softmax", lambda: torch.sparse.softmax(matrix, 1)),
        ("embeddingStepSparse", lambda: step(sparse_table, sparse_sgd)),
        ("embeddingStepDense", lambda: step(dense_table, dense_sgd)),
    ]


if __name__ == "__main__":
    time_workloads(workloads, warmup=5, reps=21)
