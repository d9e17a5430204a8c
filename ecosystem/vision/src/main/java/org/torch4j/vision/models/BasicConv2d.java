package org.torch4j.vision.models;

import org.torch4j.Tensor;
import org.torch4j.nn.BatchNorm2d;
import org.torch4j.nn.Conv2d;
import org.torch4j.nn.F;
import org.torch4j.nn.Module;

/**
 * GoogLeNet's and Inception v3's convolution unit ({@code torchvision.models.googlenet.BasicConv2d}, the same
 * as {@code inception.BasicConv2d}): a bias-free
 * convolution, batch norm with eps 0.001, and ReLU (a function, so no child), as children {@code conv}
 * and {@code bn}.
 */
public class BasicConv2d extends Module {
    private final Module conv, bn;

    /** A unit from {@code inChannels} to {@code outChannels} with a square kernel, stride and padding. */
    public BasicConv2d(long inChannels, long outChannels, long kernelSize, long stride, long padding) {
        this(inChannels, outChannels, new long[] {kernelSize}, new long[] {stride}, new long[] {padding});
    }

    /**
     * A unit whose kernel, stride and padding each hold one value (square) or two (height, width), as
     * Inception v3's factorised 1x7 and 7x1 convolutions need.
     */
    public BasicConv2d(long inChannels, long outChannels, long[] kernelSize, long[] stride, long[] padding) {
        conv = registerModule("conv", new Conv2d(inChannels, outChannels, kernelSize, stride, padding, new long[] {1}, 1, false, "zeros"));
        bn = registerModule("bn", new BatchNorm2d(outChannels, 0.001, 0.1, true, true));
    }

    /** A unit with stride 1 and no padding (the 1x1 projections). */
    public BasicConv2d(long inChannels, long outChannels, long kernelSize) {
        this(inChannels, outChannels, kernelSize, 1, 0);
    }

    /** relu(bn(conv(x))). */
    @Override
    public Tensor forward(Tensor x) {
        return F.relu(bn.call(conv.call(x)));
    }
}
