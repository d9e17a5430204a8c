package org.torch4j.backend.cpu.kernels;

/**
 * Scalar functions the JDK lacks, in double precision, with PyTorch's conventions at the edges
 * (infinities, NaN, poles). Float kernels call them and round.
 */
public final class ScalarMath {
    private ScalarMath() {}

    private static final double TWO_OVER_SQRT_PI = 1.1283791670955126;
    private static final double INV_SQRT_PI = 0.5641895835477563;

    /** erf(x) within 2 ulps (1 on ErfTest's points): the {@linkplain #taylor expansion} up to 6, where it rounds to +-1. */
    public static double erf(double x) {
        if (x != x) return x;
        double ax = Math.abs(x);
        if (ax >= ErfTable.END) return Math.copySign(1.0, x);
        int k = (int) (ax * ErfTable.STEP + 0.5);
        return Math.copySign(ErfTable.ERF[k] + taylor(k, ax), x);
    }

    /** erfc(x), accurate in the far tail: the {@linkplain #taylor expansion} up to 6, a continued fraction beyond. */
    public static double erfc(double x) {
        if (x != x) return x;
        if (x < 0) return 2 - erfc(-x);
        if (x > 27.3) return 0.0;
        if (x >= ErfTable.END) return erfcContinuedFraction(x);
        int k = (int) (x * ErfTable.STEP + 0.5);
        return ErfTable.ERFC[k] - taylor(k, x);
    }

    /** Taylor terms after the constant: degree 11, which leaves under 1e-20 relative at a half step from the point. */
    private static final int DEGREE = 11;

    /**
     * TAYLOR[k * DEGREE + n - 1] = erf's n-th derivative at the grid point k / 32, over n!: the derivatives are
     * {@code 2/sqrt(pi) exp(-x^2) (-1)^(n-1) H_(n-1)(x)} with the Hermite polynomials H.
     */
    private static final double[] TAYLOR = new double[(ErfTable.END * ErfTable.STEP + 1) * DEGREE];

    static {
        for (int k = 0; k <= ErfTable.END * ErfTable.STEP; k++) {
            double x0 = (double) k / ErfTable.STEP, slope = TWO_OVER_SQRT_PI * Math.exp(-x0 * x0);
            double g0 = 1, g1 = -2 * x0, factorial = 1; // (-1)^n H_n(x0) for n - 1 and n
            for (int n = 1; n <= DEGREE; n++) {
                factorial *= n;
                TAYLOR[k * DEGREE + n - 1] = slope * g0 / factorial;
                double next = -2 * x0 * g1 - 2 * n * g0;
                g0 = g1;
                g1 = next;
            }
        }
    }

    /**
     * erf(x) - erf(x0) about the nearest grid point x0 = k / 32 (|x - x0| <= 1/64): Horner's rule on the Taylor
     * coefficients. One table row and eleven multiply-adds, where a series took a division per term.
     */
    private static double taylor(int k, double x) {
        double h = x - (double) k / ErfTable.STEP;
        int row = k * DEGREE;
        double p = TAYLOR[row + DEGREE - 1];
        for (int n = DEGREE - 2; n >= 0; n--) p = Math.fma(p, h, TAYLOR[row + n]);
        return p * h;
    }

    /** erfc(x) for x >= 6 by the continued fraction of Laplace, evaluated with Lentz's method. */
    private static double erfcContinuedFraction(double x) {
        // erfc(x) = exp(-x^2)/sqrt(pi) * 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + ...)))))
        double tiny = 1e-300;
        double f = x;
        double c = x;
        double d = 0;
        for (int k = 1; k < 300; k++) {
            double a = k * 0.5;
            d = x + a * d;
            if (d == 0) d = tiny;
            c = x + a / c;
            if (c == 0) c = tiny;
            d = 1 / d;
            double delta = c * d;
            f *= delta;
            if (Math.abs(delta - 1) < 1e-16) break;
        }
        // exp(-x^2) with x^2's rounding error put back: at x = 27 it alone is 700 ulps of the result
        double square = x * x, squareError = Math.fma(x, x, -square);
        return Math.exp(-square) * (1 - squareError) * INV_SQRT_PI / f;
    }

    /** The inverse of erf on (-1, 1); +-inf at +-1, NaN outside; to double precision. */
    public static double erfinv(double y) {
        return erfinv(y, false);
    }

