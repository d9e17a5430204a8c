package org.torch4j.backend.cpu;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;
import org.torch4j.spi.ReduceOp;

/** The SIMD loops of {@link FloatFold}; loaded only when the Vector API is available. */
final class FloatFoldVec {
    private FloatFoldVec() {}

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    static double fold(ReduceOp op, float[] a, int off, int n) {
        return switch (op) {
            case SUM -> sum(a, off, n);
            case MAX -> extreme(true, a, off, n);
            case MIN -> extreme(false, a, off, n);
            default -> FloatFold.scalar(op, a, off, n);
        };
    }

    /**
     * {@link FloatFold#scalar}'s sum of a short run, the same bits: its four double accumulators (element i into
     * accumulator i mod 4, the last n mod 4 into the first) as the lanes of one vector of four doubles, so a step is
     * one load, one conversion and one add; then {@code (s0 + s1) + (s2 + s3)}. Rows of 16 took 14 ns, rows of 4
     * 5 ns, mostly in the scalar accumulators' chains. Needs 256-bit vectors (AVX).
     */
    static double shortSum(float[] a, int off, int n) {
        DoubleVector s = DoubleVector.zero(D4);
        int i = 0;
        for (; i + 3 < n; i += 4) s = s.add(quad(a, off + i));
        return finishShortSum(s, a, off, i, n);
    }

    /**
     * {@link #shortSum} of {@code rows} rows of {@code n} from {@code in}, {@code inStep} apart, into {@code out} from
     * {@code at}, {@code outStep} apart (as floats, each added to 0 as the row loop's {@code Reduce.combine}): four
     * rows at a time, so their chains of adds overlap (one row waited an add's latency per four elements: rows of
     * 49 took 27 ns).
     */
    static void shortRowSums(float[] a, int in, int inStep, int n, float[] out, int at, int outStep, int rows) {
        int r = 0;
        for (; r + 3 < rows; r += 4, in += 4 * inStep, at += 4 * outStep) {
            DoubleVector s0 = DoubleVector.zero(D4), s1 = s0, s2 = s0, s3 = s0;
            int i = 0;
            for (; i + 3 < n; i += 4) {
                s0 = s0.add(quad(a, in + i));
                s1 = s1.add(quad(a, in + inStep + i));
                s2 = s2.add(quad(a, in + 2 * inStep + i));
                s3 = s3.add(quad(a, in + 3 * inStep + i));
            }
            out[at] = (float) (0.0 + finishShortSum(s0, a, in, i, n));
            out[at + outStep] = (float) (0.0 + finishShortSum(s1, a, in + inStep, i, n));
            out[at + 2 * outStep] = (float) (0.0 + finishShortSum(s2, a, in + 2 * inStep, i, n));
            out[at + 3 * outStep] = (float) (0.0 + finishShortSum(s3, a, in + 3 * inStep, i, n));
        }
        for (; r < rows; r++, in += inStep, at += outStep) out[at] = (float) (0.0 + shortSum(a, in, n));
    }

    /** Four floats from {@code a[at]} as the lanes of four doubles. */
    private static DoubleVector quad(float[] a, int at) {
        return (DoubleVector) FloatVector.fromArray(F4, a, at).convertShape(VectorOperators.F2D, D4, 0);
    }

    /** The row's elements from {@code i} into the first accumulator, then {@code (s0 + s1) + (s2 + s3)}. */
    private static double finishShortSum(DoubleVector s, float[] a, int off, int i, int n) {
        double s0 = s.lane(0);
        for (; i < n; i++) s0 += a[off + i];
        // s1 + s0 and s3 + s2 are s0 + s1 and s2 + s3: one add for both pairs
        DoubleVector pairs = s.withLane(0, s0);
        pairs = pairs.add(pairs.rearrange(SWAP_PAIRS));
        return pairs.lane(0) + pairs.lane(2);
    }

    /**
     * The largest (or smallest) element of a short run, as {@link FloatFold#scalar}'s: NaN if any element is, 0 above
     * -0 (exact, so the order of the comparisons does not show). Four lanes at a time, then the rest one by one.
     */
    static double shortExtreme(boolean max, float[] a, int off, int n) {
        int i = 0;
        float r = max ? Float.NEGATIVE_INFINITY : Float.POSITIVE_INFINITY;
        if (n >= 4) {
            FloatVector m = FloatVector.fromArray(F4, a, off);
            for (i = 4; i + 3 < n; i += 4) {
                FloatVector v = FloatVector.fromArray(F4, a, off + i);
                m = max ? m.max(v) : m.min(v);
            }
            // the four lanes to one through two swaps (reduceLanes took 20 ns here)
            FloatVector sw = m.rearrange(SWAP_FLOAT_PAIRS);
            m = max ? m.max(sw) : m.min(sw);
            sw = m.rearrange(SWAP_FLOAT_HALVES);
            r = (max ? m.max(sw) : m.min(sw)).lane(0);
        }
        for (; i < n; i++) r = max ? Math.max(r, a[off + i]) : Math.min(r, a[off + i]);
        return r;
    }

    private static final VectorSpecies<Float> F4 = FloatVector.SPECIES_128;
    private static final VectorSpecies<Double> D4 = DoubleVector.SPECIES_256;
    private static final VectorShuffle<Double> SWAP_PAIRS = VectorShuffle.fromValues(D4, 1, 0, 3, 2);
    private static final VectorShuffle<Float> SWAP_FLOAT_PAIRS = VectorShuffle.fromValues(F4, 1, 0, 3, 2);
    private static final VectorShuffle<Float> SWAP_FLOAT_HALVES = VectorShuffle.fromValues(F4, 2, 3, 0, 1);

