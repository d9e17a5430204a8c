package org.torch4j.nn;

/** 2-d convolution over [N, C, H, W] ({@code torch.nn.Conv2d}). */
public class Conv2d extends ConvNd {

    /**
     * A square kernel with PyTorch's defaults {@code stride = 1, padding = 0, dilation = 1, groups = 1, bias = true,
     * padding_mode = "zeros"}: {@code (N, inChannels, H, W)} to {@code (N, outChannels, H - k + 1, W - k + 1)}.
     */
    public Conv2d(long inChannels, long outChannels, long kernelSize) {
        this(inChannels, outChannels, new long[] {kernelSize}, new long[] {1}, new long[] {0}, new long[] {1}, 1, true, "zeros");
    }

    /**
     * A square kernel with the same stride and padding in both dims and PyTorch's defaults
     * {@code dilation = 1, groups = 1, bias = true, padding_mode = "zeros"}.
     */
    public Conv2d(long inChannels, long outChannels, long kernelSize, long stride, long padding) {
        this(inChannels, outChannels, new long[] {kernelSize}, new long[] {stride}, new long[] {padding}, new long[] {1}, 1, true,
                "zeros");
    }

    /** Every option of PyTorch's constructor; single-element arrays apply to every dim. */
    public Conv2d(long inChannels, long outChannels, long[] kernelSize, long[] stride, long[] padding, long[] dilation,
                  long groups, boolean bias, String paddingMode) {
        super(2, inChannels, outChannels, kernelSize, stride, padding, null, dilation, groups, bias, paddingMode, false, null);
    }

    /** Padding "same" or "valid". */
    public Conv2d(long inChannels, long outChannels, long[] kernelSize, String padding, long[] dilation, long groups,
                  boolean bias) {
        super(2, inChannels, outChannels, kernelSize, new long[] {1}, null, padding, dilation, groups, bias, "zeros", false, null);
    }
}
