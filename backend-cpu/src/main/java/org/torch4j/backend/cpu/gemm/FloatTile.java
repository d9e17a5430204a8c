package org.torch4j.backend.cpu.gemm;

/**
 * The float GEMM register tile ({@link FloatMicroKernel}) for kernels outside this package that pack their
 * own B operand, as the blocked convolution does with its pixel panels: {@code tmp[MR × NR] = A · Bp}
 * with A's rows read in place or packed ({@link #packRows}) and Bp a {@code kc × NR} panel (row p at
 * {@code bo + p NR}); the caller stores the tile. Loaded only when {@code Simd.ENABLED}.
 */
public final class FloatTile {
    /** Rows of the tile: 8 with 32 vector registers, 4 with 16. */
    public static final int MR = FloatMicroKernel.MR;
    /** Columns of the tile: two vectors. */
    public static final int NR = FloatMicroKernel.NR;

    private FloatTile() {}

    /**
     * The whole {@link #MR} x {@link #NR} tile {@code sum over p < kc of a[ao + i aRs + p] * bp[bo + p NR + j]} into
     * {@code tmp} (row i at {@code i NR}): A's rows (below {@code rows}, at most {@link #MR}; rows past them repeat
     * the last) read in place, Bp a {@code kc × NR} panel; the caller stores the rows it needs.
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
