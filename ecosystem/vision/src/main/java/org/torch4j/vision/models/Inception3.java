package org.torch4j.vision.models;

import java.util.List;
import java.util.Map;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.AdaptiveAvgPool2d;
import org.torch4j.nn.BatchNorm2d;
import org.torch4j.nn.Conv2d;
import org.torch4j.nn.Dropout;
import org.torch4j.nn.F;
import org.torch4j.nn.Init;
import org.torch4j.nn.Linear;
import org.torch4j.nn.MaxPool2d;
import org.torch4j.nn.Module;

/**
 * Inception v3 ({@code torchvision.models.Inception3}, Szegedy et al. 2015): a convolutional stem with two
 * max pools, {@code Mixed_5b} to {@code Mixed_7c} ({@link InceptionA} to {@link InceptionE}), global
 * average pooling, dropout and {@code fc}. With {@code auxLogits} an {@link InceptionAux} classifier
 * ({@code AuxLogits}) reads {@code Mixed_6e}'s output; as in torchvision it runs only in training, where
 * {@link #forwardWithAux} returns both logits ({@link #forward} returns the main ones). Initialised as
 * torchvision's {@code init_weights=True}: every conv and linear weight from a normal truncated to
 * [-2, 2] of std 0.1 (0.001 for {@code AuxLogits.fc}; torchvision's 0.01 for {@code AuxLogits.conv1} never
 * reaches its conv, see the constructor), batch norms
 * 1 and 0, in module order; the linear biases keep their default draws. The smallest input is 75x75
 * (299x299 in training with the auxiliary classifier, whose 5x5 pool and conv need 17x17 features).
 */
public class Inception3 extends Module {
    private final boolean transformInput;
    private final Module maxpool1, maxpool2, avgpool;
    private final Module stem1a, stem2a, stem2b, stem3b, stem4a, mixed5b, mixed5c, mixed5d, mixed6a, mixed6b, mixed6c, mixed6d, mixed6e,
            mixed7a, mixed7b, mixed7c, dropout;
    /** The auxiliary classifier, or null without {@code auxLogits}. */
    public final InceptionAux auxLogits;
    /** The linear classifier. */
    public final Linear fc;

    /**
     * The logits of {@link #forwardWithAux} (torchvision's {@code InceptionOutputs}).
     *
     * @param logits the main classifier's [N, numClasses]
     * @param auxLogits the auxiliary classifier's [N, numClasses], or null outside training or without one
     */
    public record Outputs(Tensor logits, Tensor auxLogits) {}

    /** {@code inception_v3(num_classes=numClasses)}: with the auxiliary classifier, dropout 0.5; 27.2M parameters at 1000 classes. */
    public static Inception3 inceptionV3(int numClasses) {
        return new Inception3(numClasses, true, false, 0.5);
    }

