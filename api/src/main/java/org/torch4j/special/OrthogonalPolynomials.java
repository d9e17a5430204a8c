package org.torch4j.special;

/**
 * The classical orthogonal polynomials of torch.special, evaluated at x for integer degree n (a real n
 * is truncated; negative degrees give 0), by their three-term recurrences; Chebyshev polynomials of high
 * degree inside (-1, 1) by their trigonometric closed forms, as PyTorch 1.13.
 */
final class OrthogonalPolynomials {
    private OrthogonalPolynomials() {}

    /** The four kinds of Chebyshev polynomials, all with the recurrence {@code p(k+1) = 2y p(k) - p(k-1)}. */
    enum Chebyshev { T, U, V, W }

    /**
     * The degree as C's truncating conversion gives it on x86: NaN and out-of-range values become the
     * smallest long (a negative degree, so 0), where Java's cast would give 0 or the largest long.
     */
    static long degree(double n) {
        return Double.isNaN(n) || Math.abs(n) >= 0x1p63 ? Long.MIN_VALUE : (long) n;
    }

    /**
     * The Chebyshev polynomial of {@code kind} at y. Above degree {@code trigFrom} and inside (-1, 1) the
     * closed forms in theta = acos(y) are used (the thresholds differ between the plain and shifted
     * polynomials in PyTorch, which this follows so that the values agree to the last bits).
     */
    static double chebyshev(Chebyshev kind, double y, long n, long trigFrom) {
        if (n < 0) return 0;
        boolean odd = (n & 1) == 1;
        if (Math.abs(y) == 1) return endpoint(kind, y > 0, n, odd);
        if (n > trigFrom && Math.abs(y) < 1) {
            double theta = Math.acos(y);
            switch (kind) {
                case T -> {
                    return Math.cos(n * theta);
                }
                case U -> {
                    double s = Math.sin(theta);
                    return s != 0 ? Math.sin((n + 1) * theta) / s : (n + 1) * Math.cos((n + 1) * theta) / y;
                }
                case V -> {
                    if (Math.sin(theta / 2) != 1) return Math.cos((n + 0.5) * theta) / Math.cos(theta / 2);
                    return endpoint(kind, false, n, odd);
                }
                case W -> {
                    if (Math.cos(theta / 2) != 1) return Math.sin((n + 0.5) * theta) / Math.sin(theta / 2);
                    return endpoint(kind, y > 0, n, odd);
                }
            }
        }
        double first = switch (kind) {
            case T -> y;
            case U -> y + y;
            case V -> y + y - 1;
            case W -> y + y + 1;
        };
        if (n == 0) return 1;
        if (n == 1) return first;
        double p = 1, q = first, r = first;
        for (long k = 2; k <= n; k++) {
            r = (y + y) * q - p;
            p = q;
            q = r;
        }
        return r;
    }

    /** The value at y = 1 or y = -1: integers that the recurrence would only approach. */
    private static double endpoint(Chebyshev kind, boolean plusOne, long n, boolean odd) {
        double sign = plusOne || !odd ? 1 : -1;
        return switch (kind) {
            case T -> sign;
            case U -> sign * (n + 1);
            case V -> plusOne ? 1 : sign * (2 * n + 1);
            case W -> plusOne ? 2 * n + 1 : sign;
        };
    }

    /** The shifted Chebyshev polynomial: the plain one at 2x - 1. */
    static double shiftedChebyshev(Chebyshev kind, double x, long n) {
        long trigFrom = kind == Chebyshev.W ? 4 : 6;
        return chebyshev(kind, x + x - 1, n, trigFrom);
    }

    /** The plain Chebyshev polynomial. */
    static double chebyshev(Chebyshev kind, double x, long n) {
        return chebyshev(kind, x, n, kind == Chebyshev.T ? 6 : 8);
    }

    /** The physicists' Hermite polynomial: {@code H(k+1) = 2x H(k) - 2k H(k-1)}. */
    static double hermiteH(double x, long n) {
        if (n < 0) return 0;
        if (n == 0) return 1;
        double p = 1, q = x + x, r = q;
        for (long k = 1; k < n; k++) {
            r = (x + x) * q - 2 * k * p;
            p = q;
            q = r;
        }
        return r;
    }

    /** The probabilists' Hermite polynomial: {@code He(k+1) = x He(k) - k He(k-1)}. */
    static double hermiteHe(double x, long n) {
        if (n < 0) return 0;
        if (n == 0) return 1;
        double p = 1, q = x, r = q;
        for (long k = 1; k < n; k++) {
            r = x * q - k * p;
            p = q;
            q = r;
        }
        return r;
    }

    /** The Laguerre polynomial: {@code (k+1) L(k+1) = (2k + 1 - x) L(k) - k L(k-1)}; 1 at x = 0. */
    static double laguerreL(double x, long n) {
        if (n < 0) return 0;
        if (x == 0 || n == 0) return 1;
        double p = 1, q = 1 - x, r = q;
        for (long k = 1; k < n; k++) {
            r = ((k + k) + (1 - x)) * q - k * p;
            r /= k + 1;
            p = q;
            q = r;
        }
        return r;
    }

    /** The Legendre polynomial: {@code (k+1) P(k+1) = (2k+1) x P(k) - k P(k-1)}; +-1 at x = +-1. */
    static double legendreP(double x, long n) {
        if (n < 0) return 0;
        if (Math.abs(x) == 1) return x > 0 || (n & 1) == 0 ? 1 : -1;
        if (n == 0) return 1;
        double p = 1, q = x, r = q;
        for (long k = 1; k < n; k++) {
            r = ((k + k + 1) * x * q - k * p) / (k + 1);
            p = q;
            q = r;
        }
        return r;
    }
}
