package org.torch4j.nn;

import org.torch4j.Tensor;

/** Columns [N, C k, L] summed back into [N, C, H, W] ({@code torch.nn.Fold}, col2im; the inverse layout of {@link Unfold}). */
public class Fold extends Module {
    private final long[] outputSize, kernelSize, dilation, padding, stride;

    /** Fold into {@code outputSize} with blocks of {@code kernelSize}, dilation 1, padding 0, stride 1. */
    public Fold(long[] outputSize, long[] kernelSize) {
        this(outputSize, kernelSize, new long[] {1}, new long[] {0}, new long[] {1});
    }

    /** Fold with every option, each one size or two. */
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
