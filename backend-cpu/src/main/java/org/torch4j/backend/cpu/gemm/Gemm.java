package org.torch4j.backend.cpu.gemm;

import org.torch4j.backend.cpu.Parallel;
import org.torch4j.backend.cpu.Simd;

/**
 * General matrix products over strided views of Java arrays, as BLAS {@code sgemm}/{@code dgemm} but
 * with an element stride for both dimensions of every operand, so transposed, sliced and broadcast
 * operands need no copy. Element (i,j) of A is {@code a[aOff + i*aRs + j*aCs]}; likewise B and C.
 *
 * <p>Dispatch by shape: {@code k == 0} or {@code alpha == 0} scale C; a single row or column is a
 * matrix-vector product; small products run unpacked SIMD loops on the calling thread
 * ({@link FloatDirect}); the rest go to the cache-blocked, packed kernels ({@link FloatBlocked},
 * {@link DoubleBlocked}), split across {@link Parallel#threads()}. The SIMD kernels
 * ({@code jdk.incubator.vector}) are used when {@link Simd#ENABLED}, the scalar ones otherwise; no class
 * touching the Vector API is loaded without it.
 *
 * <p>Floats accumulate in float, as BLAS does. C must not overlap A or B. With {@code beta == 0}, C is
 * written without being read (NaN in C does not leak into the result).
 */
public final class Gemm {
    private Gemm() {}

    /**
     * Up to this many multiply-adds the unpacked SIMD register kernel beats packing, when B (or A^T)
     * has unit column stride. Measured (float, AVX-512): 3-7x faster at 8³-16³, 1.6x at 48³, even at
     * 64³, slower at 128×128×16.
     */
    static final long SMALL_WORK = 1L << 17;
    /** Up to this many multiply-adds, dot products (rows of A · columns of B) beat packing. */
    static final long TINY_WORK = 1L << 11;
    /**
     * Up to this many rows of A, a product runs unpacked ({@link FloatDirect#skinny}), streaming B once per
     * four rows: a linear layer on a small batch. Packing B would cost a read and write of all of it.
     */
    static final int SKINNY_ROWS = 16;
    /** A matrix-vector product goes parallel from this many multiply-adds (it is memory-bound). */
    static final long GEMV_PARALLEL_WORK = 1L << 18;
    /** Batched products smaller than this run one product per thread rather than splitting each one. */
    static final long BATCH_SPLIT_WORK = 1L << 22;

    // ---- public API ----------------------------------------------------------------------------

    /**
     * {@code C = alpha * A(m×k) * B(k×n) + beta * C}. {@code beta == 0} writes C without reading it;
     * {@code k == 0} gives {@code beta * C}.
     *
     * @throws IllegalArgumentException for negative sizes
     * @throws IndexOutOfBoundsException if a view reaches outside its array
     */
    public static void sgemm(int m, int n, int k, float alpha,
                             float[] a, int aOff, int aRs, int aCs,
                             float[] b, int bOff, int bRs, int bCs,
                             float beta, float[] c, int cOff, int cRs, int cCs) {
        checkSizes(1, m, n, k);
        checkViews(1, m, n, k, a.length, aOff, 0, aRs, aCs, b.length, bOff, 0, bRs, bCs, c.length, cOff, 0, cRs, cCs);
        sgemm(Simd.ENABLED, true, m, n, k, alpha, a, aOff, aRs, aCs, b, bOff, bRs, bCs, beta, c, cOff, cRs, cCs);
    }

    /** As {@link #sgemm}, for doubles. */
    public static void dgemm(int m, int n, int k, double alpha,
                             double[] a, int aOff, int aRs, int aCs,
                             double[] b, int bOff, int bRs, int bCs,
                             double beta, double[] c, int cOff, int cRs, int cCs) {
        checkSizes(1, m, n, k);
        checkViews(1, m, n, k, a.length, aOff, 0, aRs, aCs, b.length, bOff, 0, bRs, bCs, c.length, cOff, 0, cRs, cCs);
        dgemm(Simd.ENABLED, true, m, n, k, alpha, a, aOff, aRs, aCs, b, bOff, bRs, bCs, beta, c, cOff, cRs, cCs);
    }

