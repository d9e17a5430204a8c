package org.torch4j.nn;

import org.torch4j.Tensor;

/** Sliding local blocks of [N, C, H, W] as columns [N, C k, L] ({@code torch.nn.Unfold}, im2col). */
public class Unfold extends Module {
    private final long[] kernelSize, dilation, padding, stride;

    /** Blocks of {@code kernelSize} with dilation 1, padding 0, stride 1. */
    public Unfold(long... kernelSize) {
        this(kernelSize, new long[] {1}, new long[] {0}, new long[] {1});
    }

    /**
     * Extracts the sliding blocks of {@code (N, C, H, W)} (or unbatched {@code (C, H, W)}) as columns
     * {@code (N, C * kH * kW, L)}, {@code L} the number of blocks.
     *
     * @param kernelSize the block size, one size or two
     * @param dilation the spacing between block elements, one or two (PyTorch's default 1)
     * @param padding the implicit zero padding of the input, one or two (default 0)
     * @param stride the step between blocks, one or two (default 1)
     */
    public Unfold(long[] kernelSize, long[] dilation, long[] padding, long[] stride) {
        this.kernelSize = kernelSize.clone();
        this.dilation = dilation.clone();
        this.padding = padding.clone();
        this.stride = stride.clone();
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.unfold(input, kernelSize, dilation, padding, stride);
    }

    @Override
    protected String extraRepr() {
        return "kernel_size=" + Py.intOrTuple(kernelSize) + ", dilation=" + Py.intOrTuple(dilation) + ", padding="
                + Py.intOrTuple(padding) + ", stride=" + Py.intOrTuple(stride);
    }
}
