package org.torch4j.vision.models;

import org.torch4j.Tensor;
import org.torch4j.nn.BatchNorm2d;
import org.torch4j.nn.Conv2d;
import org.torch4j.nn.F;
import org.torch4j.nn.Init;
import org.torch4j.nn.Linear;
import org.torch4j.nn.MaxPool2d;
import org.torch4j.nn.Module;
import org.torch4j.nn.ReLU;

/**
 * DenseNet-BC ({@code torchvision.models.DenseNet}, Huang et al. 2017): a 7x7 stem, {@link DenseBlock}s
 * separated by {@link Transition}s that halve the channels and the resolution, a final batch norm
 * ({@code features.norm5}), ReLU, global average pooling and a linear {@code classifier}. torchvision's
 * state-dict keys ({@code features.denseblock1.denselayer1.norm1.weight}, ...) and initialisation:
 * Kaiming-normal convolutions, unit batch norms, zero linear bias.
 */
public class DenseNet extends Module {
    /** The convolutional body: conv0, norm0, relu0, pool0, the blocks and transitions, norm5. */
    public final NamedSequential features;
    /** The linear classifier over the pooled features. */
    public final Linear classifier;

    /**
     * A DenseNet with {@code growthRate} channels added per layer, {@code blockConfig[i]} layers in
     * block i, {@code numInitFeatures} stem channels, bottlenecks of {@code bnSize * growthRate}
     * channels, dropout {@code dropRate} after each layer and {@code numClasses} outputs.
     */
    public DenseNet(int growthRate, int[] blockConfig, int numInitFeatures, int bnSize, double dropRate, int numClasses) {
        features = registerModule("features", new NamedSequential()
                .add("conv0", conv(3, numInitFeatures, 7, 2, 3))
                .add("norm0", new BatchNorm2d(numInitFeatures))
                .add("relu0", new ReLU(true))
                .add("pool0", new MaxPool2d(new long[] {3}, new long[] {2}, new long[] {1}, new long[] {1}, false)));
        long numFeatures = numInitFeatures;
        for (int i = 0; i < blockConfig.length; i++) {
            features.add("denseblock" + (i + 1), new DenseBlock(blockConfig[i], numFeatures, bnSize, growthRate, dropRate));
            numFeatures += (long) blockConfig[i] * growthRate;
            if (i != blockConfig.length - 1) {
                features.add("transition" + (i + 1), new Transition(numFeatures, numFeatures / 2));
                numFeatures /= 2;
            }
        }
        features.add("norm5", new BatchNorm2d(numFeatures));
        classifier = registerModule("classifier", new Linear(numFeatures, numClasses));
        // the "official init from torch repo", after construction: the linear weight keeps its default draw
        for (Module m : modules()) {
            if (m instanceof Conv2d c) {
                Init.kaimingNormal_(c.weight, 0, "fan_in", "leaky_relu");
            } else if (m instanceof BatchNorm2d bn) {
                Init.constant_(bn.weight, 1);
                Init.constant_(bn.bias, 0);
            } else if (m instanceof Linear l) {
                Init.constant_(l.bias, 0);
            }
        }
    }

    /** {@code densenet121(num_classes=numClasses)}: growth 32, blocks (6, 12, 24, 16), 64 stem channels; 8.0M parameters. */
    public static DenseNet densenet121(int numClasses) {
        return new DenseNet(32, new int[] {6, 12, 24, 16}, 64, 4, 0, numClasses);
    }

    /** {@code densenet161}: growth 48, blocks (6, 12, 36, 24), 96 stem channels; 28.7M parameters. */
    public static DenseNet densenet161(int numClasses) {
        return new DenseNet(48, new int[] {6, 12, 36, 24}, 96, 4, 0, numClasses);
    }

    /** {@code densenet169}: growth 32, blocks (6, 12, 32, 32), 64 stem channels; 14.1M parameters. */
    public static DenseNet densenet169(int numClasses) {
        return new DenseNet(32, new int[] {6, 12, 32, 32}, 64, 4, 0, numClasses);
    }

    /** {@code densenet201}: growth 32, blocks (6, 12, 48, 32), 64 stem channels; 20.0M parameters. */
    public static DenseNet densenet201(int numClasses) {
        return new DenseNet(32, new int[] {6, 12, 48, 32}, 64, 4, 0, numClasses);
    }

    /** A bias-free convolution, as every DenseNet convolution is. */
    static Conv2d conv(long in, long out, long kernel, long stride, long padding) {
        return new Conv2d(in, out, new long[] {kernel}, new long[] {stride}, new long[] {padding}, new long[] {1}, 1, false, "zeros");
    }

    /** Logits [N, numClasses] for images [N, 3, H, W] (H, W at least 2^(blocks + 1)). */
    @Override
    public Tensor forward(Tensor x) {
        Tensor out = F.relu(features.call(x));
        return classifier.call(F.adaptiveAvgPool2d(out, 1, 1).flatten(1, -1));
    }
}
