package org.torch4j.backend.cpu.gemm;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The SIMD micro-kernel for floats: {@code C[mr × nr] = alpha * A · B + beta * C} for one tile, from a
 * packed B sliver (see {@link Packing}) and either a packed A sliver or A's rows in place; FMA on
 * {@code FloatVector} with a broadcast of one A element per row. The tile is {@code MR × 2L} for
 * {@code L} lanes of the preferred species: two B vectors per k step and {@code 2·MR} accumulators,
 * all kept in registers by C2 (checked in the generated code). With 32 vector registers (AVX-512,
 * AArch64) MR is 8 (16 accumulators); with 16 (AVX2) MR is 4, since C2 schedules all broadcasts of a
 * step before the FMAs and a 5- or 6-row tile then spills an accumulator and runs at half speed.
 * Measured on AVX-512 (in-cache kernel, floats): 8 × 32 ~258 GFLOP/s; 6 × 32, 10 × 32, 12 × 32,
 * 6 × 64 within 2%; 8 × 48 (spills) 194.
 *
 * <p>The 8-row kernels run four k steps per loop trip, which C2 does not unroll by itself (the body is
 * too large): one index computation per A row serves four broadcasts and the loop overhead is shared.
 * The two forms of that loop are measured, not incidental: read in place, A is indexed from eight row
 * offsets, and only the canonical {@code p < k4} loop lets C2 hoist those eight bounds checks
 * (Intel AVX-512, in-cache kernel, floats: 164 -> 191 GFLOP/s, doubles 91 -> 103); from packed A,
 * the {@code p + 4 <= kc} form is faster (189 -> 211, doubles 100 -> 110), since as a counted loop C2
 * schedules all 32 broadcasts of a trip first and spills them. With 16 registers (AVX2) unrolling
 * spills either way and the 4-row kernels keep one step per trip.
 *
 * <p>The accumulators leave through a small array, not through a helper taking vectors: C2 stops
 * inlining inside a method this large, and a vector passed to a call that is not inlined is boxed.
 *
 * <p>Loaded only when {@code Simd.ENABLED}.
 */
final class FloatMicroKernel {
    private FloatMicroKernel() {}

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Rows of the tile. */
    static final int MR = BlockSizes.vectorRegisters(S.vectorBitSize()) >= 32 ? 8 : 4;
    /** Columns of the tile: two vectors. */
    static final int NR = 2 * L;
    /** The blocking around this kernel. */
    static final BlockSizes SIZES = BlockSizes.forTile(MR, NR, 4);

    /**
     * One tile from packed A: {@code rows × cols} (at most {@code MR × NR}) of C at {@code co} get
     * {@code alpha * sum_p Ap[p] ⊗ Bp[p] + beta * C}; beta 0 writes C without reading it. The packed
     * slivers are zero-padded, so edge tiles compute a whole tile and store only their part.
     * {@code tmp} holds at least {@code MR * NR} elements.
     */
    static void tile(int kc, float[] ap, int ao, float[] bp, int bo, float alpha, float beta,
                     float[] c, int co, int cRs, int cCs, int rows, int cols, float[] tmp) {
        if (MR == 8) tile8(kc, ap, ao, bp, bo, tmp);
        else tile4(kc, ap, ao, bp, bo, tmp);
        store(tmp, alpha, beta, c, co, cRs, cCs, rows, cols);
    }

    /** The whole {@code MR × NR} tile {@code sum_p Ap[p] ⊗ Bp[p]} from packed A into {@code tmp} (row i at {@code i NR}). */
    static void tileInto(int kc, float[] ap, int ao, float[] bp, int bo, float[] tmp) {
        if (MR == 8) tile8(kc, ap, ao, bp, bo, tmp);
        else tile4(kc, ap, ao, bp, bo, tmp);
    }

    /**
     * As {@link #tile}, with A read where it is rather than packed: row i of the tile is
     * {@code a[ao + i*aRs + p]} (A has unit column stride). A partial tile re-reads its last row in
     * place of the missing ones and stores only its own rows.
     */
    static void tileRows(int kc, float[] a, int ao, int aRs, float[] bp, int bo, float alpha, float beta,
                         float[] c, int co, int cRs, int cCs, int rows, int cols, float[] tmp) {
        tileRowsInto(kc, a, ao, aRs, bp, bo, rows, tmp);
        store(tmp, alpha, beta, c, co, cRs, cCs, rows, cols);
    }

