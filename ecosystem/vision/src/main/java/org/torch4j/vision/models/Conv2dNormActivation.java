package org.torch4j.vision.models;

import java.util.function.LongFunction;
import org.torch4j.nn.BatchNorm2d;
import org.torch4j.nn.Module;

/**
 * {@link org.torch4j.vision.ops.Conv2dNormActivation} ({@code torchvision.ops.Conv2dNormActivation}, where
 * torchvision keeps it) with the shorter constructors the models use: square kernels and an activation given
 * as a module. Children are {@code 0} (conv), {@code 1} (norm) and {@code 2} (activation), as in torchvision's
 * state dicts.
 */
public class Conv2dNormActivation extends org.torch4j.vision.ops.Conv2dNormActivation {

    /**
     * A block of {@code Conv2d(in, out, k, stride, (k-1)/2, groups, bias=False)}, {@code BatchNorm2d(out)}
     * and {@code activation}.
     */
    public Conv2dNormActivation(long inChannels, long outChannels, long kernelSize, long stride, long groups, Module activation) {
        this(inChannels, outChannels, kernelSize, stride, -1, groups, 1, false, BatchNorm2d::new, activation);
    }

    /**
     * Every option of torchvision's block: {@code Conv2d(in, out, k, stride, padding, dilation, groups, bias)},
     * then {@code normLayer.apply(out)} and {@code activation}, each left out when null (the children keep
     * the indices 0, 1, 2 of the modules present, as torchvision's). The conv is created first, so its
     * default initialisation draws before anything the norm layer might draw.
     *
     * @param inChannels the input's channels
     * @param outChannels the output's channels
     * @param kernelSize the square kernel's size
     * @param stride the conv's stride
     * @param padding the padding, or -1 for torchvision's default {@code (k - 1) / 2 * dilation}
     * @param groups the conv's groups (the channels for a depthwise conv)
     * @param dilation the conv's dilation
     * @param bias whether the conv has a bias (torchvision: only when there is no norm)
     * @param normLayer builds the norm for {@code out} channels, or null for none
     * @param activation the activation, or null for none
     */
    public Conv2dNormActivation(long inChannels, long outChannels, long kernelSize, long stride, long padding, long groups, long dilation,
                                boolean bias, LongFunction<Module> normLayer, Module activation) {
        super(inChannels, outChannels, new long[] {kernelSize}, new long[] {stride}, padding >= 0 ? new long[] {padding} : null, groups,
                normLayer, activation == null ? null : inplace -> activation, new long[] {dilation}, null, bias);
    }
}
