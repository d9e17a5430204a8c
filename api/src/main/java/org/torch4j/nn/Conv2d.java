package org.torch4j.nn;

/** 2-d convolution over [N, C, H, W] ({@code torch.nn.Conv2d}). */
public class Conv2d extends ConvNd {

    public Conv2d(long inChannels, long outChannels, long kernelSize) {
        this(inChannels, outChannels, new long[] {kernelSize}, new long[] {1}, new long[] {0}, new long[] {1}, 1, true, "zeros");
    }

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
