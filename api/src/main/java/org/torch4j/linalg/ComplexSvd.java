package org.torch4j.linalg;

/**
 * Singular value decomposition of one complex host matrix through the real SVD ({@link JacobiSvd}) of its embedding
 * {@code M = [[P, -Q], [Q, P]]} ({@code A = P + iQ}, {@code 2m x 2n}). M has each singular value of A twice, and
 * commutes with {@code J [x; y] = [-y; x]} (multiplication by i), so for {@code M v = s u} also {@code M Jv = s Ju}.
 * M's right vectors {@code [x; y]} in descending order, read as complex {@code x + iy}, are orthonormalised in order
 * (complex Gram-Schmidt) and kept while they still have most of their length: one per complex dimension. The left
 * vectors go through the same complex combinations, which keeps {@code A v = s u} (their Gram matrices are equal
 * within a singular value's cluster), so U is as orthonormal as M's left vectors. Columns of U for zero singular
 * values, and the extra columns of {@code full_matrices}, are completed with a complex Householder QR.
 */
final class ComplexSvd {

    final int m, n, k;
    /** Descending singular values, {@code min(m, n)} of them. */
    final double[] s;
    /** Row-major interleaved (re, im): U {@code m x uCols} and Vh {@code vRows x n}; null when not wanted. */
    final double[] u, vh;

    /** @param a row-major {@code m x n} interleaved pairs, not modified */
    ComplexSvd(double[] a, int m, int n, boolean wantVectors, boolean full) {
        this.m = m;
        this.n = n;
        this.k = Math.min(m, n);
        int rows = 2 * m, cols = 2 * n;
        double[] embedding = new double[rows * cols];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double p = a[2 * (i * n + j)], q = a[2 * (i * n + j) + 1];
                embedding[i * cols + j] = p;
                embedding[i * cols + n + j] = -q;
                embedding[(m + i) * cols + j] = q;
                embedding[(m + i) * cols + n + j] = p;
            }
        }
        JacobiSvd real = new JacobiSvd(embedding, rows, cols, true, false);
        int pairs = 2 * k; // M's singular triplets
        double[][] keptU = new double[k][], keptV = new double[k][];
        s = new double[k];
        int count = 0;
        for (int j = 0; j < pairs && count < k; j++) {
            double[] cu = new double[2 * m], cv = new double[2 * n];
            for (int i = 0; i < m; i++) {
                cu[2 * i] = real.u[i * pairs + j];
                cu[2 * i + 1] = real.u[(m + i) * pairs + j];
            }
            for (int i = 0; i < n; i++) {
                cv[2 * i] = real.vh[j * cols + i];
                cv[2 * i + 1] = real.vh[j * cols + n + i];
            }
            for (int t = 0; t < count; t++) {
                double[] coef = ComplexVectors.inner(keptV[t], cv);
                ComplexVectors.subtract(cv, keptV[t], coef);
                ComplexVectors.subtract(cu, keptU[t], coef);
            }
            double norm = JacobiSvd.norm(cv);
            if (norm < 0.5) continue; // i times a vector already kept
            ComplexVectors.scale(cv, 1 / norm);
            double nu = JacobiSvd.norm(cu);
            if (nu > 0) ComplexVectors.scale(cu, 1 / nu);
            s[count] = real.s[j];
            keptU[count] = cu;
            keptV[count++] = cv;
        }
        if (count < k) throw new LinAlgException("linalg.svd: the singular vectors of the complex matrix could not be separated");
        if (!wantVectors) {
            u = vh = null;
            return;
        }
        int found = 0;
        while (found < k && s[found] > 0) found++;
        double[][] left = complete(keptU, found, m, full ? m : k);
        double[][] right = complete(keptV, k, n, full ? n : k);
        u = new double[2 * m * left.length];
        for (int j = 0; j < left.length; j++) {
            for (int i = 0; i < m; i++) {
                u[2 * (i * left.length + j)] = left[j][2 * i];
                u[2 * (i * left.length + j) + 1] = left[j][2 * i + 1];
            }
        }
        vh = new double[2 * right.length * n]; // Vh's rows are the conjugated right vectors
        for (int j = 0; j < right.length; j++) {
            for (int i = 0; i < n; i++) {
                vh[2 * (j * n + i)] = right[j][2 * i];
                vh[2 * (j * n + i) + 1] = -right[j][2 * i + 1];
            }
        }
    }

    /** The first {@code found} orthonormal vectors (pairs) extended to {@code count} with the complete Q of their QR. */
    private static double[][] complete(double[][] vectors, int found, int length, int count) {
        double[][] out = java.util.Arrays.copyOf(vectors, count);
        if (found == count) return out;
        double[] a = new double[2 * length * found];
        for (int j = 0; j < found; j++) {
            for (int i = 0; i < length; i++) {
                a[2 * (i * found + j)] = vectors[j][2 * i];
                a[2 * (i * found + j) + 1] = vectors[j][2 * i + 1];
            }
        }
        double[] q = new ComplexHouseholder(a, length, found).q(length);
        for (int j = found; j < count; j++) { // Q's columns past the first found span the complement
            out[j] = new double[2 * length];
            for (int i = 0; i < length; i++) {
                out[j][2 * i] = q[2 * (i * length + j)];
                out[j][2 * i + 1] = q[2 * (i * length + j) + 1];
            }
        }
        return out;
    }
}
