package org.torch4j.special;

import static org.torch4j.special.Series.horner;

/**
 * The standard normal distribution's special functions: the scaled complementary error function
 * erfcx, erfc through it, the quantile ndtri (Cephes' rational approximations, as PyTorch 1.13) and the
 * log of the CDF without underflow.
 */
final class Normal {
    private Normal() {}

    private static final double INV_SQRT_PI = 0.56418958354775628694807945156;
    private static final double SQRT_2PI = 2.50662827463100050242;
    private static final double EXP_MINUS_2 = 0.13533528323661269189;

    // ndtri: for |y - 0.5| <= 3/8 (P0, Q0); in z = sqrt(-2 log y) for 2 <= z < 8 (P1, Q1) and 8 <= z <= 64 (P2, Q2)
    private static final double[] P0 = {
            -5.99633501014107895267E1, 9.80010754185999661536E1, -5.66762857469070293439E1,
            1.39312609387279679503E1, -1.23916583867381258016E0,
    };

    private static final double[] Q0 = {
            1.00000000000000000000E0, 1.95448858338141759834E0, 4.67627912898881538453E0,
            8.63602421390890590575E1, -2.25462687854119370527E2, 2.00260212380060660359E2,
            -8.20372256168333339912E1, 1.59056225126211695515E1, -1.18331621121330003142E0,
    };

    private static final double[] P1 = {
            4.05544892305962419923E0, 3.15251094599893866154E1, 5.71628192246421288162E1,
            4.40805073893200834700E1, 1.46849561928858024014E1, 2.18663306850790267539E0,
            -1.40256079171354495875E-1, -3.50424626827848203418E-2, -8.57456785154685413611E-4,
    };

    private static final double[] Q1 = {
            1.00000000000000000000E0, 1.57799883256466749731E1, 4.53907635128879210584E1,
            4.13172038254672030440E1, 1.50425385692907503408E1, 2.50464946208309415979E0,
            -1.42182922854787788574E-1, -3.80806407691578277194E-2, -9.33259480895457427372E-4,
    };

    private static final double[] P2 = {
            3.23774891776946035970E0, 6.91522889068984211695E0, 3.93881025292474443415E0,
            1.33303460815807542389E0, 2.01485389549179081538E-1, 1.23716634817820021358E-2,
            3.01581553508235416007E-4, 2.65806974686737550832E-6, 6.23974539184983293730E-9,
    };

    private static final double[] Q2 = {
            1.00000000000000000000E0, 6.02427039364742014255E0, 3.67983563856160859403E0,
            1.37702099489081330271E0, 2.16236993594496635890E-1, 1.34204006088543189037E-2,
            3.28014464682127739104E-4, 2.89247864745380683936E-6, 6.79019408009981274425E-9,
    };


    /** exp(x^2) erfc(x), finite where erfc underflows. */
    static double erfcx(double x) {
        if (Double.isNaN(x)) return x;
        if (x < 0) {
            // erfcx(x) = 2 exp(x^2) - erfcx(-x); beyond -26.7 exp(x^2) overflows, beyond -6.1 erfcx(-x) is below its ulp
            if (x < -26.7) return Double.POSITIVE_INFINITY;
            if (x < -6.1) return 2 * Math.exp(x * x);
            return 2 * Math.exp(x * x) - erfcx(-x);
        }
        if (x == Double.POSITIVE_INFINITY) return 0;
        return x < 1 ? erfcxSeries(x) : erfcxContinuedFraction(x);
    }

    /**
     * For 0 <= x < 1: {@code exp(x^2) - exp(x^2) erf(x)}, where {@code exp(x^2) erf(x) = 2/sqrt(pi)
     * sum_n (2x^2)^n x / (1 3 5 ... (2n+1))} has positive terms only; the subtraction loses less than a digit.
     */
    private static double erfcxSeries(double x) {
        double x2 = 2 * x * x, term = x, sum = x;
        for (int n = 1; term > 1e-17 * sum; n++) {
            term *= x2 / (2 * n + 1);
            sum += term;
        }
        return Math.exp(x * x) - 2 * INV_SQRT_PI * sum;
    }

    /**
     * For x >= 1: Laplace's continued fraction {@code erfcx(x) = 1/sqrt(pi) / (x + (1/2)/(x + 1/(x + (3/2)/(x
     * + ...))))}, evaluated forwards by the modified Lentz method.
     */
    private static double erfcxContinuedFraction(double x) {
        double f = x, c = x, d = 0;
        for (int n = 1; n < 5000; n++) {
            double a = 0.5 * n;
            d = 1 / (x + a * d);
            c = x + a / c;
            double delta = c * d;
            f *= delta;
            if (Math.abs(delta - 1) < 1e-16) break;
        }
        return INV_SQRT_PI / f;
    }

    /**
     * erfc(x) through erfcx, with exp(-x^2) taken from x^2's exact two-part split (its rounding would
     * otherwise cost x^2 ulps).
     */
    static double erfc(double x) {
        if (Double.isInfinite(x)) return x < 0 ? 2 : 0;
        double a = Math.abs(x), hi = a * a, lo = Math.fma(a, a, -hi);
        double r = Math.exp(-hi) * (1 - lo) * erfcx(a);
        return x < 0 ? 2 - r : r;
    }

    /** The standard normal quantile: x with Phi(x) = y; -inf at 0, +inf at 1, NaN outside [0, 1]. */
    static double ndtri(double y0) {
        if (y0 == 0) return Double.NEGATIVE_INFINITY;
        if (y0 == 1) return Double.POSITIVE_INFINITY;
        if (y0 < 0 || y0 > 1) return Double.NaN;
        boolean lowerTail = true;
        double y = y0;
        if (y > 1 - EXP_MINUS_2) {
            y = 1 - y;
            lowerTail = false;
        }
        if (y > EXP_MINUS_2) {
            y -= 0.5;
            double y2 = y * y;
            return (y + y * (y2 * horner(y2, P0) / horner(y2, Q0))) * SQRT_2PI;
        }
        double x = Math.sqrt(-2 * Math.log(y));
        double x0 = x - Math.log(x) / x, z = 1 / x;
        double x1 = x < 8 ? z * horner(z, P1) / horner(z, Q1) : z * horner(z, P2) / horner(z, Q2);
        return lowerTail ? x1 - x0 : x0 - x1;
    }

    /** log(Phi(x)): through erfcx in the left tail, where Phi underflows; through log1p elsewhere. */
    static double logNdtr(double x) {
        double t = x * 0.70710678118654752440;
        if (x < -1) return Math.log(erfcx(-t) / 2) - t * t;
        return Math.log1p(-erfc(t) / 2);
    }
}
