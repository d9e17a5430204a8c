package org.torch4j.internal;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * A double as C++'s {@code std::ostream <<} writes it by default ({@code %g}: six significant digits,
 * trailing zeros dropped, exponent form outside 1e-4 .. 1e6), which PyTorch's C++ reprs use.
 */
public final class CppDouble {
    private CppDouble() {}

    private static final int DIGITS = 6;

    /** {@code v} as {@code std::cout << v} writes it: {@code 1}, {@code 0.5}, {@code 1.5e+20}, {@code inf}, {@code nan}. */
    public static String format(double v) {
        if (Double.isNaN(v)) return "nan";
        if (Double.isInfinite(v)) return v > 0 ? "inf" : "-inf";
        if (v == 0) return Double.doubleToRawLongBits(v) < 0 ? "-0" : "0";
        String sign = v < 0 ? "-" : "";
        // %g rounds to six significant digits first, then picks the form by the rounded exponent
        BigDecimal r = new BigDecimal(Math.abs(v)).round(new MathContext(DIGITS, RoundingMode.HALF_EVEN));
        int exp = r.precision() - r.scale() - 1;
        if (exp < -4 || exp >= DIGITS) {
            String mantissa = strip(r.movePointLeft(exp).toPlainString());
            return sign + mantissa + "e" + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
        }
        return sign + strip(r.toPlainString());
    }

    private static String strip(String s) {
        if (!s.contains(".")) return s;
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}