    /**
     * {@code batch} independent products; product {@code t} uses the views at {@code aOff + t*aBs},
     * {@code bOff + t*bBs}, {@code cOff + t*cBs}. A batch stride of 0 broadcasts an operand. Small
     * products are spread across threads one product each; large ones are each split across threads.
     * With {@code cBs == 0} the products run in order into the same C.
     */
    public static void sgemmBatched(int batch, int m, int n, int k, float alpha,
                                    float[] a, int aOff, int aBs, int aRs, int aCs,
                                    float[] b, int bOff, int bBs, int bRs, int bCs,
                                    float beta, float[] c, int cOff, int cBs, int cRs, int cCs) {
        checkSizes(batch, m, n, k);
        checkViews(batch, m, n, k, a.length, aOff, aBs, aRs, aCs, b.length, bOff, bBs, bRs, bCs, c.length, cOff, cBs, cRs, cCs);
        sgemmBatched(Simd.ENABLED, batch, m, n, k, alpha, a, aOff, aBs, aRs, aCs, b, bOff, bBs, bRs, bCs, beta, c, cOff, cBs, cRs, cCs);
    }

    /** As {@link #sgemmBatched}, for doubles. */
    public static void dgemmBatched(int batch, int m, int n, int k, double alpha,
                                    double[] a, int aOff, int aBs, int aRs, int aCs,
                                    double[] b, int bOff, int bBs, int bRs, int bCs,
                                    double beta, double[] c, int cOff, int cBs, int cRs, int cCs) {
        checkSizes(batch, m, n, k);
        checkViews(batch, m, n, k, a.length, aOff, aBs, aRs, aCs, b.length, bOff, bBs, bRs, bCs, c.length, cOff, cBs, cRs, cCs);
        dgemmBatched(Simd.ENABLED, batch, m, n, k, alpha, a, aOff, aBs, aRs, aCs, b, bOff, bBs, bRs, bCs, beta, c, cOff, cBs, cRs, cCs);
    }

    // ---- dispatch (package-private: tests choose the SIMD or scalar kernels) -----------------

    static void sgemm(boolean simd, boolean parallel, int m, int n, int k, float alpha,
                      float[] a, int aOff, int aRs, int aCs, float[] b, int bOff, int bRs, int bCs,
                      float beta, float[] c, int cOff, int cRs, int cCs) {
        simd &= Simd.ENABLED;
        if (m == 0 || n == 0) return;
        if (k == 0 || alpha == 0) {
            ScalarKernels.scale(m, n, beta, c, cOff, cRs, cCs);
        } else if (n == 1) {
            // C column = A * B column
            sgemv(simd, parallel, m, k, alpha, a, aOff, aRs, aCs, b, bOff, bRs, beta, c, cOff, cRs);
        } else if (m == 1) {
            // C row = A row * B  =  B^T * A row
            sgemv(simd, parallel, n, k, alpha, b, bOff, bCs, bRs, a, aOff, aCs, beta, c, cOff, cCs);
        } else if (simd && skinny(m, aCs, bRs, bCs)) {
            sgemmSkinny(parallel, m, n, k, alpha, a, aOff, aRs, aCs, b, bOff, bRs, bCs, beta, c, cOff, cRs, cCs);
        } else if (simd && direct((long) m * n * k, aRs, aCs, bRs, bCs)) {
            FloatDirect.small(m, n, k, alpha, a, aOff, aRs, aCs, b, bOff, bRs, bCs, beta, c, cOff, cRs, cCs);
        } else if (transposeCheaper(m, n, bRs, bCs)) {
            FloatBlocked.gemm(simd, parallel, n, m, k, alpha, b, bOff, bCs, bRs, a, aOff, aCs, aRs, beta, c, cOff, cCs, cRs);
        } else {
            FloatBlocked.gemm(simd, parallel, m, n, k, alpha, a, aOff, aRs, aCs, b, bOff, bRs, bCs, beta, c, cOff, cRs, cCs);
        }
    }

