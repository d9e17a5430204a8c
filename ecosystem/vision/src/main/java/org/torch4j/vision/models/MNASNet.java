package org.torch4j.vision.models;

import org.torch4j.Tensor;
import org.torch4j.nn.BatchNorm2d;
import org.torch4j.nn.Conv2d;
import org.torch4j.nn.Dropout;
import org.torch4j.nn.Init;
import org.torch4j.nn.Linear;
import org.torch4j.nn.Module;
import org.torch4j.nn.ReLU;
import org.torch4j.nn.Sequential;

/**
 * MNASNet ({@code torchvision.models.MNASNet}, Tan et al. 2018, the B1 variant): {@code layers} holds a
 * stem (3x3 conv, depthwise 3x3 conv, 1x1 projection, each with a batch norm), six stacks of
 * {@link InvertedResidual}s and a 1x1 conv to 1280 channels; the spatial mean feeds {@code classifier}
 * (dropout, linear). The width multiplier {@code alpha} scales every channel count but the last 1280.
 * Batch norms have momentum {@code 1 - 0.9997}; after construction torchvision re-initialises convs
 * (Kaiming normal, fan-out, ReLU), norms (1 and 0) and the linear layer (Kaiming uniform, fan-out, sigmoid gain).
 */
public class MNASNet extends Module {
    /** torchvision's {@code _BN_MOMENTUM}: TensorFlow's decay 0.9997 as PyTorch's momentum. */
    static final double BN_MOMENTUM = 1 - 0.9997;
    /** The stem's and stacks' channels at {@code alpha} 1. */
    private static final int[] DEPTHS = {32, 16, 24, 40, 80, 96, 192, 320};

    /** The convolutional body. */
    public final Sequential layers;
    /** Dropout, then the linear layer. */
    public final Sequential classifier;

    /**
     * An MNASNet of width multiplier {@code alpha}.
     *
     * @param alpha scales the channels (rounded to multiples of 8, preferring to round up)
     * @param numClasses the classifier's outputs
     * @param dropout the classifier's dropout probability
     * @throws IllegalArgumentException when {@code alpha} is not positive
     */
    public MNASNet(double alpha, int numClasses, double dropout) {
        if (!(alpha > 0.0)) throw new IllegalArgumentException("alpha should be greater than 0.0 instead of " + alpha);
        long[] d = new long[DEPTHS.length];
        for (int i = 0; i < d.length; i++) d[i] = Widths.makeDivisible(DEPTHS[i] * alpha, 8);
        layers = Sequential.of(
                conv(3, d[0], 3, 2, 1), norm(d[0]), new ReLU(true),
                conv(d[0], d[0], 3, 1, d[0]), norm(d[0]), new ReLU(true),
                conv(d[0], d[1], 1, 1, 1), norm(d[1]),
                stack(d[1], d[2], 3, 2, 3, 3), stack(d[2], d[3], 5, 2, 3, 3), stack(d[3], d[4], 5, 2, 6, 3),
                stack(d[4], d[5], 3, 1, 6, 2), stack(d[5], d[6], 5, 2, 6, 4), stack(d[6], d[7], 3, 1, 6, 1),
                conv(d[7], 1280, 1, 1, 1), norm(1280), new ReLU(true));
        registerModule("layers", layers);
        classifier = registerModule("classifier", Sequential.of(new Dropout(dropout, true), new Linear(1280, numClasses)));
        for (Module m : modules()) {
            if (m instanceof Conv2d conv) {
                Init.kaimingNormal_(conv.weight, 0, "fan_out", "relu");
            } else if (m instanceof BatchNorm2d bn) {
                Init.ones_(bn.weight);
                Init.zeros_(bn.bias);
            } else if (m instanceof Linear l) {
                Init.kaimingUniform_(l.weight, 0, "fan_out", "sigmoid");
                Init.zeros_(l.bias);
            }
        }
    }

    /** {@code mnasnet0_5(num_classes=numClasses)}: alpha 0.5, dropout 0.2; 2.2M parameters at 1000 classes. */
    public static MNASNet mnasnet0_5(int numClasses) {
        return new MNASNet(0.5, numClasses, 0.2);
    }

