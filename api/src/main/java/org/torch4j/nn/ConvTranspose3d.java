package org.torch4j.nn;

/** Transposed 3-d convolution of [N, C, D, H, W] ({@code torch.nn.ConvTranspose3d}); weight [C, O/groups, kd, kh, kw]. */
public class ConvTranspose3d extends ConvNd {

    /** A cubic kernel of {@code kernelSize} with that stride, no padding, one group, with bias. */
    public ConvTranspose3d(long inChannels, long outChannels, long kernelSize, long stride) {
        this(inChannels, outChannels, new long[] {kernelSize}, new long[] {stride}, new long[] {0}, new long[] {0}, 1, true,
                new long[] {1});
    }

    /** Every option of PyTorch's constructor; single-element arrays apply to every dim. */
    public ConvTranspose3d(long inChannels, long outChannels, long[] kernelSize, long[] stride, long[] padding,
                           long[] outputPadding, long groups, boolean bias, long[] dilation) {
        super(3, inChannels, outChannels, kernelSize, stride, padding, null, dilation, groups, bias, "zeros", true, outputPadding);
    }
}