    static void dgemm(boolean simd, boolean parallel, int m, int n, int k, double alpha,
                      double[] a, int aOff, int aRs, int aCs, double[] b, int bOff, int bRs, int bCs,
                      double beta, double[] c, int cOff, int cRs, int cCs) {
        simd &= Simd.ENABLED;
        if (m == 0 || n == 0) return;
        if (k == 0 || alpha == 0) {
            ScalarKernels.scale(m, n, beta, c, cOff, cRs, cCs);
        } else if (n == 1) {
            dgemv(simd, parallel, m, k, alpha, a, aOff, aRs, aCs, b, bOff, bRs, beta, c, cOff, cRs);
        } else if (m == 1) {
            dgemv(simd, parallel, n, k, alpha, b, bOff, bCs, bRs, a, aOff, aCs, beta, c, cOff, cCs);
        } else if (simd && skinny(m, aCs, bRs, bCs)) {
            dgemmSkinny(parallel, m, n, k, alpha, a, aOff, aRs, aCs, b, bOff, bRs, bCs, beta, c, cOff, cRs, cCs);
        } else if (simd && direct((long) m * n * k, aRs, aCs, bRs, bCs)) {
            DoubleDirect.small(m, n, k, alpha, a, aOff, aRs, aCs, b, bOff, bRs, bCs, beta, c, cOff, cRs, cCs);
        } else if (transposeCheaper(m, n, bRs, bCs)) {
            DoubleBlocked.gemm(simd, parallel, n, m, k, alpha, b, bOff, bCs, bRs, a, aOff, aCs, aRs, beta, c, cOff, cCs, cRs);
        } else {
            DoubleBlocked.gemm(simd, parallel, m, n, k, alpha, a, aOff, aRs, aCs, b, bOff, bRs, bCs, beta, c, cOff, cRs, cCs);
        }
    }

    static void sgemmBatched(boolean simd, int batch, int m, int n, int k, float alpha,
                             float[] a, int aOff, int aBs, int aRs, int aCs,
                             float[] b, int bOff, int bBs, int bRs, int bCs,
                             float beta, float[] c, int cOff, int cBs, int cRs, int cCs) {
        if (batch == 0 || m == 0 || n == 0) return;
        if (acrossBatch(batch, (long) m * n * k, cBs)) {
            Parallel.forRange(batch, batchGrain((long) m * n * k), (s, e) -> {
                for (int t = s; t < e; t++) {
                    sgemm(simd, false, m, n, k, alpha, a, aOff + t * aBs, aRs, aCs, b, bOff + t * bBs, bRs, bCs,
                            beta, c, cOff + t * cBs, cRs, cCs);
                }
            });
        } else {
            for (int t = 0; t < batch; t++) {
                sgemm(simd, true, m, n, k, alpha, a, aOff + t * aBs, aRs, aCs, b, bOff + t * bBs, bRs, bCs,
                        beta, c, cOff + t * cBs, cRs, cCs);
            }
        }
    }

    static void dgemmBatched(boolean simd, int batch, int m, int n, int k, double alpha,
                             double[] a, int aOff, int aBs, int aRs, int aCs,
                             double[] b, int bOff, int bBs, int bRs, int bCs,
                             double beta, double[] c, int cOff, int cBs, int cRs, int cCs) {
        if (batch == 0 || m == 0 || n == 0) return;
        if (acrossBatch(batch, (long) m * n * k, cBs)) {
            Parallel.forRange(batch, batchGrain((long) m * n * k), (s, e) -> {
                for (int t = s; t < e; t++) {
                    dgemm(simd, false, m, n, k, alpha, a, aOff + t * aBs, aRs, aCs, b, bOff + t * bBs, bRs, bCs,
                            beta, c, cOff + t * cBs, cRs, cCs);
                }
            });
        } else {
            for (int t = 0; t < batch; t++) {
                dgemm(simd, true, m, n, k, alpha, a, aOff + t * aBs, aRs, aCs, b, bOff + t * bBs, bRs, bCs,
                        beta, c, cOff + t * cBs, cRs, cCs);
            }
        }
    }

    /** Whether a product with few rows of A runs unpacked: B needs a unit column stride, or A rows and B columns unit strides. */
    private static boolean skinny(int m, int aCs, int bRs, int bCs) {
        return m <= SKINNY_ROWS && (bCs == 1 || (aCs == 1 && bRs == 1));
    }

