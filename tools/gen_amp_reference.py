#!/usr/bin/python3
"""Reference values for org.torch4j.amp: PyTorch 1.13's GradScaler trajectories (grad_scaler.json)
and results of ops under torch.autocast("cpu", torch.bfloat16) (autocast.json).

PyTorch 1.13's GradScaler (torch/cuda/amp/grad_scaler.py) is CUDA-only: its two kernels,
_amp_foreach_non_finite_check_and_unscale_ and _amp_update_scale_, have no CPU implementation. This
script runs the real GradScaler class on the CPU with those two kernels written in Python line for
line after their CUDA sources (aten/src/ATen/native/cuda/AmpKernels.cu), and with the three CUDA
assertions of grad_scaler.py lifted, so every decision above them (unscale once per optimizer,
skipped steps, scale growth and backoff, state dict) is PyTorch's.

Run with Debian's PyTorch: /usr/bin/python3 tools/gen_amp_reference.py
Writes api/src/test/resources/reference/amp/grad_scaler.json and autocast.json.
"""
import json
import math
import os

import torch
import torch.cuda.amp.grad_scaler as grad_scaler
import torch.nn.functional as F


def non_finite_check_and_unscale_(grads, found_inf, inv_scale):
    # AmpKernels.cu: found_inf = 1 if any value is not finite; every value is multiplied by inv_scale
    for g in grads:
        if not torch.isfinite(g).all():
            found_inf.fill_(1.0)
        g.mul_(inv_scale)


def update_scale_(current_scale, growth_tracker, found_inf, growth_factor, backoff_factor, growth_interval):
    # AmpKernels.cu amp_update_scale_cuda_kernel
    if found_inf.item():
        current_scale.mul_(backoff_factor)
        growth_tracker.fill_(0)
    else:
        successful = growth_tracker.item() + 1
        if successful == growth_interval:
            new_scale = current_scale.item() * growth_factor
            if math.isfinite(float(torch.tensor(new_scale, dtype=torch.float32))):
                current_scale.fill_(new_scale)
            growth_tracker.fill_(0)
        else:
            growth_tracker.fill_(successful)
    return current_scale


torch._amp_foreach_non_finite_check_and_unscale_ = non_finite_check_and_unscale_
torch._amp_update_scale_ = update_scale_


class CpuReplicator(grad_scaler._MultiDeviceReplicator):
    """The per-device tensor cache of grad_scaler.py without its assertion that tensors are on CUDA."""

    def __init__(self, master_tensor):
        self.master = master_tensor
        self._per_device_tensors = {}


grad_scaler._MultiDeviceReplicator = CpuReplicator


class CpuGradScaler(torch.cuda.amp.GradScaler):
    """GradScaler.scale without its assertion that the loss is on a CUDA device; the rest unchanged."""

    def scale(self, outputs):
        if self._scale is None:
            self._lazy_init_scale_growth_tracker(outputs.device)
        return outputs * self._scale.to(device=outputs.device, non_blocking=True)


def run(init_scale, growth_factor, backoff_factor, growth_interval, poison_steps, steps):
    torch.manual_seed(0)
    w = torch.randn(3, 4, requires_grad=True)
    b = torch.randn(3, requires_grad=True)
    x = torch.randn(5, 4)
    y = torch.randn(5, 3)
    opt = torch.optim.SGD([w, b], lr=0.1, momentum=0.9)
    available = torch.cuda.is_available
    torch.cuda.is_available = lambda: True  # the constructor would disable the scaler without CUDA
    try:
        scaler = CpuGradScaler(init_scale=init_scale, growth_factor=growth_factor,
                               backoff_factor=backoff_factor, growth_interval=growth_interval)
    finally:
        torch.cuda.is_available = available
    start = {"w": w.detach().flatten().tolist(), "b": b.detach().tolist(),
             "x": x.flatten().tolist(), "y": y.flatten().tolist()}
    trace = []
    for step in range(steps):
        opt.zero_grad()
        loss = ((x @ w.t() + b - y) ** 2).mean()
        if step in poison_steps:
            loss = loss * float("inf")  # every gradient becomes inf or nan: the step must be skipped
        scaled = scaler.scale(loss)
        scaled.backward()
        scaler.unscale_(opt)
        grad_w = w.grad.flatten().tolist()
        scale_before = scaler.get_scale()
        scaler.step(opt)
        scaler.update()
        trace.append({"step": step, "poisoned": step in poison_steps, "scaled_loss": scaled.item(),
                      "scale_before": scale_before, "scale_after": scaler.get_scale(),
                      "unscaled_grad_w": [g if math.isfinite(g) else str(g) for g in grad_w],
                      "w": w.detach().flatten().tolist(), "b": b.detach().tolist()})
    state = scaler.state_dict()
    return {"init_scale": init_scale, "growth_factor": growth_factor, "backoff_factor": backoff_factor,
            "growth_interval": growth_interval, "poison_steps": sorted(poison_steps), "start": start,
            "trace": trace, "state_dict": {k: v for k, v in state.items()}}


