package org.torch4j.nn;

import org.torch4j.Tensor;
import org.torch4j.ValuesIndices;

/**
 * The shared part of {@link FractionalMaxPool2d} and {@link FractionalMaxPool3d}: options checked as
 * PyTorch's constructors check them, and the forward with or without indices.
 */
public abstract class FractionalMaxPoolNd extends Module {
    private final int dims;
    private final long[] kernelSize, outputSize;
    private final double[] outputRatio;
    private final Tensor randomSamples;

    /**
     * Checks the options as PyTorch's constructors do; exactly one of {@code outputSize} and {@code outputRatio} is given.
     *
     * @param dims 2 or 3
     * @param kernelSize one size or one per dim
     * @param outputSize the output's size (one or one per dim), or null with {@code outputRatio}
     * @param outputRatio the output's size as a fraction in (0, 1) of the input's (one or one per dim), or null
     * @param randomSamples PyTorch's {@code _random_samples}: fixed samples [N, C, dims] in [0, 1), or null to
     *                      draw new ones on every call
     */
    protected FractionalMaxPoolNd(int dims, long[] kernelSize, long[] outputSize, double[] outputRatio, Tensor randomSamples) {
        String name = "FractionalMaxPool" + dims + "d";
        if (outputSize == null && outputRatio == null) {
            throw new IllegalArgumentException(name + " requires specifying either an output size, or a pooling ratio");
        }
        if (outputSize != null && outputRatio != null) {
            throw new IllegalArgumentException("only one of output_size and output_ratio may be specified");
        }
        if (outputRatio != null) {
            for (double r : outputRatio) {
                if (!(0 < r && r < 1)) {
                    String given = outputRatio.length == 1 ? Py.repr(outputRatio[0]) : Py.tuple(outputRatio);
                    throw new IllegalArgumentException("output_ratio must be between 0 and 1 (got " + given + ")");
                }
            }
        }
        this.dims = dims;
        this.kernelSize = Windows.expand(kernelSize, dims, "kernel_size");
        this.outputSize = outputSize == null ? null : Windows.expand(outputSize, dims, "output_size");
        this.outputRatio = outputRatio == null ? null : outputRatio.clone();
        this.randomSamples = randomSamples == null ? null : randomSamples.keep();
    }

    @Override
    public Tensor forward(Tensor input) {
        return forwardWithIndices(input).values();
    }

    /** The pooled values and each one's flat index in its input plane ({@code return_indices=True}). */
    public ValuesIndices forwardWithIndices(Tensor input) {
        return FractionalMaxPooling.pool(dims, input, kernelSize, outputSize, outputRatio, randomSamples);
    }

    /** {@link #forwardWithIndices} with the hooks around it. */
    public ValuesIndices callWithIndices(Tensor input) {
        return callWithHooks(args -> forwardWithIndices((Tensor) args.get(0)), input);
    }
}
