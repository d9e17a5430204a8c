package org.torch4j.vision.models;

import org.torch4j.Tensor;
import org.torch4j.nn.BatchNorm2d;
import org.torch4j.nn.Conv2d;
import org.torch4j.nn.F;
import org.torch4j.nn.Module;
import org.torch4j.nn.ReLU;

/**
 * One layer of a {@link DenseBlock} ({@code torchvision.models.densenet._DenseLayer}): batch norm,
 * ReLU and a 1x1 bottleneck convolution to {@code bnSize * growthRate} channels, then batch norm,
 * ReLU and a 3x3 convolution to {@code growthRate} new channels, and dropout while training.
 */
public class DenseLayer extends Module {
    private final Module norm1, relu1, conv1, norm2, relu2, conv2;
    private final double dropRate;

    /** A layer reading {@code numInputFeatures} channels and adding {@code growthRate}. */
    public DenseLayer(long numInputFeatures, long growthRate, long bnSize, double dropRate) {
        norm1 = registerModule("norm1", new BatchNorm2d(numInputFeatures));
        relu1 = registerModule("relu1", new ReLU(true));
        conv1 = registerModule("conv1", DenseNet.conv(numInputFeatures, bnSize * growthRate, 1, 1, 0));
        norm2 = registerModule("norm2", new BatchNorm2d(bnSize * growthRate));
        relu2 = registerModule("relu2", new ReLU(true));
        conv2 = registerModule("conv2", DenseNet.conv(bnSize * growthRate, growthRate, 3, 1, 1));
        this.dropRate = dropRate;
    }

    /** The {@code growthRate} new feature maps for the concatenation of all earlier ones, [N, numInputFeatures, H, W]. */
    @Override
    public Tensor forward(Tensor concatenated) {
        Tensor bottleneck = conv1.call(relu1.call(norm1.call(concatenated)));
        Tensor out = conv2.call(relu2.call(norm2.call(bottleneck)));
        return dropRate > 0 ? F.dropout(out, dropRate, isTraining()) : out;
    }

    /** Prints as torchvision's class, {@code _DenseLayer}. */
    @Override
    protected String typeName() {
        return "_DenseLayer";
    }
}
