"""Reference values for torch4j's sparse tensors (org.torch4j.sparse) from PyTorch 1.13.

Writes api/src/test/resources/reference/sparse.json, read by SparseTest. Each case names an op, its inputs
(sparse inputs as indices/values/size, built with torch.sparse_coo_tensor) and PyTorch's result: a sparse
result as indices, values, size, is_coalesced and repr (for uncoalesced results, whose order is PyTorch's
implementation detail, the coalesced form and the flag), a dense result as a tensor; gradients of
sum(result * weight) with respect to the values and dense inputs; and PyTorch's messages for bad input.
Run with Debian's python3 (PyTorch 1.13): /usr/bin/python3 tools/gen_sparse_reference.py
"""
import warnings

import torch

from reference_io import enc, write

warnings.simplefilter('ignore')
g = torch.Generator().manual_seed(20261204)


def rnd(*shape, dtype=torch.float64):
    return (torch.randn(shape, generator=g, dtype=torch.float64) * 100).round().div(100).to(dtype)


def rand_sparse(size, nnz, dense=(), dtype=torch.float64, dup=True):
    """Random indices (with duplicates when dup) in a grid of size, values [nnz, *dense]."""
    idx = torch.stack([torch.randint(0, s, (nnz,), generator=g) for s in size])
    if not dup:
        lin = torch.randperm(int(torch.tensor(size).prod()), generator=g)[:nnz]
        idx = torch.stack(torch.unravel_index(lin, size)) if hasattr(torch, 'unravel_index') else unravel(lin, size)
    return idx, rnd(nnz, *dense, dtype=dtype)


def unravel(lin, size):
    rows = []
    for s in reversed(size):
        rows.append(lin % s)
        lin = lin // s
    return torch.stack(list(reversed(rows)))


def sp_in(idx, val, size):
    return {'indices': enc(idx), 'values': enc(val), 'size': list(size)}


def sp_out(s):
    out = {'size': list(s.shape), 'coalesced': s.is_coalesced()}
    c = s if s.is_coalesced() else s.coalesce()
    out['indices'] = enc(c._indices())
    out['values'] = enc(c._values())
    if s.is_coalesced():
        out['repr'] = repr(s.detach())  # grad_fn names are autograd's detail: torch4j records its own ops
    return out


def make(inp, requires_grad=False):
    v = inp['v'].clone().requires_grad_(requires_grad)
    return torch.sparse_coo_tensor(inp['i'], v, inp['size']), v


cases = []


def case(op, sparse=None, dense=None, args=None, grad=False):
    """One op on one or two sparse inputs ((i, v, size) tuples) and optional dense inputs."""
    sparse = sparse or []
    dense = dense or []
    vs = []
    ins = []
    for (i, v, size) in sparse:
        vv = v.clone().requires_grad_(grad and v.dtype.is_floating_point)
        vs.append(vv)
        ins.append(torch.sparse_coo_tensor(i, vv, size))
    ds = [d.clone().requires_grad_(grad and d.dtype.is_floating_point) for d in dense]
    res = OPS[op](*ins, *ds, **(args or {}))
    entry = {'op': op, 'sparse': [sp_in(i, v, size) for (i, v, size) in sparse], 'dense': [enc(d) for d in ds],
             'args': args or {}}
    if res.layout == torch.sparse_coo:
        entry['sparse_result'] = sp_out(res)
        target = res.coalesce().values()
    elif res.layout == torch.sparse_csr:
        entry['csr_result'] = {'crow': enc(res.crow_indices()), 'col': enc(res.col_indices()), 'values': enc(res.values()),
                               'size': list(res.shape), 'repr': repr(res.detach())}
        target = res.values()
    else:
        entry['dense_result'] = enc(res)
        target = res
    if grad:
        w = rnd(*target.shape, dtype=target.dtype)
        try:
            (target * w).sum().backward()
        except RuntimeError as e:  # PyTorch 1.13's sparse autograd has gaps (mv, CSR): checked by gradcheck in Java
            raise SystemExit(f'{op}: no gradient in PyTorch ({str(e).splitlines()[0]}); record it without grad=True')
        entry['weight'] = enc(w)
        entry['grads'] = [None if v.grad is None else enc(v.grad.to_dense() if v.grad.is_sparse else v.grad) for v in vs + ds]
    cases.append(entry)