    /** The whole {@code MR × NR} tile of {@link #tileRows} into {@code tmp} (row i at {@code i NR}), rows past {@code rows} repeating the last. */
    static void tileRowsInto(int kc, float[] a, int ao, int aRs, float[] bp, int bo, int rows, float[] tmp) {
        int last = rows - 1;
        if (MR == 8) {
            rows8(kc, a, ao, ao + Math.min(1, last) * aRs, ao + Math.min(2, last) * aRs, ao + Math.min(3, last) * aRs,
                    ao + Math.min(4, last) * aRs, ao + Math.min(5, last) * aRs, ao + Math.min(6, last) * aRs,
                    ao + Math.min(7, last) * aRs, bp, bo, tmp);
        } else {
            rows4(kc, a, ao, ao + Math.min(1, last) * aRs, ao + Math.min(2, last) * aRs, ao + Math.min(3, last) * aRs,
                    bp, bo, tmp);
        }
    }

    private static void store(float[] tmp, float alpha, float beta, float[] c, int co, int cRs, int cCs, int rows, int cols) {
        if (cols == NR && cCs == 1) {
            for (int i = 0; i < rows; i++) row(tmp, i * NR, alpha, beta, c, co + i * cRs);
        } else {
            ScalarKernels.store(tmp, 0, NR, rows, cols, alpha, beta, c, co, cRs, cCs);
        }
    }

