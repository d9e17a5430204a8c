package org.torch4j.backend.cpu.qgemm;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Int8Matmul}'s SIMD path: weight rows are loaded a vector's worth of bytes at a time and widened to int32
 * lanes in registers, then multiplied with x and added into int32 lane accumulators, reduced across lanes at the end
 * of the row: four rows of x against one weight row, and the rows left over one at a time against four weight rows
 * (four independent accumulators either way); the tail past the last whole vector is summed in scalar. Loaded only
 * when {@code Simd.ENABLED}.
 */
final class Int8MatmulVec {
    private static final VectorSpecies<Integer> I = IntVector.SPECIES_PREFERRED;
    private static final int L = I.length();
    /** Bytes for one int vector: 16 bytes (128 bits) with AVX-512, 8 with AVX2. */
    private static final VectorSpecies<Byte> B = VectorSpecies.of(byte.class, VectorShape.forBitSize(L * 8));

    private Int8MatmulVec() {}

    /** Output channels {@code [o0, o1)} of every row: blocks of four rows, then the rows left four outputs at a time. */
    static void outputs(int[] x, int x0, byte[] w, int w0, int[] y, int y0, int rows, int k, int n, int o0, int o1) {
        int kv = k - k % L, full = rows - rows % 4;
        for (int o = o0; o < o1; o++) {
            for (int r = 0; r < full; r += 4) four(x, x0 + r * k, w, w0 + o * k, y, y0 + r * n + o, k, kv, n);
        }
        for (int r = full; r < rows; r++) {
            int xo = x0 + r * k, yo = y0 + r * n, o = o0;
            for (; o + 4 <= o1; o += 4) fourOutputs(x, xo, w, w0 + o * k, y, yo + o, k, kv);
            for (; o < o1; o++) {
                int wo = w0 + o * k;
                IntVector acc = IntVector.zero(I);
                for (int i = 0; i < kv; i += L) acc = IntVector.fromArray(I, x, xo + i).mul(widen(w, wo + i)).add(acc);
                y[yo + o] = acc.reduceLanes(VectorOperators.ADD) + Int8Matmul.dot(x, xo, w, wo, kv, k);
            }
        }
    }

    /** One row at {@code xo} against the four weight rows from {@code wo}, into {@code y[yo .. yo + 3]}. */
    private static void fourOutputs(int[] x, int xo, byte[] w, int wo, int[] y, int yo, int k, int kv) {
        IntVector a0 = IntVector.zero(I), a1 = a0, a2 = a0, a3 = a0;
        for (int i = 0; i < kv; i += L) {
            IntVector xv = IntVector.fromArray(I, x, xo + i);
            a0 = xv.mul(widen(w, wo + i)).add(a0);
            a1 = xv.mul(widen(w, wo + k + i)).add(a1);
            a2 = xv.mul(widen(w, wo + 2 * k + i)).add(a2);
            a3 = xv.mul(widen(w, wo + 3 * k + i)).add(a3);
        }
        y[yo] = a0.reduceLanes(VectorOperators.ADD) + Int8Matmul.dot(x, xo, w, wo, kv, k);
        y[yo + 1] = a1.reduceLanes(VectorOperators.ADD) + Int8Matmul.dot(x, xo, w, wo + k, kv, k);
        y[yo + 2] = a2.reduceLanes(VectorOperators.ADD) + Int8Matmul.dot(x, xo, w, wo + 2 * k, kv, k);
        y[yo + 3] = a3.reduceLanes(VectorOperators.ADD) + Int8Matmul.dot(x, xo, w, wo + 3 * k, kv, k);
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
