package org.torch4j.backend.cpu;

import org.torch4j.DType;
import org.torch4j.backend.cpu.gemm.Gemm;
import org.torch4j.spi.HostStorage;
import org.torch4j.spi.Strided;

/**
 * Batched matrix products [B,M,K] x [B,K,N] -> [B,M,N] with any strides. Operands that are not
 * float32 or float64 pass through float (float16, bfloat16, as PyTorch) or long (integers).
 */
final class MatMul {
    private MatMul() {}

    static void matmul(Strided out, Strided a, Strided b, double alpha, double beta) {
        long[] os = out.shape();
        int batch = (int) os[0], m = (int) os[1], n = (int) os[2], k = (int) a.shape()[2];
        if (batch == 0 || m == 0 || n == 0) return;
        DType t = out.dtype();
        switch (t) {
            case FLOAT32 -> floatGemm(out, a, b, batch, m, n, k, (float) alpha, (float) beta);
            case FLOAT64 -> doubleGemm(out, a, b, batch, m, n, k, alpha, beta);
            default -> widened(out, a, b, alpha, beta);
        }
    }

    /** Other dtypes through contiguous copies in float (float16, bfloat16) or long (integers). */
    private static void widened(Strided out, Strided a, Strided b, double alpha, double beta) {
        DType w = out.dtype().isFloatingPoint() ? DType.FLOAT32 : DType.INT64;
        Strided wa = converted(a, w), wb = converted(b, w), wo = converted(out, w);
        long[] os = out.shape();
        int batch = (int) os[0], m = (int) os[1], n = (int) os[2], k = (int) a.shape()[2];
        if (w == DType.FLOAT32) floatGemm(wo, wa, wb, batch, m, n, k, (float) alpha, (float) beta);
        else naiveLong(wo, wa, wb, batch, m, n, k, (long) alpha, (long) beta);
        Copy.copy(out, wo);
    }

    private static Strided converted(Strided s, DType dtype) {
        long[] shape = s.shape();
        long[] strides = new long[shape.length];
        long step = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            strides[d] = step;
            step *= Math.max(1, shape[d]);
        }
        Strided c = new Strided(HostStorage.allocate(dtype, s.numel()), shape, strides, 0);
        Copy.copy(c, s);
        return c;
    }

    private static void naiveLong(Strided out, Strided a, Strided b, int batch, int m, int n, int k, long alpha, long beta) {
        long[] x = ((HostStorage) a.storage()).longs(), y = ((HostStorage) b.storage()).longs();
        long[] z = ((HostStorage) out.storage()).longs();
        long[] as = a.strides(), bs = b.strides(), zs = out.strides();
        for (int bi = 0; bi < batch; bi++) {
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    long acc = 0;
                    for (int p = 0; p < k; p++) {
                        acc += x[(int) (bi * as[0] + i * as[1] + p * as[2])] * y[(int) (bi * bs[0] + p * bs[1] + j * bs[2])];
                    }
                    int zi = (int) (bi * zs[0] + i * zs[1] + j * zs[2]);
                    z[zi] = beta == 0 ? alpha * acc : alpha * acc + beta * z[zi];
                }
            }
        }
    }

    private static void floatGemm(Strided out, Strided a, Strided b, int batch, int m, int n, int k, float alpha, float beta) {
        long[] as = a.strides(), bs = b.strides(), zs = out.strides();
        Gemm.sgemmBatched(batch, m, n, k, alpha,
                ((HostStorage) a.storage()).floats(), (int) a.offset(), (int) as[0], (int) as[1], (int) as[2],
                ((HostStorage) b.storage()).floats(), (int) b.offset(), (int) bs[0], (int) bs[1], (int) bs[2],
                beta, ((HostStorage) out.storage()).floats(), (int) out.offset(), (int) zs[0], (int) zs[1], (int) zs[2]);
    }

    private static void doubleGemm(Strided out, Strided a, Strided b, int batch, int m, int n, int k, double alpha, double beta) {
        long[] as = a.strides(), bs = b.strides(), zs = out.strides();
        Gemm.dgemmBatched(batch, m, n, k, alpha,
                ((HostStorage) a.storage()).doubles(), (int) a.offset(), (int) as[0], (int) as[1], (int) as[2],
                ((HostStorage) b.storage()).doubles(), (int) b.offset(), (int) bs[0], (int) bs[1], (int) bs[2],
                beta, ((HostStorage) out.storage()).doubles(), (int) out.offset(), (int) zs[0], (int) zs[1], (int) zs[2]);
    }
}
