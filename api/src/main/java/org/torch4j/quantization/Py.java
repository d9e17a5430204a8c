package org.torch4j.quantization;

import java.math.BigDecimal;

/** Python's spellings for print forms. */
final class Py {
    private Py() {}

    /** A double as Python's {@code repr}: {@code 0.1}, {@code 1e-05}, {@code 2.0}, {@code inf}. */
    static String repr(double v) {
        if (Double.isNaN(v)) return "nan";
        if (Double.isInfinite(v)) return v > 0 ? "inf" : "-inf";
        if (v == 0) return (1 / v < 0) ? "-0.0" : "0.0";
        BigDecimal d = new BigDecimal(Double.toString(v)).stripTrailingZeros();
        String digits = d.unscaledValue().abs().toString();
        int exp = digits.length() - 1 - d.scale();
        String sign = v < 0 ? "-" : "";
        if (exp < -4 || exp >= 16) {
            String mant = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            return sign + mant + "e" + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
        }
        String plain = d.abs().toPlainString();
        return sign + (plain.contains(".") ? plain : plain + ".0");
    }

    /** Python's tuple of ints: {@code (2,)}, {@code (2, 3)}. */
    static String tuple(long[] v) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < v.length; i++) sb.append(i > 0 ? ", " : "").append(v[i]);
        if (v.length == 1) sb.append(",");
        return sb.append(")").toString();
    }
}
