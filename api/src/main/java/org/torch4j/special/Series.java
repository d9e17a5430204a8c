package org.torch4j.special;

/** The two ways Cephes' approximations are evaluated: plain polynomials and Chebyshev series. */
final class Series {
    private Series() {}

    /** {@code c[0] x^(n-1) + ... + c[n-1]} by Horner's rule (Cephes' polevl: highest power first). */
    static double horner(double x, double[] c) {
        double r = 0;
        for (double ci : c) r = r * x + ci;
        return r;
    }

    /**
     * The Chebyshev series {@code sum' c[n-1-k] T_k(x / 2)} by Clenshaw's recurrence (Cephes' chbevl: the
     * argument is already mapped to [-2, 2] and the coefficients run from the highest order down).
     */
    static double clenshaw(double x, double[] c) {
        double b0 = c[0], b1 = 0, b2 = 0;
        for (int i = 1; i < c.length; i++) {
            b2 = b1;
            b1 = b0;
            b0 = x * b1 - b2 + c[i];
        }
        return 0.5 * (b0 - b2);
    }
}
