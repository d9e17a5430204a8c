package org.torch4j.nn;

import org.torch4j.Tensor;

/** Columns [N, C k, L] summed back into [N, C, H, W] ({@code torch.nn.Fold}, col2im; the inverse layout of {@link Unfold}). */
public class Fold extends Module {
    private final long[] outputSize, kernelSize, dilation, padding, stride;

    /** Fold into {@code outputSize} with blocks of {@code kernelSize}, dilation 1, padding 0, stride 1. */
    public Fold(long[] outputSize, long[] kernelSize) {
        this(outputSize, kernelSize, new long[] {1}, new long[] {0}, new long[] {1});
    }

    /**
     * Sums columns {@code (N, C * kH * kW, L)} (or unbatched {@code (C * kH * kW, L)}) back into
     * {@code (N, C, outH, outW)}, overlapping blocks adding up; {@code L} must be the number of blocks that fit.
     *
     * @param outputSize the spatial size of the output, one size or two
     * @param kernelSize the block size, one size or two
     * @param dilation the spacing between block elements, one or two (PyTorch's default 1)
     * @param padding the implicit zero padding of the output, one or two (default 0)
     * @param stride the step between blocks, one or two (default 1)
     */
    public Fold(long[] outputSize, long[] kernelSize, long[] dilation, long[] padding, long[] stride) {
        this.outputSize = outputSize.clone();
        this.kernelSize = kernelSize.clone();
        this.dilation = dilation.clone();
        this.padding = padding.clone();
        this.stride = stride.clone();
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.fold(input, Windows.expand(outputSize, 2, "output_size"), kernelSize, dilation, padding, stride);
    }

    @Override
    protected String extraRepr() {
        return "output_size=" + Py.intOrTuple(outputSize) + ", kernel_size=" + Py.intOrTuple(kernelSize) + ", dilation="
                + Py.intOrTuple(dilation) + ", padding=" + Py.intOrTuple(padding) + ", stride=" + Py.intOrTuple(stride);
    }
}
