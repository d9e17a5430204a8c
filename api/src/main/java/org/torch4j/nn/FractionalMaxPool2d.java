package org.torch4j.nn;

import org.torch4j.Tensor;

/**
 * Fractional max pooling over the last 2 dims ({@code torch.nn.FractionalMaxPool2d}): windows of a fixed
 * size starting at pseudo-random places, giving a fixed output size or a fraction of the input's.
 * {@link #callWithIndices} returns the indices too ({@code return_indices=True}).
 */
public class FractionalMaxPool2d extends FractionalMaxPoolNd {

    /** Windows of {@code kernelSize} pooled to {@code outputSize} (one size or 2). */
    public static FractionalMaxPool2d ofSize(long[] kernelSize, long... outputSize) {
        return new FractionalMaxPool2d(kernelSize, outputSize, null, null);
    }

    /** Windows of {@code kernelSize} pooled to {@code floor(input size * ratio)} (one ratio or 2, each in (0, 1)). */
    public static FractionalMaxPool2d ofRatio(long[] kernelSize, double... outputRatio) {
        return new FractionalMaxPool2d(kernelSize, null, outputRatio, null);
    }

    /**
     * Every option of PyTorch's constructor but {@code return_indices} (see {@link #callWithIndices}).
     *
     * @param randomSamples PyTorch's {@code _random_samples} ([N, C, 2] in [0, 1)), or null to draw them per call
     */
    public FractionalMaxPool2d(long[] kernelSize, long[] outputSize, double[] outputRatio, Tensor randomSamples) {
        super(2, kernelSize, outputSize, outputRatio, randomSamples);
    }
}
