package org.torch4j.backend.cpu;

import org.torch4j.DType;
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
            case FLOAT32 -> naiveFloat(out, a, b, batch, m, n, k, (float) alpha, (float) beta);
            case FLOAT64 -> naiveDouble(out, a, b, batch, m, n, k, alpha, beta);
            default -> throw new UnsupportedOperationException("matmul for " + t);
        }
    }

    private static void naiveFloat(Strided out, Strided a, Strided b, int batch, int m, int n, int k, float alpha, float beta) {
        float[] x = ((HostStorage) a.storage()).floats(), y = ((HostStorage) b.storage()).floats();
        float[] z = ((HostStorage) out.storage()).floats();
        long[] as = a.strides(), bs = b.strides(), zs = out.strides();
        Parallel.forRange(batch * m, Math.max(1, 32768 / Math.max(1, n * k)), (s, e) -> {
            for (int r = s; r < e; r++) {
                int bi = r / m, i = r % m;
                for (int j = 0; j < n; j++) {
                    float acc = 0;
                    for (int p = 0; p < k; p++) {
                        acc += x[(int) (a.offset() + bi * as[0] + i * as[1] + p * as[2])]
                                * y[(int) (b.offset() + bi * bs[0] + p * bs[1] + j * bs[2])];
                    }
                    int zi = (int) (out.offset() + bi * zs[0] + i * zs[1] + j * zs[2]);
                    z[zi] = beta == 0 ? alpha * acc : alpha * acc + beta * z[zi];
                }
            }
        });
    }

    private static void naiveDouble(Strided out, Strided a, Strided b, int batch, int m, int n, int k, double alpha, double beta) {
        double[] x = ((HostStorage) a.storage()).doubles(), y = ((HostStorage) b.storage()).doubles();
        double[] z = ((HostStorage) out.storage()).doubles();
        long[] as = a.strides(), bs = b.strides(), zs = out.strides();
        for (int bi = 0; bi < batch; bi++) {
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double acc = 0;
                    for (int p = 0; p < k; p++) {
                        acc += x[(int) (a.offset() + bi * as[0] + i * as[1] + p * as[2])]
                                * y[(int) (b.offset() + bi * bs[0] + p * bs[1] + j * bs[2])];
                    }
                    int zi = (int) (out.offset() + bi * zs[0] + i * zs[1] + j * zs[2]);
                    z[zi] = beta == 0 ? alpha * acc : alpha * acc + beta * z[zi];
                }
            }
        }
    }
}