def main():
    cases = [
        run(65536.0, 2.0, 0.5, 3, {2, 3, 9}, 12),
        run(2.0 ** 126, 4.0, 0.25, 1, {4}, 6),  # growth past float32's range is refused
    ]
    out = os.path.join(os.path.dirname(__file__), "..", "api", "src", "test", "resources", "reference", "amp", "grad_scaler.json")
    with open(out, "w") as f:
        json.dump({"generator": "tools/gen_amp_reference.py", "torch": torch.__version__, "cases": cases}, f, indent=1)
    print("wrote", os.path.normpath(out))


# ---- autocast ------------------------------------------------------------------------------------

def t(x):
    """A tensor as the conformance kit's Reference reads it."""
    return {"dtype": str(x.dtype).replace("torch.", ""), "shape": list(x.shape),
            "data": [float(v) for v in x.detach().double().flatten().tolist()]}


def autocast_cases():
    torch.manual_seed(1)
    a, b = torch.randn(4, 5), torch.randn(5, 3)
    x, w, bias = torch.randn(2, 5), torch.randn(3, 5), torch.randn(3)
    img, k, kb = torch.randn(1, 2, 5, 5), torch.randn(3, 2, 3, 3), torch.randn(3)
    a64, b64 = a.double(), b.double()
    target = torch.randn(4, 3)
    cases = []
    with torch.autocast("cpu", dtype=torch.bfloat16):
        cases.append({"name": "matmul", "args": [t(a), t(b)], "out": t(torch.matmul(a, b))})
        cases.append({"name": "mm", "args": [t(a), t(b)], "out": t(torch.mm(a, b))})
        cases.append({"name": "linear", "args": [t(x), t(w), t(bias)], "out": t(F.linear(x, w, bias))})
        cases.append({"name": "conv2d", "args": [t(img), t(k), t(kb)], "out": t(F.conv2d(img, k, kb, padding=1))})
        cases.append({"name": "mm_float64", "args": [t(a64), t(b64)], "out": t(torch.mm(a64, b64))})
        low = torch.matmul(a, b)
        cases.append({"name": "mse_loss", "args": [t(low), t(target)], "out": t(F.mse_loss(low, target))})
        with torch.autocast("cpu", enabled=False):
            cases.append({"name": "matmul_disabled", "args": [t(a), t(b)], "out": t(torch.matmul(a, b))})
    ga, gb = a.clone().requires_grad_(), b.clone().requires_grad_()
    with torch.autocast("cpu", dtype=torch.bfloat16):
        y = torch.matmul(ga, gb)
    y.float().pow(2).sum().backward()
    cases.append({"name": "matmul_backward", "args": [t(a), t(b)], "out": t(y), "grad_a": t(ga.grad), "grad_b": t(gb.grad)})
    cases.append({"name": "matmul_outside", "args": [t(a), t(b)], "out": t(torch.matmul(a, b))})
    return cases


