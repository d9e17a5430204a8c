package org.torch4j.optim;

import java.util.List;

/** Python's spellings, so that error messages read as PyTorch's ({@code repr(float)}, lists). */
final class Py {
    private Py() {}

    /** A double as Python's {@code repr}: {@code 0.1}, {@code 1e-05}, {@code -2.0}, {@code inf}. */
    static String repr(double v) {
        return org.torch4j.internal.PyFormat.repr(v);
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