    /**
     * An Inception v3.
     *
     * @param numClasses both classifiers' outputs
     * @param auxLogits whether to build the auxiliary classifier
     * @param transformInput whether to map ImageNet-normalised input to the [-1, 1] scaling of Google's weights first
     * @param dropout the dropout probability before {@code fc}
     */
    public Inception3(int numClasses, boolean auxLogits, boolean transformInput, double dropout) {
        this.transformInput = transformInput;
        stem1a = registerModule("Conv2d_1a_3x3", new BasicConv2d(3, 32, 3, 2, 0));
        stem2a = registerModule("Conv2d_2a_3x3", new BasicConv2d(32, 32, 3));
        stem2b = registerModule("Conv2d_2b_3x3", new BasicConv2d(32, 64, 3, 1, 1));
        maxpool1 = registerModule("maxpool1", new MaxPool2d(3, 2));
        stem3b = registerModule("Conv2d_3b_1x1", new BasicConv2d(64, 80, 1));
        stem4a = registerModule("Conv2d_4a_3x3", new BasicConv2d(80, 192, 3));
        maxpool2 = registerModule("maxpool2", new MaxPool2d(3, 2));
        mixed5b = registerModule("Mixed_5b", new InceptionA(192, 32));
        mixed5c = registerModule("Mixed_5c", new InceptionA(256, 64));
        mixed5d = registerModule("Mixed_5d", new InceptionA(288, 64));
        mixed6a = registerModule("Mixed_6a", new InceptionB(288));
        mixed6b = registerModule("Mixed_6b", new InceptionC(768, 128));
        mixed6c = registerModule("Mixed_6c", new InceptionC(768, 160));
        mixed6d = registerModule("Mixed_6d", new InceptionC(768, 160));
        mixed6e = registerModule("Mixed_6e", new InceptionC(768, 192));
        this.auxLogits = auxLogits ? registerModule("AuxLogits", new InceptionAux(768, numClasses)) : null;
        mixed7a = registerModule("Mixed_7a", new InceptionD(768));
        mixed7b = registerModule("Mixed_7b", new InceptionE(1280));
        mixed7c = registerModule("Mixed_7c", new InceptionE(2048));
        avgpool = registerModule("avgpool", new AdaptiveAvgPool2d(1, 1));
        this.dropout = registerModule("dropout", new Dropout(dropout));
        fc = registerModule("fc", new Linear(2048, numClasses));
        for (Map.Entry<String, Module> e : namedModules().entrySet()) {
            // torchvision tags AuxLogits.fc and AuxLogits.conv1 with a smaller `stddev` attribute, but its init loop reads
            // it on nn.Conv2d and nn.Linear modules only: conv1 is a BasicConv2d, so its conv keeps std 0.1
            double std = e.getKey().equals("AuxLogits.fc") ? 0.001 : 0.1;
            if (e.getValue() instanceof Conv2d c) {
                Init.truncNormal_(c.weight, 0, std, -2, 2);
            } else if (e.getValue() instanceof Linear l) {
                Init.truncNormal_(l.weight, 0, std, -2, 2);
            } else if (e.getValue() instanceof BatchNorm2d bn) {
                Init.constant_(bn.weight, 1);
                Init.constant_(bn.bias, 0);
            }
        }
    }

    /** The main logits [N, numClasses] for images [N, 3, H, W] (at least 75x75). */
    @Override
    public Tensor forward(Tensor x) {
        return forwardWithAux(x).logits();
    }

    /**
     * Both classifiers' logits: the auxiliary ones only in training with the auxiliary classifier (null otherwise), as
     * torchvision's {@code InceptionOutputs}.
     */
    public Outputs forwardWithAux(Tensor input) {
        Tensor x = transformInput ? GoogLeNet.transformInput(input) : input;
        x = maxpool1.call(stem2b.call(stem2a.call(stem1a.call(x))));
        x = maxpool2.call(stem4a.call(stem3b.call(x)));
        x = mixed6a.call(mixed5d.call(mixed5c.call(mixed5b.call(x))));
        x = mixed6e.call(mixed6d.call(mixed6c.call(mixed6b.call(x))));
        Tensor aux = auxLogits != null && isTraining() ? auxLogits.call(x) : null;
        x = mixed7c.call(mixed7b.call(mixed7a.call(x)));
        x = dropout.call(avgpool.call(x)).flatten(1, -1);
        return new Outputs(fc.call(x), aux);
    }

    static Tensor maxPool(Tensor x, long kernel, long stride) {
        return F.maxPool2d(x, new long[] {kernel}, new long[] {stride}, new long[] {0}, new long[] {1}, false);
    }

    /** The 3x3 stride-1 average pool of the pooling branches (padding 1, counting the padding). */
    static Tensor avgPool3x3(Tensor x) {
        return F.avgPool2d(x, new long[] {3}, new long[] {1}, new long[] {1}, false, true, null);
    }

    /** A {@link BasicConv2d} of kernel {@code kh x kw} with the padding that keeps the size, stride 1. */
    static BasicConv2d conv(long in, long out, long kh, long kw) {
        return new BasicConv2d(in, out, new long[] {kh, kw}, new long[] {1, 1}, new long[] {kh / 2, kw / 2});
    }

    /** The inputs joined along channels. */
    static Tensor cat(Tensor... branches) {
        return Torch.cat(List.of(branches), 1);
    }

