package org.torch4j.nn;

/** Transposed 3-d convolution of [N, C, D, H, W] ({@code torch.nn.ConvTranspose3d}); weight [C, O/groups, kd, kh, kw]. */
public class ConvTranspose3d extends ConvNd {

    /** A cubic kernel of {@code kernelSize} with that stride, no padding, one group, with bias. */
    public ConvTranspose3d(long inChannels, long outChannels, long kernelSize, long stride) {
        this(inChannels, outChannels, new long[] {kernelSize}, new long[] {stride}, new long[] {0}, new long[] {0}, 1, true,
                new long[] {1});
    }

    /**
     * Every option of PyTorch's constructor but {@code padding_mode} (only "zeros"), in its order: 
     * {@code (N, C_in, D, H, W)} (or unbatched {@code (C_in, D, H, W)}) to {@code (N, C_out, D_out, H_out, W_out)}, each output size
     * {@code (in - 1) stride - 2 padding + dilation (kernel - 1) + outputPadding + 1}. Each size array holds one or three
     * values; weight {@code (C_in, C_out / groups, k...)}.
     *
     * @param inChannels C_in
     * @param outChannels C_out
     * @param kernelSize the kernel size
     * @param stride the stride (PyTorch's default 1)
     * @param padding {@code dilation (kernel - 1) - padding} zeros are added to both sides of the input (default 0)
     * @param outputPadding the size added to one side of each output dim (default 0)
     * @param groups the number of blocked connections from input to output channels (default 1)
     * @param bias whether to learn a bias (default true)
     * @param dilation the spacing between kernel elements (default 1)
     * @throws IllegalArgumentException if {@code groups} does not divide both channel counts or a size array has the
     *         wrong length, as PyTorch words it
     */
    public ConvTranspose3d(long inChannels, long outChannels, long[] kernelSize, long[] stride, long[] padding,
                           long[] outputPadding, long groups, boolean bias, long[] dilation) {
        super(3, inChannels, outChannels, kernelSize, stride, padding, null, dilation, groups, bias, "zeros", true, outputPadding);
    }
}
