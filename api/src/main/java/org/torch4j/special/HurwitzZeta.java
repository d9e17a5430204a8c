package org.torch4j.special;

/**
 * The Hurwitz zeta function {@code zeta(x, q) = sum_{k>=0} (k + q)^-x}, as Cephes (and PyTorch 1.13)
 * computes it: the first terms summed directly, the rest by the Euler-Maclaurin formula.
 */
final class HurwitzZeta {
    private HurwitzZeta() {}

    private static final double EPS = 0x1p-53;
    /** {@code (2j)! / B_2j}, j = 1..12: the Euler-Maclaurin correction terms' denominators. */
    private static final double[] FACTORIAL_OVER_BERNOULLI = {
            12.0, -720.0, 30240.0, -1209600.0, 47900160.0, -1.8924375803183791606e9, 7.47242496e10,
            -2.950130727918164224e12, 1.1646782814350067249e14, -4.5979787224074726105e15, 1.8152105401943546773e17,
            -7.1661652561756670113e18,
    };

    /** zeta(x, q): +inf at x = 1 and at non-positive integer q, NaN for x < 1 (and for q <= 0 with x not an integer). */
    static double zeta(double x, double q) {
        if (x == 1) return Double.POSITIVE_INFINITY;
        if (x < 1) return Double.NaN;
        if (q <= 0) {
            if (q == Math.floor(q)) return Double.POSITIVE_INFINITY;
            if (x != Math.floor(x)) return Double.NaN;
        }
        // direct terms until the remaining ones are small and smooth enough for Euler-Maclaurin
        double s = power(q, -x), a = q, b = 0;
        int i = 0;
        while (i < 9 || a <= 9) {
            i++;
            a += 1;
            b = power(a, -x);
            s += b;
            if (-EPS * s < b && b < EPS * s) return s; // (never when s < 0, as in Cephes)
        }
        // tail: integral + half the first term + sum_j B_2j/(2j)! x(x+1)...(x+2j-2) a^(-x-2j+1)
        double w = a;
        s += b * w / (x - 1) - 0.5 * b;
        double rising = 1, k = 0;
        for (double denominator : FACTORIAL_OVER_BERNOULLI) {
            rising *= x + k;
            b /= w;
            double t = rising * b / denominator;
            s += t;
            if (Math.abs(t / s) < EPS) break;
            k += 1;
            rising *= x + k;
            b /= w;
            k += 1;
        }
        return s;
    }

    /** C's pow where Java's differs: 1 to any power (infinite too) is 1, as is -1 to an infinite one. */
    private static double power(double base, double exponent) {
        if (base == 1 || Math.abs(base) == 1 && Double.isInfinite(exponent)) return 1;
        return Math.pow(base, exponent);
    }
}
