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

    /**
     * Every option of PyTorch's constructor, in its order: {@code (N, C_in, L)}
     * (or unbatched {@code (C_in, L)}) to {@code (N, C_out, L_out)}, each output size
     * {@code floor((in + 2 padding - dilation (kernel - 1) - 1) / stride) + 1}. Each size array holds one
     * value; the weight starts Kaiming-uniform ({@code a = sqrt(5)}), the bias uniform in {@code +-1/sqrt(fan_in)}.
     *
     * @param inChannels C_in
     * @param outChannels C_out
     * @param kernelSize the kernel size
     * @param stride the stride (PyTorch's default 1)
     * @param padding the padding added to both sides of each spatial dim (default 0)
     * @param dilation the spacing between kernel elements (default 1)
     * @param groups the number of blocked connections from input to output channels (default 1)
     * @param bias whether to learn a bias (default true)
     * @param paddingMode "zeros" (default), "reflect", "replicate" or "circular"
     * @throws IllegalArgumentException if {@code groups} does not divide both channel counts, a size array has the
     *         wrong length or the padding mode is unknown, as PyTorch words it
     */
    public Conv1d(long inChannels, long outChannels, long[] kernelSize, long[] stride, long[] padding, long[] dilation,
                  long groups, boolean bias, String paddingMode) {
        super(1, inChannels, outChannels, kernelSize, stride, padding, null, dilation, groups, bias, paddingMode, false, null);
    }

    /**
     * PyTorch's constructor with a padding string and {@code stride = 1}, {@code padding_mode = "zeros"}: "valid" pads
     * nothing, "same" pads (asymmetrically where the total is odd) so that the output keeps the input's length.
     *
     * @param inChannels C_in
     * @param outChannels C_out
     * @param kernelSize the kernel size
     * @param padding "same" or "valid"
     * @param dilation the spacing between kernel elements (default 1)
     * @param groups the number of blocked connections from input to output channels (default 1)
     * @param bias whether to learn a bias (default true)
     * @throws IllegalArgumentException for another padding string, as PyTorch words it
     */
    public Conv1d(long inChannels, long outChannels, long[] kernelSize, String padding, long[] dilation, long groups,
                  boolean bias) {
        super(1, inChannels, outChannels, kernelSize, new long[] {1}, null, padding, dilation, groups, bias, "zeros", false, null);
    }
}
