"""The QuantizedInferenceBenchmark workloads in PyTorch 1.13: Linear(1024, 1024) on 1 and 64 rows (float32,
static quantized, dynamic quantized) and Conv2d(64, 64, 3, padding=1) on 1x64x56x56 (float32, static quantized),
each quantized op under both engines of Debian's build (qnnpack, onednn), with the same inputs and quantization
parameters as the Java benchmark's (not the same random values: only the timing is compared).

Run with Debian's PyTorch:  OMP_WAIT_POLICY=PASSIVE /usr/bin/python3 benchmarks/pytorch/quantized.py --threads 1,2
Prints one line per workload, engine and thread count: the median time in microseconds. Then, once, whether the
two engines' int8 results agree bit for bit, and with torch4j's arithmetic (QNNPACK's) written out in torch ops.
With --cpu: one thread, each call timed with the process's CPU clock (time.process_time), the counterpart of
QuantizedCpuTime (on a shared machine, wall-clock times measure the neighbours as much as the code).
"""
import argparse
import statistics
import time

import torch
import torch.ao.nn.quantized as nnq
import torch.ao.nn.quantized.dynamic as nnqd
import torch.nn.functional as F

from openblas import set_threads


CLOCK = time.perf_counter


def median_us(fn, seconds=2.0):
    for _ in range(20):
        fn()
    times = []
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        t0 = CLOCK()
        fn()
        times.append(CLOCK() - t0)
    return statistics.median(times) * 1e6


def inputs():
    torch.manual_seed(0)
    w = torch.randn(1024, 1024) * 0.03
    b = torch.randn(1024) * 0.1
    cw = torch.randn(64, 64, 3, 3) * 0.04
    cb = torch.randn(64) * 0.1
    img = torch.randn(1, 64, 56, 56)
    return w, b, cw, cb, img


def modules(engine, w, b, cw, cb):
    """The quantized layers, their weights packed by `engine` (packing follows the engine in force)."""
    torch.backends.quantized.engine = engine
    wq = torch.quantize_per_tensor(w, 0.15 / 127, 0, torch.qint8)
    lin = nnq.Linear(1024, 1024)
    lin.set_weight_bias(wq, b)
    lin.scale, lin.zero_point = 4.0 / 255, 128
    dyn = nnqd.Linear(1024, 1024)
    dyn.set_weight_bias(wq, b)
    conv = nnq.Conv2d(64, 64, 3, padding=1)
    conv.set_weight_bias(torch.quantize_per_tensor(cw, 0.16 / 127, 0, torch.qint8), cb)
    conv.scale, conv.zero_point = 8.0 / 255, 128
    return lin, dyn, conv


def qnnpack_arithmetic(xq, wq, b, scale, zero_point):
    """torch4j's quantized::linear arithmetic (QNNPACK's, see QuantizedKernels): int32 sums plus the int32 bias,
    times the float32 multiplier (w_scale * x_scale) * (1 / y_scale), rounded half to even, plus the zero point."""
    acc = (xq.int_repr().long() - xq.q_zero_point()) @ (wq.int_repr().long() - wq.q_zero_point()).T
    bias = torch.quantize_per_tensor(b, wq.q_scale() * xq.q_scale(), 0, torch.qint32).int_repr().long()
    m = (torch.tensor(wq.q_scale(), dtype=torch.float32) * torch.tensor(xq.q_scale(), dtype=torch.float32)) * (
        torch.tensor(1.0, dtype=torch.float32) / torch.tensor(scale, dtype=torch.float32))
    return (torch.round((acc + bias).float() * m) + zero_point).clamp(0, 255).to(torch.uint8)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--threads", default="1,2")
    p.add_argument("--seconds", type=float, default=2.0)
    p.add_argument("--cpu", action="store_true", help="one thread, CPU time per call")
    args = p.parse_args()
    if args.cpu:
        global CLOCK
        CLOCK = time.process_time
        args.threads = "1"
    w, b, cw, cb, img = inputs()
    imgq = torch.quantize_per_tensor(img, 8.0 / 255, 128, torch.quint8)
    results = {}
    with torch.no_grad():
        for t in (int(s) for s in args.threads.split(",")):
            set_threads(t)
            for rows in (1, 64):
                x = torch.randn(rows, 1024)
                xq = torch.quantize_per_tensor(x, 8.0 / 255, 128, torch.quint8)
                print(f"threads={t} linear rows={rows} float32: {median_us(lambda: F.linear(x, w, b), args.seconds):.1f} us", flush=True)
                for engine in ("qnnpack", "onednn"):
                    lin, dyn, _ = modules(engine, w, b, cw, cb)
                    print(f"threads={t} linear rows={rows} static {engine}: {median_us(lambda: lin(xq), args.seconds):.1f} us", flush=True)
                    print(f"threads={t} linear rows={rows} dynamic {engine}: {median_us(lambda: dyn(x), args.seconds):.1f} us", flush=True)
                    results[("linear", rows, engine)] = lin(xq).int_repr()
                    results[("linear", rows, "torch4j")] = qnnpack_arithmetic(xq, lin.weight(), b, lin.scale, lin.zero_point)
                    results[("dynamic", rows, engine)] = dyn(x)
            print(f"threads={t} conv float32: {median_us(lambda: F.conv2d(img, cw, cb, padding=1), args.seconds):.1f} us", flush=True)
            for engine in ("qnnpack", "onednn"):
                _, _, conv = modules(engine, w, b, cw, cb)
                print(f"threads={t} conv static {engine}: {median_us(lambda: conv(imgq), args.seconds):.1f} us", flush=True)
                results[("conv", 0, engine)] = conv(imgq).int_repr()
    for key in sorted({k[:2] for k in results}):
        a, o = results[key + ("qnnpack",)], results[key + ("onednn",)]
        if a.dtype == torch.uint8:
            diff = (a.int() - o.int()).abs()
            print(f"{key[0]} rows={key[1]}: qnnpack vs onednn int8 outputs: {int((diff > 0).sum())} of {diff.numel()} differ "
                  f"(max {int(diff.max())})")
            if key + ("torch4j",) in results:
                t = results[key + ("torch4j",)].int()
                print(f"{key[0]} rows={key[1]}: torch4j's arithmetic differs from qnnpack in {int((t != a.int()).sum())}, "
                      f"from onednn in {int((t != o.int()).sum())} of {t.numel()} outputs")
        else:
            print(f"{key[0]} rows={key[1]}: qnnpack vs onednn float outputs: max abs difference {float((a - o).abs().max()):.3g}")


if __name__ == "__main__":
    main()
