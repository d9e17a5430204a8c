package org.torch4j.linalg;

/**
 * Eigenvalues and eigenvectors of one complex Hermitian host matrix through its real symmetric embedding
 * {@code M = [[P, -Q], [Q, P]]} of {@code A = P + iQ}: M has each eigenvalue of A twice, and its eigenspace for
 * an eigenvalue is {@code {[x; y] : x + iy in A's eigenspace}}, closed under {@code J [x; y] = [-y; x]} (which is
 * multiplication by i). M's eigenvectors in ascending order are read as complex vectors {@code x + iy} and kept
 * when, after removing their components along those already kept (complex Gram-Schmidt), they still have most
 * of their length: two from each pair (or a basis from each cluster of repeated eigenvalues) leave exactly one
 * (one per complex dimension), so the result is orthonormal even for repeated eigenvalues.
 *
 * <p>Phases are a convention; as LAPACK's {@code zheevd} with PyTorch's {@code uplo}, the first component of
 * each vector (the last for the upper triangle) is made real and non-negative, unless it is zero.
 */
final class HermitianEigen {

    /** Ascending eigenvalues. */
    final double[] values;
    /** Row-major {@code n x 2n} interleaved (re, im): column {@code j} is the eigenvector of {@code values[j]}. */
    final double[] vectors;

    /**
     * @param a row-major {@code n x 2n} interleaved pairs; only the {@code lower} (or upper) triangle and the
     *     real part of the diagonal are read
     */
    HermitianEigen(double[] a, int n, boolean lower) {
        int m = 2 * n;
        double[] embedding = new double[m * m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                int at = lower ? 2 * (i * n + j) : 2 * (j * n + i);
                double p = a[at], q = i == j ? 0 : lower ? a[at + 1] : -a[at + 1]; // A[i][j] = conj(A[j][i])
                // the lower triangle of M: [[P, .], [Q, P]] with Q = -Q^T
                embedding[i * m + j] = p;
                embedding[(n + i) * m + n + j] = p;
                embedding[(n + i) * m + j] = q;
                embedding[(n + j) * m + i] = -q;
            }
        }
        TridiagonalEigen real = new TridiagonalEigen(embedding, m, true, true);
        values = new double[n];
        vectors = new double[2 * n * n];
        if (Double.isNaN(real.values[0])) {
            java.util.Arrays.fill(values, Double.NaN);
            java.util.Arrays.fill(vectors, Double.NaN);
            return;
        }
        double[][] kept = new double[n][];
        int count = 0;
        for (int j = 0; j < m && count < n; j++) {
            double[] c = new double[2 * n];
            for (int i = 0; i < n; i++) {
                c[2 * i] = real.vectors[i * m + j];
                c[2 * i + 1] = real.vectors[(n + i) * m + j];
            }
            for (int k = 0; k < count; k++) ComplexVectors.subtract(c, kept[k], ComplexVectors.inner(kept[k], c));
            double norm = JacobiSvd.norm(c);
            if (norm < 0.5) continue; // a multiple by i of a vector already kept
            ComplexVectors.scale(c, 1 / norm);
            values[count] = real.values[j];
            kept[count++] = c;
        }
        if (count < n) throw new LinAlgException("linalg.eigh: the eigenvectors of the Hermitian matrix could not be separated");
        for (int j = 0; j < n; j++) {
            double[] c = kept[j];
            normalisePhase(c, n, lower ? 0 : n - 1);
            for (int i = 0; i < n; i++) {
                vectors[2 * (i * n + j)] = c[2 * i];
                vectors[2 * (i * n + j) + 1] = c[2 * i + 1];
            }
        }
    }

    /** Multiplies c by the unit number that makes component {@code at} real and non-negative (if it is not 0). */
    private static void normalisePhase(double[] c, int n, int at) {
        double r = Math.hypot(c[2 * at], c[2 * at + 1]);
        if (r == 0) return;
        double pr = c[2 * at] / r, pi = -c[2 * at + 1] / r; // conj of the component's phase
        for (int i = 0; i < n; i++) {
            double cr = c[2 * i], ci = c[2 * i + 1];
            c[2 * i] = cr * pr - ci * pi;
            c[2 * i + 1] = cr * pi + ci * pr;
        }
        c[2 * at + 1] = 0;
    }
}
