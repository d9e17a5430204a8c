package org.torch4j.special;

/**
 * The regularized incomplete gamma functions P(a, x) ({@code igamma}) and Q(a, x) = 1 - P ({@code igammac})
 * for a, x >= 0, with PyTorch 1.13's special values: P by its power series, Q by Legendre's continued
 * fraction or, for small x, its own series; each computed directly where 1 - other would cancel.
 * The common factor x^a e^-x / Gamma(a) comes from Stirling's series for large a; beyond a = 1e7 Temme's
 * uniform asymptotic expansion replaces the sums.
 */
final class IncompleteGamma {
    private IncompleteGamma() {}

    private static final double EPS = 0x1p-53;
    private static final int MAX_ITERATIONS = 100_000;
    private static final double HALF_LOG_2PI = 0.91893853320467274178;
    private static final double EULER_GAMMA = 0.57721566490153286061;
    /** Above this a the series and the continued fraction need ~10 sqrt(a) terms; Temme's expansion is exact to rounding. */
    private static final double UNIFORM_FROM = 1e7;
    /** zeta(k) / k for k = 2..60: the Taylor coefficients of log Gamma(1 + a) at 0. */
    private static final double[] ZETA_OVER_K = new double[61];

    static {
        for (int k = 2; k < ZETA_OVER_K.length; k++) ZETA_OVER_K[k] = HurwitzZeta.zeta(k, 1) / k;
    }

    /** P(a, x); NaN for negative arguments. */
    static double igamma(double a, double x) {
        // PyTorch's order of special cases: a NaN argument passes the first tests (P(NaN, 0) = 0)
        if (x < 0 || a < 0) return Double.NaN;
        if (a == 0) return x > 0 ? 1 : Double.NaN;
        if (x == 0) return 0;
        if (Double.isInfinite(a)) return Double.isInfinite(x) ? Double.NaN : 0;
        if (Double.isInfinite(x)) return 1;
        if (Double.isNaN(a) || Double.isNaN(x)) return Double.NaN;
        if (a > UNIFORM_FROM) return uniformAsymptotic(a, x, false);
        return x > 1 && x > a ? 1 - igammac(a, x) : lowerSeries(a, x);
    }

    /**
     * Q(a, x) = 1 - P(a, x); NaN for negative arguments. The method by region is Cephes' (and PyTorch's):
     * past the bulk of the distribution the continued fraction, for small x and a the series of Q itself,
     * elsewhere 1 - P (P is then the smaller one or not close to 1).
     */
    static double igammac(double a, double x) {
        // PyTorch's order of special cases: a NaN argument passes the first tests (P(NaN, 0) = 0)
        if (x < 0 || a < 0) return Double.NaN;
        if (a == 0) return x > 0 ? 0 : Double.NaN;
        if (x == 0) return 1;
        if (Double.isInfinite(a)) return Double.isInfinite(x) ? Double.NaN : 1;
        if (Double.isInfinite(x)) return 0;
        if (Double.isNaN(a) || Double.isNaN(x)) return Double.NaN;
        if (a > UNIFORM_FROM) return uniformAsymptotic(a, x, true);
        if (x > 1.1) return x < a ? 1 - lowerSeries(a, x) : prefactor(a, x) * continuedFraction(a, x);
        boolean lowerFirst = x <= 0.5 ? a > -0.4 / Math.log(x) : x * 1.1 < a;
        return lowerFirst ? 1 - lowerSeries(a, x) : upperSmallX(a, x);
    }

    /**
     * Temme's uniform asymptotic expansion for very large a, to its first correction term:
     * {@code Q = erfc(eta sqrt(a/2))/2 + exp(-a eta^2/2)/sqrt(2 pi a) C0(eta)} with {@code eta^2/2 = lambda - 1 -
     * log(lambda)}, lambda = x/a, and {@code C0 = 1/(lambda - 1) - 1/eta}; the next term is O(1/a) smaller
     * (below 1e-7 of a term that is itself below 1e-3 here).
     */
    private static double uniformAsymptotic(double a, double x, boolean upper) {
        double d = (x - a) / a;
        double half = dMinusLog1p(d); // lambda - 1 - log(lambda) = eta^2 / 2
        double eta = Math.copySign(Math.sqrt(2 * half), d);
        // C0 cancels near eta = 0: its Taylor series there
        double c0 = Math.abs(eta) < 1e-3 ? -1.0 / 3 + eta * (1.0 / 12 - eta * (2.0 / 135 - eta / 864)) : 1 / d - 1 / eta;
        double r = Math.exp(-a * half) / Math.sqrt(2 * Math.PI * a) * c0;
        double z = eta * Math.sqrt(a / 2);
        return upper ? 0.5 * Normal.erfc(z) + r : 0.5 * Normal.erfc(-z) - r;
    }

