package org.torch4j.nn;

/** Transposed 2-d convolution ({@code torch.nn.ConvTranspose2d}). */
public class ConvTranspose2d extends ConvNd {

    /**
     * A square kernel with the given stride and PyTorch's defaults {@code padding = 0, output_padding = 0, groups = 1,
     * bias = true, dilation = 1}: {@code (N, inChannels, H, W)} to {@code (N, outChannels, (H - 1) stride + k, (W - 1) stride + k)}.
     */
    public ConvTranspose2d(long inChannels, long outChannels, long kernelSize, long stride) {
        this(inChannels, outChannels, new long[] {kernelSize}, new long[] {stride}, new long[] {0}, new long[] {0}, 1, true,
                new long[] {1});
    }

    /**
     * Every option of PyTorch's constructor but {@code padding_mode} (only "zeros"), in its order: 
     * {@code (N, C_in, H, W)} (or unbatched {@code (C_in, H, W)}) to {@code (N, C_out, H_out, W_out)}, each output size
     * {@code (in - 1) stride - 2 padding + dilation (kernel - 1) + outputPadding + 1}. Each size array holds one or two
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
    public ConvTranspose2d(long inChannels, long outChannels, long[] kernelSize, long[] stride, long[] padding,
                           long[] outputPadding, long groups, boolean bias, long[] dilation) {
        super(2, inChannels, outChannels, kernelSize, stride, padding, null, dilation, groups, bias, "zeros", true, outputPadding);
    }
}
