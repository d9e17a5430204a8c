package org.torch4j.backend.cpu;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** {@link Casts}' loops the JIT does not vectorise, in SIMD lanes; loaded only where the Vector API is enabled. */
final class CastsVec {
    private CastsVec() {}

    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Integer> I = F.withLanes(int.class);
    /** As many shorts as F has floats, in half the bits. */
    private static final VectorSpecies<Short> H = VectorSpecies.of(short.class, jdk.incubator.vector.VectorShape.forBitSize(F.vectorBitSize() / 2));
    /** As many floats as a vector of longs has lanes (half of F), and those longs. */
    private static final VectorSpecies<Long> J = LongVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Float> FJ = VectorSpecies.of(float.class, jdk.incubator.vector.VectorShape.forBitSize(F.vectorBitSize() / 2));
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    /** Ints of {@link #D}'s lane count. */
    private static final VectorSpecies<Integer> DI = VectorSpecies.of(int.class, jdk.incubator.vector.VectorShape.forBitSize(D.vectorBitSize() / 2));
    /**
     * Whether float and double lanes convert to int64 in hardware (AVX-512's vcvttps2qq); AVX2 has no
     * such instruction and the Vector API would convert lane by lane in Java, seven times slower than the
     * scalar loop. There, lanes within int32's range convert through int32 and widen.
     */
    private static final boolean NATIVE_TO_LONG = F.vectorBitSize() >= 512;
    /** As many bytes as F has floats. */
    private static final VectorSpecies<Byte> B = VectorSpecies.of(byte.class, jdk.incubator.vector.VectorShape.forBitSize(F.vectorBitSize() / 4));

    /** {@link Convert#floatToBf16}: round to nearest even on the bits, NaN to the canonical 0x7FC0. */
    static void floatsToBf16(float[] a, int so, short[] b, int d0, int n) {
        int i = 0;
        for (int end = F.loopBound(n); i < end; i += F.length()) {
            FloatVector v = FloatVector.fromArray(F, a, so + i);
            IntVector bits = v.reinterpretAsInts();
            IntVector rounded = bits.add(bits.lanewise(VectorOperators.LSHR, 16).and(1)).add(0x7FFF).lanewise(VectorOperators.LSHR, 16);
            rounded = rounded.blend(0x7FC0, v.test(VectorOperators.IS_NAN).cast(I));
            ((ShortVector) rounded.castShape(H, 0)).intoArray(b, d0 + i);
        }
        for (; i < n; i++) b[d0 + i] = Convert.floatToBf16(a[so + i]);
    }

    /** {@link Convert#bf16ToFloat}: the bits in the upper half of a float's. */
    static void bf16ToFloats(short[] a, int so, float[] b, int d0, int n) {
        int i = 0;
        for (int end = H.loopBound(n); i < end; i += H.length()) {
            IntVector wide = (IntVector) ShortVector.fromArray(H, a, so + i).castShape(I, 0);
            wide.lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats().intoArray(b, d0 + i);
        }
        for (; i < n; i++) b[d0 + i] = Convert.bf16ToFloat(a[so + i]);
    }

    /** {@link Convert#doubleToInt} of each float: truncation; NaN and values beyond int32 give its minimum. */
    static void floatsToInts(float[] a, int so, int[] b, int d0, int n) {
        int i = 0;
        for (int end = F.loopBound(n); i < end; i += F.length()) {
            FloatVector v = FloatVector.fromArray(F, a, so + i);
            VectorMask<Float> invalid = v.compare(VectorOperators.NE, v)
                    .or(v.compare(VectorOperators.GE, 0x1p31f)).or(v.compare(VectorOperators.LT, -0x1p31f));
            ((IntVector) v.convert(VectorOperators.F2I, 0)).blend(Integer.MIN_VALUE, invalid.cast(I)).intoArray(b, d0 + i);
        }
        for (; i < n; i++) b[d0 + i] = Convert.doubleToInt(a[so + i]);
    }

    /** {@link Convert#doubleToLong} of each float: truncation; NaN and values beyond int64 give its minimum. */
    static void floatsToLongs(float[] a, int so, long[] b, int d0, int n) {
        int i = NATIVE_TO_LONG ? floatsToLongsNative(a, so, b, d0, n) : floatsToLongsThroughInts(a, so, b, d0, n);
        for (; i < n; i++) b[d0 + i] = Convert.doubleToLong(a[so + i]);
    }

