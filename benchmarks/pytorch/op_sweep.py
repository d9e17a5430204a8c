"""OpSweep's workloads in PyTorch 1.13: common single ops at moderate sizes, float32, forward under no_grad and forward
plus backward for the training ones. Each figure is the median of 15 rounds of 10 calls after 100 warm-up calls,
microseconds per call; gradients accumulate across calls, as on torch4j's side.

Run with Debian's PyTorch:  OMP_WAIT_POLICY=PASSIVE /usr/bin/python3 benchmarks/pytorch/op_sweep.py --threads 1
"""
import argparse

import torch
import torch.nn.functional as F

from workloads import emit, median_round_us


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--threads", default="1")
    args = p.parse_args()
    for t in args.threads.split(","):
        torch.set_num_threads(int(t))
        torch.manual_seed(0)
        x = torch.randn(2048, 1024); y = torch.randn(2048, 1024); w = torch.randn(1024); b = torch.randn(1024)
        logits = torch.randn(512, 1000); target = torch.randint(0, 1000, (512,))
        table = torch.randn(30000, 256); idx = torch.randint(0, 30000, (4096,))
        img = torch.randn(8, 64, 56, 56); v = torch.randn(1 << 20)

        def run(name, f):
            emit("ops." + name, int(t), round(median_round_us(f, 100, 15, 10), 1), "us")

        with torch.no_grad():
            run("layer_norm", lambda: F.layer_norm(x, (1024,), w, b, 1e-5))
            run("gelu", lambda: F.gelu(x))
            run("tanh", lambda: x.tanh())
            run("softplus", lambda: F.softplus(x))
            run("hardswish", lambda: F.hardswish(x))
            run("floor", lambda: x.floor())
            run("cross_entropy", lambda: F.cross_entropy(logits, target))
            run("embedding", lambda: F.embedding(idx, table))
            run("index_select", lambda: table.index_select(0, idx))
            run("cumsum", lambda: x.cumsum(1))
            run("sort", lambda: logits.sort(1))
            run("topk", lambda: logits.topk(5, 1))
            run("argmax", lambda: x.argmax(1))
            run("max_dim0", lambda: x.max(0))
            run("var", lambda: x.var(1))
            run("where", lambda: torch.where(x > 0, x, y))
            run("cat", lambda: torch.cat([x, y], 1))
            run("t_contiguous", lambda: x.t().contiguous())
            run("max_pool", lambda: F.max_pool2d(img, 3, 2, 1))
            run("global_avg_pool", lambda: F.adaptive_avg_pool2d(img, 1))
            run("softmax_dim0", lambda: F.softmax(x, 0))
            run("sum", lambda: v.sum())
            run("mul_scalar", lambda: x.mul(2.5))
            run("to_bfloat16", lambda: x.to(torch.bfloat16))
            run("to_int64", lambda: x.to(torch.int64))
            run("tril", lambda: x.tril())
            run("logical_not", lambda: x.gt(0).logical_not())
            run("pad", lambda: F.pad(img, (1, 1, 1, 1)))
            run("upsample_bilinear", lambda: F.interpolate(img, scale_factor=2.0, mode="bilinear"))
            # sampling (model initialisation draws these for every weight) and erf, erfinv behind it
            buffer = torch.empty(1 << 20); v64 = v.double(); u = torch.rand(1 << 20) * 2 - 1
            run("rand", lambda: torch.rand(1 << 20))
            run("randn", lambda: torch.randn(1 << 20))
            run("trunc_normal", lambda: torch.nn.init.trunc_normal_(buffer, 0, 0.02, -2, 2))
            run("erf_float64", lambda: v64.erf())
            run("erfinv", lambda: u.erfinv())
        xg = x.clone().requires_grad_(); wg = w.clone().requires_grad_(); bg = b.clone().requires_grad_()
        lg = logits.clone().requires_grad_(); tg = table.clone().requires_grad_()
        run("layer_norm.train", lambda: F.layer_norm(xg, (1024,), wg, bg, 1e-5).backward(y))
        run("gelu.train", lambda: F.gelu(xg).backward(y))
        run("softmax.train", lambda: F.softmax(xg, -1).backward(y))
        run("mse_loss.train", lambda: F.mse_loss(xg, y).backward())
        run("cross_entropy.train", lambda: F.cross_entropy(lg, target).backward())
        run("embedding.train", lambda: F.embedding(idx, tg).sum().backward())


if __name__ == "__main__":
    main()
