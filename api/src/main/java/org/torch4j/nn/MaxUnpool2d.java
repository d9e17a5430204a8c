package org.torch4j.nn;

import org.torch4j.Tensor;

/** The inverse of {@link MaxPool2d} from its values and indices ({@code torch.nn.MaxUnpool2d}). */
public class MaxUnpool2d extends MaxUnpoolNd {

    /** Square windows of {@code kernelSize} with that stride, no padding. */
    public MaxUnpool2d(long kernelSize) {
        this(new long[] {kernelSize}, null, new long[] {0});
    }

    /**
     * Scatters pooled values {@code (N, C, H_in, W_in)} (or unbatched) back to their indices in a zero tensor whose spatial
     * sizes are {@code (in - 1) stride - 2 padding + kernel}.
     *
     * @param kernelSize the pooling's window, one size or two
     * @param stride the pooling's step, one or two, or null for the kernel size (PyTorch's default {@code None})
     * @param padding the pooling's padding, one or two (default 0)
     * @throws IllegalArgumentException if a size array has neither one nor two entries
     */
    public MaxUnpool2d(long[] kernelSize, long[] stride, long[] padding) {
        super(2, kernelSize, stride, padding);
    }

    /** The unpooled [N, C, H, W] of the default size. */
    @Override
    public Tensor forward(Tensor input, Tensor indices) {
        return F.maxUnpool2d(input, indices, kernelSize, stride, padding, null);
    }
}