    /**
     * Whether the blocked kernel should compute {@code C^T = B^T A^T} instead: B is transposed (column-major, as a
     * linear layer's weight in {@code x W^T}), so packing it transposes all {@code k × n} of it element by element,
     * while the swapped product reads {@code B^T}'s rows in place and packs the smaller {@code k × m} A. Measured
     * (float, AVX-512, one thread): {@code [64, 784] x [784, 512]} 697 -> 511 us, {@code [32, 512] x [512, 256]}
     * 147 -> 82 us; no gain left at m = n.
     */
    private static boolean transposeCheaper(int m, int n, int bRs, int bCs) {
        return bRs == 1 && bCs != 1 && m < n;
    }

    /**
     * Whether a small product runs unpacked ({@link FloatDirect#small}): SIMD only, since the scalar
     * blocked kernel beats unpacked scalar loops even at 4³ (its tile stays in registers).
     */
    private static boolean direct(long work, int aRs, int aCs, int bRs, int bCs) {
        if (bCs == 1 || aRs == 1) return work <= SMALL_WORK;
        if (aCs == 1 && bRs == 1) return work <= TINY_WORK;
        return false;
    }

    /**
     * Whether to give each thread whole products: when they are too small to split well, or so many
     * that whole products balance anyway. Never when all write the same C ({@code cBs == 0}).
     */
    private static boolean acrossBatch(int batch, long work, int cBs) {
        int threads = Parallel.threads();
        return batch > 1 && cBs != 0 && threads > 1 && (work < BATCH_SPLIT_WORK || batch >= 8 * threads);
    }

