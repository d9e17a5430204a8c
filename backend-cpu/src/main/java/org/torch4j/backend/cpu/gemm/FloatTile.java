package org.torch4j.backend.cpu.gemm;

/**
 * The float GEMM register tile ({@link FloatMicroKernel}) for kernels outside this package that pack their
 * own B operand, as the blocked convolution does with its pixel panels: {@code C[rows × NR] (+)= A · Bp}
 * with A's rows read in place and Bp a {@code kc × NR} panel (row p at {@code bo + p NR}). Loaded only
 * when {@code Simd.ENABLED}.
 */
public final class FloatTile {
    /** Rows of the tile: 8 with 32 vector registers, 4 with 16. */
    public static final int MR = FloatMicroKernel.MR;
    /** Columns of the tile: two vectors. */
    public static final int NR = FloatMicroKernel.NR;

    private FloatTile() {}

    /**
     * Row i (below {@code rows}, at most {@link #MR}) of C at {@code co + i cRs}, {@link #NR} unit-stride
     * elements, becomes {@code sum over p < kc of a[ao + i aRs + p] * bp[bo + p NR + j]}, added to what C
     * holds when {@code accumulate}. {@code tmp} holds at least {@code MR * NR} elements.
     */
    public static void rowsTimesPanel(int kc, float[] a, int ao, int aRs, float[] bp, int bo, boolean accumulate,
                                      float[] c, int co, int cRs, int rows, float[] tmp) {
        FloatMicroKernel.tileRows(kc, a, ao, aRs, bp, bo, 1f, accumulate ? 1f : 0f, c, co, cRs, 1, rows, NR, tmp);
    }

    /**
     * As {@link #rowsTimesPanel}, the whole {@link #MR} x {@link #NR} tile into {@code tmp} (row i at {@code i NR},
     * rows past {@code rows} repeating the last), for a caller that stores it itself.
     */
    public static void rowsTimesPanelInto(int kc, float[] a, int ao, int aRs, float[] bp, int bo, int rows, float[] tmp) {
        FloatMicroKernel.tileRowsInto(kc, a, ao, aRs, bp, bo, rows, tmp);
    }

    /**
     * Packs the {@code m × k} row-major matrix at {@code ao} in {@code a} (rows {@code aRs} apart) for
     * {@link #packedTimesPanel}: {@link #MR}-row slivers {@code MR k} apart, column p of sliver s at
     * {@code s MR k + p MR}, the last sliver's missing rows zero. {@code dst} holds at least
     * {@code ceil(m / MR) MR k} elements.
     */
    public static void packRows(int m, int k, float[] a, int ao, int aRs, float[] dst) {
        Packing.packA(m, k, MR, a, ao, aRs, 1, dst, true);
    }

    /**
     * The whole {@link #MR} x {@link #NR} tile {@code sum over p < kc of ap[ao + p MR + i] * bp[bo + p NR + j]}
     * into {@code tmp} (row i at {@code i NR}): a sliver packed by {@link #packRows} times a panel.
     */
    public static void packedTimesPanel(int kc, float[] ap, int ao, float[] bp, int bo, float[] tmp) {
        FloatMicroKernel.tileInto(kc, ap, ao, bp, bo, tmp);
    }
}