OPS = {
    'coalesce': lambda s: s.coalesce(),
    'as_built': lambda s: s,
    'to_dense': lambda s: s.to_dense(),
    'to_sparse': lambda d, sparse_dim: d.to_sparse(sparse_dim),
    'to_sparse_csr': lambda d: d.to_sparse_csr(),
    'coo_to_csr': lambda s: s.to_sparse_csr(),
    'mm': lambda s, d: torch.sparse.mm(s, d),
    'mv': lambda s, d: torch.mv(s, d),
    'addmm': lambda s, m, d, beta, alpha: torch.sparse.addmm(m, s, d, beta=beta, alpha=alpha),
    'hspmm': lambda s, d: torch.hspmm(s, d),
    'smm': lambda s, d: torch.smm(s, d),
    'sum': lambda s: torch.sparse.sum(s),
    'sum_dims': lambda s, dims: torch.sparse.sum(s, dims),
    'softmax': lambda s, dim: torch.sparse.softmax(s, dim),
    'log_softmax': lambda s, dim: torch.sparse.log_softmax(s, dim),
    'mul_scalar': lambda s, other: s * other,
    'div_scalar': lambda s, other: s / other,
    'mul_dense': lambda s, d: s * d,
    'mul_sparse': lambda a, b: a * b,
    'add_sparse': lambda a, b, alpha: torch.add(a, b, alpha=alpha),
    'sub_sparse': lambda a, b: a - b,
    'dense_add': lambda s, d, alpha: torch.add(d, s, alpha=alpha),
    'neg': lambda s: -s,
    'pow': lambda s, exponent: s.pow(exponent),
    'abs': lambda s: s.abs(), 'sqrt': lambda s: s.sqrt(), 'sin': lambda s: s.sin(),
    'tanh': lambda s: s.tanh(), 'expm1': lambda s: s.expm1(), 'log1p': lambda s: s.log1p(),
    'sign': lambda s: s.sign(), 'floor': lambda s: s.floor(), 'erf': lambda s: s.erf(),
    'transpose': lambda s, d0, d1: s.transpose(d0, d1),
    't': lambda s: s.t(),
    'sparse_mask': lambda s, d: d.sparse_mask(s.coalesce()),
}

# ---- building, coalescing, printing ----
i, v = rand_sparse((4, 5), 9)
case('as_built', [(i, v, (4, 5))])
case('coalesce', [(i, v, (4, 5))], grad=True)
case('coalesce', [(i, v.float(), (4, 5))])
case('coalesce', [(i, v.round().long(), (4, 5))])
i3, v3 = rand_sparse((3, 2, 4), 10)
case('coalesce', [(i3, v3, (3, 2, 4))], grad=True)
ih, vh = rand_sparse((4,), 6, dense=(3,))
case('coalesce', [(ih, vh, (4, 3))], grad=True)
case('to_dense', [(i, v, (4, 5))], grad=True)
case('to_dense', [(i3, v3.float(), (3, 2, 4))], grad=True)
case('to_dense', [(ih, vh, (4, 3))], grad=True)
dz = rnd(4, 5) * (torch.rand(4, 5, generator=g) < 0.4)
case('to_sparse', dense=[dz], args={'sparse_dim': 2}, grad=True)
case('to_sparse', dense=[dz.float()], args={'sparse_dim': 1}, grad=True)
dz3 = rnd(3, 2, 4) * (torch.rand(3, 2, 4, generator=g) < 0.3)
case('to_sparse', dense=[dz3], args={'sparse_dim': 3})
case('to_sparse', dense=[dz3], args={'sparse_dim': 2}, grad=True)
case('to_sparse', dense=[torch.zeros(2, 3)], args={'sparse_dim': 2})
case('to_sparse_csr', dense=[dz.float()])
case('to_sparse_csr', dense=[dz])
case('coo_to_csr', [(i, v, (4, 5))])