    /** The 8 × NR tile: 16 accumulators, 2 B vectors and one A broadcast at a time; k unrolled by 4. */
    private static void tile8(int kc, float[] ap, int ao, float[] bp, int bo, float[] acc) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S), c41 = FloatVector.zero(S);
        FloatVector c50 = FloatVector.zero(S), c51 = FloatVector.zero(S);
        FloatVector c60 = FloatVector.zero(S), c61 = FloatVector.zero(S);
        FloatVector c70 = FloatVector.zero(S), c71 = FloatVector.zero(S);
        FloatVector b0, b1, x;
        int p = 0;
        for (; p + 4 <= kc; p += 4) { // four k steps per trip, see the class comment on the loop forms
            int a = ao + p * 8, b = bo + p * NR; // affine in p: C2 hoists the bounds checks
            b0 = FloatVector.fromArray(S, bp, b); b1 = FloatVector.fromArray(S, bp, b + L);
            x = FloatVector.broadcast(S, ap[a + 0]); c00 = x.fma(b0, c00); c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(S, ap[a + 1]); c10 = x.fma(b0, c10); c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(S, ap[a + 2]); c20 = x.fma(b0, c20); c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(S, ap[a + 3]); c30 = x.fma(b0, c30); c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(S, ap[a + 4]); c40 = x.fma(b0, c40); c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(S, ap[a + 5]); c50 = x.fma(b0, c50); c51 = x.fma(b1, c51);
            x = FloatVector.broadcast(S, ap[a + 6]); c60 = x.fma(b0, c60); c61 = x.fma(b1, c61);
            x = FloatVector.broadcast(S, ap[a + 7]); c70 = x.fma(b0, c70); c71 = x.fma(b1, c71);
            b0 = FloatVector.fromArray(S, bp, b + 1 * NR); b1 = FloatVector.fromArray(S, bp, b + 1 * NR + L);
            x = FloatVector.broadcast(S, ap[a + 8]); c00 = x.fma(b0, c00); c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(S, ap[a + 9]); c10 = x.fma(b0, c10); c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(S, ap[a + 10]); c20 = x.fma(b0, c20); c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(S, ap[a + 11]); c30 = x.fma(b0, c30); c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(S, ap[a + 12]); c40 = x.fma(b0, c40); c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(S, ap[a + 13]); c50 = x.fma(b0, c50); c51 = x.fma(b1, c51);
            x = FloatVector.broadcast(S, ap[a + 14]); c60 = x.fma(b0, c60); c61 = x.fma(b1, c61);
            x = FloatVector.broadcast(S, ap[a + 15]); c70 = x.fma(b0, c70); c71 = x.fma(b1, c71);
            b0 = FloatVector.fromArray(S, bp, b + 2 * NR); b1 = FloatVector.fromArray(S, bp, b + 2 * NR + L);
            x = FloatVector.broadcast(S, ap[a + 16]); c00 = x.fma(b0, c00); c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(S, ap[a + 17]); c10 = x.fma(b0, c10); c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(S, ap[a + 18]); c20 = x.fma(b0, c20); c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(S, ap[a + 19]); c30 = x.fma(b0, c30); c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(S, ap[a + 20]); c40 = x.fma(b0, c40); c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(S, ap[a + 21]); c50 = x.fma(b0, c50); c51 = x.fma(b1, c51);
            x = FloatVector.broadcast(S, ap[a + 22]); c60 = x.fma(b0, c60); c61 = x.fma(b1, c61);
            x = FloatVector.broadcast(S, ap[a + 23]); c70 = x.fma(b0, c70); c71 = x.fma(b1, c71);
            b0 = FloatVector.fromArray(S, bp, b + 3 * NR); b1 = FloatVector.fromArray(S, bp, b + 3 * NR + L);
            x = FloatVector.broadcast(S, ap[a + 24]); c00 = x.fma(b0, c00); c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(S, ap[a + 25]); c10 = x.fma(b0, c10); c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(S, ap[a + 26]); c20 = x.fma(b0, c20); c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(S, ap[a + 27]); c30 = x.fma(b0, c30); c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(S, ap[a + 28]); c40 = x.fma(b0, c40); c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(S, ap[a + 29]); c50 = x.fma(b0, c50); c51 = x.fma(b1, c51);
            x = FloatVector.broadcast(S, ap[a + 30]); c60 = x.fma(b0, c60); c61 = x.fma(b1, c61);
            x = FloatVector.broadcast(S, ap[a + 31]); c70 = x.fma(b0, c70); c71 = x.fma(b1, c71);
        }
        for (; p < kc; p++) {
            int a = ao + p * 8, b = bo + p * NR;
            b0 = FloatVector.fromArray(S, bp, b); b1 = FloatVector.fromArray(S, bp, b + L);
            x = FloatVector.broadcast(S, ap[a + 0]); c00 = x.fma(b0, c00); c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(S, ap[a + 1]); c10 = x.fma(b0, c10); c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(S, ap[a + 2]); c20 = x.fma(b0, c20); c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(S, ap[a + 3]); c30 = x.fma(b0, c30); c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(S, ap[a + 4]); c40 = x.fma(b0, c40); c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(S, ap[a + 5]); c50 = x.fma(b0, c50); c51 = x.fma(b1, c51);
            x = FloatVector.broadcast(S, ap[a + 6]); c60 = x.fma(b0, c60); c61 = x.fma(b1, c61);
            x = FloatVector.broadcast(S, ap[a + 7]); c70 = x.fma(b0, c70); c71 = x.fma(b1, c71);
        }
        c00.intoArray(acc, 0 * NR); c01.intoArray(acc, 0 * NR + L);
        c10.intoArray(acc, 1 * NR); c11.intoArray(acc, 1 * NR + L);
        c20.intoArray(acc, 2 * NR); c21.intoArray(acc, 2 * NR + L);
        c30.intoArray(acc, 3 * NR); c31.intoArray(acc, 3 * NR + L);
        c40.intoArray(acc, 4 * NR); c41.intoArray(acc, 4 * NR + L);
        c50.intoArray(acc, 5 * NR); c51.intoArray(acc, 5 * NR + L);
        c60.intoArray(acc, 6 * NR); c61.intoArray(acc, 6 * NR + L);
        c70.intoArray(acc, 7 * NR); c71.intoArray(acc, 7 * NR + L);
    }

    /** The 4 × NR tile: 8 accumulators, 2 B vectors and one A broadcast at a time. */
    private static void tile4(int kc, float[] ap, int ao, float[] bp, int bo, float[] acc) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
        for (int p = 0; p < kc; p++) {
            int a = ao + p * 4, b = bo + p * NR; // affine in p: C2 hoists the bounds checks
            FloatVector b0 = FloatVector.fromArray(S, bp, b), b1 = FloatVector.fromArray(S, bp, b + L), x;
            x = FloatVector.broadcast(S, ap[a + 0]); c00 = x.fma(b0, c00); c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(S, ap[a + 1]); c10 = x.fma(b0, c10); c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(S, ap[a + 2]); c20 = x.fma(b0, c20); c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(S, ap[a + 3]); c30 = x.fma(b0, c30); c31 = x.fma(b1, c31);
        }
        c00.intoArray(acc, 0 * NR); c01.intoArray(acc, 0 * NR + L);
        c10.intoArray(acc, 1 * NR); c11.intoArray(acc, 1 * NR + L);
        c20.intoArray(acc, 2 * NR); c21.intoArray(acc, 2 * NR + L);
        c30.intoArray(acc, 3 * NR); c31.intoArray(acc, 3 * NR + L);
    }

    /** As {@link #tile8}, with A read in place: row i of the tile is {@code a[ai + p]}. */
    private static void rows8(int kc, float[] a, int a0, int a1, int a2, int a3, int a4, int a5, int a6, int a7,
                              float[] bp, int bo, float[] acc) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S), c41 = FloatVector.zero(S);
        FloatVector c50 = FloatVector.zero(S), c51 = FloatVector.zero(S);
        FloatVector c60 = FloatVector.zero(S), c61 = FloatVector.zero(S);
        FloatVector c70 = FloatVector.zero(S), c71 = FloatVector.zero(S);
        FloatVector b0, b1, x;
        int p = 0, k4 = kc & ~3;
        for (; p < k4; p += 4) { // four k steps per trip, see the class comment on the loop forms
            int b = bo + p * NR;
            b0 = FloatVector.fromArray(S, bp, b); b1 = FloatVector.fromArray(S, bp, b + L);
            x = FloatVector.broadcast(S, a[a0 + p]); c00 = x.fma(b0, c00); c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(S, a[a1 + p]); c10 = x.fma(b0, c10); c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(S, a[a2 + p]); c20 = x.fma(b0, c20); c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(S, a[a3 + p]); c30 = x.fma(b0, c30); c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(S, a[a4 + p]); c40 = x.fma(b0, c40); c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(S, a[a5 + p]); c50 = x.fma(b0, c50); c51 = x.fma(b1, c51);
            x = FloatVector.broadcast(S, a[a6 + p]); c60 = x.fma(b0, c60); c61 = x.fma(b1, c61);
            x = FloatVector.broadcast(S, a[a7 + p]); c70 = x.fma(b0, c70); c71 = x.fma(b1, c71);
            b0 = FloatVector.fromArray(S, bp, b + 1 * NR); b1 = FloatVector.fromArray(S, bp, b + 1 * NR + L);
            x = FloatVector.broadcast(S, a[a0 + p + 1]); c00 = x.fma(b0, c00); c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(S, a[a1 + p + 1]); c10 = x.fma(b0, c10); c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(S, a[a2 + p + 1]); c20 = x.fma(b0, c20); c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(S, a[a3 + p + 1]); c30 = x.fma(b0, c30); c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(S, a[a4 + p + 1]); c40 = x.fma(b0, c40); c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(S, a[a5 + p + 1]); c50 = x.fma(b0, c50); c51 = x.fma(b1, c51);
            x = FloatVector.broadcast(S, a[a6 + p + 1]); c60 = x.fma(b0, c60); c61 = x.fma(b1, c61);
            x = FloatVector.broadcast(S, a[a7 + p + 1]); c70 = x.fma(b0, c70); c71 = x.fma(b1, c71);
            b0 = FloatVector.fromArray(S, bp, b + 2 * NR); b1 = FloatVector.fromArray(S, bp, b + 2 * NR + L);
            x = FloatVector.broadcast(S, a[a0 + p + 2]); c00 = x.fma(b0, c00); c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(S, a[a1 + p + 2]); c10 = x.fma(b0, c10); c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(S, a[a2 + p + 2]); c20 = x.fma(b0, c20); c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(S, a[a3 + p + 2]); c30 = x.fma(b0, c30); c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(S, a[a4 + p + 2]); c40 = x.fma(b0, c40); c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(S, a[a5 + p + 2]); c50 = x.fma(b0, c50); c51 = x.fma(b1, c51);
            x = FloatVector.broadcast(S, a[a6 + p + 2]); c60 = x.fma(b0, c60); c61 = x.fma(b1, c61);
            x = FloatVector.broadcast(S, a[a7 + p + 2]); c70 = x.fma(b0, c70); c71 = x.fma(b1, c71);
            b0 = FloatVector.fromArray(S, bp, b + 3 * NR); b1 = FloatVector.fromArray(S, bp, b + 3 * NR + L);
            x = FloatVector.broadcast(S, a[a0 + p + 3]); c00 = x.fma(b0, c00); c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(S, a[a1 + p + 3]); c10 = x.fma(b0, c10); c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(S, a[a2 + p + 3]); c20 = x.fma(b0, c20); c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(S, a[a3 + p + 3]); c30 = x.fma(b0, c30); c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(S, a[a4 + p + 3]); c40 = x.fma(b0, c40); c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(S, a[a5 + p + 3]); c50 = x.fma(b0, c50); c51 = x.fma(b1, c51);
            x = FloatVector.broadcast(S, a[a6 + p + 3]); c60 = x.fma(b0, c60); c61 = x.fma(b1, c61);
            x = FloatVector.broadcast(S, a[a7 + p + 3]); c70 = x.fma(b0, c70); c71 = x.fma(b1, c71);
        }
        for (; p < kc; p++) {
            int b = bo + p * NR;
            b0 = FloatVector.fromArray(S, bp, b); b1 = FloatVector.fromArray(S, bp, b + L);
            x = FloatVector.broadcast(S, a[a0 + p]); c00 = x.fma(b0, c00); c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(S, a[a1 + p]); c10 = x.fma(b0, c10); c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(S, a[a2 + p]); c20 = x.fma(b0, c20); c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(S, a[a3 + p]); c30 = x.fma(b0, c30); c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(S, a[a4 + p]); c40 = x.fma(b0, c40); c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(S, a[a5 + p]); c50 = x.fma(b0, c50); c51 = x.fma(b1, c51);
            x = FloatVector.broadcast(S, a[a6 + p]); c60 = x.fma(b0, c60); c61 = x.fma(b1, c61);
            x = FloatVector.broadcast(S, a[a7 + p]); c70 = x.fma(b0, c70); c71 = x.fma(b1, c71);
        }
        c00.intoArray(acc, 0 * NR); c01.intoArray(acc, 0 * NR + L);
        c10.intoArray(acc, 1 * NR); c11.intoArray(acc, 1 * NR + L);
        c20.intoArray(acc, 2 * NR); c21.intoArray(acc, 2 * NR + L);
        c30.intoArray(acc, 3 * NR); c31.intoArray(acc, 3 * NR + L);
        c40.intoArray(acc, 4 * NR); c41.intoArray(acc, 4 * NR + L);
        c50.intoArray(acc, 5 * NR); c51.intoArray(acc, 5 * NR + L);
        c60.intoArray(acc, 6 * NR); c61.intoArray(acc, 6 * NR + L);
        c70.intoArray(acc, 7 * NR); c71.intoArray(acc, 7 * NR + L);
    }

    /** As {@link #tile4}, with A read in place: row i of the tile is {@code a[ai + p]}. */
    private static void rows4(int kc, float[] a, int a0, int a1, int a2, int a3, float[] bp, int bo, float[] acc) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
        for (int p = 0; p < kc; p++) {
            int b = bo + p * NR;
            FloatVector b0 = FloatVector.fromArray(S, bp, b), b1 = FloatVector.fromArray(S, bp, b + L), x;
            x = FloatVector.broadcast(S, a[a0 + p]); c00 = x.fma(b0, c00); c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(S, a[a1 + p]); c10 = x.fma(b0, c10); c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(S, a[a2 + p]); c20 = x.fma(b0, c20); c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(S, a[a3 + p]); c30 = x.fma(b0, c30); c31 = x.fma(b1, c31);
        }
        c00.intoArray(acc, 0 * NR); c01.intoArray(acc, 0 * NR + L);
        c10.intoArray(acc, 1 * NR); c11.intoArray(acc, 1 * NR + L);
        c20.intoArray(acc, 2 * NR); c21.intoArray(acc, 2 * NR + L);
        c30.intoArray(acc, 3 * NR); c31.intoArray(acc, 3 * NR + L);
    }

    /** One full row of a tile into a unit-stride row of C. */
    private static void row(float[] t, int to, float alpha, float beta, float[] c, int o) {
        FloatVector x0 = FloatVector.fromArray(S, t, to).mul(alpha), x1 = FloatVector.fromArray(S, t, to + L).mul(alpha);
        if (beta != 0) {
            x0 = FloatVector.fromArray(S, c, o).mul(beta).add(x0);
            x1 = FloatVector.fromArray(S, c, o + L).mul(beta).add(x1);
        }
        x0.intoArray(c, o);
        x1.intoArray(c, o + L);
    }
}
