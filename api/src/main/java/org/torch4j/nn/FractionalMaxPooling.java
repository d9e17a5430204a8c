package org.torch4j.nn;

import java.util.Arrays;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.ValuesIndices;
import org.torch4j.internal.Internals;

/**
 * Fractional max pooling (Graham, 2014) over the last 2 or 3 dims, as PyTorch's
 * {@code fractional_max_pool2d/3d}: each plane's windows start at a pseudo-random sequence drawn from
 * one sample in [0, 1) per plane and dim. The windows are gathered into one tensor and reduced by
 * {@code max}, so the gradient (to the maximum of each window) and its derivative come from those ops.
 */
final class FractionalMaxPooling {
    private FractionalMaxPooling() {}

    /**
     * The functional form: output size from {@code outputSize}, else {@code floor(in * ratio)}; samples drawn
     * by {@code torch.rand(N, C, d)} when {@code samples} is null, in the order PyTorch's Python wrapper draws.
     */
    static ValuesIndices pool(int d, Tensor input, long[] kernelSize, long[] outputSize, double[] outputRatio, Tensor samples) {
        String name = "fractional_max_pool" + d + "d";
        long[] out;
        if (outputSize == null && outputRatio == null) {
            throw new IllegalArgumentException(name + " requires specifying either an output_size or an output_ratio");
        }
        if (outputSize == null) {
            double[] ratio = expand(outputRatio, d);
            out = new long[d];
            for (int i = 0; i < d; i++) out[i] = (long) (input.size(i - d) * ratio[i]);
        } else {
            out = Windows.expand(outputSize, d, "output_size");
        }
        if (samples == null) {
            long batch = input.dim() == d + 1 ? 1 : input.size(0);
            long channels = input.size(-d - 1);
            if (!input.isFloatingPoint()) {
                throw new IllegalArgumentException("\"check_uniform_bounds\" not implemented for '"
                        + Internals.get().cppName(input.dtype()) + "'");
            }
            samples = Torch.rand(new long[] {batch, channels, d}, input.dtype());
        }
        return pool(d, input, Windows.expand(kernelSize, d, "kernel_size"), out, samples);
    }

    private static double[] expand(double[] v, int d) {
        if (v.length == d) return v.clone();
        if (v.length != 1) throw new IllegalArgumentException("output_ratio must be a number or a tuple of " + d + " numbers");
        double[] r = new double[d];
        Arrays.fill(r, v[0]);
        return r;
    }

    /** The kernel of {@code torch._C._nn.fractional_max_pool2d/3d}: kernel, output size and samples given. */
    static ValuesIndices pool(int d, Tensor input, long[] kernel, long[] out, Tensor samples) {
        check(d, input, kernel, out, samples);
        boolean unbatched = input.dim() == d + 1;
        Tensor x = unbatched ? input.unsqueeze(0) : input;
        long n = x.size(0), c = x.size(1);
        long[] in = Arrays.copyOfRange(x.shape(), 2, 2 + d);
        long plane = 1, cells = 1, taps = 1;
        for (int i = 0; i < d; i++) {
            plane *= in[i];
            cells *= out[i];
            taps *= kernel[i];
        }
        int[][][] starts = starts(d, samples, in, out, kernel, (int) (n * c));
        // every window's taps as flat positions in its plane: [N*C, cells, taps]
        long[] positions = new long[(int) (n * c * cells * taps)];
        long[] cell = new long[d], tap = new long[d];
        int k = 0;
        for (int p = 0; p < n * c; p++) {
            Arrays.fill(cell, 0);
            for (long q = 0; q < cells; q++) {
                Arrays.fill(tap, 0);
                for (long t = 0; t < taps; t++) {
                    long flat = 0;
                    for (int i = 0; i < d; i++) flat = flat * in[i] + starts[p][i][(int) cell[i]] + tap[i];
                    positions[k++] = flat;
                    step(tap, kernel);
                }
                step(cell, out);
            }
        }
        Tensor index = Torch.tensor(positions, n, c, cells * taps).to(x.device());
        ValuesIndices m = x.reshape(n, c, plane).gather(2, index).reshape(n, c, cells, taps).max(3);
        Tensor where = index.reshape(n, c, cells, taps).gather(3, m.indices().unsqueeze(3)).squeeze(3);
        long[] shape = new long[d + 2];
        shape[0] = n;
        shape[1] = c;
        System.arraycopy(out, 0, shape, 2, d);
        Tensor values = m.values().reshape(shape), indices = where.reshape(shape);
        return unbatched ? new ValuesIndices(values.squeeze(0), indices.squeeze(0)) : new ValuesIndices(values, indices);
    }

    /** Advances a row-major multi-index within {@code bounds}. */
    private static void step(long[] idx, long[] bounds) {
        for (int i = idx.length - 1; i >= 0 && ++idx[i] == bounds[i]; i--) idx[i] = 0;
    }

