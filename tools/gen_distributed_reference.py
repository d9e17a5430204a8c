"""Reference values of torch.distributed (gloo, 2 ranks), DistributedDataParallel and DistributedSampler from
PyTorch 1.13, for the Distributed*Test classes. Run with Debian's python: /usr/bin/python3 tools/gen_distributed_reference.py
Writes api/src/test/resources/reference/distributed/{collectives,ddp,sampler}.json."""
import os
import sys
import tempfile

import torch
import torch.distributed as dist
import torch.multiprocessing as mp
import torch.nn as nn
from torch.nn.parallel import DistributedDataParallel as DDP
from torch.utils.data.distributed import DistributedSampler

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from reference_io import enc, write  # noqa: E402

WORLD = 2
OPS = {'SUM': dist.ReduceOp.SUM, 'PRODUCT': dist.ReduceOp.PRODUCT, 'MIN': dist.ReduceOp.MIN, 'MAX': dist.ReduceOp.MAX,
       'BAND': dist.ReduceOp.BAND, 'BOR': dist.ReduceOp.BOR, 'BXOR': dist.ReduceOp.BXOR}
DTYPES = ['float32', 'float64', 'float16', 'int64', 'int32', 'int8', 'uint8']
SIZES = [1, 5]


def value(rank, dtype, n, salt):
    """Small seeded inputs per rank: integers in [-6, 6] (uint8 [0, 12]) or floats with two decimals."""
    g = torch.Generator().manual_seed(1000 * rank + salt)
    if dtype.is_floating_point:
        return (torch.randn(n, generator=g, dtype=torch.float64) * 3).round().div(4).to(dtype)
    lo, hi = (0, 13) if dtype == torch.uint8 else (-6, 7)
    return torch.randint(lo, hi, (n,), generator=g, dtype=torch.int64).to(dtype)


def collectives(rank, out):
    cases = []
    salt = 0
    for name in DTYPES:
        dtype = getattr(torch, name)
        for n in SIZES:
            for op, rop in OPS.items():
                if op.startswith('B') and dtype.is_floating_point:
                    continue
                salt += 1
                x = value(rank, dtype, n, salt)
                y = x.clone()
                dist.all_reduce(y, op=rop)
                cases.append({'kind': 'all_reduce', 'op': op, 'salt': salt, 'input': enc(x), 'output': enc(y)})
    c = torch.tensor([1 + 2j, -0.5 + 0.25j, 3 - 1j], dtype=torch.complex64) * (rank + 1)
    cc = c.clone()
    dist.all_reduce(cc)
    cases.append({'kind': 'all_reduce', 'op': 'SUM', 'salt': -1, 'input': enc(torch.view_as_real(c)),
                  'output': enc(torch.view_as_real(cc)), 'complex': True})
    for name in ['float32', 'int64', 'float64']:
        dtype = getattr(torch, name)
        salt += 1
        x = value(rank, dtype, 7, salt)
        b = x.clone()
        dist.broadcast(b, src=1)
        cases.append({'kind': 'broadcast', 'src': 1, 'salt': salt, 'input': enc(x), 'output': enc(b)})
        r = x.clone()
        dist.reduce(r, dst=0, op=dist.ReduceOp.MAX)
        cases.append({'kind': 'reduce', 'dst': 0, 'op': 'MAX', 'salt': salt, 'input': enc(x), 'output': enc(r)})
        outs = [torch.empty_like(x) for _ in range(WORLD)]
        dist.all_gather(outs, x)
        cases.append({'kind': 'all_gather', 'salt': salt, 'input': enc(x), 'outputs': [enc(o) for o in outs]})
        gl = [torch.empty_like(x) for _ in range(WORLD)] if rank == 0 else None
        dist.gather(x, gl, dst=0)
        cases.append({'kind': 'gather', 'dst': 0, 'salt': salt, 'input': enc(x), 'outputs': [enc(o) for o in gl] if gl else []})
        parts = [value(rank, dtype, 3, salt + 100 * k) for k in range(WORLD)]
        s = torch.empty(3, dtype=dtype)
        dist.scatter(s, parts if rank == 1 else None, src=1)
        cases.append({'kind': 'scatter', 'src': 1, 'salt': salt, 'inputs': [enc(p) for p in parts], 'output': enc(s)})
    # all_to_all_single with uneven splits: rank r sends rows [1, 2] (rank 0) or [3, 1] (rank 1)
    in_splits = [[1, 2], [3, 1]][rank]
    out_splits = [[1, 3], [2, 1]][rank]
    x = value(rank, torch.float32, sum(in_splits) * 2, 77).reshape(-1, 2)
    o = torch.empty(sum(out_splits), 2)
    dist.all_to_all_single(o, x, out_splits, in_splits)
    cases.append({'kind': 'all_to_all_single', 'input': enc(x), 'output': enc(o), 'in_splits': in_splits, 'out_splits': out_splits})
    out[rank] = cases