    /** Inception v3's 35x35 block ({@code InceptionA}): 1x1; 1x1 then 5x5; 1x1 then two 3x3; avg pool then 1x1. */
    public static class InceptionA extends Module {
        private final Module branch1x1, branch5x5a, branch5x5b, branch3x3dbl1, branch3x3dbl2, branch3x3dbl3, branchPool;

        /** A block over {@code in} channels giving {@code 224 + poolFeatures}. */
        public InceptionA(long in, long poolFeatures) {
            branch1x1 = registerModule("branch1x1", conv(in, 64, 1, 1));
            branch5x5a = registerModule("branch5x5_1", conv(in, 48, 1, 1));
            branch5x5b = registerModule("branch5x5_2", conv(48, 64, 5, 5));
            branch3x3dbl1 = registerModule("branch3x3dbl_1", conv(in, 64, 1, 1));
            branch3x3dbl2 = registerModule("branch3x3dbl_2", conv(64, 96, 3, 3));
            branch3x3dbl3 = registerModule("branch3x3dbl_3", conv(96, 96, 3, 3));
            branchPool = registerModule("branch_pool", conv(in, poolFeatures, 1, 1));
        }

        /** The four branches concatenated. */
        @Override
        public Tensor forward(Tensor x) {
            return cat(branch1x1.call(x), branch5x5b.call(branch5x5a.call(x)), branch3x3dbl3.call(branch3x3dbl2.call(branch3x3dbl1.call(x))),
                    branchPool.call(avgPool3x3(x)));
        }
    }

    /** Inception v3's grid reduction to 17x17 ({@code InceptionB}): stride-2 3x3; 1x1, 3x3, stride-2 3x3; stride-2 max pool. */
    public static class InceptionB extends Module {
        private final Module branch3x3, branch3x3dbl1, branch3x3dbl2, branch3x3dbl3;

        /** A block over {@code in} channels giving {@code 480 + in}. */
        public InceptionB(long in) {
            branch3x3 = registerModule("branch3x3", new BasicConv2d(in, 384, 3, 2, 0));
            branch3x3dbl1 = registerModule("branch3x3dbl_1", conv(in, 64, 1, 1));
            branch3x3dbl2 = registerModule("branch3x3dbl_2", conv(64, 96, 3, 3));
            branch3x3dbl3 = registerModule("branch3x3dbl_3", new BasicConv2d(96, 96, 3, 2, 0));
        }

        /** The three branches concatenated, at half the resolution. */
        @Override
        public Tensor forward(Tensor x) {
            return cat(branch3x3.call(x), branch3x3dbl3.call(branch3x3dbl2.call(branch3x3dbl1.call(x))), maxPool(x, 3, 2));
        }
    }

    /** Inception v3's 17x17 block ({@code InceptionC}) with 7x7 convolutions factorised into 1x7 and 7x1. */
    public static class InceptionC extends Module {
        private final Module branch1x1, b7a, b7b, b7c, d7a, d7b, d7c, d7d, d7e, branchPool;

        /** A block over {@code in} channels giving 768, with {@code c7} channels inside the 7x7 branches. */
        public InceptionC(long in, long c7) {
            branch1x1 = registerModule("branch1x1", conv(in, 192, 1, 1));
            b7a = registerModule("branch7x7_1", conv(in, c7, 1, 1));
            b7b = registerModule("branch7x7_2", conv(c7, c7, 1, 7));
            b7c = registerModule("branch7x7_3", conv(c7, 192, 7, 1));
            d7a = registerModule("branch7x7dbl_1", conv(in, c7, 1, 1));
            d7b = registerModule("branch7x7dbl_2", conv(c7, c7, 7, 1));
            d7c = registerModule("branch7x7dbl_3", conv(c7, c7, 1, 7));
            d7d = registerModule("branch7x7dbl_4", conv(c7, c7, 7, 1));
            d7e = registerModule("branch7x7dbl_5", conv(c7, 192, 1, 7));
            branchPool = registerModule("branch_pool", conv(in, 192, 1, 1));
        }

        /** The four branches concatenated. */
        @Override
        public Tensor forward(Tensor x) {
            Tensor dbl = d7e.call(d7d.call(d7c.call(d7b.call(d7a.call(x)))));
            return cat(branch1x1.call(x), b7c.call(b7b.call(b7a.call(x))), dbl, branchPool.call(avgPool3x3(x)));
        }
    }

