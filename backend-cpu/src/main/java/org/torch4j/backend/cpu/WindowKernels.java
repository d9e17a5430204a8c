package org.torch4j.backend.cpu;

import org.torch4j.DType;
import org.torch4j.spi.HostStorage;
import org.torch4j.spi.Strided;

/**
 * Fused im2col and col2im for float32 and float64 over contiguous planes, any number of spatial dims.
 * Composed from primitives, each is one strided copy or add per kernel position with rows as short as
 * the output width; here a row of the columns is one pass over a valid range computed up front, a
 * plain copy when the stride is 1. The traversal is written once; {@link Rows} holds the float and
 * double inner loops. Work is split by planes (col2im: a plane's pixels receive from every kernel
 * position, so one thread owns a plane, and zeroes it first).
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

        /** The last dim's stride. */
        int step() {
            return (int) stride[dims() - 1];
        }

        /** The last-dim input index read by a row's output position 0, for the kernel offset {@code kIdx}. */
        int lastStart(int[] kIdx) {
            int d = dims();
            return (int) (kIdx[d - 1] * dilation[d - 1] - padding[d - 1]);
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

    /** The element type's inner loops over one row: the only code that touches the arrays. */
    private interface Rows {
        /** cols[dst, dst + n) = 0 */
        void zeroCols(int dst, int n);

        /** image[from, from + n) = 0 */
        void zeroImage(int from, int n);

        /** cols[dst + o] = image[from + o * step] for o in [0, n) */
        void gather(int from, int step, int dst, int n);

        /** image[to + o * step] += cols[src + o] for o in [0, n) */
        void scatterAdd(int src, int to, int step, int n);
    }

    private record FloatRows(float[] image, float[] cols) implements Rows {
        public void zeroCols(int dst, int n) {
            java.util.Arrays.fill(cols, dst, dst + n, 0f);
        }

        public void zeroImage(int from, int n) {
            java.util.Arrays.fill(image, from, from + n, 0f);
        }

        public void gather(int from, int step, int dst, int n) {
            if (step == 1 && n > 0) System.arraycopy(image, from, cols, dst, n);
            else for (int o = 0; o < n; o++, from += step) cols[dst + o] = image[from];
        }

        public void scatterAdd(int src, int to, int step, int n) {
            for (int o = 0; o < n; o++, to += step) image[to] += cols[src + o];
        }
    }

    private record DoubleRows(double[] image, double[] cols) implements Rows {
        public void zeroCols(int dst, int n) {
            java.util.Arrays.fill(cols, dst, dst + n, 0);
        }

        public void zeroImage(int from, int n) {
            java.util.Arrays.fill(image, from, from + n, 0);
        }

        public void gather(int from, int step, int dst, int n) {
            if (step == 1 && n > 0) System.arraycopy(image, from, cols, dst, n);
            else for (int o = 0; o < n; o++, from += step) cols[dst + o] = image[from];
        }

        public void scatterAdd(int src, int to, int step, int n) {
            for (int o = 0; o < n; o++, to += step) image[to] += cols[src + o];
        }
    }

    private static Rows rows(Strided image, Strided cols) {
        HostStorage i = (HostStorage) image.storage(), c = (HostStorage) cols.storage();
        return image.dtype() == DType.FLOAT32 ? new FloatRows(i.floats(), c.floats()) : new DoubleRows(i.doubles(), c.doubles());
    }

    static boolean im2col(Strided input, Strided cols, long[] kernel, long[] stride, long[] padding, long[] dilation, long[] out) {
        if (!supported(input, cols)) return false;
        Geometry g = Geometry.of(input.shape(), kernel, stride, padding, dilation, out);
        int planes = (int) (input.numel() / Math.max(1, g.planeSize()));
        int inOff = (int) input.offset(), colOff = (int) cols.offset();
        int n = g.rowLength(), step = g.step();
        Rows rows = rows(input, cols);
        Parallel.forRange(planes * g.k(), Math.max(1, (1 << 15) / Math.max(1, g.l())), (a, b) -> {
            int[] kIdx = new int[g.dims()];
            for (int r = a; r < b; r++) {
                int kk = r % g.k(), src = inOff + (r / g.k()) * g.planeSize(), dst = colOff + r * g.l();
                for (int row = 0; row < g.l() / n; row++, dst += n) {
                    long base = g.rowBase(kk, row, kIdx);
                    if (base == Geometry.OUTSIDE) {
                        rows.zeroCols(dst, n);
                        continue;
                    }
                    int start = g.lastStart(kIdx), lo = g.lo(start), hi = Math.max(lo, g.hi(start));
                    rows.zeroCols(dst, lo);
                    rows.gather(src + (int) base + lo * step, step, dst + lo, hi - lo);
                    rows.zeroCols(dst + hi, n - hi);
                }
            }
        });
        return true;
    }

    static boolean col2im(Strided cols, Strided image, long[] kernel, long[] stride, long[] padding, long[] dilation, long[] out) {
        if (!supported(image, cols)) return false;
        Geometry g = Geometry.of(image.shape(), kernel, stride, padding, dilation, out);
        int planes = (int) (image.numel() / Math.max(1, g.planeSize()));
        int imgOff = (int) image.offset(), colOff = (int) cols.offset();
        int n = g.rowLength(), step = g.step();
        Rows rows = rows(image, cols);
        Parallel.forRange(planes, Math.max(1, (1 << 15) / Math.max(1, g.k() * g.l())), (a, b) -> {
            int[] kIdx = new int[g.dims()];
            for (int plane = a; plane < b; plane++) {
                int img = imgOff + plane * g.planeSize();
                rows.zeroImage(img, g.planeSize());
                for (int kk = 0; kk < g.k(); kk++) {
                    int src = colOff + (plane * g.k() + kk) * g.l();
                    for (int row = 0; row < g.l() / n; row++, src += n) {
                        long base = g.rowBase(kk, row, kIdx);
                        if (base == Geometry.OUTSIDE) continue;
                        int start = g.lastStart(kIdx), lo = g.lo(start), hi = g.hi(start);
                        rows.scatterAdd(src + lo, img + (int) base + lo * step, step, hi - lo);
                    }
                }
            }
        });
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
