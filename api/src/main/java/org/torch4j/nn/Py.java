package org.torch4j.nn;


/** Python's spellings for the print forms of modules (PyTorch's {@code repr}). */
final class Py {
    private Py() {}

    /** A double as Python's {@code repr}: {@code 0.1}, {@code 1e-05}, {@code 2.0}, {@code inf}. */
    static String repr(double v) {
        return org.torch4j.internal.PyFormat.repr(v);
    }

    /** An optional double: {@code None} for null. */
    static String repr(Double v) {
        return v == null ? "None" : repr(v.doubleValue());
    }

    /** A Python tuple of ints: {@code (2,)}, {@code (2, 3)}. */
    static String tuple(long[] v) {
        return org.torch4j.internal.PyFormat.tuple(v);
    }

    /** An int-or-tuple option as given: one value prints as an int (PyTorch keeps what it was given). */
    static String intOrTuple(long[] v) {
        return v.length == 1 ? Long.toString(v[0]) : tuple(v);
    }

    /** A shape as Python prints a {@code torch.Size}: {@code torch.Size([2, 3])}. */
    static String size(long[] shape) {
        StringBuilder sb = new StringBuilder("torch.Size([");
        for (int i = 0; i < shape.length; i++) sb.append(i > 0 ? ", " : "").append(shape[i]);
        return sb.append("])").toString();
    }

    /** A tuple of floats: {@code (1.5, 2.0)}. */
    static String tuple(double[] v) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < v.length; i++) sb.append(i > 0 ? ", " : "").append(repr(v[i]));
        if (v.length == 1) sb.append(",");
        return sb.append(")").toString();
    }

    /** A double as C++'s default stream output prints it in PyTorch's messages: {@code -1}, {@code 0.5}, {@code 1e-05}. */
    static String number(double v) {
        String r = repr(v);
        return r.endsWith(".0") ? r.substring(0, r.length() - 2) : r;
    }
}
