package org.torch4j.backend.cpu;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * SIMD loops for {@link Comparisons} and {@link Select} on 4-byte elements (int32 and float32; int64 comparisons too), whose results or
 * conditions are bool bytes: a condition is loaded with a byte species of as many lanes as the word species, a
 * comparison's mask is written out through its bits. The JIT does not vectorise these mixed-width loops by itself. Each method handles the leading multiple of
 * the vector length and returns how many elements it did; the caller's scalar loop does the rest. Loaded only
 * where the Vector API is enabled.
 */
final class WordVec {
    private WordVec() {}

    private static final VectorSpecies<Integer> I = IntVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Long> L = LongVector.SPECIES_PREFERRED;
    /**
     * Whether the vectors hold a multiple of 8 words (AVX2, AVX-512): masks are written 8 bytes at a time, and a byte
     * species of 4 lanes (32 bits) does not exist. With 128-bit vectors every method does nothing and returns 0.
     */
    private static final boolean USABLE = I.length() % 8 == 0 && F.length() == I.length();
    private static final VectorSpecies<Byte> B = USABLE ? VectorSpecies.of(byte.class, VectorShape.forBitSize(I.length() * 8)) : null;
    /** For each 8-bit pattern, the eight 0/1 bytes it stands for, as one little-endian long. */
    private static final long[] SPREAD = new long[256];
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    static {
        for (int p = 0; p < 256; p++) {
            for (int j = 0; j < 8; j++) SPREAD[p] |= (long) ((p >> j) & 1) << (8 * j);
        }
    }

    /**
     * Writes a comparison mask's lanes as 0/1 bytes, eight at a time through {@link #SPREAD}: mask to bits and
     * table lookups are cheap everywhere, where the JIT does not intrinsify every cast of a mask to byte lanes.
     */
    private static void bytes(long bits, int lanes, byte[] o, int at) {
        for (int j = 0; j < lanes; j += 8) LONGS.set(o, at + j, SPREAD[(int) (bits >>> j) & 0xFF]);
    }

    /**
     * o = (a test b), negated if asked, as 0/1 bytes. Each comparison names its operator as a constant: with an
     * operator passed in a variable the JIT does not intrinsify the compare and the Vector API's Java fallback
     * runs, 100 times slower.
     */
    static int compare(Comparisons.Test test, boolean negate, int n, byte[] o, int oo, int[] a, int ao, int[] b, int bo) {
        int i = 0;
        for (int end = USABLE ? I.loopBound(n) : 0; i < end; i += I.length()) {
            IntVector x = IntVector.fromArray(I, a, ao + i), y = IntVector.fromArray(I, b, bo + i);
            VectorMask<Integer> m = switch (test) {
                case EQ -> x.compare(VectorOperators.EQ, y);
                case LT -> x.compare(VectorOperators.LT, y);
                case LE -> x.compare(VectorOperators.LE, y);
            };
            bytes(negate ? ~m.toLong() : m.toLong(), I.length(), o, oo + i);
        }
        return i;
    }

    /** o = (a test b), negated if asked, as 0/1 bytes (IEEE: every test with NaN false, so NaN != NaN). */
    static int compare(Comparisons.Test test, boolean negate, int n, byte[] o, int oo, float[] a, int ao, float[] b, int bo) {
        int i = 0;
        for (int end = USABLE ? F.loopBound(n) : 0; i < end; i += F.length()) {
            FloatVector x = FloatVector.fromArray(F, a, ao + i), y = FloatVector.fromArray(F, b, bo + i);
            VectorMask<Float> m = switch (test) {
                case EQ -> x.compare(VectorOperators.EQ, y);
                case LT -> x.compare(VectorOperators.LT, y);
                case LE -> x.compare(VectorOperators.LE, y);
            };
            bytes(negate ? ~m.toLong() : m.toLong(), F.length(), o, oo + i);
        }
        return i;
    }

    /** o = (a test b), negated if asked, as 0/1 bytes: int64, 8 lanes of AVX-512 or 4 of AVX2 (a half-written group is left to the caller). */
    static int compare(Comparisons.Test test, boolean negate, int n, byte[] o, int oo, long[] a, int ao, long[] b, int bo) {
        int i = 0, step = Math.max(8, L.length());
        for (int end = USABLE ? n - n % step : 0; i < end; i += step) {
            long bits = 0;
            for (int j = 0; j < step; j += L.length()) {
                LongVector x = LongVector.fromArray(L, a, ao + i + j), y = LongVector.fromArray(L, b, bo + i + j);
                VectorMask<Long> m = switch (test) {
                    case EQ -> x.compare(VectorOperators.EQ, y);
                    case LT -> x.compare(VectorOperators.LT, y);
                    case LE -> x.compare(VectorOperators.LE, y);
                };
                bits |= m.toLong() << j;
            }
            bytes(negate ? ~bits : bits, step, o, oo + i);
        }
        return i;
    }

    /** o = c != 0 ? a : b. */
    static int select(int n, float[] o, int oo, byte[] c, int co, float[] a, int ao, float[] b, int bo) {
        int i = 0;
        for (int end = USABLE ? F.loopBound(n) : 0; i < end; i += F.length()) {
            VectorMask<Float> m = ByteVector.fromArray(B, c, co + i).compare(VectorOperators.NE, 0).cast(F);
            FloatVector.fromArray(F, b, bo + i).blend(FloatVector.fromArray(F, a, ao + i), m).intoArray(o, oo + i);
        }
        return i;
    }

    /** o = c != 0 ? a : b. */
    static int select(int n, int[] o, int oo, byte[] c, int co, int[] a, int ao, int[] b, int bo) {
        int i = 0;
        for (int end = USABLE ? I.loopBound(n) : 0; i < end; i += I.length()) {
            VectorMask<Integer> m = ByteVector.fromArray(B, c, co + i).compare(VectorOperators.NE, 0).cast(I);
            IntVector.fromArray(I, b, bo + i).blend(IntVector.fromArray(I, a, ao + i), m).intoArray(o, oo + i);
        }
        return i;
    }
}