    /** Inception v3's grid reduction to 8x8 ({@code InceptionD}): 1x1 then stride-2 3x3; 1x1, 1x7, 7x1, stride-2 3x3; max pool. */
    public static class InceptionD extends Module {
        private final Module b3a, b3b, b7a, b7b, b7c, b7d;

        /** A block over {@code in} channels giving {@code 512 + in}. */
        public InceptionD(long in) {
            b3a = registerModule("branch3x3_1", conv(in, 192, 1, 1));
            b3b = registerModule("branch3x3_2", new BasicConv2d(192, 320, 3, 2, 0));
            b7a = registerModule("branch7x7x3_1", conv(in, 192, 1, 1));
            b7b = registerModule("branch7x7x3_2", conv(192, 192, 1, 7));
            b7c = registerModule("branch7x7x3_3", conv(192, 192, 7, 1));
            b7d = registerModule("branch7x7x3_4", new BasicConv2d(192, 192, 3, 2, 0));
        }

        /** The three branches concatenated, at half the resolution. */
        @Override
        public Tensor forward(Tensor x) {
            return cat(b3b.call(b3a.call(x)), b7d.call(b7c.call(b7b.call(b7a.call(x)))), maxPool(x, 3, 2));
        }
    }

    /** Inception v3's 8x8 block ({@code InceptionE}): its 3x3 branches end in parallel 1x3 and 3x1 convolutions. */
    public static class InceptionE extends Module {
        private final Module branch1x1, b3a, b3b1, b3b2, d3a, d3b, d3c1, d3c2, branchPool;

        /** A block over {@code in} channels giving 2048. */
        public InceptionE(long in) {
            branch1x1 = registerModule("branch1x1", conv(in, 320, 1, 1));
            b3a = registerModule("branch3x3_1", conv(in, 384, 1, 1));
            b3b1 = registerModule("branch3x3_2a", conv(384, 384, 1, 3));
            b3b2 = registerModule("branch3x3_2b", conv(384, 384, 3, 1));
            d3a = registerModule("branch3x3dbl_1", conv(in, 448, 1, 1));
            d3b = registerModule("branch3x3dbl_2", conv(448, 384, 3, 3));
            d3c1 = registerModule("branch3x3dbl_3a", conv(384, 384, 1, 3));
            d3c2 = registerModule("branch3x3dbl_3b", conv(384, 384, 3, 1));
            branchPool = registerModule("branch_pool", conv(in, 192, 1, 1));
        }

        /** The branches concatenated: 320 + 768 + 768 + 192 channels. */
        @Override
        public Tensor forward(Tensor x) {
            Tensor b3 = b3a.call(x), d3 = d3b.call(d3a.call(x));
            return cat(branch1x1.call(x), cat(b3b1.call(b3), b3b2.call(b3)), cat(d3c1.call(d3), d3c2.call(d3)), branchPool.call(avgPool3x3(x)));
        }
    }

    /** Inception v3's auxiliary classifier ({@code InceptionAux}): 5x5 stride-3 avg pool, 1x1 conv, 5x5 conv, global pool, linear. */
    public static class InceptionAux extends Module {
        private final Module conv0, conv1;
        /** The auxiliary linear classifier. */
        public final Linear fc;

        /** A classifier over {@code in} channels (at least 17x17) with {@code numClasses} outputs. */
        public InceptionAux(long in, int numClasses) {
            conv0 = registerModule("conv0", conv(in, 128, 1, 1));
            conv1 = registerModule("conv1", new BasicConv2d(128, 768, 5, 1, 0));
            fc = registerModule("fc", new Linear(768, numClasses));
        }

        /** Logits [N, numClasses]. */
        @Override
        public Tensor forward(Tensor x) {
            x = F.avgPool2d(x, new long[] {5}, new long[] {3}, new long[] {0}, false, true, null);
            x = conv1.call(conv0.call(x));
            return fc.call(F.adaptiveAvgPool2d(x, 1, 1).flatten(1, -1));
        }
    }
}
