package org.torch4j.optim;

import java.math.BigDecimal;
import java.util.List;

/** Python's spellings, so that error messages read as PyTorch's ({@code repr(float)}, lists). */
final class Py {
    private Py() {}

    /** A double as Python's {@code repr}: {@code 0.1}, {@code 1e-05}, {@code -2.0}, {@code inf}. */
    static String repr(double v) {
        if (Double.isNaN(v)) return "nan";
        if (Double.isInfinite(v)) return v > 0 ? "inf" : "-inf";
        if (v == 0) return (1 / v < 0) ? "-0.0" : "0.0";
        // Java's Double.toString gives the shortest digits that round-trip, as Python's repr does;
        // only the layout differs (Python uses exponents below 1e-4 and from 1e16 on).
        BigDecimal d = new BigDecimal(Double.toString(v)).stripTrailingZeros();
        String digits = d.unscaledValue().abs().toString();
        int exp = digits.length() - 1 - d.scale(); // decimal exponent of the leading digit
        String sign = v < 0 ? "-" : "";
        if (exp < -4 || exp >= 16) {
            String mant = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            return sign + mant + "e" + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
        }
        String plain = d.abs().toPlainString();
        return sign + (plain.contains(".") ? plain : plain + ".0");
    }

    /** A number as Python prints it: integers without a fraction, doubles by {@link #repr(double)}. */
    static String str(Object v) {
        if (v instanceof Double || v instanceof Float) return repr(((Number) v).doubleValue());
        if (v instanceof Boolean b) return b ? "True" : "False";
        if (v == null) return "None";
        if (v instanceof List<?> l) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < l.size(); i++) sb.append(i == 0 ? "" : ", ").append(str(l.get(i)));
            return sb.append(']').toString();
        }
        return v.toString();
    }
}