# ---- products ----
case('mm', [(i, v, (4, 5))], [rnd(5, 3)], grad=True)
case('mm', [(i, v.float(), (4, 5))], [rnd(5, 3).float()], grad=True)
ib, vb = rand_sparse((30, 20), 120)
case('mm', [(ib, vb, (30, 20))], [rnd(20, 7)], grad=True)
case('mv', [(i, v, (4, 5))], [rnd(5)])
case('addmm', [(i, v, (4, 5))], [rnd(4, 3), rnd(5, 3)], args={'beta': 0.5, 'alpha': 2.0}, grad=True)
case('hspmm', [(i, v, (4, 5))], [rnd(5, 3)])
case('smm', [(i, v, (4, 5))], [rnd(5, 3)])

# ---- reductions and softmax ----
case('sum', [(i, v, (4, 5))], grad=True)
case('sum', [(i, v.round().int(), (4, 5))])
case('sum_dims', [(i, v, (4, 5))], args={'dims': [0]}, grad=True)
case('sum_dims', [(i3, v3, (3, 2, 4))], args={'dims': [0, 2]}, grad=True)
case('sum_dims', [(i3, v3, (3, 2, 4))], args={'dims': [1]}, grad=True)
case('sum_dims', [(ih, vh, (4, 3))], args={'dims': [1]}, grad=True)
for dim in (0, 1):
    case('softmax', [(i, v, (4, 5))], args={'dim': dim}, grad=True)
    case('log_softmax', [(i, v, (4, 5))], args={'dim': dim}, grad=True)
case('softmax', [(i3, v3, (3, 2, 4))], args={'dim': 2}, grad=True)
case('softmax', [(i3, v3.float(), (3, 2, 4))], args={'dim': 0})
case('log_softmax', [(ih, vh, (4, 3))], args={'dim': 0}, grad=True)
case('softmax', [(ih, vh, (4, 3))], args={'dim': 1}, grad=True)

# ---- elementwise ----
i2, v2 = rand_sparse((4, 5), 7)
ic, vc = rand_sparse((4, 5), 8, dup=False)
ic2, vc2 = rand_sparse((4, 5), 9, dup=False)
case('mul_scalar', [(i, v, (4, 5))], args={'other': 2.5}, grad=True)
case('div_scalar', [(i, v, (4, 5))], args={'other': 4.0}, grad=True)
case('mul_scalar', [(i, v.round().long(), (4, 5))], args={'other': 1.5})
case('mul_dense', [(i, v, (4, 5))], [rnd(4, 5)], grad=True)
case('mul_dense', [(i, v, (4, 5))], [rnd(5)])
case('mul_sparse', [(i, v, (4, 5)), (i2, v2, (4, 5))], grad=True)
case('add_sparse', [(i, v, (4, 5)), (i2, v2, (4, 5))], args={'alpha': 1.0}, grad=True)
case('add_sparse', [(i, v, (4, 5)), (i2, v2.float(), (4, 5))], args={'alpha': -2.0})
case('sub_sparse', [(i, v, (4, 5)), (i2, v2, (4, 5))], grad=True)
case('dense_add', [(i, v, (4, 5))], [rnd(4, 5)], args={'alpha': 3.0})
case('neg', [(i, v, (4, 5))], grad=True)
case('pow', [(i, v, (4, 5))], args={'exponent': 3.0}, grad=True)
case('pow', [(i, v.abs() + 0.5, (4, 5))], args={'exponent': -0.5}, grad=True)
for name in ('abs', 'sin', 'tanh', 'expm1', 'sign', 'floor', 'erf'):
    case(name, [(i, v, (4, 5))])
