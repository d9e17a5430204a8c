package org.torch4j.vision.models;

import org.torch4j.nn.AvgPool2d;
import org.torch4j.nn.BatchNorm2d;
import org.torch4j.nn.ReLU;

/**
 * DenseNet's transition between dense blocks ({@code torchvision.models.densenet._Transition}):
 * batch norm, ReLU, a 1x1 convolution and 2x2 average pooling, as children {@code norm},
 * {@code relu}, {@code conv} and {@code pool}.
 */
public class Transition extends NamedSequential {

    /** A transition from {@code numInputFeatures} to {@code numOutputFeatures} channels at half the resolution. */
    public Transition(long numInputFeatures, long numOutputFeatures) {
        add("norm", new BatchNorm2d(numInputFeatures));
        add("relu", new ReLU(true));
        add("conv", DenseNet.conv(numInputFeatures, numOutputFeatures, 1, 1, 0));
        add("pool", new AvgPool2d(2, 2));
    }

    /** Prints as torchvision's class, {@code _Transition}. */
    @Override
    protected String typeName() {
        return "_Transition";
    }
}
