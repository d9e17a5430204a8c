package org.torch4j.nn;

import org.torch4j.Tensor;

/** Max pooling over [N, C, D, H, W] ({@code torch.nn.MaxPool3d}); stride defaults to the kernel size. */
public class MaxPool3d extends Module {
    private final long[] kernel, stride, padding, dilation;
    private final boolean ceilMode;
    /** The options as given (an int or a triple), for the print form. */
    private final String repr;

    /** A cubic kernel with stride equal to it. */
    public MaxPool3d(long kernelSize) {
        this(new long[] {kernelSize}, null, new long[] {0}, new long[] {1}, false);
    }

    /** MaxPool3d with every option; each may be one size or three, stride null for the kernel size. */
    public MaxPool3d(long[] kernelSize, long[] stride, long[] padding, long[] dilation, boolean ceilMode) {
        this.kernel = Windows.expand(kernelSize, 3, "kernel_size");
        this.stride = stride == null ? this.kernel : Windows.expand(stride, 3, "stride");
        this.padding = Windows.expand(padding, 3, "padding");
        this.dilation = Windows.expand(dilation, 3, "dilation");
        this.ceilMode = ceilMode;
        this.repr = "kernel_size=" + Py.intOrTuple(kernelSize) + ", stride=" + Py.intOrTuple(stride == null ? kernelSize : stride)
                + ", padding=" + Py.intOrTuple(padding) + ", dilation=" + Py.intOrTuple(dilation) + ", ceil_mode="
                + (ceilMode ? "True" : "False");
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.maxPool3d(input, kernel, stride, padding, dilation, ceilMode);
    }

    @Override
    protected String extraRepr() {
        return repr;
    }
}
