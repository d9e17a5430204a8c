package org.torch4j.vision.models;

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
}
