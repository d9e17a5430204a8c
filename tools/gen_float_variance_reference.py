"""float32 var/std against PyTorch 1.13 bit for bit: PyTorch accumulates them in double and rounds once.

Writes api/src/test/resources/reference/float_variance.json (read by FloatVarianceTest): seeded float32 tensors
of assorted sizes and scales, with torch.var/torch.std over all elements and along dim 1 (correction 1 and 0).
Run with Debian's python3: /usr/bin/python3 tools/gen_float_variance_reference.py
"""
import torch

from reference_io import enc, write

g = torch.Generator().manual_seed(20261204)
cases = []
for k in range(24):
    rows = int(torch.randint(1, 6, (1,), generator=g))
    cols = int(torch.randint(2, 300, (1,), generator=g))
    scale = float(torch.rand(1, generator=g)) * 10 ** int(torch.randint(-3, 4, (1,), generator=g))
    x = (torch.randn(rows, cols, generator=g) * scale + float(torch.randn(1, generator=g)) * scale).float()
    cases.append({'x': enc(x),
                  'var': x.var().item(), 'std': x.std().item(),
                  'var0': x.var(unbiased=False).item(), 'std0': x.std(unbiased=False).item(),
                  'var_dim1': enc(x.var(1)), 'std_dim1': enc(x.std(1))})
write('float_variance.json', {'cases': cases})
