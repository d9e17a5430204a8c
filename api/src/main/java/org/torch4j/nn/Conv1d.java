package org.torch4j.nn;

/** 1-d convolution over [N, C, L] ({@code torch.nn.Conv1d}). */
public class Conv1d extends ConvNd {

    /** With PyTorch's defaults {@code stride = 1, padding = 0, dilation = 1, groups = 1, bias = true, padding_mode = "zeros"}. */
    public Conv1d(long inChannels, long outChannels, long kernelSize) {
        this(inChannels, outChannels, new long[] {kernelSize}, new long[] {1}, new long[] {0}, new long[] {1}, 1, true, "zeros");
    }

    /** With the given stride and padding and PyTorch's defaults {@code dilation = 1, groups = 1, bias = true, padding_mode = "zeros"}. */
    public Conv1d(long inChannels, long outChannels, long kernelSize, long stride, long padding) {
        this(inChannels, outChannels, new long[] {kernelSize}, new long[] {stride}, new long[] {padding}, new long[] {1}, 1, true,
                "zeros");
    }

    /** Every option of PyTorch's constructor; single-element arrays apply to every dim. */
    public Conv1d(long inChannels, long outChannels, long[] kernelSize, long[] stride, long[] padding, long[] dilation,
                  long groups, boolean bias, String paddingMode) {
        super(1, inChannels, outChannels, kernelSize, stride, padding, null, dilation, groups, bias, paddingMode, false, null);
    }

    /** Padding "same" or "valid". */
    public Conv1d(long inChannels, long outChannels, long[] kernelSize, String padding, long[] dilation, long groups,
                  boolean bias) {
        super(1, inChannels, outChannels, kernelSize, new long[] {1}, null, padding, dilation, groups, bias, "zeros", false, null);
    }
}
