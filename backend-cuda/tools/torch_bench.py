#!/usr/bin/env python3
"""PyTorch's side of gpu-check: the same benchmarks as GpuBenchmarks.java on the same GPU.

Prints one "BENCH|name|ms|TFLOP/s" line per result (or BENCH-SKIPPED|reason). Needs only torch;
ResNet-18 is written out here, layer for layer as torchvision builds it, so torchvision is optional.
"""
import math
import sys
import time

try:
    import torch
    import torch.nn as nn
    import torch.nn.functional as F
except Exception as e:  # noqa: BLE001 - any import failure means "no PyTorch here"
    print(f"BENCH-SKIPPED|PyTorch not importable: {e}")
    sys.exit(0)


def report(name, ms, flops):
    tflops = f"{flops / ms / 1e9:.1f}" if flops else "-"
    print(f"BENCH|{name}|{ms:.3f}|{tflops}", flush=True)


def timed(name, op, flops):
    """The mean time of op over 20 runs after 3 warm-up runs, the GPU drained before and after (as GpuBenchmarks.time)."""
    for _ in range(3):
        op()
    torch.cuda.synchronize()
    iters = 20
    t0 = time.perf_counter()
    for _ in range(iters):
        op()
    torch.cuda.synchronize()
    report(name, (time.perf_counter() - t0) * 1e3 / iters, flops)


def host(name, launches, queue_ms):
    """A BENCH-HOST line: the kernels of one timed unit and the host's time to queue it (as GpuBenchmarks.host)."""
    count = "-" if launches is None else f"{launches:.1f}"
    print(f"BENCH-HOST|{name}|launches={count}|host_ms={queue_ms:.3f}", flush=True)


def kernels(op):
    """How many kernels op queues, by PyTorch's profiler (None where the profiler cannot count them)."""
    try:
        from torch.profiler import ProfilerActivity, profile
        with profile(activities=[ProfilerActivity.CUDA]) as prof:
            op()
            torch.cuda.synchronize()
        return sum(1 for e in prof.events() if e.device_type == torch.autograd.DeviceType.CUDA
                   and not e.name.startswith(("Memcpy", "Memset")))
    except Exception:  # noqa: BLE001 - a missing CUPTI only loses the count
        return None


def eager(name, ops):
    """In-place adds of a scalar to a one-element tensor: the host's share of eager execution (as GpuBenchmarks.eager)."""
    x = torch.zeros(1, device="cuda")
    for _ in range(100):
        x.add_(1.0)
    torch.cuda.synchronize()
    t0 = time.perf_counter()
    for _ in range(ops):
        x.add_(1.0)
    queued = time.perf_counter()
    torch.cuda.synchronize()
    report(name, (time.perf_counter() - t0) * 1e3 * 10000 / ops, 0)
    host(name, kernels(lambda: x.add_(1.0)), (queued - t0) * 1e3 * 10000 / ops)


def gemm(name, n, dtype, tf32):
    torch.backends.cuda.matmul.allow_tf32 = tf32
    a = torch.randn(n, n, device="cuda").to(dtype)
    b = torch.randn(n, n, device="cuda").to(dtype)
    timed(name, lambda: a @ b, 2.0 * n ** 3)
    torch.backends.cuda.matmul.allow_tf32 = False


def batch_norm(name, batch, size, dtype):
    """A training batch norm over [batch, 64, size, size], forward and backward; parameters float32."""
    x = torch.randn(batch, 64, size, size, device="cuda").to(dtype).requires_grad_()
    g = torch.randn(batch, 64, size, size, device="cuda").to(dtype)
    w = torch.ones(64, device="cuda", requires_grad=True)
    b = torch.zeros(64, device="cuda", requires_grad=True)
    timed(name, lambda: torch.autograd.grad(F.batch_norm(x, None, None, w, b, True, 0.1, 1e-5), (x, w, b), g), 0)


def layer_norm(name, rows, cols):
    """A layer norm over the last dim of [rows, cols] bfloat16 with bfloat16 parameters, forward and backward."""
    x = torch.randn(rows, cols, device="cuda").bfloat16().requires_grad_()
    g = torch.randn(rows, cols, device="cuda").bfloat16()
    w = torch.ones(cols, device="cuda", dtype=torch.bfloat16, requires_grad=True)
    b = torch.zeros(cols, device="cuda", dtype=torch.bfloat16, requires_grad=True)
    timed(name, lambda: torch.autograd.grad(F.layer_norm(x, (cols,), w, b, 1e-5), (x, w, b), g), 0)


def fft(name, batch, n, dtype, real):
    """Batched 1-d FFTs along the last dim; flops counted as 5 n log2 n per complex line (2.5 for real ones)."""
    x = torch.randn(batch, n, dtype=dtype, device="cuda")
    if not real:
        x = torch.complex(x, torch.randn(batch, n, dtype=dtype, device="cuda"))
    transform = torch.fft.rfft if real else torch.fft.fft
    timed(name, lambda: transform(x), (2.5 if real else 5.0) * batch * n * math.log2(n))