    /** With AVX-512's conversion to int64; returns how many were converted (whole vectors). */
    private static int floatsToLongsNative(float[] a, int so, long[] b, int d0, int n) {
        int i = 0;
        for (int end = FJ.loopBound(n); i < end; i += FJ.length()) {
            FloatVector v = FloatVector.fromArray(FJ, a, so + i);
            VectorMask<Float> invalid = v.compare(VectorOperators.NE, v)
                    .or(v.compare(VectorOperators.GE, 0x1p63f)).or(v.compare(VectorOperators.LT, -0x1p63f));
            ((LongVector) v.convertShape(VectorOperators.F2L, J, 0)).blend(Long.MIN_VALUE, invalid.cast(J)).intoArray(b, d0 + i);
        }
        return i;
    }

    /**
     * Without it (AVX2, where the Vector API converts lane by lane in Java): a vector whose lanes are all
     * within int32 converts through int32 and widens, any other vector lane by lane.
     */
    private static int floatsToLongsThroughInts(float[] a, int so, long[] b, int d0, int n) {
        int i = 0;
        for (int end = FJ.loopBound(n); i < end; i += FJ.length()) {
            FloatVector v = FloatVector.fromArray(FJ, a, so + i);
            // |v| < 2^31 (false for NaN): every lane converts exactly through int32
            if (v.abs().compare(VectorOperators.LT, 0x1p31f).allTrue()) {
                ((LongVector) v.convert(VectorOperators.F2I, 0).castShape(J, 0)).intoArray(b, d0 + i);
            } else {
                for (int k = i; k < i + FJ.length(); k++) b[d0 + k] = Convert.doubleToLong(a[so + k]);
            }
        }
        return i;
    }

    /** {@link Convert#doubleToLong}. */
    static void doublesToLongs(double[] a, int so, long[] b, int d0, int n) {
        int i = NATIVE_TO_LONG ? doublesToLongsNative(a, so, b, d0, n) : doublesToLongsThroughInts(a, so, b, d0, n);
        for (; i < n; i++) b[d0 + i] = Convert.doubleToLong(a[so + i]);
    }

    private static int doublesToLongsNative(double[] a, int so, long[] b, int d0, int n) {
        int i = 0;
        for (int end = D.loopBound(n); i < end; i += D.length()) {
            DoubleVector v = DoubleVector.fromArray(D, a, so + i);
            VectorMask<Double> invalid = v.compare(VectorOperators.NE, v)
                    .or(v.compare(VectorOperators.GE, 0x1p63)).or(v.compare(VectorOperators.LT, -0x1p63));
            ((LongVector) v.convert(VectorOperators.D2L, 0)).blend(Long.MIN_VALUE, invalid.cast(J)).intoArray(b, d0 + i);
        }
        return i;
    }

    /** As {@link #floatsToLongsThroughInts}. */
    private static int doublesToLongsThroughInts(double[] a, int so, long[] b, int d0, int n) {
        int i = 0;
        for (int end = D.loopBound(n); i < end; i += D.length()) {
            DoubleVector v = DoubleVector.fromArray(D, a, so + i);
            if (v.abs().compare(VectorOperators.LT, 0x1p31).allTrue()) {
                ((LongVector) v.convertShape(VectorOperators.D2I, DI, 0).castShape(J, 0)).intoArray(b, d0 + i);
            } else {
                for (int k = i; k < i + D.length(); k++) b[d0 + k] = Convert.doubleToLong(a[so + k]);
            }
        }
        return i;
    }

    /** Bytes (uint8 when {@code unsigned}, else int8 or bool) as floats. */
    static void bytesToFloats(byte[] a, int so, float[] b, int d0, int n, boolean unsigned) {
        int i = 0;
        int mask = unsigned ? 0xFF : -1;
        for (int end = B.loopBound(n); i < end; i += B.length()) {
            IntVector wide = ((IntVector) ByteVector.fromArray(B, a, so + i).castShape(I, 0)).and(mask);
            ((FloatVector) wide.convert(VectorOperators.I2F, 0)).intoArray(b, d0 + i);
        }
        for (; i < n; i++) b[d0 + i] = a[so + i] & mask;
    }

    /** Floats as bools: 1 for anything but zeros (NaN included), as {@link Convert}'s stores. */
    static void floatsToBool(float[] a, int so, byte[] b, int d0, int n) {
        ByteVector zero = ByteVector.zero(B);
        int i = 0;
        for (int end = F.loopBound(n); i < end; i += F.length()) {
            VectorMask<Float> set = FloatVector.fromArray(F, a, so + i).compare(VectorOperators.NE, 0f);
            zero.blend((byte) 1, set.cast(B)).intoArray(b, d0 + i);
        }
        for (; i < n; i++) b[d0 + i] = (byte) (a[so + i] != 0 ? 1 : 0);
    }
}