    /**
     * Each plane's window starts per dim. PyTorch's 2-d kernel reads a plane's first sample for the width and
     * the second for the height; the 3-d kernel reads them in dim order.
     */
    private static int[][][] starts(int d, Tensor samples, long[] in, long[] out, long[] kernel, int planes) {
        double[] s = samples.contiguous().toDoubleArray();
        boolean single = samples.dtype() == DType.FLOAT32;
        int[][][] r = new int[planes][d][];
        for (int p = 0; p < planes; p++) {
            for (int i = 0; i < d; i++) {
                double u = s[p * d + (d == 2 ? 1 - i : i)];
                r[p][i] = single ? intervals((float) u, (int) in[i], (int) out[i], (int) kernel[i])
                        : intervals(u, (int) in[i], (int) out[i], (int) kernel[i]);
            }
        }
        return r;
    }

    /**
     * PyTorch's interval sequence in float32: {@code (int)((i + u) alpha) - (int)(u alpha)} with
     * {@code alpha = (in - k) / (out - 1)}, the last window flush with the end. The kernel computes in the
     * input's precision, so float32 inputs need float arithmetic to start their windows at the same places.
     */
    static int[] intervals(float u, int in, int out, int k) {
        int[] seq = new int[out];
        if (out > 1) {
            float alpha = (float) (in - k) / (float) (out - 1);
            for (int i = 0; i < out - 1; i++) seq[i] = (int) ((i + u) * alpha) - (int) (u * alpha);
        }
        if (out > 0) seq[out - 1] = in - k;
        return seq;
    }

    /** The interval sequence in float64 (for float64 inputs). */
    static int[] intervals(double u, int in, int out, int k) {
        int[] seq = new int[out];
        if (out > 1) {
            double alpha = (double) (in - k) / (double) (out - 1);
            for (int i = 0; i < out - 1; i++) seq[i] = (int) ((i + u) * alpha) - (int) (u * alpha);
        }
        if (out > 0) seq[out - 1] = in - k;
        return seq;
    }

    private static void check(int d, Tensor input, long[] kernel, long[] out, Tensor samples) {
        String name = "fractional_max_pool" + d + "d";
        String where = d == 2 ? name + "()" : name + "_out()";
        if (input.dim() != d + 1 && input.dim() != d + 2) {
            throw new IllegalArgumentException(where + ": Expected " + (d + 1) + "D or " + (d + 2) + "D tensor, but got: "
                    + Arrays.toString(input.shape()));
        }
        for (int i = 1; i < input.dim(); i++) {
            if (input.size(i) <= 0) {
                throw new IllegalArgumentException(where + ": Expected input to have non-zero size for non-batch dimensions, but got"
                        + Arrays.toString(input.shape()) + " with dimension " + i + " being empty.");
            }
        }
        String[] names = d == 2 ? new String[] {"height", "width"} : new String[] {"time", "height", "width"};
        // the 3-d kernel checks time, width, height, each window strictly inside (the 2-d one allows the last flush)
        int[] order = d == 2 ? new int[] {0, 1} : new int[] {0, 2, 1};
        for (int i : order) {
            long size = input.size(input.dim() - d + i);
            if (d == 2 ? out[i] + kernel[i] - 1 > size : out[i] + kernel[i] - 1 >= size) {
                throw new IllegalArgumentException(where + ": pool " + names[i] + " " + kernel[i] + " too large relative to input "
                        + names[i] + " " + size);
            }
        }
        long[] outShape = input.shape().clone();
        System.arraycopy(out, 0, outShape, input.dim() - d, d);
        for (long o : out) {
            if (o < 0) throw new IllegalArgumentException("Trying to create tensor with negative dimension " + o + ": " + Arrays.toString(outShape));
        }
        for (long k : kernel) {   // PyTorch pools over empty windows here; torch4j refuses them
            if (k <= 0) throw new IllegalArgumentException(where + ": kernel_size must be greater than zero, but got " + Arrays.toString(kernel));
        }
        if (samples.dtype() != input.dtype()) {
            throw new IllegalArgumentException("expected scalar type " + Internals.get().cppName(input.dtype())
                    + " but found " + Internals.get().cppName(samples.dtype()));
        }
        long batch = input.dim() == d + 1 ? 1 : input.size(0);
        // PyTorch reads the samples unchecked (past their end when too few); here the shape must be [N, C, d]
        if (!Arrays.equals(samples.shape(), new long[] {batch, input.size(-d - 1), d})) {
            throw new IllegalArgumentException(name + "(): expected _random_samples of shape [" + batch + ", "
                    + input.size(-d - 1) + ", " + d + "], but got " + Arrays.toString(samples.shape()));
        }
    }
}
