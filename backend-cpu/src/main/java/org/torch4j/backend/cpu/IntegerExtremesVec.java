package org.torch4j.backend.cpu;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The largest or smallest of a long block, or of a dense int32 run, in SIMD lanes: the JIT does not vectorise a
 * scalar max reduction, and integer maxima are exact in any order. Loaded only where the Vector API is enabled.
 */
final class IntegerExtremesVec {
    private IntegerExtremesVec() {}

    private static final VectorSpecies<Long> S = LongVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Integer> I = IntVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Byte> B = ByteVector.SPECIES_PREFERRED;

    /** max (or min) of acc and a[0, n). */
    static long extreme(boolean max, long acc, long[] a, int n) {
        int i = 0;
        int end = S.loopBound(n);
        if (end > 0) {
            LongVector v = LongVector.broadcast(S, acc);
            // the operator is a constant at each call: a variable one would not be intrinsified
            if (max) {
                for (; i < end; i += S.length()) v = v.max(LongVector.fromArray(S, a, i));
                acc = v.reduceLanes(VectorOperators.MAX);
            } else {
                for (; i < end; i += S.length()) v = v.min(LongVector.fromArray(S, a, i));
                acc = v.reduceLanes(VectorOperators.MIN);
            }
        }
        for (; i < n; i++) acc = max ? Math.max(acc, a[i]) : Math.min(acc, a[i]);
        return acc;
    }

    /** max (or min) of acc and a[off, off + n), read as int32 without widening each element to a long first. */
    static long extreme(boolean max, long acc, int[] a, int off, int n) {
        int i = 0;
        int end = I.loopBound(n);
        if (end > 0) {
            IntVector v = IntVector.fromArray(I, a, off);
            if (max) {
                for (i = I.length(); i < end; i += I.length()) v = v.max(IntVector.fromArray(I, a, off + i));
                acc = Math.max(acc, v.reduceLanes(VectorOperators.MAX));
            } else {
                for (i = I.length(); i < end; i += I.length()) v = v.min(IntVector.fromArray(I, a, off + i));
                acc = Math.min(acc, v.reduceLanes(VectorOperators.MIN));
            }
        }
        for (; i < n; i++) acc = max ? Math.max(acc, a[off + i]) : Math.min(acc, a[off + i]);
        return acc;
    }

    /** The first position of the largest (or smallest) of a[off, off + n), n > 0: argmax's tie rule. */
    static int firstExtreme(boolean max, int[] a, int off, int n) {
        int m = (int) extreme(max, max ? Long.MIN_VALUE : Long.MAX_VALUE, a, off, n);
        int i = 0;
        for (int end = I.loopBound(n); i < end; i += I.length()) {
            VectorMask<Integer> hit = IntVector.fromArray(I, a, off + i).eq(m);
            if (hit.anyTrue()) return i + hit.firstTrue();
        }
        while (a[off + i] != m) i++;
        return i;
    }

    /**
     * The first position of the largest (or smallest) of a[off, off + n), n > 0, read as uint8 when
     * {@code unsigned}: flipping the top bit maps unsigned order onto signed order, so signed lanes find it.
     */
    static int firstExtreme(boolean max, boolean unsigned, byte[] a, int off, int n) {
        byte bias = unsigned ? Byte.MIN_VALUE : 0;
        byte acc = max ? Byte.MIN_VALUE : Byte.MAX_VALUE;
        int i = 0, end = B.loopBound(n);
        if (end > 0) {
            ByteVector v = ByteVector.broadcast(B, acc);
            if (max) {
                for (; i < end; i += B.length()) v = v.max(ByteVector.fromArray(B, a, off + i).lanewise(VectorOperators.XOR, bias));
                acc = v.reduceLanes(VectorOperators.MAX);
            } else {
                for (; i < end; i += B.length()) v = v.min(ByteVector.fromArray(B, a, off + i).lanewise(VectorOperators.XOR, bias));
                acc = v.reduceLanes(VectorOperators.MIN);
            }
        }
        for (; i < n; i++) {
            byte x = (byte) (a[off + i] ^ bias);
            if (max ? x > acc : x < acc) acc = x;
        }
        byte m = (byte) (acc ^ bias);
        i = 0;
        for (; i < end; i += B.length()) {
            VectorMask<Byte> hit = ByteVector.fromArray(B, a, off + i).eq(m);
            if (hit.anyTrue()) return i + hit.firstTrue();
        }
        while (a[off + i] != m) i++;
        return i;
    }
}