    /**
     * {@link #erfinv(double)} to the accuracy a float needs, about three times faster: Giles' polynomial (relative
     * error below 4e-7 for every float input) and one Newton step, which leaves about {@code x^2 4e-7^2}, near 2^-38
     * relative. Rounded to float it gives {@link #erfinv(double)}'s float on every one of 2,000,000 sampled inputs.
     */
    public static double erfinvForFloat(double y) {
        return erfinv(y, true);
    }

    private static double erfinv(double y, boolean forFloat) {
        if (y != y || y < -1 || y > 1) return Double.NaN;
        if (y == 1) return Double.POSITIVE_INFINITY;
        if (y == -1) return Double.NEGATIVE_INFINITY;
        if (y == 0) return y;
        double ay = Math.abs(y);
        double w = -Math.log((1 - ay) * (1 + ay));
        // for double, Winitzki's closed form as the start (about 2e-3 relative), then Newton steps until one is within an ulp
        double x = forFloat && w <= GILES_RANGE ? newton(ay, ay * gilesErfinvRatio(w), 1) : newton(ay, winitzkiErfinv(w), 8);
        return Math.copySign(x, y);
    }

    /**
     * Up to {@code steps} Newton steps on erf(x) = ay from {@code x}, on erfc near 1 so that 1 - ay keeps its digits;
     * stops early once a step is within an ulp.
     */
    private static double newton(double ay, double x, int steps) {
        double q = 1 - ay;
        for (int i = 0; i < steps; i++) {
            double deriv = TWO_OVER_SQRT_PI * Math.exp(-x * x);
            double err = ay < 0.5 ? erf(x) - ay : q - erfc(x);
            double step = err / deriv;
            x -= step;
            if (Math.abs(step) <= Math.ulp(x)) break;
        }
        return x;
    }

    /** Above the largest {@code w} of a float input below 1 (about 15.9): the range Giles fitted his polynomial for. */
    private static final double GILES_RANGE = 16;

    /**
     * Winitzki's closed form for erfinv(y) from {@code w = -log(1 - y^2)}, about 2e-3 relative everywhere (the start
     * beyond Giles' range too, where Newton's steps on erfc progress only by about 1 / (2x) each from a start too low).
     */
    private static double winitzkiErfinv(double w) {
        double a = 0.147;
        double t = 2 / (Math.PI * a) - w / 2;
        return Math.sqrt(Math.sqrt(t * t + w / a) - t);
    }

    /** erfinv(y) / y as a polynomial in {@code w = -log(1 - y^2)} (M. Giles, "Approximating the erfinv function", 2010). */
    private static double gilesErfinvRatio(double w) {
        double p;
        if (w < 5) {
            w -= 2.5;
            p = 2.81022636e-08;
            p = 3.43273939e-07 + p * w;
            p = -3.5233877e-06 + p * w;
            p = -4.39150654e-06 + p * w;
            p = 0.00021858087 + p * w;
            p = -0.00125372503 + p * w;
            p = -0.00417768164 + p * w;
            p = 0.246640727 + p * w;
            p = 1.50140941 + p * w;
        } else {
            w = Math.sqrt(w) - 3;
            p = -0.000200214257;
            p = 0.000100950558 + p * w;
            p = 0.00134934322 + p * w;
            p = -0.00367342844 + p * w;
            p = 0.00573950773 + p * w;
            p = -0.0076224613 + p * w;
            p = 0.00943887047 + p * w;
            p = 1.00167406 + p * w;
            p = 2.83297682 + p * w;
        }
        return p;
    }

