package org.torch4j.nn;

import org.torch4j.Tensor;

/** The inverse of {@link MaxPool3d} from its values and indices ({@code torch.nn.MaxUnpool3d}). */
public class MaxUnpool3d extends MaxUnpoolNd {

    /** Cubic windows of {@code kernelSize} with that stride, no padding. */
    public MaxUnpool3d(long kernelSize) {
        this(new long[] {kernelSize}, null, new long[] {0});
    }

    /** MaxUnpool3d with every option; sizes are one or three, stride null for the kernel size. */
    public MaxUnpool3d(long[] kernelSize, long[] stride, long[] padding) {
        super(3, kernelSize, stride, padding);
    }

    /** The unpooled [N, C, D, H, W] of the default size. */
    @Override
    public Tensor forward(Tensor input, Tensor indices) {
        return F.maxUnpool3d(input, indices, kernelSize, stride, padding, null);
    }
}