case('sqrt', [(i, v.abs() + 0.1, (4, 5))])
case('log1p', [(i, v.abs(), (4, 5))])
case('transpose', [(i3, v3, (3, 2, 4))], args={'d0': 0, 'd1': 2})
case('t', [(i, v, (4, 5))], grad=True)
case('sparse_mask', [(i, v, (4, 5))], [rnd(4, 5)], grad=True)

# ---- CSR ----
crow = torch.tensor([0, 2, 2, 5]); col = torch.tensor([1, 3, 0, 2, 3]); cv = rnd(5)
csr = torch.sparse_csr_tensor(crow, col, cv, (3, 4))
csr32 = torch.sparse_csr_tensor(crow.int(), col.int(), cv.float(), (3, 4))
csr_cases = {
    'repr': repr(csr), 'repr_int32': repr(csr32), 'repr_inferred': repr(torch.sparse_csr_tensor(crow, col, cv)),
    'crow': enc(crow), 'col': enc(col), 'values': enc(cv),
    'dense': enc(csr.to_dense()),
    'coo': sp_out(csr.to_sparse()),
}
dm = rnd(4, 2)
csr_cases['mm_operand'] = enc(dm)
csr_cases['mm'] = enc(csr @ dm)
csr_cases['addmm'] = enc(torch.addmm(torch.ones(3, 2, dtype=torch.float64), csr, dm, beta=2, alpha=0.5))
m1, m2 = rnd(3, 2), rnd(2, 4)
csr_cases['sampled_mat1'] = enc(m1)
csr_cases['sampled_mat2'] = enc(m2)
csr_cases['sampled_addmm'] = enc(torch.sparse.sampled_addmm(csr, m1, m2, beta=0.5, alpha=2.0).values())

# ---- messages ----
s0 = torch.sparse_coo_tensor(i, v, (4, 5))


def msg(f):
    try:
        f()
    except Exception as e:
        return str(e).split('\n')[0]
    raise AssertionError('no error')


