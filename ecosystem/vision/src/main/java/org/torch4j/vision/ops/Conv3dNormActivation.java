package org.torch4j.vision.ops;

import java.util.function.Function;
import java.util.function.LongFunction;
import org.torch4j.nn.BatchNorm3d;
import org.torch4j.nn.Conv3d;
import org.torch4j.nn.Module;
import org.torch4j.nn.ReLU;
import org.torch4j.nn.Sequential;

/**
 * 3-d convolution, normalisation and activation ({@code torchvision.ops.Conv3dNormActivation}): children
 * {@code 0} (the {@code Conv3d}), then the norm layer and the activation when present.
 */
public class Conv3dNormActivation extends Sequential {
    /** The output's channels. */
    public final long outChannels;

    /** With torchvision's defaults: 3x3x3, stride 1, padding 1, {@code BatchNorm3d}, {@code ReLU}, no conv bias. */
    public Conv3dNormActivation(long inChannels, long outChannels) {
        this(inChannels, outChannels, new long[] {3}, new long[] {1}, null, 1, BatchNorm3d::new,
                inplace -> inplace == null ? new ReLU() : new ReLU(inplace), new long[] {1}, true, null);
    }

    /**
     * torchvision's block with every option, in its argument order; sizes are {@code {v}} or one value per axis.
     *
     * @param inChannels the input's channels
     * @param outChannels the output's channels
     * @param kernelSize the kernel size (torchvision's default 3)
     * @param stride the stride (default 1)
     * @param padding the padding, or null for {@code (k - 1) / 2 * dilation} per axis
     * @param groups the conv's groups (default 1)
     * @param normLayer builds the norm for {@code outChannels}, or null for none (default {@code BatchNorm3d})
     * @param activationLayer builds the activation from {@code inplace}, or null for none (default {@code ReLU})
     * @param dilation the conv's dilation (default 1)
     * @param inplace what torchvision passes to the activation layer (default true; null passes nothing)
     * @param bias whether the conv has a bias, or null for torchvision's default: only without a norm layer
     */
    public Conv3dNormActivation(long inChannels, long outChannels, long[] kernelSize, long[] stride, long[] padding, long groups,
                                LongFunction<Module> normLayer, Function<Boolean, Module> activationLayer, long[] dilation, Boolean inplace,
                                Boolean bias) {
        super(ConvNormLayers.of(new Conv3d(inChannels, outChannels, kernelSize, stride, ConvNormLayers.padding(padding, kernelSize, dilation, 3),
                dilation, groups, bias != null ? bias : normLayer == null, "zeros"), outChannels, normLayer, activationLayer, inplace));
        this.outChannels = outChannels;
    }
}