    /** {@code d - log1p(d)}, by its series where the difference cancels. */
    private static double dMinusLog1p(double d) {
        if (Math.abs(d) > 0.01) return d - Math.log1p(d);
        double sum = 0, power = d;
        for (int k = 2; k < 30; k++) {
            power *= -d;
            double term = -power / k;
            sum += term;
            if (Math.abs(term) < EPS * Math.abs(sum)) break;
        }
        return sum;
    }

    /** P = x^a e^-x / Gamma(a + 1) * sum_n x^n / ((a+1)...(a+n)): positive terms, fast below a + 1. */
    private static double lowerSeries(double a, double x) {
        double f = prefactor(a, x);
        if (f == 0) return 0;
        double term = 1, sum = 1, r = a;
        for (int n = 0; n < MAX_ITERATIONS && term > EPS * sum; n++) {
            r += 1;
            term *= x / r;
            sum += term;
        }
        return sum * f / a;
    }

    /**
     * Q = 1/(x + 1 - a - 1(1 - a)/(x + 3 - a - 2(2 - a)/(x + 5 - a - ...))) by the modified Lentz method, to
     * be multiplied by x^a e^-x / Gamma(a).
     */
    private static double continuedFraction(double a, double x) {
        double tiny = 1e-300, b = x + 1 - a, c = 1 / tiny, d = 1 / b, h = d;
        for (int n = 1; n < MAX_ITERATIONS; n++) {
            double an = -n * (n - a);
            b += 2;
            d = an * d + b;
            if (Math.abs(d) < tiny) d = tiny;
            c = b + an / c;
            if (Math.abs(c) < tiny) c = tiny;
            d = 1 / d;
            double delta = d * c;
            h *= delta;
            if (Math.abs(delta - 1) < EPS) break;
        }
        return h;
    }

    /**
     * Q for small x, without the cancellation of 1 - P: {@code Q = -expm1(a log x - log Gamma(1 + a))
     * - x^a / Gamma(a) sum_{n>=1} (-x)^n / (n! (a + n))}.
     */
    private static double upperSmallX(double a, double x) {
        double fac = 1, sum = 0;
        for (int n = 1; n < MAX_ITERATIONS; n++) {
            fac *= -x / n;
            double term = fac / (a + n);
            sum += term;
            if (Math.abs(term) <= EPS * Math.abs(sum)) break;
        }
        double logX = Math.log(x);
        double logGamma1p = Math.abs(a) <= 0.5 ? lgamma1p(a) : lgamma(1 + a);
        return -Math.expm1(a * logX - logGamma1p) - Math.exp(a * logX - lgamma(a)) * sum;
    }

    /**
     * x^a e^-x / Gamma(a). For a >= 10 as {@code sqrt(a / 2pi) exp(a (log1p(d) - d) - stirling(a))} with
     * d = (x - a)/a: the large terms a log x, x and log Gamma(a) cancel analytically instead of in rounding.
     */
    private static double prefactor(double a, double x) {
        if (a < 10) return Math.exp(a * Math.log(x) - x - lgamma(a));
        double d = (x - a) / a;
        return Math.sqrt(a / (2 * Math.PI)) * Math.exp(a * (Math.log1p(d) - d) - stirlingCorrection(a));
    }

    /** log Gamma(a) - ((a - 1/2) log a - a + log(2 pi)/2), by its asymptotic series (a >= 10). */
    private static double stirlingCorrection(double a) {
        double r = 1 / a, r2 = r * r;
        return r * (1.0 / 12 - r2 * (1.0 / 360 - r2 * (1.0 / 1260 - r2 * (1.0 / 1680 - r2 * (1.0 / 1188
                - r2 * (691.0 / 360360 - r2 * (1.0 / 156)))))));
    }

    /** log Gamma(a) for a > 0, accurate in absolute terms near its zeros at 1 and 2 too. */
    static double lgamma(double a) {
        if (a < 0.5) return lgamma1p(a) - Math.log(a);
        if (a < 1.5) return lgamma1p(a - 1);
        if (a < 2.5) return lgamma1p(a - 2) + Math.log(a - 1);
        if (a >= 10) return (a - 0.5) * Math.log(a) - a + HALF_LOG_2PI + stirlingCorrection(a);
        // Gamma(a) = Gamma(a + n) / (a (a + 1) ... (a + n - 1)), with a + n >= 10 for Stirling
        double product = 1, z = a;
        while (z < 10) {
            product *= z;
            z += 1;
        }
        return lgamma(z) - Math.log(product);
    }

    /** log Gamma(1 + a) for |a| <= 1/2 by its Taylor series {@code -gamma a + sum_k (-a)^k zeta(k)/k}. */
    private static double lgamma1p(double a) {
        double sum = 0, power = -a;
        for (int k = 2; k < ZETA_OVER_K.length; k++) {
            power *= -a;
            double term = power * ZETA_OVER_K[k];
            sum += term;
            if (Math.abs(term) < EPS * Math.abs(sum) * 0.01) break;
        }
        return -EULER_GAMMA * a + sum;
    }
}
