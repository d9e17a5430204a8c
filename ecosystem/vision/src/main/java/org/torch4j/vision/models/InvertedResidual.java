package org.torch4j.vision.models;

import org.torch4j.Tensor;
import org.torch4j.nn.BatchNorm2d;
import org.torch4j.nn.Conv2d;
import org.torch4j.nn.Module;
import org.torch4j.nn.ReLU6;
import org.torch4j.nn.Sequential;

/**
 * MobileNetV2's block ({@code torchvision.models.mobilenetv2.InvertedResidual}): 1x1 expansion (when
 * the ratio is not 1), 3x3 depthwise, 1x1 linear projection, with a residual when shapes allow.
 */
public class InvertedResidual extends Module {
    /** Expansion (if any), depthwise and projection layers. */
    public final Sequential conv;
    private final boolean useResConnect;

    /** A block from {@code inp} to {@code oup} channels with stride 1 or 2 and expansion ratio {@code expandRatio}. */
    public InvertedResidual(long inp, long oup, long stride, int expandRatio) {
        if (stride != 1 && stride != 2) throw new IllegalArgumentException("stride should be 1 or 2 instead of " + stride);
        long hidden = Math.round(inp * (double) expandRatio);
        useResConnect = stride == 1 && inp == oup;
        conv = new Sequential();
        if (expandRatio != 1) conv.add(new Conv2dNormActivation(inp, hidden, 1, 1, 1, new ReLU6(true)));
        conv.add(new Conv2dNormActivation(hidden, hidden, 3, stride, hidden, new ReLU6(true)));
        conv.add(new Conv2d(hidden, oup, new long[] {1}, new long[] {1}, new long[] {0}, new long[] {1}, 1, false, "zeros"));
        conv.add(new BatchNorm2d(oup));
        registerModule("conv", conv);
    }

    /** {@code x + conv(x)} when stride is 1 and channels are kept, else {@code conv(x)}. */
    @Override
    public Tensor forward(Tensor x) {
        return useResConnect ? x.add(conv.call(x)) : conv.call(x);
    }
}
