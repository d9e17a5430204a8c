"""The QuantizedInferenceBenchmark workloads in PyTorch 1.13: Linear(1024, 1024) on 1 and 64 rows (float32,
static quantized, dynamic quantized) and Conv2d(64, 64, 3, padding=1) on 1x64x56x56 (float32, static quantized),
each quantized op under both engines of Debian's build (qnnpack, onednn), with the same inputs and quantization
parameters as the Java benchmark's (not the same random values: only the timing is compared).

Run with Debian's PyTorch:  OMP_WAIT_POLICY=PASSIVE /usr/bin/python3 benchmarks/pytorch/quantized.py --threads 1,2
Prints one line per workload, engine and thread count: the median time in microseconds. Then, once, whether the
two engines' int8 results agree bit for bit (torch4j's numerics follow qnnpack's).
"""
import argparse
import statistics
import time

import torch
import torch.ao.nn.quantized as nnq
import torch.ao.nn.quantized.dynamic as nnqd
import torch.nn.functional as F

from openblas import openblas


def median_us(fn, seconds=2.0):
    for _ in range(20):
        fn()
    times = []
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
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


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--threads", default="1,2")
    p.add_argument("--seconds", type=float, default=2.0)
    args = p.parse_args()
    blas = openblas()
    w, b, cw, cb, img = inputs()
    imgq = torch.quantize_per_tensor(img, 8.0 / 255, 128, torch.quint8)
    results = {}
    with torch.no_grad():
        for t in (int(s) for s in args.threads.split(",")):
            torch.set_num_threads(t)
            if blas:
                blas.openblas_set_num_threads(t)
            for rows in (1, 64):
                x = torch.randn(rows, 1024)
                xq = torch.quantize_per_tensor(x, 8.0 / 255, 128, torch.quint8)
                print(f"threads={t} linear rows={rows} float32: {median_us(lambda: F.linear(x, w, b), args.seconds):.1f} us", flush=True)
                for engine in ("qnnpack", "onednn"):
                    lin, dyn, _ = modules(engine, w, b, cw, cb)
                    print(f"threads={t} linear rows={rows} static {engine}: {median_us(lambda: lin(xq), args.seconds):.1f} us", flush=True)
                    print(f"threads={t} linear rows={rows} dynamic {engine}: {median_us(lambda: dyn(x), args.seconds):.1f} us", flush=True)
                    results[("linear", rows, engine)] = lin(xq).int_repr()
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
        else:
            print(f"{key[0]} rows={key[1]}: qnnpack vs onednn float outputs: max abs difference {float((a - o).abs().max()):.3g}")


if __name__ == "__main__":
    main()
