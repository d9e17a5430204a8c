package org.torch4j.vision.ops;

import java.math.BigDecimal;

/**
 * Python's {@code repr} of a float, for torchvision's module print forms. The api has the same
 * helper ({@code org.torch4j.nn.Py}), but package-private.
 */
public final class PyRepr {
    private PyRepr() {}

    /**
     * Python's {@code repr(v)}: the shortest digits that read back as {@code v}, with Python's layout ({@code 1.0},
     * {@code 1e-05}, {@code nan}).
     *
     * @param v the value
     * @return its Python form
     */
    public static String of(double v) {
        if (Double.isNaN(v)) return "nan";
        if (Double.isInfinite(v)) return v > 0 ? "inf" : "-inf";
        if (v == 0) return 1 / v < 0 ? "-0.0" : "0.0";
        // Java's shortest round-trip digits are Python's; only the layout differs (exponents below 1e-4 and from 1e16)
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

    /** An output size as it was given: an int, or a tuple {@code (h, w)}. */
    static String size(int[] v) {
        return v.length == 1 ? Integer.toString(v[0]) : "(" + v[0] + ", " + v[1] + ")";
    }
}
