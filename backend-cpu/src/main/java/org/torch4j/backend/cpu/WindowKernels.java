package org.torch4j.backend.cpu;

import org.torch4j.DType;
import org.torch4j.spi.HostStorage;
import org.torch4j.spi.Strided;

/**
 * Fused im2col and col2im for float32 and float64 over contiguous planes, any number of spatial dims.
 * Composed from primitives, each is one strided copy or add per kernel position with rows as short as
 * the output width; here a row of the columns is one pass over a valid range computed up front, a
 * plain copy when the stride is 1. Work is split by planes (col2im: a plane's pixels receive from every
 * kernel position, so one thread owns a plane).
 */
final class WindowKernels {
    private WindowKernels() {}

    /** The sliding-window geometry over d spatial dims, with the loop bounds the kernels share. */
    private record Geometry(long[] in, long[] kernel, long[] stride, long[] padding, long[] dilation, long[] out,
                            int planeSize, int k, int l, int rowLength) {

        static Geometry of(long[] imageShape, long[] kernel, long[] stride, long[] padding, long[] dilation, long[] out) {
            int d = kernel.length;
            long[] in = java.util.Arrays.copyOfRange(imageShape, imageShape.length - d, imageShape.length);
            long plane = 1, k = 1, l = 1;
            for (int i = 0; i < d; i++) {
                plane *= in[i];
                k *= kernel[i];
                l *= out[i];
            }
            return new Geometry(in, kernel, stride, padding, dilation, out, (int) plane, (int) k, (int) l, (int) out[d - 1]);
        }

        /** rowBase of a row that lies wholly in an outer dim's padding. */
        static final long OUTSIDE = Long.MIN_VALUE;

        int dims() {
            return kernel.length;
        }

        /**
         * For kernel offset {@code kk} (unravelled into {@code kIdx}) and output row {@code row} (the output
         * dims but the last): the offset in the input plane read by the row's output position 0, which may
         * lie outside the last dim's line (padding; see {@link #lo}, {@link #hi}), hence may be negative; or
         * {@link #OUTSIDE} when the row falls in the padding of an outer dim. Output position o of the row
         * reads offset + o * stride.
         */
        long rowBase(int kk, int row, int[] kIdx) {
            int d = dims();
            long rem = kk;
            for (int i = d - 1; i >= 0; i--) {
                kIdx[i] = (int) (rem % kernel[i]);
                rem /= kernel[i];
            }
            long offset = 0, planeStride = 1;
            long r = row;
            for (int i = d - 1; i >= 0; i--) {
                long pos;
                if (i == d - 1) {
                    pos = kIdx[i] * dilation[i] - padding[i];
                } else {
                    long o = r % out[i];
                    r /= out[i];
                    pos = o * stride[i] - padding[i] + kIdx[i] * dilation[i];
                    if (pos < 0 || pos >= in[i]) return OUTSIDE;
                }
                offset += (i == d - 1 ? pos : pos * planeStride);
                planeStride *= in[i];
            }
            return offset;
        }

        /** First output position in the last dim whose input index {@code start + o*s} is >= 0. */
        int lo(long start) {
            long s = stride[dims() - 1];
            return (int) Math.min(rowLength, Math.max(0, Math.floorDiv(-start + s - 1, s)));
        }

        /** One past the last output position whose input index is < the last dim's size. */
        int hi(long start) {
            int d = dims();
            long s = stride[d - 1];
            return (int) Math.max(0, Math.min(rowLength, Math.floorDiv(in[d - 1] - 1 - start, s) + 1));
        }
    }

    static boolean im2col(Strided input, Strided cols, long[] kernel, long[] stride, long[] padding, long[] dilation, long[] out) {
        if (!supported(input, cols)) return false;
        Geometry g = Geometry.of(input.shape(), kernel, stride, padding, dilation, out);
        int planes = (int) (input.numel() / Math.max(1, g.planeSize()));
        int inOff = (int) input.offset(), colOff = (int) cols.offset();
        int grain = Math.max(1, (1 << 15) / Math.max(1, g.l()));
        if (input.dtype() == DType.FLOAT32) {
            float[] x = ((HostStorage) input.storage()).floats(), c = ((HostStorage) cols.storage()).floats();
            Parallel.forRange(planes * g.k(), grain, (a, b) -> {
                int[] kIdx = new int[g.dims()];
                for (int r = a; r < b; r++) {
                    int plane = r / g.k(), kk = r % g.k();
                    int src = inOff + plane * g.planeSize(), dst = colOff + r * g.l();
                    for (int row = 0; row < g.l() / g.rowLength(); row++, dst += g.rowLength()) {
                        long base = g.rowBase(kk, row, kIdx);
                        if (base == Geometry.OUTSIDE) {
                            java.util.Arrays.fill(c, dst, dst + g.rowLength(), 0f);
                            continue;
                        }
                        int lastStart = (int) (kIdx[g.dims() - 1] * g.dilation()[g.dims() - 1] - g.padding()[g.dims() - 1]);
                        int lo = g.lo(lastStart), hi = Math.max(g.lo(lastStart), g.hi(lastStart));
                        int s = (int) g.stride()[g.dims() - 1];
                        java.util.Arrays.fill(c, dst, dst + lo, 0f);
                        int from = src + (int) base + lo * s;
                        if (hi <= lo) {
                            // the whole row reads padding (an input shorter than the padding)
                        } else if (s == 1) {
                            System.arraycopy(x, from, c, dst + lo, hi - lo);
                        } else {
                            for (int o = lo; o < hi; o++, from += s) c[dst + o] = x[from];
                        }
                        java.util.Arrays.fill(c, dst + hi, dst + g.rowLength(), 0f);
                    }
                }
            });
        } else {
            double[] x = ((HostStorage) input.storage()).doubles(), c = ((HostStorage) cols.storage()).doubles();
            Parallel.forRange(planes * g.k(), grain, (a, b) -> {
                int[] kIdx = new int[g.dims()];
                for (int r = a; r < b; r++) {
                    int plane = r / g.k(), kk = r % g.k();
                    int src = inOff + plane * g.planeSize(), dst = colOff + r * g.l();
                    for (int row = 0; row < g.l() / g.rowLength(); row++, dst += g.rowLength()) {
                        long base = g.rowBase(kk, row, kIdx);
                        if (base == Geometry.OUTSIDE) {
                            java.util.Arrays.fill(c, dst, dst + g.rowLength(), 0);
                            continue;
                        }
                        int lastStart = (int) (kIdx[g.dims() - 1] * g.dilation()[g.dims() - 1] - g.padding()[g.dims() - 1]);
                        int lo = g.lo(lastStart), hi = Math.max(g.lo(lastStart), g.hi(lastStart));
                        int s = (int) g.stride()[g.dims() - 1];
                        java.util.Arrays.fill(c, dst, dst + lo, 0);
                        int from = src + (int) base + lo * s;
                        if (hi <= lo) {
                            // the whole row reads padding (an input shorter than the padding)
                        } else if (s == 1) {
                            System.arraycopy(x, from, c, dst + lo, hi - lo);
                        } else {
                            for (int o = lo; o < hi; o++, from += s) c[dst + o] = x[from];
                        }
                        java.util.Arrays.fill(c, dst + hi, dst + g.rowLength(), 0);
                    }
                }
            });
        }
        return true;
    }

