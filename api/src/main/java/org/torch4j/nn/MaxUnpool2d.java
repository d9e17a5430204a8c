package org.torch4j.nn;

import org.torch4j.Tensor;

/** The inverse of {@link MaxPool2d} from its values and indices ({@code torch.nn.MaxUnpool2d}). */
public class MaxUnpool2d extends MaxUnpoolNd {

    /** Square windows of {@code kernelSize} with that stride, no padding. */
    public MaxUnpool2d(long kernelSize) {
        this(new long[] {kernelSize}, null, new long[] {0});
    }

    /** MaxUnpool2d with every option; sizes are one or two, stride null for the kernel size. */
    public MaxUnpool2d(long[] kernelSize, long[] stride, long[] padding) {
        super(2, kernelSize, stride, padding);
    }

    /** The unpooled [N, C, H, W] of the default size. */
    @Override
    public Tensor forward(Tensor input, Tensor indices) {
        return F.maxUnpool2d(input, indices, kernelSize, stride, padding, null);
    }
}
