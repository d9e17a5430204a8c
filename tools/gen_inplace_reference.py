"""Reference for the inplace=True option of activation and dropout modules (PyTorch 1.13).

Writes api/src/test/resources/reference/nn/inplace.json: each module's repr with inplace=True, and for the
deterministic ones the output and the gradient of sum(m(x * 2) * w) with respect to x when the module overwrites
x * 2 (the in-place result must carry the op's history). Run with Debian's /usr/bin/python3.
"""
import torch
import torch.nn as nn

from reference_io import enc, rounded_normal, write

MODULES = {
    'ReLU': lambda: nn.ReLU(True),
    'ReLU6': lambda: nn.ReLU6(True),
    'Hardtanh': lambda: nn.Hardtanh(-0.5, 0.75, True),
    'SiLU': lambda: nn.SiLU(True),
    'Mish': lambda: nn.Mish(True),
    'Hardswish': lambda: nn.Hardswish(True),
    'Hardsigmoid': lambda: nn.Hardsigmoid(True),
    'SELU': lambda: nn.SELU(True),
    'CELU': lambda: nn.CELU(0.7, True),
    'ELU': lambda: nn.ELU(1.3, True),
    'LeakyReLU': lambda: nn.LeakyReLU(0.2, True),
    'Threshold': lambda: nn.Threshold(0.1, 20.0, True),
    'RReLU': lambda: nn.RReLU(0.1, 0.3, True),
    'Dropout': lambda: nn.Dropout(0.25, True),
    'Dropout1d': lambda: nn.Dropout1d(0.25, True),
    'Dropout2d': lambda: nn.Dropout2d(0.25, True),
    'Dropout3d': lambda: nn.Dropout3d(0.25, True),
    'AlphaDropout': lambda: nn.AlphaDropout(0.25, True),
    'FeatureAlphaDropout': lambda: nn.FeatureAlphaDropout(0.25, True),
}


def main():
    g = torch.Generator().manual_seed(0)
    x = rounded_normal(g, 3, 4)
    w = rounded_normal(g, 3, 4)
    cases = {}
    for name, make in MODULES.items():
        m = make()
        case = {'repr': repr(m)}
        if 'Dropout' not in name:
            m.eval()  # RReLU: the mean slope
            leaf = x.clone().requires_grad_(True)
            y = leaf * 2
            out = m(y)
            assert out is y
            (out * w).sum().backward()
            case.update(output=enc(out), grad=enc(leaf.grad))
        cases[name] = case
    write('nn/inplace.json', {'x': enc(x), 'w': enc(w), 'cases': cases})


if __name__ == '__main__':
    main()