def autocast_network():
    """A training step of conv -> BatchNorm2d -> relu -> max pool -> linear -> cross entropy, the forward under CPU
    autocast with float32 modules: each stage's dtype (the batch norm takes the convolution's bfloat16 output with
    its float32 parameters and returns bfloat16), the loss, the logits, the running statistics after the step and
    the float32 parameters' gradients."""
    torch.manual_seed(3)
    img, cls = torch.randn(2, 3, 6, 6), torch.tensor([1, 4])
    conv, bn, lin = torch.nn.Conv2d(3, 4, 3, padding=1), torch.nn.BatchNorm2d(4), torch.nn.Linear(36, 5)
    with torch.no_grad():
        bn.weight.uniform_(0.5, 1.5)
        bn.bias.uniform_(-0.5, 0.5)
    params = {"conv_weight": t(conv.weight), "conv_bias": t(conv.bias), "bn_weight": t(bn.weight), "bn_bias": t(bn.bias),
              "lin_weight": t(lin.weight), "lin_bias": t(lin.bias)}
    with torch.autocast("cpu", dtype=torch.bfloat16):
        h1 = conv(img)
        h2 = bn(h1)
        h3 = F.relu(h2)
        h4 = F.max_pool2d(h3, 2)
        logits = lin(h4.flatten(1))
        loss = F.cross_entropy(logits, cls)
    loss.backward()
    dtypes = {name: str(v.dtype).replace("torch.", "") for name, v in
              (("conv", h1), ("batch_norm", h2), ("relu", h3), ("max_pool", h4), ("linear", logits), ("cross_entropy", loss))}
    return {"img": t(img), "cls": cls.tolist(), "params": params, "dtypes": dtypes, "logits": t(logits), "loss": t(loss),
            "running_mean": t(bn.running_mean), "running_var": t(bn.running_var),
            "grads": {"conv_weight": t(conv.weight.grad), "bn_weight": t(bn.weight.grad), "bn_bias": t(bn.bias.grad),
                      "lin_weight": t(lin.weight.grad)}}


def autocast_dtypes():
    """The result dtype of each op under CPU autocast with every floating input in bfloat16: float32
    for the ops of the CPU's float32 list, bfloat16 for the rest (autocast leaves them alone)."""
    torch.manual_seed(2)
    x, y, p = torch.randn(4, 6).bfloat16(), torch.randn(4, 6).bfloat16(), torch.rand(4, 6).bfloat16()
    cls, ones = torch.randint(0, 6, (4,)), torch.ones(4).bfloat16()
    lp = torch.randn(5, 2, 4).log_softmax(2).bfloat16()
    ops = {
        "softmax": lambda: F.softmax(x, 1), "log_softmax": lambda: F.log_softmax(x, 1),
        "layer_norm": lambda: F.layer_norm(x, (6,)), "group_norm": lambda: F.group_norm(x.reshape(2, 4, 3), 2),
        "softplus": lambda: F.softplus(x), "prod": lambda: torch.prod(x), "prod_dim": lambda: torch.prod(x, 1),
        "exp": lambda: torch.exp(x), "sum": lambda: torch.sum(x), "gelu": lambda: F.gelu(x),
        "mse_loss": lambda: F.mse_loss(x, y), "l1_loss": lambda: F.l1_loss(x, y),
        "smooth_l1_loss": lambda: F.smooth_l1_loss(x, y), "huber_loss": lambda: F.huber_loss(x, y),
        "cross_entropy": lambda: F.cross_entropy(x, cls), "nll_loss": lambda: F.nll_loss(x, cls),
        "binary_cross_entropy": lambda: F.binary_cross_entropy(p, p),
        "binary_cross_entropy_with_logits": lambda: F.binary_cross_entropy_with_logits(x, p),
        "kl_div": lambda: F.kl_div(x, p, reduction="batchmean"),
        "cosine_embedding_loss": lambda: F.cosine_embedding_loss(x, y, ones),
        "margin_ranking_loss": lambda: F.margin_ranking_loss(x[:, 0], y[:, 0], ones),
        "ctc_loss": lambda: F.ctc_loss(lp, torch.tensor([[1, 2], [3, 3]]), [5, 5], [2, 2]),
        "matmul": lambda: torch.matmul(x, y.t()),
    }
    with torch.autocast("cpu", dtype=torch.bfloat16):
        return {name: str(f().dtype).replace("torch.", "") for name, f in ops.items()}


# oneDNN picks its bfloat16 convolution kernel by the CPU's instruction set, so regenerating on another machine can
# move the convolution-derived values by a bfloat16 rounding or two; AutocastTest compares at 2^-6 of each result's
# scale. The "network" case was added on an AMD EPYC (Zen 5, AVX-512) machine without regenerating the others.
def write_autocast():
    out = os.path.join(os.path.dirname(__file__), "..", "api", "src", "test", "resources", "reference", "amp", "autocast.json")
    with open(out, "w") as f:
        json.dump({"generator": "tools/gen_amp_reference.py", "torch": torch.__version__, "cases": autocast_cases(),
                   "dtypes": autocast_dtypes(), "network": autocast_network()}, f, indent=1)
    print("wrote", os.path.normpath(out))


if __name__ == "__main__":
    main()
    write_autocast()
