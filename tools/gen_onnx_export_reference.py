#!/usr/bin/python3
"""PyTorch 1.13 reference outputs for the ONNX export tests (onnx-io ExportModelsTest).

Builds LeNet-5, an LSTM classifier, a Transformer-encoder classifier and a ResNet-18-shaped network
exactly as onnx-io/src/test/java/org/torch4j/onnx/export/TestModels.java does, each after
torch.manual_seed(0) (torch4j's seeded initialisation is PyTorch's), moves the BatchNorm running
statistics with one training-mode pass on a stored input, and records eval-mode outputs for stored
inputs at batch 2 and batch 5. Run with Debian's PyTorch:

    /usr/bin/python3 tools/gen_onnx_export_reference.py

Writes onnx-io/src/test/resources/reference/export/models.json.
"""
import json
import os

import torch
import torch.nn as nn
import torch.nn.functional as F


class LeNet5(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 6, 5, padding=2)
        self.conv2 = nn.Conv2d(6, 16, 5)
        self.fc1 = nn.Linear(16 * 5 * 5, 120)
        self.fc2 = nn.Linear(120, 84)
        self.fc3 = nn.Linear(84, 10)

    def forward(self, x):
        h = F.max_pool2d(F.relu(self.conv1(x)), 2)
        h = F.max_pool2d(F.relu(self.conv2(h)), 2)
        h = h.flatten(1)
        h = F.relu(self.fc1(h))
        h = F.relu(self.fc2(h))
        return self.fc3(h)


class LstmClassifier(nn.Module):
    def __init__(self):
        super().__init__()
        self.emb = nn.Embedding(50, 16)
        self.lstm = nn.LSTM(16, 32, 2, batch_first=True)
        self.fc = nn.Linear(32, 5)

    def forward(self, tokens):
        out, _ = self.lstm(self.emb(tokens))
        return self.fc(out[:, -1])


class TransformerClassifier(nn.Module):
    def __init__(self):
        super().__init__()
        self.emb = nn.Embedding(50, 16)
        self.pos = nn.Parameter(torch.randn(12, 16) * 0.1)
        self.encoder = nn.TransformerEncoder(nn.TransformerEncoderLayer(16, 4, 32, 0.1, 'relu', 1e-5, True, False), 2,
                                             enable_nested_tensor=False)
        self.fc = nn.Linear(16, 3)

    def forward(self, tokens):
        t = tokens.size(1)
        h = self.emb(tokens) + self.pos[:t]
        h = self.encoder(h)
        return self.fc(h.mean(1))


def conv(i, o, k, s, p):
    return nn.Conv2d(i, o, k, stride=s, padding=p, bias=False)


class BasicBlock(nn.Module):
    def __init__(self, i, o, s):
        super().__init__()
        self.conv1 = conv(i, o, 3, s, 1)
        self.bn1 = nn.BatchNorm2d(o)
        self.conv2 = conv(o, o, 3, 1, 1)
        self.bn2 = nn.BatchNorm2d(o)
        self.downsample = nn.Sequential(conv(i, o, 1, s, 0), nn.BatchNorm2d(o)) if s != 1 or i != o else None

    def forward(self, x):
        identity = x if self.downsample is None else self.downsample(x)
        h = F.relu(self.bn1(self.conv1(x)))
        h = self.bn2(self.conv2(h))
        return F.relu(h + identity)


class ResNet18Shaped(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = conv(3, 8, 7, 2, 3)
        self.bn1 = nn.BatchNorm2d(8)
        self.layer1 = nn.Sequential(BasicBlock(8, 8, 1), BasicBlock(8, 8, 1))
        self.layer2 = nn.Sequential(BasicBlock(8, 16, 2), BasicBlock(16, 16, 1))
        self.layer3 = nn.Sequential(BasicBlock(16, 32, 2), BasicBlock(32, 32, 1))
        self.layer4 = nn.Sequential(BasicBlock(32, 64, 2), BasicBlock(64, 64, 1))
        self.fc = nn.Linear(64, 10)

    def forward(self, x):
        h = F.max_pool2d(F.relu(self.bn1(self.conv1(x))), 3, 2, 1)
        h = self.layer4(self.layer3(self.layer2(self.layer1(h))))
        return self.fc(F.adaptive_avg_pool2d(h, 1).flatten(1))


def flat(t):
    # 9 significant digits round-trip float32 exactly
    return [float('%.9g' % v) for v in t.detach().reshape(-1).tolist()]


def case(name, build, make_input):
    torch.manual_seed(0)
    model = build()
    g = torch.Generator().manual_seed(1234)
    warm = make_input(4, g)
    model.train()
    with torch.no_grad():
        model(warm)  # moves BatchNorm running statistics (a no-op for models without BatchNorm)
    model.eval()
    out = {'warm': {'shape': list(warm.shape), 'values': flat(warm)}}
    for b in (2, 5):
        x = make_input(b, g)
        with torch.no_grad():
            y = model(x)
        out['batch%d' % b] = {'input_shape': list(x.shape), 'input': flat(x), 'output_shape': list(y.shape), 'output': flat(y)}
    return name, out


def main():
    cases = dict([
        case('lenet5', LeNet5, lambda b, g: torch.randn(b, 1, 28, 28, generator=g)),
        case('lstm_classifier', LstmClassifier, lambda b, g: torch.randint(0, 50, (b, 7), generator=g)),
        case('transformer_classifier', TransformerClassifier, lambda b, g: torch.randint(0, 50, (b, 9), generator=g)),
        case('resnet18_shaped', ResNet18Shaped, lambda b, g: torch.randn(b, 3, 16, 16, generator=g)),
    ])
    path = os.path.join(os.path.dirname(__file__), '..', 'onnx-io', 'src', 'test', 'resources', 'reference', 'export', 'models.json')
    with open(path, 'w') as f:
        json.dump({'torch': torch.__version__, 'cases': cases}, f)
    print('wrote', os.path.normpath(path))


if __name__ == '__main__':
    main()
