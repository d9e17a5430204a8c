"""Exports torchvision's ResNet-18 (random weights, eval mode, dynamic batch, 224x224, opset 13) for
OnnxImportBenchmark, and times PyTorch's own inference on it for a third column.

    /usr/bin/python3 benchmarks/pytorch/resnet18_onnx.py benchmarks/target/resnet18.onnx [--threads 1,2]

Prints one JSON object per line: {"name": "resnet18.b<batch>", "threads": t, "value": ms, "unit": "ms"}.
"""
import argparse
import json

import torch
import torchvision

from openblas import set_threads
from workloads import median_time


def main():
    p = argparse.ArgumentParser()
    p.add_argument("out")
    p.add_argument("--threads", default="1,2")
    args = p.parse_args()
    torch.manual_seed(0)
    model = torchvision.models.resnet18().eval()
    example = torch.randn(1, 3, 224, 224)
    torch.onnx.export(model, (example,), args.out, opset_version=13, input_names=["input"], output_names=["logits"],
                      dynamic_axes={"input": {0: "batch"}, "logits": {0: "batch"}}, do_constant_folding=True)
    for t in [int(x) for x in args.threads.split(",")]:
        set_threads(t)
        for batch in (1, 8):
            x = torch.randn(batch, 3, 224, 224)
            with torch.no_grad():
                secs = median_time(lambda: model(x), 3, 9)
            print(json.dumps({"name": "resnet18.b%d" % batch, "threads": t, "value": secs * 1e3, "unit": "ms"}), flush=True)


if __name__ == "__main__":
    main()