class BasicBlock(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.body = nn.Sequential(
            nn.Conv2d(cin, cout, 3, stride, 1, bias=False), nn.BatchNorm2d(cout), nn.ReLU(),
            nn.Conv2d(cout, cout, 3, 1, 1, bias=False), nn.BatchNorm2d(cout))
        self.downsample = (nn.Sequential(nn.Conv2d(cin, cout, 1, stride, 0, bias=False), nn.BatchNorm2d(cout))
                           if stride != 1 or cin != cout else None)

    def forward(self, x):
        s = x if self.downsample is None else self.downsample(x)
        return F.relu(self.body(x) + s)


def resnet18():
    return nn.Sequential(
        nn.Conv2d(3, 64, 7, 2, 3, bias=False), nn.BatchNorm2d(64), nn.ReLU(), nn.MaxPool2d(3, 2, 1),
        BasicBlock(64, 64, 1), BasicBlock(64, 64, 1), BasicBlock(64, 128, 2), BasicBlock(128, 128, 1),
        BasicBlock(128, 256, 2), BasicBlock(256, 256, 1), BasicBlock(256, 512, 2), BasicBlock(512, 512, 1),
        nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(512, 1000))


def attention(name, heads, length, backward):
    """Scaled dot-product attention over [heads, length, 64] bfloat16, forward alone or with the backward (as GpuBenchmarks)."""
    q, k, v = (torch.randn(heads, length, 64, device="cuda").bfloat16().requires_grad_(backward) for _ in range(3))
    g = torch.randn(heads, length, 64, device="cuda").bfloat16()

    def op():
        out = F.scaled_dot_product_attention(q, k, v)
        if backward:
            torch.autograd.grad(out, (q, k, v), g)

    timed(name, op, 4.0 * heads * length * length * 64 * (2.5 if backward else 1))


def train_step(name, model, batch, size, amp=None):
    """SGD training steps of model, the forward and loss under torch.autocast("cuda", amp) unless amp is None."""
    model = model.cuda()
    opt = torch.optim.SGD(model.parameters(), lr=0.01)
    torch.manual_seed(0)
    x = torch.randn(batch, 3, size, size, device="cuda")
    y = torch.randint(0, 1000, (batch,), device="cuda")
    warmup, iters = 2, 5

    def step():
        with torch.autocast("cuda", dtype=amp or torch.bfloat16, enabled=amp is not None):
            loss = F.cross_entropy(model(x), y)
        opt.zero_grad()
        loss.backward()
        opt.step()

    for i in range(warmup + iters):
        if i == warmup:
            torch.cuda.synchronize()
            t0 = time.perf_counter()
        step()
    queued = time.perf_counter()
    torch.cuda.synchronize()
    report(name, (time.perf_counter() - t0) * 1e3 / iters, 0)
    host(name, kernels(step), (queued - t0) * 1e3 / iters)


def main():
    if not torch.cuda.is_available():
        print("BENCH-SKIPPED|torch.cuda.is_available() is False")
        return
    print(f"BENCH-INFO|torch {torch.__version__}, CUDA {torch.version.cuda}, {torch.cuda.get_device_name(0)}", flush=True)
    print(f"BENCH-INFO|torch: cudnn.allow_tf32={torch.backends.cudnn.allow_tf32}, "
          f"cuda.matmul.allow_tf32={torch.backends.cuda.matmul.allow_tf32}", flush=True)
    which = set(sys.argv[1:]) or {"eager", "gemm", "resnet18", "fft", "norms", "attention"}
    if "eager" in which:
        eager("eager_add_x10000", 10000)
    if "gemm" in which:
        gemm("gemm_fp32_4096", 4096, torch.float32, False)
        gemm("gemm_fp32_4096_tf32", 4096, torch.float32, True)
        gemm("gemm_bf16_8192", 8192, torch.bfloat16, False)
    if "resnet18" in which:
        train_step("resnet18_train_b64", resnet18(), 64, 224)
        train_step("resnet18_train_b64_amp_bf16", resnet18(), 64, 224, torch.bfloat16)
    if "fft" in which:
        fft("fft_c2c_fp32_1024x4096", 1024, 4096, torch.float32, False)
        fft("rfft_fp32_1024x16384", 1024, 16384, torch.float32, True)
        fft("fft_c2c_fp64_256x1009", 256, 1009, torch.float64, False)
    if "norms" in which:
        batch_norm("batchnorm_train_fp32_64x64x112x112", 64, 112, torch.float32)
        batch_norm("batchnorm_train_bf16_mixed_64x64x112x112", 64, 112, torch.bfloat16)
        layer_norm("layernorm_train_bf16_8192x1024", 8192, 1024)
    if "attention" in which:
        attention("attention_fwd_bf16_64x1024x64", 64, 1024, False)
        attention("attention_train_bf16_64x1024x64", 64, 1024, True)


if __name__ == "__main__":
    main()