    /**
     * The Taylor coefficients of lgamma(2 + t): {@code 1 - gamma}, then {@code (-1)^k (zeta(k) - 1) / k} for k = 2..30
     * (mpmath, 20 digits): for |t| <= 1/2 the series reaches double precision.
     */
    private static final double[] LGAMMA_AT_2 = {
        0.42278433509846713939, 0.32246703342411321824, -0.067352301053198095133, 0.020580808427784547879,
        -0.0073855510286739852663, 0.0028905103307415232858, -0.0011927539117032609771, 0.00050966952474304242234,
        -0.00022315475845357937976, 0.000099457512781808533715, -0.0000449262367381331417, 0.000020507212775670691553,
        -0.000009439488275268395904, 0.0000043748667899074878042, -0.0000020392157538013662368,
        0.00000095514121304074198329, -0.00000044924691987645660433, 0.00000021207184805554665869,
        -0.00000010043224823968099609, 0.000000047698101693639805658, -0.00000002271109460894316491,
        0.000000010838659214896954091, -0.0000000051834750419700466551, 0.0000000024836745438024783172,
        -0.0000000011921401405860912074, 0.00000000057313672416788620133, -0.00000000027595228851242331452,
        0.00000000013304764374244489481, -0.000000000064229645638381000221, 0.000000000031044247747322272762
    };
    /** Stirling's series: {@code B_2j / (2j (2j - 1))} for j = 1..9, the coefficients of x^-(2j-1). */
    private static final double[] STIRLING = {
        1.0 / 12, -1.0 / 360, 1.0 / 1260, -1.0 / 1680, 1.0 / 1188, -691.0 / 360360, 1.0 / 156, -3617.0 / 122400,
        43867.0 / 244188
    };
    /** log(2 pi) / 2 - 1/2. */
    private static final double HALF_LOG_2PI_MINUS_HALF = 0.4189385332046727417803297;

    /**
     * log|Gamma(x)|; +inf at the poles (0 and the negative integers). Within about an ulp of glibc's (PyTorch's):
     * Stirling's series in glibc's form {@code (x - 1/2)(log x - 1) + w} from 8 on ({@code x (log x - 1)} from
     * 2^58), below that the Taylor series at 2 after the recurrence has brought x into [1.5, 2.5), and the
     * reflection formula below 1/2.
     */
    public static double lgamma(double x) {
        if (x != x) return x;
        if (Double.isInfinite(x)) return Double.POSITIVE_INFINITY;
        if (x <= 0 && x == Math.rint(x)) return Double.POSITIVE_INFINITY;
        if (x < 0.5) {
            // reflection: Gamma(x) Gamma(1-x) = pi / sin(pi x)
            return Math.log(Math.PI / Math.abs(sinPi(x))) - lgamma(1 - x);
        }
        if (x >= 0x1p58) return x * (Math.log(x) - 1);
        if (x >= 8) {
            double z = 1 / x, z2 = z * z, w = STIRLING[STIRLING.length - 1];
            for (int j = STIRLING.length - 2; j >= 0; j--) w = w * z2 + STIRLING[j];
            return (x - 0.5) * (Math.log(x) - 1) + (HALF_LOG_2PI_MINUS_HALF + z * w);
        }
        if (x < 1.5) return lgammaNear2(x - 1) - Math.log(x); // Gamma(x) = Gamma(x + 1) / x; x - 1 is exact
        // Gamma(x) = (x - 1) ... (y) Gamma(y) with y in [1.5, 2.5); each x - 1 is exact from 2 on
        double product = 1;
        while (x >= 2.5) {
            x -= 1;
            product *= x;
        }
        return Math.log(product) + lgammaNear2(x - 2);
    }

    /** lgamma(2 + t) for |t| <= 1/2, from its Taylor series. */
    private static double lgammaNear2(double t) {
        double sum = LGAMMA_AT_2[LGAMMA_AT_2.length - 1];
        for (int k = LGAMMA_AT_2.length - 2; k >= 0; k--) sum = sum * t + LGAMMA_AT_2[k];
        return sum * t;
    }

    /** sin(pi x), exact at integers and half-integers. */
    static double sinPi(double x) {
        double r = x % 2.0;
        if (r == Math.rint(r)) return 0.0 * Math.signum(r == 0 ? x : r);
        return Math.sin(Math.PI * r);
    }

    /** The digamma function psi(x); -inf at 0 (as PyTorch), NaN at negative integers. */
    public static double digamma(double x) {
        if (x != x) return x;
        if (x == 0) return Math.copySign(Double.POSITIVE_INFINITY, -x);
        if (x == Double.POSITIVE_INFINITY) return x;
        if (x == Double.NEGATIVE_INFINITY) return Double.NaN;
        if (x < 0) {
            if (x == Math.rint(x)) return Double.NaN;
            // reflection: psi(1 - x) - psi(x) = pi / tan(pi x)
            double r = x % 1.0;
            return digamma(1 - x) - Math.PI / Math.tan(Math.PI * r);
        }
        double result = 0;
        while (x < 10) {
            result -= 1 / x;
            x += 1;
        }
        if (x == 10) return result + 2.25175258906672110764;
        double inv = 1 / x;
        double inv2 = inv * inv;
        // asymptotic series with the Bernoulli numbers B2k / (2k)
        double series = inv2 * (1.0 / 12 - inv2 * (1.0 / 120 - inv2 * (1.0 / 252 - inv2 * (1.0 / 240
                - inv2 * (1.0 / 132 - inv2 * (691.0 / 32760 - inv2 / 12))))));
        return result + Math.log(x) - 0.5 * inv - series;
    }

