package org.torch4j.nn;

/** 3-d convolution over [N, C, D, H, W] ({@code torch.nn.Conv3d}). */
public class Conv3d extends ConvNd {

    /** A cubic kernel with PyTorch's defaults {@code stride = 1, padding = 0, dilation = 1, groups = 1, bias = true, padding_mode = "zeros"}. */
    public Conv3d(long inChannels, long outChannels, long kernelSize) {
        this(inChannels, outChannels, new long[] {kernelSize}, new long[] {1}, new long[] {0}, new long[] {1}, 1, true, "zeros");
    }

    /**
     * A cubic kernel with the same stride and padding in every dim and PyTorch's defaults
     * {@code dilation = 1, groups = 1, bias = true, padding_mode = "zeros"}.
     */
    public Conv3d(long inChannels, long outChannels, long kernelSize, long stride, long padding) {
        this(inChannels, outChannels, new long[] {kernelSize}, new long[] {stride}, new long[] {padding}, new long[] {1}, 1, true,
                "zeros");
    }

    /** Every option of PyTorch's constructor; single-element arrays apply to every dim. */
    public Conv3d(long inChannels, long outChannels, long[] kernelSize, long[] stride, long[] padding, long[] dilation,
                  long groups, boolean bias, String paddingMode) {
        super(3, inChannels, outChannels, kernelSize, stride, padding, null, dilation, groups, bias, paddingMode, false, null);
    }

    /** Padding "same" or "valid". */
    public Conv3d(long inChannels, long outChannels, long[] kernelSize, String padding, long[] dilation, long groups,
                  boolean bias) {
        super(3, inChannels, outChannels, kernelSize, new long[] {1}, null, padding, dilation, groups, bias, "zeros", false, null);
    }
}
