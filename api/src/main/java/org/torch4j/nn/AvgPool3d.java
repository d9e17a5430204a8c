package org.torch4j.nn;

import org.torch4j.Tensor;

/** Average pooling over [N, C, D, H, W] ({@code torch.nn.AvgPool3d}); stride defaults to the kernel size. */
public class AvgPool3d extends Module {
    private final long[] kernel, stride, padding;
    private final boolean ceilMode, countIncludePad;
    private final Long divisorOverride;
    /** The options as given (an int or a triple), for the print form. */
    private final String repr;

    /** A cubic kernel with stride equal to it. */
    public AvgPool3d(long kernelSize) {
        this(new long[] {kernelSize}, null, new long[] {0}, false, true, null);
    }

    /** AvgPool3d with every option; each size may be one or three, stride null for the kernel size. */
    public AvgPool3d(long[] kernelSize, long[] stride, long[] padding, boolean ceilMode, boolean countIncludePad, Long divisorOverride) {
        this.kernel = Windows.expand(kernelSize, 3, "kernel_size");
        this.stride = stride == null ? this.kernel : Windows.expand(stride, 3, "stride");
        this.padding = Windows.expand(padding, 3, "padding");
        this.ceilMode = ceilMode;
        this.countIncludePad = countIncludePad;
        this.divisorOverride = divisorOverride;
        // PyTorch 1.13 prints only these three
        this.repr = "kernel_size=" + Py.intOrTuple(kernelSize) + ", stride=" + Py.intOrTuple(stride == null ? kernelSize : stride)
                + ", padding=" + Py.intOrTuple(padding);
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.avgPool3d(input, kernel, stride, padding, ceilMode, countIncludePad, divisorOverride);
    }

    @Override
    protected String extraRepr() {
        return repr;
    }
}
