package org.torch4j.internal;

import java.math.BigDecimal;

/** Python's spellings of numbers and tuples, for messages and print forms that must read as PyTorch's. */
public final class PyFormat {
    private PyFormat() {}

    /** A double as Python's {@code repr}: {@code 0.1}, {@code 1e-05}, {@code -2.0}, {@code inf}. */
    public static String repr(double v) {
        if (Double.isNaN(v)) return "nan";
        if (Double.isInfinite(v)) return v > 0 ? "inf" : "-inf";
        if (v == 0) return (1 / v < 0) ? "-0.0" : "0.0";
        // Java's Double.toString gives the shortest digits that round-trip, as Python's repr does;
        // only the layout differs (Python uses exponents below 1e-4 and from 1e16 on)
        BigDecimal d = new BigDecimal(Double.toString(v)).stripTrailingZeros();
        if (d.precision() == 2) { // Java writes at least two digits (4.9E-324) where one may read back (5e-324)
            BigDecimal one = d.round(new java.math.MathContext(1, java.math.RoundingMode.HALF_EVEN));
            if (one.doubleValue() == v) d = one.stripTrailingZeros();
        }
        String digits = d.unscaledValue().abs().toString();
        int exp = digits.length() - 1 - d.scale();  // decimal exponent of the leading digit
        String sign = v < 0 ? "-" : "";
        if (exp < -4 || exp >= 16) {
            String mant = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            return sign + mant + "e" + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
        }
        String plain = d.abs().toPlainString();
        return sign + (plain.contains(".") ? plain : plain + ".0");
    }

    /** A Python tuple of ints: {@code (2,)}, {@code (2, 3)}, {@code ()}. */
    public static String tuple(long[] v) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < v.length; i++) sb.append(i > 0 ? ", " : "").append(v[i]);
        if (v.length == 1) sb.append(",");
        return sb.append(")").toString();
    }
}
