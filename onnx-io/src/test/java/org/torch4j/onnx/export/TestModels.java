package org.torch4j.onnx.export;

import org.torch4j.Tensor;
import org.torch4j.nn.*;
import org.torch4j.nn.Module;

/**
 * Whole models for the export tests, built as tools/gen_onnx_export_reference.py builds them in
 * PyTorch (same module order, so the same seeded initialisation).
 */
final class TestModels {
    private TestModels() {}

    /** LeNet-5 as org.torch4j.vision.models.LeNet5 (onnx-io does not depend on vision). */
    static final class LeNet5 extends Module {
        final Conv2d conv1, conv2;
        final Linear fc1, fc2, fc3;

        LeNet5() {
            conv1 = registerModule("conv1", new Conv2d(1, 6, new long[] {5}, new long[] {1}, new long[] {2}, new long[] {1}, 1, true, "zeros"));
            conv2 = registerModule("conv2", new Conv2d(6, 16, 5));
            fc1 = registerModule("fc1", new Linear(16 * 5 * 5, 120));
            fc2 = registerModule("fc2", new Linear(120, 84));
            fc3 = registerModule("fc3", new Linear(84, 10));
        }

        @Override
        public Tensor forward(Tensor x) {
            Tensor h = F.maxPool2d(conv1.call(x).relu(), 2);
            h = F.maxPool2d(conv2.call(h).relu(), 2);
            h = h.flatten(1, -1);
            h = fc1.call(h).relu();
            h = fc2.call(h).relu();
            return fc3.call(h);
        }
    }

    /** Embedding, a 2-layer batch-first LSTM, the last step's output, a linear classifier. */
    static final class LstmClassifier extends Module {
        final Embedding emb;
        final LSTM lstm;
        final Linear fc;

        LstmClassifier() {
            emb = registerModule("emb", new Embedding(50, 16));
            lstm = registerModule("lstm", new LSTM(16, 32, 2, true, true, 0, false));
            fc = registerModule("fc", new Linear(32, 5));
        }

        @Override
        public Tensor forward(Tensor tokens) {
            Tensor out = lstm.forward(emb.call(tokens), null).output();
            return fc.call(out.select(1, -1));
        }
    }

    /** Token embedding plus a learned position table, a 2-layer Transformer encoder, mean pooling, a classifier. */
    static final class TransformerClassifier extends Module {
        final Embedding emb;
        final Parameter pos;
        final TransformerEncoder encoder;
        final Linear fc;

        TransformerClassifier() {
            emb = registerModule("emb", new Embedding(50, 16));
            pos = registerParameter("pos", new Parameter(org.torch4j.Torch.randn(12, 16).mul(0.1)));
            encoder = registerModule("encoder", new TransformerEncoder(
                    new TransformerEncoderLayer(16, 4, 32, 0.1, "relu", 1e-5, true, false), 2, null));
            fc = registerModule("fc", new Linear(16, 3));
        }

        @Override
        public Tensor forward(Tensor tokens) {
            long t = tokens.size(1);
            Tensor h = emb.call(tokens).add(pos.narrow(0, 0, t));
            h = encoder.call(h);
            return fc.call(h.mean(new int[] {1}, false));
        }
    }

    /** torchvision's BasicBlock: conv3x3-bn-relu-conv3x3-bn, plus the (projected) input, relu. */
    static final class BasicBlock extends Module {
        final Conv2d conv1, conv2;
        final BatchNorm2d bn1, bn2;
        final Sequential downsample;

        BasicBlock(long in, long out, long stride) {
            conv1 = registerModule("conv1", conv(in, out, 3, stride, 1));
            bn1 = registerModule("bn1", new BatchNorm2d(out));
            conv2 = registerModule("conv2", conv(out, out, 3, 1, 1));
            bn2 = registerModule("bn2", new BatchNorm2d(out));
            downsample = stride != 1 || in != out
                    ? registerModule("downsample", Sequential.of(conv(in, out, 1, stride, 0), new BatchNorm2d(out))) : null;
        }

        @Override
        public Tensor forward(Tensor x) {
            Tensor identity = downsample == null ? x : downsample.call(x);
            Tensor h = bn1.call(conv1.call(x)).relu();
            h = bn2.call(conv2.call(h));
            return h.add(identity).relu();
        }
    }

    static Conv2d conv(long in, long out, long k, long stride, long pad) {
        return new Conv2d(in, out, new long[] {k}, new long[] {stride}, new long[] {pad}, new long[] {1}, 1, false, "zeros");
    }

    /** ResNet-18's shape (stem, 4 stages of 2 BasicBlocks, global average pool, fc) at widths 8..64. */
    static final class ResNet18Shaped extends Module {
        final Conv2d conv1;
        final BatchNorm2d bn1;
        final Sequential layer1, layer2, layer3, layer4;
        final Linear fc;

        ResNet18Shaped() {
            conv1 = registerModule("conv1", conv(3, 8, 7, 2, 3));
            bn1 = registerModule("bn1", new BatchNorm2d(8));
            layer1 = registerModule("layer1", Sequential.of(new BasicBlock(8, 8, 1), new BasicBlock(8, 8, 1)));
            layer2 = registerModule("layer2", Sequential.of(new BasicBlock(8, 16, 2), new BasicBlock(16, 16, 1)));
            layer3 = registerModule("layer3", Sequential.of(new BasicBlock(16, 32, 2), new BasicBlock(32, 32, 1)));
            layer4 = registerModule("layer4", Sequential.of(new BasicBlock(32, 64, 2), new BasicBlock(64, 64, 1)));
            fc = registerModule("fc", new Linear(64, 10));
        }

        @Override
        public Tensor forward(Tensor x) {
            Tensor h = F.maxPool2d(bn1.call(conv1.call(x)).relu(), new long[] {3}, new long[] {2}, new long[] {1}, new long[] {1}, false);
            h = layer4.call(layer3.call(layer2.call(layer1.call(h))));
            h = F.adaptiveAvgPool2d(h, 1, 1).flatten(1, -1);
            return fc.call(h);
        }
    }
}