    /** roundDecimals in float arithmetic, as PyTorch computes it for float tensors (2.35f * 10 is 23.5f). */
    public static float roundDecimals(float x, int decimals) {
        if (decimals == 0) return (float) Math.rint(x);
        float scale = (float) Math.pow(10, Math.abs(decimals));
        return decimals > 0 ? (float) Math.rint(x * scale) / scale : (float) Math.rint(x / scale) * scale;
    }

    /**
     * hypot of two floats: their squares are exact in double and cannot overflow or underflow it, so the
     * square root needs none of Math.hypot's (slow) scaling and is as accurate at float precision.
     */
    public static float hypot(float x, float y) {
        // C's hypot: an infinite side gives +inf even beside NaN (the sum of squares would give NaN)
        if (Float.isInfinite(x) || Float.isInfinite(y)) return Float.POSITIVE_INFINITY;
        double a = x, b = y;
        return (float) Math.sqrt(a * a + b * b);
    }

    /** C's pow: Java's Math.pow gives NaN for pow(1, NaN) and pow(+-1, +-inf), C gives 1. */
    public static double pow(double x, double y) {
        if (x == 1 || (x == -1 && Double.isInfinite(y))) return 1;
        return Math.pow(x, y);
    }

    /** Round half to even at {@code decimals} places, as torch.round(x, decimals=d). */
    public static double roundDecimals(double x, int decimals) {
        if (decimals == 0) return Math.rint(x);
        if (decimals > 0) {
            double scale = Math.pow(10, decimals);
            return Math.rint(x * scale) / scale;
        }
        double scale = Math.pow(10, -decimals);
        return Math.rint(x / scale) * scale;
    }

    /** Python's floor division on doubles, as PyTorch's div(rounding_mode='floor'). */
    public static double divFloor(double a, double b) {
        if (b == 0) return a / b;
        double mod = a % b;
        double div = (a - mod) / b;
        if (mod != 0 && (b < 0) != (mod < 0)) div -= 1;
        double floordiv;
        if (div != 0) {
            floordiv = Math.floor(div);
            if (div - floordiv > 0.5) floordiv += 1.0;
        } else {
            floordiv = Math.copySign(0.0, a / b);
        }
        return floordiv;
    }

    /** Python's modulo on doubles: the result takes the divisor's sign. */
    public static double remainder(double a, double b) {
        double mod = a % b;
        if (mod != 0 && (b < 0) != (mod < 0)) mod += b;
        return mod;
    }

    public static long divFloor(long a, long b) {
        if (b == 0) throw new ArithmeticException("ZeroDivisionError");
        long q = a / b;
        if ((a % b != 0) && ((a < 0) != (b < 0))) q--;
        return q;
    }

    public static long remainder(long a, long b) {
        if (b == 0) throw new ArithmeticException("ZeroDivisionError");
        long r = a % b;
        if (r != 0 && ((r < 0) != (b < 0))) r += b;
        return r;
    }

    /** Integer power with wrap-around; negative exponents give 0, except for bases 1 and -1. */
    public static long pow(long base, long exp) {
        if (exp < 0) {
            if (base == 1) return 1;
            if (base == -1) return (exp & 1) == 0 ? 1 : -1;
            return 0;
        }
        long result = 1;
        while (exp > 0) {
            if ((exp & 1) != 0) result *= base;
            base *= base;
            exp >>= 1;
        }
        return result;
    }

    public static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    public static double logSigmoid(double x) {
        return Math.min(x, 0) - Math.log1p(Math.exp(-Math.abs(x)));
    }

    public static double gelu(double x) {
        return 0.5 * x * (1 + erf(x * 0.7071067811865476));
    }

    /** GELU's derivative, Phi(x) + x phi(x). */
    public static double geluDerivative(double x) {
        return 0.5 * (1 + erf(x * 0.7071067811865476)) + x * Math.exp(-0.5 * x * x) * 0.3989422804014327;
    }

