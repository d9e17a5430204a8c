#!/usr/bin/python3
"""Exports PyTorch models to ONNX as backend test cases, to check torch4j's ONNX importer on real
exporter output (Debian's libonnx-testdata ships the ONNX 'real' models only as download links).

    /usr/bin/python3 tools/gen_onnx_models.py [OUT_DIR]   (default onnx-io/target/onnx-models)
    ./torch4j onnx test OUT_DIR

Each case is OUT_DIR/<name>/model.onnx with test_data_set_0/input_K.pb and output_K.pb holding a
random input and PyTorch 1.13's output. Weights are random (torchvision's, untrained: nothing is
downloaded). Opset 11 is the oldest used for interpolation: before it, ONNX's Upsample does not
match PyTorch's (the exporter warns). One case keeps its weights in an external data file, as models over 2 GB must.
"""
import os
import sys

import numpy as np
import onnx
from onnx import numpy_helper
import torch
import torchvision


def save_case(out, name, model, inputs, opset, dynamic_axes=None, external=False):
    model.eval()
    folder = os.path.join(out, name)
    os.makedirs(os.path.join(folder, "test_data_set_0"), exist_ok=True)
    input_names = [f"input_{i}" for i in range(len(inputs))]
    with torch.no_grad():
        outputs = model(*inputs)
    if not isinstance(outputs, (tuple, list)):
        outputs = (outputs,)
    output_names = [f"output_{i}" for i in range(len(outputs))]
    path = os.path.join(folder, "model.onnx")
    torch.onnx.export(model, tuple(inputs), path, opset_version=opset, input_names=input_names,
                      output_names=output_names, dynamic_axes=dynamic_axes, do_constant_folding=True)
    if external:
        m = onnx.load(path)
        onnx.save_model(m, path, save_as_external_data=True, all_tensors_to_one_file=True,
                        location="weights.bin", size_threshold=1024)
    for kind, values in (("input", inputs), ("output", outputs)):
        for i, v in enumerate(values):
            t = numpy_helper.from_array(v.detach().numpy(), f"{kind}_{i}")
            with open(os.path.join(folder, "test_data_set_0", f"{kind}_{i}.pb"), "wb") as f:
                f.write(t.SerializeToString())
    print(name, "opset", opset, "->", folder)


class TinyTransformer(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.embed = torch.nn.Embedding(100, 32)
        layer = torch.nn.TransformerEncoderLayer(32, 4, 64, dropout=0.0, batch_first=True)
        self.encoder = torch.nn.TransformerEncoder(layer, 2)
        self.head = torch.nn.Linear(32, 5)

    def forward(self, ids):
        return self.head(self.encoder(self.embed(ids)).mean(1))


class Recurrent(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.lstm = torch.nn.LSTM(8, 16, num_layers=2, bidirectional=True, batch_first=True)
        self.gru = torch.nn.GRU(32, 8, batch_first=True)

    def forward(self, x):
        y, _ = self.lstm(x)
        z, h = self.gru(y)
        return z, h


class Upsampler(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = torch.nn.Conv2d(3, 4, 3, padding=1)
        self.deconv = torch.nn.ConvTranspose2d(4, 2, 4, stride=2, padding=1)

    def forward(self, x):
        y = torch.nn.functional.interpolate(self.conv(x), scale_factor=2, mode="bilinear", align_corners=False)
        z = torch.nn.functional.interpolate(y, size=(13, 17), mode="nearest")
        return self.deconv(z).sigmoid()


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "onnx-io/target/onnx-models"
    torch.manual_seed(0)
    image = torch.randn(2, 3, 64, 64)
    batch = {"input_0": {0: "batch"}, "output_0": {0: "batch"}}
    save_case(out, "resnet18", torchvision.models.resnet18(), [image], 13, batch)
    save_case(out, "resnet18_external_data", torchvision.models.resnet18(), [image], 17, batch, external=True)
    save_case(out, "mobilenet_v2", torchvision.models.mobilenet_v2(), [image], 13, batch)
    save_case(out, "squeezenet1_1", torchvision.models.squeezenet1_1(), [image], 11)
    save_case(out, "shufflenet_v2", torchvision.models.shufflenet_v2_x0_5(), [image], 11)
    save_case(out, "densenet121", torchvision.models.densenet121(), [image[:1]], 9)
    save_case(out, "googlenet", torchvision.models.googlenet(aux_logits=False, init_weights=True), [image[:1]], 13)
    save_case(out, "efficientnet_b0", torchvision.models.efficientnet_b0(), [image[:1]], 13)
    save_case(out, "transformer_encoder", TinyTransformer(), [torch.randint(0, 100, (3, 7))], 14,
              {"input_0": {0: "batch", 1: "seq"}, "output_0": {0: "batch"}})
    save_case(out, "lstm_gru", Recurrent(), [torch.randn(3, 5, 8)], 14)
    save_case(out, "upsample_deconv", Upsampler(), [torch.randn(1, 3, 10, 12)], 11)


if __name__ == "__main__":
    main()
