package org.torch4j.nn;

/** Transposed 1-d convolution ({@code torch.nn.ConvTranspose1d}). */
public class ConvTranspose1d extends ConvNd {

    /**
     * With the given stride and PyTorch's defaults {@code padding = 0, output_padding = 0, groups = 1, bias = true,
     * dilation = 1}: {@code (N, inChannels, L)} to {@code (N, outChannels, (L - 1) stride + kernelSize)}.
     */
    public ConvTranspose1d(long inChannels, long outChannels, long kernelSize, long stride) {
        this(inChannels, outChannels, new long[] {kernelSize}, new long[] {stride}, new long[] {0}, new long[] {0}, 1, true,
                new long[] {1});
    }

    /** Every option of PyTorch's constructor; single-element arrays apply to every dim. */
    public ConvTranspose1d(long inChannels, long outChannels, long[] kernelSize, long[] stride, long[] padding,
                           long[] outputPadding, long groups, boolean bias, long[] dilation) {
        super(1, inChannels, outChannels, kernelSize, stride, padding, null, dilation, groups, bias, "zeros", true, outputPadding);
    }
}
