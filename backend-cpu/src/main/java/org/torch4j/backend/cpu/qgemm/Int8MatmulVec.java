package org.torch4j.backend.cpu.qgemm;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Int8Matmul}'s SIMD path: each weight row is loaded a vector's worth of bytes at a time and widened to int32
 * lanes in registers, then multiplied with up to four rows of x and added into int32 lane accumulators (one per row),
 * reduced across lanes at the end of the row; the tail past the last whole vector is summed in scalar. Loaded only
 * when {@code Simd.ENABLED}.
 */
final class Int8MatmulVec {
    private static final VectorSpecies<Integer> I = IntVector.SPECIES_PREFERRED;
    private static final int L = I.length();
    /** Bytes for one int vector: 16 bytes (128 bits) with AVX-512, 8 with AVX2. */
    private static final VectorSpecies<Byte> B = VectorSpecies.of(byte.class, VectorShape.forBitSize(L * 8));

    private Int8MatmulVec() {}

    /** Output channels {@code [o0, o1)} of every row. */
    static void outputs(int[] x, int x0, byte[] w, int w0, int[] y, int y0, int rows, int k, int n, int o0, int o1) {
        int kv = k - k % L;
        for (int o = o0; o < o1; o++) {
            int wo = w0 + o * k;
            int r = 0;
            for (; r + 4 <= rows; r += 4) four(x, x0 + r * k, w, wo, y, y0 + r * n + o, k, kv, n);
            for (; r < rows; r++) {
                int xo = x0 + r * k;
                IntVector acc = IntVector.zero(I);
                for (int i = 0; i < kv; i += L) acc = IntVector.fromArray(I, x, xo + i).mul(widen(w, wo + i)).add(acc);
                y[y0 + r * n + o] = acc.reduceLanes(VectorOperators.ADD) + Int8Matmul.dot(x, xo, w, wo, kv, k);
            }
        }
    }

    /** Four rows starting at {@code xo} against the weight row at {@code wo}, into {@code y[yo + j n]}. */
    private static void four(int[] x, int xo, byte[] w, int wo, int[] y, int yo, int k, int kv, int n) {
        IntVector a0 = IntVector.zero(I), a1 = a0, a2 = a0, a3 = a0;
        for (int i = 0; i < kv; i += L) {
            IntVector wv = widen(w, wo + i);
            a0 = IntVector.fromArray(I, x, xo + i).mul(wv).add(a0);
            a1 = IntVector.fromArray(I, x, xo + k + i).mul(wv).add(a1);
            a2 = IntVector.fromArray(I, x, xo + 2 * k + i).mul(wv).add(a2);
            a3 = IntVector.fromArray(I, x, xo + 3 * k + i).mul(wv).add(a3);
        }
        y[yo] = a0.reduceLanes(VectorOperators.ADD) + Int8Matmul.dot(x, xo, w, wo, kv, k);
        y[yo + n] = a1.reduceLanes(VectorOperators.ADD) + Int8Matmul.dot(x, xo + k, w, wo, kv, k);
        y[yo + 2 * n] = a2.reduceLanes(VectorOperators.ADD) + Int8Matmul.dot(x, xo + 2 * k, w, wo, kv, k);
        y[yo + 3 * n] = a3.reduceLanes(VectorOperators.ADD) + Int8Matmul.dot(x, xo + 3 * k, w, wo, kv, k);
    }

    /** {@code L} bytes from {@code w[at]} as int32 lanes (sign-extended). */
    private static IntVector widen(byte[] w, int at) {
        return (IntVector) ByteVector.fromArray(B, w, at).convertShape(VectorOperators.B2I, I, 0);
    }
}