errors = {
    'nnz_mismatch': msg(lambda: torch.sparse_coo_tensor(i, v[:3], (4, 5))),
    'indices_1d': msg(lambda: torch.sparse_coo_tensor(torch.tensor([0, 1]), torch.tensor([1., 2.]), (3,))),
    'size_small': msg(lambda: torch.sparse_coo_tensor(torch.tensor([[0, 1], [2, 3]]), torch.tensor([1., 2.]), (2, 3))),
    'negative_index': msg(lambda: torch.sparse_coo_tensor(torch.tensor([[0, -1]]), torch.tensor([1., 2.]), (3,))),
    'ndim': msg(lambda: torch.sparse_coo_tensor(i, v, (4, 5, 6))),
    'dense_size': msg(lambda: torch.sparse_coo_tensor(torch.tensor([[0, 2]]), torch.ones(2, 2), (3, 3))),
    'uncoalesced_indices': msg(lambda: s0.indices()),
    'uncoalesced_values': msg(lambda: s0.values()),
    'mm_size': msg(lambda: torch.sparse.mm(s0, torch.ones(4, 2, dtype=torch.float64))),
    'mm_dtype': msg(lambda: torch.sparse.mm(s0, torch.ones(5, 2))),
    'mm_3d': msg(lambda: torch.sparse.mm(torch.ones(2, 2, 2).to_sparse(), torch.ones(2, 2))),
    'add_sizes': msg(lambda: s0 + torch.sparse_coo_tensor(i, v, (5, 5))),
    'dense_add_sizes': msg(lambda: torch.ones(5, 5) + s0),
    'pow_zero': msg(lambda: s0.pow(0)),
    'transpose_mixed': msg(lambda: torch.ones(2, 2).to_sparse(1).transpose(0, 1)),
    'sparse_mask_sizes': msg(lambda: torch.ones(3, 3).sparse_mask(s0.coalesce())),
    'sparse_mask_uncoalesced': msg(lambda: torch.ones(4, 5).sparse_mask(s0)),
    'to_sparse_dim': msg(lambda: torch.ones(2, 3).to_sparse(3)),
    'softmax_dim': msg(lambda: torch.sparse.softmax(s0, 2)),
    'softmax_int': msg(lambda: torch.sparse.softmax(torch.sparse_coo_tensor(i, v.long(), (4, 5)), 1)),
    'mul_shapes': msg(lambda: s0 * torch.sparse_coo_tensor(i, v, (5, 5))),
    'csr_3d': msg(lambda: torch.ones(2, 2, 2).to_sparse().to_sparse_csr()),
    'csr_crow0': msg(lambda: torch.sparse_csr_tensor(torch.tensor([1, 2, 3]), torch.tensor([0, 1, 2]), torch.tensor([1., 2., 3.]), (2, 3))),
    'csr_last': msg(lambda: torch.sparse_csr_tensor(torch.tensor([0, 2, 2]), torch.tensor([0, 1, 2]), torch.tensor([1., 2., 3.]), (2, 3))),
    'csr_monotone': msg(lambda: torch.sparse_csr_tensor(torch.tensor([0, 3, 2, 3]), torch.tensor([0, 1, 2]), torch.tensor([1., 2., 3.]), (3, 3))),
    'csr_col_range': msg(lambda: torch.sparse_csr_tensor(torch.tensor([0, 2, 3]), torch.tensor([0, 3, 2]), torch.tensor([1., 2., 3.]), (2, 3))),
    'csr_unsorted': msg(lambda: torch.sparse_csr_tensor(torch.tensor([0, 2, 3]), torch.tensor([1, 0, 2]), torch.tensor([1., 2., 3.]), (2, 3))),
    'csr_rows': msg(lambda: torch.sparse_csr_tensor(torch.tensor([0, 2, 3]), torch.tensor([0, 1, 2]), torch.tensor([1., 2., 3.]), (3, 3))),
    'csr_nnz': msg(lambda: torch.sparse_csr_tensor(torch.tensor([0, 2, 3]), torch.tensor([0, 1]), torch.tensor([1., 2., 3.]), (2, 3))),
    'csr_dtypes': msg(lambda: torch.sparse_csr_tensor(torch.tensor([0, 2, 3]), torch.tensor([0, 1, 2], dtype=torch.int32), torch.tensor([1., 2., 3.]), (2, 3))),
    'sampled_rows': msg(lambda: torch.sparse.sampled_addmm(csr, torch.ones(4, 2, dtype=torch.float64), torch.ones(2, 4, dtype=torch.float64))),
    'sampled_cols': msg(lambda: torch.sparse.sampled_addmm(csr, torch.ones(3, 2, dtype=torch.float64), torch.ones(2, 5, dtype=torch.float64))),
    'sampled_dtype': msg(lambda: torch.sparse.sampled_addmm(csr, torch.ones(3, 2), torch.ones(2, 4, dtype=torch.float64))),
    'sampled_inner': msg(lambda: torch.sparse.sampled_addmm(csr, torch.ones(3, 2, dtype=torch.float64), torch.ones(3, 4, dtype=torch.float64))),
    'sampled_1d': msg(lambda: torch.sparse.sampled_addmm(csr, torch.ones(3, dtype=torch.float64), torch.ones(2, 4, dtype=torch.float64))),
    'csr_mm': msg(lambda: torch.tensor([[0, 1., 0], [2, 0, 3]]).to_sparse_csr() @ torch.ones(2, 2)),
}

# ---- sparse gradients: Embedding/EmbeddingBag(sparse=True) and the optimizers that take them ----
def grad_out(t):
    c = t.coalesce()
    return {'nnz': t._nnz(), 'indices': enc(c.indices()), 'values': enc(c.values())}


