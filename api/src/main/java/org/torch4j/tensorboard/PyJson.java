package org.torch4j.tensorboard;

import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * Python's {@code json.dumps(value, sort_keys=True)}, the JSON the mesh plugin's {@code config_dict} is stored as:
 * {@code ", "} and {@code ": "} separators, keys sorted, non-ASCII characters escaped ({@code ensure_ascii}), floats
 * as Python's {@code repr} writes them ({@code 1e-05}, {@code 75.0}).
 */
final class PyJson {
    private PyJson() {}

    static String dumps(Object value) {
        StringBuilder sb = new StringBuilder();
        write(sb, value);
        return sb.toString();
    }

    private static void write(StringBuilder sb, Object v) {
        if (v == null) {
            sb.append("null");
        } else if (v instanceof Boolean b) {
            sb.append(b ? "true" : "false");
        } else if (v instanceof String s) {
            quote(sb, s);
        } else if (v instanceof Double || v instanceof Float) {
            sb.append(repr(((Number) v).doubleValue()));
        } else if (v instanceof Number n) {
            sb.append(n);
        } else if (v instanceof Map<?, ?> m) {
            Map<String, Object> sorted = new TreeMap<>();
            m.forEach((k, x) -> sorted.put(String.valueOf(k), x));
            sb.append('{');
            Iterator<Map.Entry<String, Object>> it = sorted.entrySet().iterator();
            while (it.hasNext()) {
                Map.Entry<String, Object> e = it.next();
                quote(sb, e.getKey());
                sb.append(": ");
                write(sb, e.getValue());
                if (it.hasNext()) sb.append(", ");
            }
            sb.append('}');
        } else if (v instanceof Iterable<?> list) {
            sb.append('[');
            Iterator<?> it = list.iterator();
            while (it.hasNext()) {
                write(sb, it.next());
                if (it.hasNext()) sb.append(", ");
            }
            sb.append(']');
        } else {
            throw new IllegalArgumentException("Object of type " + v.getClass().getSimpleName() + " is not JSON serializable");
        }
    }

    /** Python's {@code repr(float)}: the shortest digits that read back, plain from 1e-4 to below 1e16, else 1e+16. */
    static String repr(double d) {
        if (Double.isNaN(d)) return "NaN";
        if (Double.isInfinite(d)) return d > 0 ? "Infinity" : "-Infinity";
        if (d == 0) return Double.doubleToRawLongBits(d) == 0 ? "0.0" : "-0.0";
        BigDecimal b = new BigDecimal(Double.toString(Math.abs(d))).stripTrailingZeros();
        if (b.precision() == 2) { // Java writes at least two digits (4.9E-324) where one may read back (5e-324)
            BigDecimal one = b.round(new java.math.MathContext(1, java.math.RoundingMode.HALF_EVEN));
            if (one.doubleValue() == Math.abs(d)) b = one.stripTrailingZeros();
        }
        String digits = b.unscaledValue().toString();
        int point = digits.length() - b.scale(); // value = 0.<digits> * 10^point
        StringBuilder s = new StringBuilder(d < 0 ? "-" : "");
        if (point <= -4 || point > 16) {
            s.append(digits.charAt(0));
            if (digits.length() > 1) s.append('.').append(digits, 1, digits.length());
            int exp = point - 1;
            s.append(exp < 0 ? "e-" : "e+").append(Math.abs(exp) < 10 ? "0" : "").append(Math.abs(exp));
        } else if (point <= 0) {
            s.append("0.").append("0".repeat(-point)).append(digits);
        } else if (point >= digits.length()) {
            s.append(digits).append("0".repeat(point - digits.length())).append(".0");
        } else {
            s.append(digits, 0, point).append('.').append(digits, point, digits.length());
        }
        return s.toString();
    }

    private static void quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20 || c > 0x7E) sb.append(String.format("\\u%04x", (int) c));
                    else sb.append(c);
                }
            }
        }
        sb.append('"');
    }
}