    /** {@code mnasnet0_75}: alpha 0.75, dropout 0.2; 3.2M parameters. */
    public static MNASNet mnasnet0_75(int numClasses) {
        return new MNASNet(0.75, numClasses, 0.2);
    }

    /** {@code mnasnet1_0}: alpha 1.0, dropout 0.2; 4.4M parameters. */
    public static MNASNet mnasnet1_0(int numClasses) {
        return new MNASNet(1.0, numClasses, 0.2);
    }

    /** {@code mnasnet1_3}: alpha 1.3, dropout 0.2; 6.3M parameters. */
    public static MNASNet mnasnet1_3(int numClasses) {
        return new MNASNet(1.3, numClasses, 0.2);
    }

    private static Conv2d conv(long in, long out, long kernel, long stride, long groups) {
        return new Conv2d(in, out, new long[] {kernel}, new long[] {stride}, new long[] {kernel / 2}, new long[] {1}, groups, false, "zeros");
    }

    private static BatchNorm2d norm(long channels) {
        return new BatchNorm2d(channels, 1e-5, BN_MOMENTUM, true, true);
    }

    /** torchvision's {@code _stack}: {@code repeats} blocks, the first changing channels and carrying the stride. */
    private static Sequential stack(long in, long out, long kernel, long stride, long expansion, int repeats) {
        if (repeats < 1) throw new IllegalArgumentException("repeats should be >= 1, instead got " + repeats);
        Sequential s = Sequential.of(new InvertedResidual(in, out, kernel, stride, expansion, BN_MOMENTUM));
        for (int i = 1; i < repeats; i++) s.add(new InvertedResidual(out, out, kernel, 1, expansion, BN_MOMENTUM));
        return s;
    }

    /** Logits [N, numClasses] for images [N, 3, H, W]. */
    @Override
    public Tensor forward(Tensor x) {
        return classifier.call(layers.call(x).mean(2, 3));
    }

    /**
     * MNASNet's block ({@code torchvision.models.mnasnet._InvertedResidual}): {@code layers} is a 1x1
     * expansion, a depthwise conv (kernel 3 or 5, carrying the stride) and a 1x1 projection, each with a
     * batch norm, ReLU after the first two; the input is added when stride is 1 and channels are kept.
     */
    public static class InvertedResidual extends Module {
        /** The block's eight layers, indexed as torchvision's. */
        public final Sequential layers;
        private final boolean applyResidual;

        /**
         * A block from {@code in} to {@code out} channels.
         *
         * @param in the input's channels
         * @param out the output's channels
         * @param kernel the depthwise kernel size, 3 or 5
         * @param stride 1 or 2
         * @param expansion the expanded channels relative to {@code in}
         * @param bnMomentum the batch norms' momentum
         * @throws IllegalArgumentException for another stride or kernel size
         */
        public InvertedResidual(long in, long out, long kernel, long stride, long expansion, double bnMomentum) {
            if (stride != 1 && stride != 2) throw new IllegalArgumentException("stride should be 1 or 2 instead of " + stride);
            if (kernel != 3 && kernel != 5) throw new IllegalArgumentException("kernel_size should be 3 or 5 instead of " + kernel);
            long mid = in * expansion;
            applyResidual = in == out && stride == 1;
            layers = registerModule("layers", Sequential.of(
                    conv(in, mid, 1, 1, 1), new BatchNorm2d(mid, 1e-5, bnMomentum, true, true), new ReLU(true),
                    conv(mid, mid, kernel, stride, mid), new BatchNorm2d(mid, 1e-5, bnMomentum, true, true), new ReLU(true),
                    conv(mid, out, 1, 1, 1), new BatchNorm2d(out, 1e-5, bnMomentum, true, true)));
        }

        /** {@code layers(x) + x} when shapes allow, else {@code layers(x)}. */
        @Override
        public Tensor forward(Tensor x) {
            Tensor y = layers.call(x);
            return applyResidual ? y.add(x) : y;
        }

        /** Prints as torchvision's class, {@code _InvertedResidual}. */
        @Override
        protected String typeName() {
            return "_InvertedResidual";
        }
    }
}