    static boolean col2im(Strided cols, Strided image, long[] kernel, long[] stride, long[] padding, long[] dilation, long[] out) {
        if (!supported(image, cols)) return false;
        Geometry g = Geometry.of(image.shape(), kernel, stride, padding, dilation, out);
        int planes = (int) (image.numel() / Math.max(1, g.planeSize()));
        int imgOff = (int) image.offset(), colOff = (int) cols.offset();
        int grain = Math.max(1, (1 << 15) / Math.max(1, g.k() * g.l()));
        int s = (int) g.stride()[g.dims() - 1];
        if (image.dtype() == DType.FLOAT32) {
            float[] x = ((HostStorage) image.storage()).floats(), c = ((HostStorage) cols.storage()).floats();
            Parallel.forRange(planes, grain, (a, b) -> {
                int[] kIdx = new int[g.dims()];
                for (int plane = a; plane < b; plane++) {
                    int img = imgOff + plane * g.planeSize();
                    for (int kk = 0; kk < g.k(); kk++) {
                        int src = colOff + (plane * g.k() + kk) * g.l();
                        for (int row = 0; row < g.l() / g.rowLength(); row++, src += g.rowLength()) {
                            long base = g.rowBase(kk, row, kIdx);
                            if (base == Geometry.OUTSIDE) continue;
                            int lastStart = (int) (kIdx[g.dims() - 1] * g.dilation()[g.dims() - 1] - g.padding()[g.dims() - 1]);
                            int lo = g.lo(lastStart), hi = g.hi(lastStart);
                            int to = img + (int) base + lo * s;
                            for (int o = lo; o < hi; o++, to += s) x[to] += c[src + o];
                        }
                    }
                }
            });
        } else {
            double[] x = ((HostStorage) image.storage()).doubles(), c = ((HostStorage) cols.storage()).doubles();
            Parallel.forRange(planes, grain, (a, b) -> {
                int[] kIdx = new int[g.dims()];
                for (int plane = a; plane < b; plane++) {
                    int img = imgOff + plane * g.planeSize();
                    for (int kk = 0; kk < g.k(); kk++) {
                        int src = colOff + (plane * g.k() + kk) * g.l();
                        for (int row = 0; row < g.l() / g.rowLength(); row++, src += g.rowLength()) {
                            long base = g.rowBase(kk, row, kIdx);
                            if (base == Geometry.OUTSIDE) continue;
                            int lastStart = (int) (kIdx[g.dims() - 1] * g.dilation()[g.dims() - 1] - g.padding()[g.dims() - 1]);
                            int lo = g.lo(lastStart), hi = g.hi(lastStart);
                            int to = img + (int) base + lo * s;
                            for (int o = lo; o < hi; o++, to += s) x[to] += c[src + o];
                        }
                    }
                }
            });
        }
        return true;
    }

    /** float32/float64 host operands of one dtype, both contiguous, small enough for int offsets. */
    private static boolean supported(Strided image, Strided cols) {
        DType t = image.dtype();
        return (t == DType.FLOAT32 || t == DType.FLOAT64) && cols.dtype() == t
                && image.storage() instanceof HostStorage && cols.storage() instanceof HostStorage
                && contiguous(image) && contiguous(cols);
    }

    /** Row-major contiguous (size-1 dims aside), addressable with int offsets. */
    static boolean contiguous(Strided s) {
        long expected = 1;
        long[] shape = s.shape(), strides = s.strides();
        for (int i = shape.length - 1; i >= 0; i--) {
            if (shape[i] != 1 && strides[i] != expected) return false;
            expected *= shape[i];
        }
        return s.offset() + s.numel() < Integer.MAX_VALUE;
    }
}
