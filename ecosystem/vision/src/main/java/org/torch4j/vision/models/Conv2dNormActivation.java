package org.torch4j.vision.models;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;
import org.torch4j.nn.BatchNorm2d;
import org.torch4j.nn.Conv2d;
import org.torch4j.nn.Module;
import org.torch4j.nn.Sequential;

/**
 * Convolution, batch norm and an activation ({@code torchvision.ops.Conv2dNormActivation} with its
 * defaults: padding {@code (k - 1) / 2 * dilation}, no conv bias since a norm follows). Children are
 * {@code 0} (conv), {@code 1} (norm) and {@code 2} (activation), as in torchvision's state dicts.
 */
public class Conv2dNormActivation extends Sequential {

    /**
     * A block of {@code Conv2d(in, out, k, stride, (k-1)/2, groups, bias=False)}, {@code BatchNorm2d(out)}
     * and {@code activation}.
     */
    public Conv2dNormActivation(long inChannels, long outChannels, long kernelSize, long stride, long groups, Module activation) {
        super(new Conv2d(inChannels, outChannels, new long[] {kernelSize}, new long[] {stride}, new long[] {(kernelSize - 1) / 2},
                new long[] {1}, groups, false, "zeros"), new BatchNorm2d(outChannels), activation);
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
        super(layers(inChannels, outChannels, kernelSize, stride, padding, groups, dilation, bias, normLayer, activation));
    }

    private static Module[] layers(long in, long out, long kernelSize, long stride, long padding, long groups, long dilation, boolean bias,
                                   LongFunction<Module> normLayer, Module activation) {
        long pad = padding >= 0 ? padding : (kernelSize - 1) / 2 * dilation;
        List<Module> layers = new ArrayList<>();
        layers.add(new Conv2d(in, out, new long[] {kernelSize}, new long[] {stride}, new long[] {pad}, new long[] {dilation}, groups, bias,
                "zeros"));
        if (normLayer != null) layers.add(normLayer.apply(out));
        if (activation != null) layers.add(activation);
        return layers.toArray(new Module[0]);
    }
}