class Net(nn.Module):
    def __init__(self, bn=True):
        super().__init__()
        self.fc1 = nn.Linear(4, 8)
        self.act = nn.ReLU()
        self.bn = nn.BatchNorm1d(8) if bn else nn.Identity()
        self.fc2 = nn.Linear(8, 2)

    def forward(self, x):
        return self.fc2(self.bn(self.act(self.fc1(x))))


class Branchy(nn.Module):
    def __init__(self):
        super().__init__()
        self.used = nn.Linear(3, 2)
        self.unused = nn.Linear(3, 2)

    def forward(self, x):
        return self.used(x)


def ddp_run(rank, out):
    torch.manual_seed(10 + rank)
    model = Net()
    initial = {k: enc(v) for k, v in model.state_dict().items()}
    g = torch.Generator().manual_seed(200 + rank)
    data = [(torch.randn(6, 4, generator=g), torch.randn(6, 2, generator=g)) for _ in range(4)]
    ddp = DDP(model)
    opt = torch.optim.SGD(ddp.parameters(), lr=0.1)
    losses = []

    def fb(i):
        x, y = data[i]
        loss = nn.functional.mse_loss(ddp(x), y)
        loss.backward()
        losses.append(loss.item())

    fb(0)
    opt.step()
    opt.zero_grad()
    with ddp.no_sync():
        fb(1)
    fb(2)
    opt.step()
    opt.zero_grad()
    fb(3)
    grads = {k: enc(p.grad) for k, p in ddp.module.named_parameters()}
    opt.step()
    # find_unused_parameters
    torch.manual_seed(30 + rank)
    b = Branchy()
    b_initial = {k: enc(v) for k, v in b.state_dict().items()}
    bd = DDP(b, find_unused_parameters=True)
    bopt = torch.optim.SGD(bd.parameters(), lr=0.5)
    bx = torch.randn(5, 3, generator=g)
    bloss = bd(bx).square().mean()
    bloss.backward()
    bgrad_none = [k for k, p in bd.module.named_parameters() if p.grad is None]
    bopt.step()
    # the error without find_unused_parameters
    torch.manual_seed(30 + rank)
    e = DDP(Branchy())
    e(bx).sum().backward()
    try:
        e(bx)
        message = None
    except RuntimeError as ex:
        message = str(ex)
    out[rank] = {
        'initial': initial, 'data': [[enc(x), enc(y)] for x, y in data], 'losses': losses, 'last_grads': grads,
        'final': {k: enc(v) for k, v in ddp.module.state_dict().items()}, 'keys': list(ddp.state_dict().keys()),
        'repr': repr(ddp),
        'unused': {'initial': b_initial, 'x': enc(bx), 'loss': bloss.item(), 'grad_none': bgrad_none,
                   'final': {k: enc(v) for k, v in bd.module.state_dict().items()}},
        'unused_error': message,
    }


def worker(rank, path, outs):
    dist.init_process_group('gloo', init_method='file://' + path, rank=rank, world_size=WORLD)
    result = {}
    collectives(rank, result)
    dist.barrier()
    ddp_result = {}
    ddp_run(rank, ddp_result)
    outs[rank] = {'collectives': result[rank], 'ddp': ddp_result[rank]}
    dist.destroy_process_group()


def sampler_cases():
    cases = []
    for n, replicas, shuffle, drop_last, seed in [(10, 3, True, False, 0), (10, 3, True, True, 0), (10, 3, False, False, 0),
                                                  (10, 3, False, True, 0), (7, 2, True, False, 5), (2, 3, False, False, 0),
                                                  (2, 5, True, False, 1), (12, 4, True, False, 0)]:
        for epoch in [0, 1, 7]:
            per_rank = []
            for rank in range(replicas):
                s = DistributedSampler(list(range(n)), num_replicas=replicas, rank=rank, shuffle=shuffle, seed=seed, drop_last=drop_last)
                s.set_epoch(epoch)
                per_rank.append(list(s))
            cases.append({'n': n, 'replicas': replicas, 'shuffle': shuffle, 'drop_last': drop_last, 'seed': seed, 'epoch': epoch,
                          'indices': per_rank, 'len': len(per_rank[0])})
    errors = []
    for rank in [3, -1]:
        try:
            DistributedSampler(list(range(4)), num_replicas=3, rank=rank)
        except ValueError as e:
            errors.append({'rank': rank, 'message': str(e)})
    return {'cases': cases, 'errors': errors}


def main():
    torch.set_num_threads(1)
    with tempfile.TemporaryDirectory() as d:
        manager = mp.Manager()
        outs = manager.dict()
        mp.spawn(worker, args=(os.path.join(d, 'store'), outs), nprocs=WORLD, join=True)
        outs = dict(outs)
    write('distributed/collectives.json', {'world': WORLD, 'ranks': [outs[r]['collectives'] for r in range(WORLD)]})
    write('distributed/ddp.json', {'world': WORLD, 'ranks': [outs[r]['ddp'] for r in range(WORLD)]})
    write('distributed/sampler.json', sampler_cases())


if __name__ == '__main__':
    main()