torch.manual_seed(5)
emb = torch.nn.Embedding(10, 3, padding_idx=2, sparse=True)
ids = torch.tensor([[1, 2, 4], [4, 7, 2]])
w_out = rnd(2, 3, 3, dtype=torch.float32)
grads = {'embedding_weight': enc(emb.weight), 'ids': enc(ids), 'weight': enc(w_out), 'repr': repr(emb)}
(emb(ids) * w_out).sum().backward()
grads['first'] = grad_out(emb.weight.grad)
(emb(torch.tensor([3, 4])) * 2).sum().backward()
grads['accumulated'] = grad_out(emb.weight.grad)
torch.manual_seed(6)
bag = torch.nn.EmbeddingBag(10, 3, mode='mean', sparse=True, padding_idx=0)
bag_ids = torch.tensor([[1, 0, 3], [3, 3, 9]])
grads['bag_weight'] = enc(bag.weight)
grads['bag_ids'] = enc(bag_ids)
(bag(bag_ids) * w_out[0, :2]).sum().backward()
grads['bag'] = grad_out(bag.weight.grad)
grads['bag_max'] = msg(lambda: torch.nn.EmbeddingBag(10, 3, mode='max', sparse=True)(bag_ids))


def train(make_opts):
    torch.manual_seed(11)
    e = torch.nn.Embedding(20, 4, sparse=True)
    lin = torch.nn.Linear(4, 1)
    init = {'emb': enc(e.weight), 'lin_w': enc(lin.weight), 'lin_b': enc(lin.bias)}
    opts = make_opts(e, lin)
    gen = torch.Generator().manual_seed(12)
    batches = [torch.randint(0, 20, (6, 3), generator=gen) for _ in range(5)]
    targets = [torch.randn(6, 3, 1, generator=gen) for _ in range(5)]
    losses = []
    for x, y in zip(batches, targets):
        for o in opts:
            o.zero_grad()
        loss = ((lin(e(x)) - y) ** 2).mean()
        loss.backward()
        for o in opts:
            o.step()
        losses.append(loss.item())
    return {'init': init, 'batches': [enc(b) for b in batches], 'targets': [enc(t) for t in targets], 'losses': losses,
            'final_emb': enc(e.weight), 'final_lin_w': enc(lin.weight)}


training = {
    'sgd': train(lambda e, l: [torch.optim.SGD(list(e.parameters()) + list(l.parameters()), lr=0.1)]),
    'sgd_momentum': train(lambda e, l: [torch.optim.SGD(list(e.parameters()) + list(l.parameters()), lr=0.1, momentum=0.9,
                                                        nesterov=True)]),
    'adagrad': train(lambda e, l: [torch.optim.Adagrad(list(e.parameters()) + list(l.parameters()), lr=0.1, lr_decay=0.01)]),
    'sparse_adam': train(lambda e, l: [torch.optim.SparseAdam(list(e.parameters()), lr=0.05), torch.optim.Adam(l.parameters(), lr=0.05)]),
}
e_err = torch.nn.Embedding(4, 2, sparse=True)
e_err(torch.tensor([1])).sum().backward()
errors_opt = {
    'adam': msg(lambda: torch.optim.Adam(e_err.parameters()).step()),
    'adamw': msg(lambda: torch.optim.AdamW(e_err.parameters()).step()),
    'adagrad_decay': msg(lambda: torch.optim.Adagrad(e_err.parameters(), weight_decay=0.1).step()),
    'sgd_decay': msg(lambda: torch.optim.SGD(e_err.parameters(), lr=0.1, weight_decay=0.1).step()),
    'sparse_adam_dense': msg(lambda: (lambda lin: (lin(torch.ones(2)).sum().backward(), torch.optim.SparseAdam(lin.parameters()).step()))(torch.nn.Linear(2, 1))),
    'sparse_adam_lr': msg(lambda: torch.optim.SparseAdam(e_err.parameters(), lr=0.0)),
    'scale_grad': msg(lambda: torch.nn.Embedding(4, 2, scale_grad_by_freq=True, sparse=True)(torch.tensor([1])).sum().backward()),
}
torch.optim.SGD(e_err.parameters(), lr=0.1).zero_grad()
grads['zeroed'] = repr(e_err.weight.grad)

write('sparse.json', {'cases': cases, 'csr': csr_cases, 'errors': errors, 'grads': grads, 'training': training,
                      'optimizer_errors': errors_opt})
print(len(cases), 'cases')