    private static double sum(float[] a, int off, int n) {
        if (n <= FloatFold.CHUNK) return chunkSum(a, off, n);   // as ChunkFolds' one chunk, without its lambda
        return ChunkFolds.total(n, FloatFold.CHUNK, c -> chunkSum(a, off + c * FloatFold.CHUNK, Math.min(FloatFold.CHUNK, n - c * FloatFold.CHUNK)));
    }

    /** A chunk's sum: four float vector accumulators, their lanes added in a fixed order, then the tail. */
    private static double chunkSum(float[] a, int base, int len) {
        float[] lanes = new float[2 * L];
        float tail = chunkLanes(a, base, len, lanes, 0);
        return (double) LaneSums.sum(lanes, 0, L) + LaneSums.sum(lanes, L, L) + tail;
    }

    /**
     * The sums of {@code rows} rows of {@code n} (64 to {@link FloatFold#CHUNK}) elements, {@code inStep} apart from
     * {@code in}, into {@code out} ({@code outStep} apart from {@code at}): each {@link #chunkSum}'s value (the same
     * bits), four rows at a time, their lane sums side by side through one buffer. A row of 64 cost 25 ns, most of it
     * in its two chains of sixteen dependent adds and their buffers.
     */
    static void rowSums(float[] a, int in, int inStep, int n, float[] out, int at, int outStep, int rows) {
        float[] lanes = new float[8 * L], tails = new float[4], p = new float[4], q = new float[4];
        int r = 0;
        for (; r + 4 <= rows; r += 4, in += 4 * inStep, at += 4 * outStep) {
            for (int k = 0; k < 4; k++) tails[k] = chunkLanes(a, in + k * inStep, n, lanes, 2 * k * L);
            LaneSums.sums4(lanes, 0, 2 * L, L, p, 0);   // each row's s0 + s1, then its s2 + s3
            LaneSums.sums4(lanes, L, 2 * L, L, q, 0);
            // chunkSum's (double) p + q + tail, then the reduction's 0 + v
            for (int k = 0; k < 4; k++) out[at + k * outStep] = (float) (0.0 + ((double) p[k] + q[k] + tails[k]));
        }
        for (; r < rows; r++, in += inStep, at += outStep) out[at] = (float) (0.0 + chunkSum(a, in, n));
    }

    /** The extremes of {@code rows} rows of {@code n} (16 to {@link FloatFold#CHUNK}) elements, laid out as in {@link #rowSums}. */
    static void rowExtremes(boolean max, float[] a, int in, int inStep, int n, float[] out, int at, int outStep, int rows) {
        for (int r = 0; r < rows; r++, in += inStep, at += outStep) out[at] = chunkExtreme(max, a, in, n);
    }

    /** {@link #chunkSum}'s two vectors of partial sums into {@code lanes} at {@code lo} and {@code lo + L}; returns its tail. */
    private static float chunkLanes(float[] a, int base, int len, float[] lanes, int lo) {
        FloatVector s0 = FloatVector.zero(S), s1 = FloatVector.zero(S), s2 = FloatVector.zero(S), s3 = FloatVector.zero(S);
        int i = 0;
        for (int b = len - 4 * L; i <= b; i += 4 * L) {
            s0 = s0.add(FloatVector.fromArray(S, a, base + i));
            s1 = s1.add(FloatVector.fromArray(S, a, base + i + L));
            s2 = s2.add(FloatVector.fromArray(S, a, base + i + 2 * L));
            s3 = s3.add(FloatVector.fromArray(S, a, base + i + 3 * L));
        }
        for (int b = S.loopBound(len); i < b; i += L) s0 = s0.add(FloatVector.fromArray(S, a, base + i));
        float tail = 0;
        for (; i < len; i++) tail += a[base + i];
        s0.add(s1).intoArray(lanes, lo);
        s2.add(s3).intoArray(lanes, lo + L);
        return tail;
    }

    /** The run's largest (or smallest) element, a NaN if any is NaN: chunk by chunk, on all threads where the run is long. */
    private static double extreme(boolean max, float[] a, int off, int n) {
        if (n <= FloatFold.CHUNK) return chunkExtreme(max, a, off, n);
        return ChunkFolds.fold(n, FloatFold.CHUNK,
                c -> chunkExtreme(max, a, off + c * FloatFold.CHUNK, Math.min(FloatFold.CHUNK, n - c * FloatFold.CHUNK)),
                max ? Math::max : Math::min);
    }

    /** Four vector accumulators, so the comparisons do not wait on each other. */
    private static float chunkExtreme(boolean max, float[] a, int base, int len) {
        VectorOperators.Binary op = max ? VectorOperators.MAX : VectorOperators.MIN;
        FloatVector m0 = FloatVector.broadcast(S, max ? Float.NEGATIVE_INFINITY : Float.POSITIVE_INFINITY), m1 = m0, m2 = m0, m3 = m0;
        int i = 0;
        for (int b = len - 4 * L; i <= b; i += 4 * L) {
            m0 = m0.lanewise(op, FloatVector.fromArray(S, a, base + i));
            m1 = m1.lanewise(op, FloatVector.fromArray(S, a, base + i + L));
            m2 = m2.lanewise(op, FloatVector.fromArray(S, a, base + i + 2 * L));
            m3 = m3.lanewise(op, FloatVector.fromArray(S, a, base + i + 3 * L));
        }
        for (int b = S.loopBound(len); i < b; i += L) m0 = m0.lanewise(op, FloatVector.fromArray(S, a, base + i));
        float r = m0.lanewise(op, m1).lanewise(op, m2.lanewise(op, m3)).reduceLanes(max ? VectorOperators.MAX : VectorOperators.MIN);
        for (; i < len; i++) r = max ? Math.max(r, a[base + i]) : Math.min(r, a[base + i]);
        return r;
    }
}