    /** Products per chunk so each hand-off carries enough work. */
    private static int batchGrain(long work) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, FloatBlocked.PARALLEL_MIN_WORK / 2 / Math.max(1, work)));
    }

    /** {@link FloatDirect#skinny} over column ranges (whole vectors each), split across threads when large. */
    private static void sgemmSkinny(boolean parallel, int m, int n, int k, float alpha,
                                    float[] a, int aOff, int aRs, int aCs, float[] b, int bOff, int bRs, int bCs,
                                    float beta, float[] c, int cOff, int cRs, int cCs) {
        int lanes = FloatDirect.L;
        int vectors = (n + lanes - 1) / lanes;
        Parallel.Body body = (s, e) -> {
            int j0 = s * lanes, j1 = Math.min(n, e * lanes);
            FloatDirect.skinny(m, j1 - j0, k, alpha, a, aOff, aRs, aCs, b, bOff + j0 * bCs, bRs, bCs, beta, c, cOff + j0 * cCs, cRs, cCs);
        };
        long work = (long) m * n * k;
        if (parallel && work >= GEMV_PARALLEL_WORK) {
            Parallel.forRange(vectors, (int) Math.max(1, GEMV_PARALLEL_WORK / 2 / ((long) m * k * lanes)), body);
        } else {
            body.run(0, vectors);
        }
    }

    /** {@link DoubleDirect#skinny} over column ranges (whole vectors each), split across threads when large. */
    private static void dgemmSkinny(boolean parallel, int m, int n, int k, double alpha,
                                    double[] a, int aOff, int aRs, int aCs, double[] b, int bOff, int bRs, int bCs,
                                    double beta, double[] c, int cOff, int cRs, int cCs) {
        int lanes = DoubleDirect.L;
        int vectors = (n + lanes - 1) / lanes;
        Parallel.Body body = (s, e) -> {
            int j0 = s * lanes, j1 = Math.min(n, e * lanes);
            DoubleDirect.skinny(m, j1 - j0, k, alpha, a, aOff, aRs, aCs, b, bOff + j0 * bCs, bRs, bCs, beta, c, cOff + j0 * cCs, cRs, cCs);
        };
        long work = (long) m * n * k;
        if (parallel && work >= GEMV_PARALLEL_WORK) {
            Parallel.forRange(vectors, (int) Math.max(1, GEMV_PARALLEL_WORK / 2 / ((long) m * k * lanes)), body);
        } else {
            body.run(0, vectors);
        }
    }

    // ---- matrix-vector -------------------------------------------------------------------------

    /** {@code y = alpha * M x + beta * y}, M being {@code rows × k}; rows split across threads when large. */
    private static void sgemv(boolean simd, boolean parallel, int rows, int k, float alpha,
                              float[] mat, int mo, int mRs, int mCs, float[] x, int xo, int xs,
                              float beta, float[] y, int yo, int ys) {
        Parallel.Body body = (s, e) -> {
            float[] tmp = Workspace.get().floatTmp(Math.max(e - s, k + 4));   // x gathered at [0, k), four dots at k
            if (simd) FloatDirect.gemv(e - s, k, alpha, mat, mo + s * mRs, mRs, mCs, x, xo, xs, beta, y, yo + s * ys, ys, tmp);
            else ScalarKernels.gemv(e - s, k, alpha, mat, mo + s * mRs, mRs, mCs, x, xo, xs, beta, y, yo + s * ys, ys, tmp);
        };
        if (parallel && (long) rows * k >= GEMV_PARALLEL_WORK) {
            Parallel.forRange(rows, (int) Math.max(64, GEMV_PARALLEL_WORK / 2 / k), body);
        } else {
            body.run(0, rows);
        }
    }

    private static void dgemv(boolean simd, boolean parallel, int rows, int k, double alpha,
                              double[] mat, int mo, int mRs, int mCs, double[] x, int xo, int xs,
                              double beta, double[] y, int yo, int ys) {
        Parallel.Body body = (s, e) -> {
            double[] tmp = Workspace.get().doubleTmp(Math.max(e - s, k + 4));   // x gathered at [0, k), four dots at k
            if (simd) DoubleDirect.gemv(e - s, k, alpha, mat, mo + s * mRs, mRs, mCs, x, xo, xs, beta, y, yo + s * ys, ys, tmp);
            else ScalarKernels.gemv(e - s, k, alpha, mat, mo + s * mRs, mRs, mCs, x, xo, xs, beta, y, yo + s * ys, ys, tmp);
        };
        if (parallel && (long) rows * k >= GEMV_PARALLEL_WORK) {
            Parallel.forRange(rows, (int) Math.max(64, GEMV_PARALLEL_WORK / 2 / k), body);
        } else {
            body.run(0, rows);
        }
    }

    // ---- argument checks -----------------------------------------------------------------------

    private static void checkSizes(int batch, int m, int n, int k) {
        if (batch < 0 || m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException("gemm sizes must be non-negative, got batch=" + batch
                    + " m=" + m + " n=" + n + " k=" + k);
        }
    }

    private static void checkViews(int batch, int m, int n, int k,
                                   int aLen, int aOff, int aBs, int aRs, int aCs,
                                   int bLen, int bOff, int bBs, int bRs, int bCs,
                                   int cLen, int cOff, int cBs, int cRs, int cCs) {
        if (batch == 0 || m == 0 || n == 0) return;
        checkView("C", cLen, cOff, batch, cBs, m, cRs, n, cCs);
        if (k == 0) return;
        checkView("A", aLen, aOff, batch, aBs, m, aRs, k, aCs);
        checkView("B", bLen, bOff, batch, bBs, k, bRs, n, bCs);
    }

    /** Every index {@code off + t*bs + i*rs + j*cs} must lie in {@code [0, len)}. */
    private static void checkView(String name, int len, int off, int batch, int bs, int rows, int rs, int cols, int cs) {
        long lo = off, hi = off;
        long[] spans = {(long) (batch - 1) * bs, (long) (rows - 1) * rs, (long) (cols - 1) * cs};
        for (long s : spans) {
            if (s < 0) lo += s; else hi += s;
        }
        if (lo < 0 || hi >= len) {
            throw new IndexOutOfBoundsException(name + " view [offset " + off + ", " + (batch > 1 ? batch + "x" : "")
                    + rows + "x" + cols + ", strides " + (batch > 1 ? bs + "," : "") + rs + "," + cs
                    + "] reaches indices " + lo + ".." + hi + " outside an array of length " + len);
        }
    }
}
