package org.torch4j.nn;

import org.torch4j.Tensor;

/** The inverse of {@link MaxPool3d} from its values and indices ({@code torch.nn.MaxUnpool3d}). */
public class MaxUnpool3d extends MaxUnpoolNd {

    /** Cubic windows of {@code kernelSize} with that stride, no padding. */
    public MaxUnpool3d(long kernelSize) {
        this(new long[] {kernelSize}, null, new long[] {0});
    }

    /**
     * Scatters pooled values {@code (N, C, D_in, H_in, W_in)} (or unbatched) back to their indices in a zero tensor whose spatial
     * sizes are {@code (in - 1) stride - 2 padding + kernel}.
     *
     * @param kernelSize the pooling's window, one size or three
     * @param stride the pooling's step, one or three, or null for the kernel size (PyTorch's default {@code None})
     * @param padding the pooling's padding, one or three (default 0)
     * @throws IllegalArgumentException if a size array has neither one nor three entries
     */
    public MaxUnpool3d(long[] kernelSize, long[] stride, long[] padding) {
        super(3, kernelSize, stride, padding);
    }

    /** The unpooled [N, C, D, H, W] of the default size. */
    @Override
    public Tensor forward(Tensor input, Tensor indices) {
        return F.maxUnpool3d(input, indices, kernelSize, stride, padding, null);
    }
}
