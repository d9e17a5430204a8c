package org.torch4j.nn;

import org.torch4j.Tensor;

/** The inference of the lazy convolutions ({@code _LazyConvXdMixin}): in_channels from the input's channel dim. */
final class LazyConvolution {
    private LazyConvolution() {}

    /**
     * Infers {@code in_channels} (dim 1 of a batched input, dim 0 of an unbatched one), checks it against the
     * groups, materialises the weight ([out, in/groups, k...], or [in, out/groups, k...] when transposed) and
     * bias, and initialises them as the ordinary convolution does. Nothing changes when a check fails.
     */
    static void initialize(ConvNd m, Tensor input) {
        if (!LazyState.hasUninitialized(m)) return;
        int dims = m.kernelSize.length;
        if (input.dim() != dims + 1 && input.dim() != dims + 2) {
            throw new IllegalArgumentException("Expected " + (dims + 1) + "D (unbatched) or " + (dims + 2) + "D (batched) input to "
                    + m.getClass().getSimpleName() + ", but got input of size: " + Py.size(input.shape()));
        }
        long in = input.dim() == dims + 2 ? input.size(1) : input.size(0);
        if (in % m.groups != 0) throw new IllegalArgumentException("in_channels must be divisible by groups");
        m.inChannels = in;
        long[] shape = new long[dims + 2];
        shape[0] = m.transposed ? in : m.outChannels;
        shape[1] = m.transposed ? m.outChannels / m.groups : in / m.groups;
        System.arraycopy(m.kernelSize, 0, shape, 2, dims);
        m.weight.materialize(shape);
        if (m.bias != null) m.bias.materialize(m.outChannels);
        m.resetParameters();
    }
}