    public static double geluTanh(double x) {
        double inner = 0.7978845608028654 * (x + 0.044715 * x * x * x);
        return 0.5 * x * (1 + Math.tanh(inner));
    }

    public static double softplus(double x, double beta, double threshold) {
        double bx = x * beta;
        return bx > threshold ? x : Math.log1p(Math.exp(bx)) / beta;
    }

    public static double mish(double x) {
        return x * Math.tanh(softplus(x, 1, 20));
    }

    public static double elu(double x, double alpha, double scale, double inputScale) {
        return x > 0 ? scale * x : scale * alpha * Math.expm1(x * inputScale);
    }

    /** relu6(x + 3) / 6 in PyTorch's order (its kernel's bits). */
    public static double hardsigmoid(double x) {
        return Math.min(Math.max(x + 3, 0), 6) / 6;
    }

    public static double hardswish(double x) {
        return x * Math.min(Math.max(x + 3, 0), 6) / 6;
    }

    /** sign with sign(0) = 0 and sign(NaN) = 0, as PyTorch's CPU kernel. */
    public static double sign(double x) {
        return x > 0 ? 1 : x < 0 ? -1 : 0;
    }

    public static double xlogy(double x, double y) {
        if (y != y) return y;
        if (x == 0) return 0;
        return x * Math.log(y);
    }

    /** torch.lerp: two-sided formula, exact at weight 0 and 1. */
    public static double lerp(double start, double end, double weight) {
        return Math.abs(weight) < 0.5 ? start + weight * (end - start) : end - (end - start) * (1 - weight);
    }

    public static double fmax(double a, double b) {
        return a != a ? b : b != b ? a : Math.max(a, b);
    }

    public static double fmin(double a, double b) {
        return a != a ? b : b != b ? a : Math.min(a, b);
    }

    public static double nanToNum(double x, double nan, double posinf, double neginf) {
        if (x != x) return nan;
        if (x == Double.POSITIVE_INFINITY) return posinf;
        if (x == Double.NEGATIVE_INFINITY) return neginf;
        return x;
    }

    /** clamp with NaN bounds meaning "no bound"; NaN input propagates. */
    public static double clamp(double x, double lo, double hi) {
        if (x != x) return x;
        if (lo == lo && x < lo) x = lo;
        if (hi == hi && x > hi) x = hi;
        return x;
    }

    /** log2, exact at powers of two. */
    public static double log2(double x) {
        if (!(x > 0) || Double.isInfinite(x)) return Math.log(x);
        int e = Math.getExponent(x);
        if (e < Double.MIN_EXPONENT) {
            x *= 0x1p54;
            e = Math.getExponent(x) - 54;
        }
        double m = x / Math.scalb(1.0, Math.getExponent(x));
        return e + Math.log(m) * 1.4426950408889634;
    }

    public static double asinh(double x) {
        double ax = Math.abs(x);
        if (ax > 1e8) return Math.copySign(Math.log(ax) + 0.6931471805599453, x);
        return Math.copySign(Math.log1p(ax + ax * ax / (1 + Math.sqrt(1 + ax * ax))), x);
    }

    public static double acosh(double x) {
        if (x < 1) return Double.NaN;
        if (x > 1e8) return Math.log(x) + 0.6931471805599453;
        double t = x - 1;
        return Math.log1p(t + Math.sqrt(2 * t + t * t));
    }

    public static double atanh(double x) {
        return 0.5 * Math.log1p(2 * x / (1 - x));
    }

    /**
     * polygamma(1, x), the derivative of digamma, computed as PyTorch 1.13 does (so that its values,
     * which are off from the exact ones by up to about 1e-9 relative, and its huge finite values at the
     * negative integers, where sin(pi x) does not vanish in floating point, are reproduced): the
     * reflection below 1/2, six steps of the recurrence, then three terms of the asymptotic series.
     */
    public static double trigamma(double x) {
        double sign = 1, result = 0;
        if (x < 0.5) {
            // psi'(x) + psi'(1 - x) = pi^2 / sin^2(pi x)
            double s = Math.sin(Math.PI * x);
            result = -(Math.PI * Math.PI) / (s * s);
            sign = -1;
            x = 1 - x;
        }
        for (int i = 0; i < 6; i++) {
            result += 1 / (x * x);
            x += 1;
        }
        double inv2 = 1 / (x * x);
        result += (1 + 1 / (2 * x) + inv2 * (1.0 / 6 - inv2 * (1.0 / 30 - inv2 / 42))) / x;
        return sign * result;
    }

