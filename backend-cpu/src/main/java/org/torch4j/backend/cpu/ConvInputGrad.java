package org.torch4j.backend.cpu;

import org.torch4j.DType;
import org.torch4j.backend.cpu.gemm.Gemm;
import org.torch4j.spi.HostStorage;
import org.torch4j.spi.Strided;

/**
 * The backend's {@code conv2dInputGrad} (the api calls it for strided convolutions): the transposed convolution as,
 * per chunk of images, one batched GEMM of the transposed weight [C*KH*KW, O] with each image's output gradient
 * [O, OH*OW] into im2col columns, then {@link WindowKernels#col2im}, which sums each input pixel's window entries.
 * The arithmetic of the api's composition (a matmul, then col2im), without its temporaries' autograd bookkeeping;
 * the columns come from host memory's cache of closed arrays and go back to it. Float32 and float64, contiguous.
 */
final class ConvInputGrad {
    /** The most column elements a chunk holds (64 MiB of float32); larger batches run in chunks of images. */
    private static final long MAX_COLS = 1L << 24;

    private ConvInputGrad() {}

    static boolean run(Strided gradOut, Strided weight, Strided gradInput, long[] stride, long[] padding, long[] dilation) {
        DType t = gradInput.dtype();
        if ((t != DType.FLOAT32 && t != DType.FLOAT64) || gradOut.dtype() != t || weight.dtype() != t || gradOut.rank() != 4
                || weight.rank() != 4 || gradInput.rank() != 4) {
            return false;
        }
        if (!host(gradOut) || !host(weight) || !host(gradInput)) return false;
        long n = gradInput.shape()[0], c = gradInput.shape()[1], plane = gradInput.shape()[2] * gradInput.shape()[3];
        long o = weight.shape()[0], k = c * weight.shape()[2] * weight.shape()[3];
        long p = gradOut.shape()[2] * gradOut.shape()[3];
        if (weight.shape()[1] != c || gradOut.shape()[0] != n || gradOut.shape()[1] != o || k * p > MAX_COLS) return false;
        if (gradInput.numel() == 0) return true;
        long[] kernel = {weight.shape()[2], weight.shape()[3]}, out = {gradOut.shape()[2], gradOut.shape()[3]};
        long per = Math.max(1, Math.min(n, MAX_COLS / Math.max(1, k * p)));
        HostStorage cols = HostStorage.allocateUninitialized(t, per * k * p);
        try {
            for (long n0 = 0; n0 < n; n0 += per) {
                int m = (int) Math.min(per, n - n0);
                // cols[i] [K, P] = weight^T [K, O] (batch stride 0) @ gradOut[n0 + i] [O, P]
                int gy0 = (int) (gradOut.offset() + n0 * o * p), w0 = (int) weight.offset();
                if (t == DType.FLOAT32) {
                    Gemm.sgemmBatched(m, (int) k, (int) p, (int) o, 1f, floats(weight), w0, 0, 1, (int) k,
                            floats(gradOut), gy0, (int) (o * p), (int) p, 1, 0f, cols.floats(), 0, (int) (k * p), (int) p, 1);
                } else {
                    Gemm.dgemmBatched(m, (int) k, (int) p, (int) o, 1, doubles(weight), w0, 0, 1, (int) k,
                            doubles(gradOut), gy0, (int) (o * p), (int) p, 1, 0, cols.doubles(), 0, (int) (k * p), (int) p, 1);
                }
                Strided image = gradInput.with(new long[] {m, c, gradInput.shape()[2], gradInput.shape()[3]},
                        gradInput.strides(), gradInput.offset() + n0 * c * plane);
                Strided columns = new Strided(cols, new long[] {m, k, p}, new long[] {k * p, p, 1}, 0);
                WindowKernels.col2im(columns, image, kernel, stride, padding, dilation, out);
            }
        } finally {
            cols.release();
        }
        return true;
    }

    /** In host memory and contiguous, addressable with int offsets. */
    private static boolean host(Strided s) {
        return s.storage() instanceof HostStorage && WindowKernels.contiguous(s);
    }

    private static float[] floats(Strided s) {
        return ((HostStorage) s.storage()).floats();
    }

    private static double[] doubles(Strided s) {
        return ((HostStorage) s.storage()).doubles();
    }
}
