package org.torch4j.fft;

import org.torch4j.Tensor;
import org.torch4j.internal.Internals;

/**
 * The dims an n-dimensional transform runs over and the signal size along each, from PyTorch's {@code s}
 * and {@code dim} arguments (its {@code canonicalize_fft_shape_and_dim_args}), with its errors.
 *
 * @param dims  non-negative, distinct dims in the order given
 * @param sizes the signal size along each (for irfftn's last dim: the output size)
 */
record Shape(int[] dims, long[] sizes) {

    /**
     * @param halfLast the last dim is irfftn's: its default size is {@code 2 (m - 1)}, not m
     */
    static Shape of(Tensor x, long[] s, int[] dim, boolean halfLast) {
        int rank = x.dim();
        int[] dims;
        if (dim != null) {
            dims = new int[dim.length];
            for (int i = 0; i < dims.length; i++) dims[i] = Internals.get().wrapDim(dim[i], rank);
            if (java.util.Arrays.stream(dims).distinct().count() != dims.length) {
                throw new IllegalArgumentException("FFT dims must be unique");
            }
            if (s != null && s.length != dims.length) {
                throw new IllegalArgumentException("When given, dim and shape arguments must have the same length");
            }
        } else if (s != null) {
            if (s.length > rank) {
                throw new IllegalArgumentException("Got shape with " + s.length + " values but input tensor only has "
                        + rank + " dimensions.");
            }
            dims = new int[s.length];
            for (int i = 0; i < dims.length; i++) dims[i] = rank - s.length + i;
        } else {
            dims = new int[rank];
            for (int i = 0; i < rank; i++) dims[i] = i;
        }
        long[] sizes = new long[dims.length];
        for (int i = 0; i < dims.length; i++) {
            boolean given = s != null && s[i] != -1;
            long m = x.size(dims[i]);
            sizes[i] = Fft.points(given ? s[i] : halfLast && i == dims.length - 1 ? 2 * (m - 1) : m);
        }
        return new Shape(dims, sizes);
    }

    /** The number of points of the whole transform: the product of the sizes. */
    double points() {
        double p = 1;
        for (long n : sizes) p *= n;
        return p;
    }
}