    /** {@link #trigamma(double)} in float arithmetic, as PyTorch's float32 kernel. */
    public static float trigamma(float x) {
        final float pi = (float) Math.PI;
        float sign = 1, result = 0;
        if (x < 0.5f) {
            float s = (float) Math.sin(pi * x);
            result = -(pi * pi) / (s * s);
            sign = -1;
            x = 1 - x;
        }
        for (int i = 0; i < 6; i++) {
            result += 1 / (x * x);
            x += 1;
        }
        float inv2 = 1 / (x * x);
        result += (1 + 1 / (2 * x) + inv2 * (1f / 6 - inv2 * (1f / 30 - inv2 / 42))) / x;
        return sign * result;
    }

    /**
     * polygamma(n, x), the n-th derivative of digamma, for any n >= 0: digamma and trigamma for n = 0
     * and 1, else {@code (-1)^(n+1) n! zeta(n + 1, x)} with the Hurwitz zeta function. {@code single}
     * rounds zeta to float before the product, as PyTorch's float32 kernel does (it matters where zeta
     * underflows float but the product would not).
     */
    public static double polygamma(int n, double x, boolean single) {
        if (n == 0) return digamma(x);
        if (n == 1) return single ? trigamma((float) x) : trigamma(x);
        double factorial = 1;
        for (int i = 2; i <= n && factorial < Double.POSITIVE_INFINITY; i++) factorial *= i; // inf from 171 on
        double zeta = hurwitzZeta(n + 1, x);
        if (single) zeta = (float) zeta;
        return ((n & 1) == 1 ? factorial : -factorial) * zeta;
    }

    /** B(2j) / (2j)!, j = 1..12: the coefficients of the Euler-Maclaurin corrections. */
    private static final double[] BERNOULLI_OVER_FACTORIAL = bernoulliOverFactorial();

    private static double[] bernoulliOverFactorial() {
        double[][] b = {{1, 6}, {-1, 30}, {1, 42}, {-1, 30}, {5, 66}, {-691, 2730}, {7, 6}, {-3617, 510},
            {43867, 798}, {-174611, 330}, {854513, 138}, {-236364091, 2730}};
        double[] c = new double[b.length];
        double fact = 1;
        for (int j = 1; j <= b.length; j++) {
            fact *= (2 * j - 1) * (2 * j);
            c[j - 1] = b[j - 1][0] / b[j - 1][1] / fact;
        }
        return c;
    }

    /**
     * The Hurwitz zeta function {@code sum_k (q + k)^-s} for an integer {@code s >= 2}: the first terms
     * summed directly (from negative q too, which is how PyTorch extends polygamma below zero) until the
     * terms stop counting or at least nine are summed and the base passed 9, then the Euler-Maclaurin
     * tail. +inf at q = 0, -1, -2, ... and -inf; NaN at +inf, as PyTorch's zeta.
     */
    static double hurwitzZeta(double s, double q) {
        if (q != q || q == Double.POSITIVE_INFINITY) return Double.NaN;
        if (q <= 0 && q == Math.floor(q)) return Double.POSITIVE_INFINITY;
        final double eps = 0x1p-53;
        double sum = Math.pow(q, -s);
        double a = q, term = 0;
        for (int k = 0; k < 9 || a <= 9; k++) {
            a += 1;
            term = Math.pow(a, -s);
            sum += term;
            // (a positive sum only, as PyTorch: an infinite or negative one goes on, and inf - inf gives its NaN)
            if (Math.abs(term) < eps * sum) return sum;
        }
        // sum_{k >= 0} f(a + k) = integral_a^inf f + f(a)/2 - sum_j B2j/(2j)! f^(2j-1)(a), f(t) = t^-s;
        // term = a^-s is already in the sum, hence - term/2
        sum += term * a / (s - 1) - 0.5 * term;
        double derivative = s * term / a; // -f'(a) = s a^(-s-1); then the odd derivatives in turn
        for (int j = 0; j < BERNOULLI_OVER_FACTORIAL.length; j++) {
            double correction = BERNOULLI_OVER_FACTORIAL[j] * derivative;
            sum += correction;
            if (Math.abs(correction / sum) < eps) break;
            derivative *= (s + 2 * j + 1) * (s + 2 * j + 2) / (a * a);
        }
        return sum;
    }
}
