package org.torch4j;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * PyTorch's tensor printing (torch/_tensor_str.py), so that output reads the same as in Python, under the
 * global {@link PrintOptions} ({@code torch.set_printoptions}; by default precision 4, threshold 1000,
 * edgeitems 3, linewidth 80, sci mode chosen per tensor).
 *
 * <p>The options are one immutable record behind a volatile field: {@link #setOptions} from any thread is
 * seen by later prints, and each print reads the field once, so a print never mixes two settings.
 */
final class Printer {
    private Printer() {}

    private static volatile PrintOptions options = PrintOptions.DEFAULT;

    static PrintOptions options() {
        return options;
    }

    static void setOptions(PrintOptions o) {
        options = java.util.Objects.requireNonNull(o, "options");
    }

    static String format(Tensor t) {
        if (t.isClosed()) return "tensor(<closed>)";
        PrintOptions o = options;
        String prefix = "tensor(";
        int indent = prefix.length();
        List<String> suffixes = new ArrayList<>();
        if (!t.device().isCpu()) suffixes.add(deviceSuffix(t.device()));
        DType d = t.dtype();
        boolean defaultDtype = hasDefaultDtype(d);
        String body;
        if (t.numel() == 0) {
            if (t.dim() != 1) suffixes.add("size=" + tuple(t.shape));
            if (d != Torch.getDefaultDtype()) suffixes.add("dtype=" + d);
            body = "[]";
        } else {
            if (!defaultDtype) suffixes.add("dtype=" + d);
            body = tensorStr(t, indent, o);
        }
        addGradSuffix(t, suffixes);
        return addSuffixes(prefix + body, suffixes, indent, o.linewidth(), false);
    }

    /**
     * A sparse tensor as PyTorch prints it: each named part ({@code indices=tensor(...)}, ...) on its own line,
     * then size, nnz, dtype (when not a default one), layout, and the values' grad_fn or requires_grad.
     * COO tensors start the suffixes on a new line, as PyTorch's {@code force_newline=self.is_sparse}.
     */
    static String formatSparse(String[] names, Tensor[] parts, long[] shape, long nnz, org.torch4j.Layout layout) {
        PrintOptions o = options;
        String prefix = "tensor(";
        int indent = prefix.length();
        Tensor values = parts[parts.length - 1];
        List<String> suffixes = new ArrayList<>();
        if (!values.device().isCpu()) suffixes.add(deviceSuffix(values.device()));
        suffixes.add("size=" + tuple(shape));
        suffixes.add("nnz=" + nnz);
        if (!hasDefaultDtype(values.dtype())) suffixes.add("dtype=" + values.dtype());
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < names.length; i++) {
            if (i > 0) body.append(",\n").append(" ".repeat(indent));
            String partPrefix = names[i] + "=tensor(";
            Tensor part = parts[i];
            body.append(partPrefix);
            if (part.numel() == 0) body.append("[], size=").append(tuple(part.shape));
            else body.append(tensorStr(part, indent + partPrefix.length(), o));
            body.append(')');
        }
        suffixes.add("layout=" + layout);
        addGradSuffix(values, suffixes);
        return addSuffixes(prefix + body, suffixes, indent, o.linewidth(), layout == org.torch4j.Layout.SPARSE_COO);
    }

    private static String deviceSuffix(Device device) {
        return "device='" + (device.index() < 0 ? device.type() + ":0" : device) + "'";
    }

    private static boolean hasDefaultDtype(DType d) {
        return d == Torch.getDefaultDtype() || d == Promotion.defaultComplex() || d == DType.INT64 || d == DType.BOOL;
    }

    private static void addGradSuffix(Tensor t, List<String> suffixes) {
        ViewHistory.sync(t);
        if (t.gradFn != null) suffixes.add("grad_fn=<" + t.gradFn.name() + ">");
        else if (t.requiresGrad) suffixes.add("requires_grad=True");
    }

    /** Python's str(tuple(shape)): (2, 0), and (0,) for one dim. */
    private static String tuple(long[] shape) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            if (i > 0) sb.append(", ");
            sb.append(shape[i]);
        }
        return sb.append(shape.length == 1 ? ",)" : ")").toString();
    }

    private static String addSuffixes(String s, List<String> suffixes, int indent, int linewidth, boolean forceNewline) {
        StringBuilder sb = new StringBuilder(s);
        int lastLineLen = s.length() - s.lastIndexOf('\n') + 1;
        for (String suffix : suffixes) {
            if (forceNewline || lastLineLen + suffix.length() + 2 > linewidth) {
                sb.append(",\n").append(" ".repeat(indent)).append(suffix);
                lastLineLen = indent + suffix.length();
                forceNewline = false;
            } else {
                sb.append(", ").append(suffix);
                lastLineLen += suffix.length() + 2;
            }
        }
        return sb.append(')').toString();
    }

    /** The values on the host as doubles (float16 and bfloat16 print through float, as PyTorch). */
    private record Data(double[] values, long[] longs, long[] shape, DType dtype) {
        double at(int i) {
            return values[i];
        }
    }

    private static String tensorStr(Tensor t, int indent, PrintOptions o) {
        boolean summarize = t.numel() > o.threshold();
        Tensor host = t.detach().cpu();
        if (host.isComplex()) return complexStr(host, indent, summarize, o);
        Data data = new Data(host.dtype() == DType.INT64 ? null : host.toDoubleArray(),
                host.dtype() == DType.INT64 ? host.toLongArray() : null, host.shape, host.dtype());
        Formatter f = new Formatter(data, summarize, o);
        return new Layout(o, summarize, i -> f.format(data, i), f.width() + 2)
                .str(data.shape, 0, Shapes.contiguousStrides(data.shape), 0, indent);
    }

    /**
     * Complex elements as PyTorch prints them: one formatter for the real parts, one for the imaginary
     * parts; the real part padded, the imaginary part unpadded with its sign and a {@code j}.
     */
    private static String complexStr(Tensor host, int indent, boolean summarize, PrintOptions o) {
        Data re = new Data(host.real().toDoubleArray(), null, host.shape, host.dtype().toReal());
        Data im = new Data(host.imag().toDoubleArray(), null, host.shape, host.dtype().toReal());
        Formatter fr = new Formatter(re, summarize, o), fi = new Formatter(im, summarize, o);
        IntFunction<String> cell = i -> {
            String imag = (fi.format(im, i) + "j").strip();
            return fr.format(re, i) + (imag.startsWith("-") || imag.startsWith("+") ? "" : "+") + imag;
        };
        return new Layout(o, summarize, cell, fr.width() + 2 + fi.width() + 1)
                .str(host.shape, 0, Shapes.contiguousStrides(host.shape), 0, indent);
    }

    /**
     * Recursive layout: dims > 1 print their slices separated by commas and blank lines; the last dim
     * wraps at the line width. Summarising keeps {@code edgeitems} slices at each end of a dim longer
     * than twice that.
     */
    private record Layout(PrintOptions o, boolean summarize, IntFunction<String> cell, int elementLength) {

        String str(long[] shape, int dim, long[] strides, long base, int indent) {
            int rank = shape.length;
            if (rank == 0) return cell.apply(0);
            long n = shape[dim];
            if (dim == rank - 1) return vector(strides[dim], base, n, indent);
            List<String> slices = new ArrayList<>();
            for (long i = 0; i < n; i++) {
                if (summarizes(n) && i == o.edgeitems()) {
                    slices.add("...");
                    i = n - o.edgeitems();
                }
                slices.add(str(shape, dim + 1, strides, base + i * strides[dim], indent + 1));
            }
            String sep = "," + "\n".repeat(rank - dim - 1) + " ".repeat(indent + 1);
            return "[" + String.join(sep, slices) + "]";
        }

        private boolean summarizes(long n) {
            return summarize && n > 2L * o.edgeitems();
        }

        private String vector(long stride, long base, long n, int indent) {
            // Python's floor division: a line narrower than the indent still holds one element
            int perLine = (int) Math.max(1, Math.floorDiv(o.linewidth() - indent, elementLength));
            List<String> items = new ArrayList<>();
            for (long i = 0; i < n; i++) {
                if (summarizes(n) && i == o.edgeitems()) {
                    items.add(" ...");
                    i = n - o.edgeitems();
                }
                items.add(cell.apply((int) (base + i * stride)));
            }
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < items.size(); i += perLine) {
                lines.add(String.join(", ", items.subList(i, Math.min(items.size(), i + perLine))));
            }
            return "[" + String.join(",\n" + " ".repeat(indent + 1), lines) + "]";
        }
    }

    /**
     * PyTorch's _Formatter: int mode, fixed or scientific, and the common width. The width is measured
     * in the mode the values choose; a forced sci mode then changes only how values are written (as in
     * PyTorch, whose widths then need not fit), and is not applied when no value is finite and non-zero.
     */
    private static final class Formatter {
        final boolean floating;
        final int precision;
        boolean intMode = true, sciMode = false;
        int maxWidth = 1;

        Formatter(Data data, boolean summarize, PrintOptions o) {
            floating = data.dtype.isFloatingPoint();
            precision = o.precision();
            List<Integer> positions = summarizedPositions(data.shape, summarize, o.edgeitems());
            if (!floating) {
                for (int i : positions) maxWidth = Math.max(maxWidth, plain(data, i).length());
                return;
            }
            List<Double> vals = new ArrayList<>();
            for (int i : positions) {
                double v = data.at(i);
                if (Double.isFinite(v) && v != 0) vals.add(v);
            }
            if (vals.isEmpty()) return;
            double min = Double.MAX_VALUE, max = 0;
            for (double v : vals) {
                min = Math.min(min, Math.abs(v));
                max = Math.max(max, Math.abs(v));
                if (v != Math.ceil(v)) intMode = false;
            }
            if (intMode) {
                if (max / min > 1000 || max > 1e8) {
                    sciMode = true;
                    for (double v : vals) maxWidth = Math.max(maxWidth, sci(v, precision).length());
                } else {
                    for (double v : vals) maxWidth = Math.max(maxWidth, fixed(v, 0).length() + 1);
                }
            } else if (max / min > 1000 || max > 1e8 || min < 1e-4) {
                sciMode = true;
                for (double v : vals) maxWidth = Math.max(maxWidth, sci(v, precision).length());
            } else {
                for (double v : vals) maxWidth = Math.max(maxWidth, fixed(v, precision).length());
            }
            if (o.sciMode() != null) sciMode = o.sciMode();
        }

        int width() {
            return maxWidth;
        }

        String format(Data data, int i) {
            String s;
            if (floating) {
                double v = data.at(i);
                if (sciMode) s = sci(v, precision);
                else if (intMode) s = fixed(v, 0) + (Double.isFinite(v) ? "." : "");
                else s = fixed(v, precision);
            } else {
                s = plain(data, i);
            }
            return " ".repeat(Math.max(0, maxWidth - s.length())) + s;
        }
    }

    /** The flat positions the formatter looks at: all, or the summarised corners. */
    private static List<Integer> summarizedPositions(long[] shape, boolean summarize, int edge) {
        List<Integer> out = new ArrayList<>();
        collect(shape, Shapes.contiguousStrides(shape), 0, 0, summarize, edge, out);
        return out;
    }

    private static void collect(long[] shape, long[] strides, int dim, long base, boolean summarize, int edge, List<Integer> out) {
        if (dim == shape.length) {
            out.add((int) base);
            return;
        }
        long n = shape[dim];
        for (long i = 0; i < n; i++) {
            if (summarize && n > 2L * edge && i == edge) i = n - edge;
            collect(shape, strides, dim + 1, base + i * strides[dim], summarize, edge, out);
        }
    }

    private static String plain(Data data, int i) {
        if (data.longs != null) return Long.toString(data.longs[i]);
        double v = data.values[i];
        if (data.dtype == DType.BOOL) return v != 0 ? "True" : "False";
        return Long.toString((long) v);
    }

    /** Python's '{:.Nf}': round half to even on the exact binary value; the sign of -0 kept. */
    static String fixed(double v, int decimals) {
        if (Double.isNaN(v)) return "nan";
        if (Double.isInfinite(v)) return v > 0 ? "inf" : "-inf";
        String s = new BigDecimal(Math.abs(v)).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
        return (Double.doubleToRawLongBits(v) < 0 ? "-" : "") + s;
    }

    /** Python's '{:.Ne}' ({@code N = precision}): 1.2346e+05 for 4. */
    static String sci(double v, int precision) {
        if (Double.isNaN(v)) return "nan";
        if (Double.isInfinite(v)) return v > 0 ? "inf" : "-inf";
        String sign = Double.doubleToRawLongBits(v) < 0 ? "-" : "";
        double a = Math.abs(v);
        if (a == 0) return sign + (precision == 0 ? "0" : "0." + "0".repeat(precision)) + "e+00";
        BigDecimal bd = new BigDecimal(a).round(new MathContext(precision + 1, RoundingMode.HALF_EVEN));
        int exp = bd.precision() - bd.scale() - 1;
        BigDecimal mant = bd.movePointLeft(exp).setScale(precision, RoundingMode.HALF_EVEN);
        String e = (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
        return sign + mant.toPlainString() + "e" + e;
    }

    /** PyTorch's C++ scalar names used in error messages ('Float', 'Long', ...). */
    static String cppName(DType d) {
        return switch (d) {
            case FLOAT32 -> "Float";
            case FLOAT64 -> "Double";
            case FLOAT16 -> "Half";
            case BFLOAT16 -> "BFloat16";
            case INT64 -> "Long";
            case INT32 -> "Int";
            case INT16 -> "Short";
            case INT8 -> "Char";
            case UINT8 -> "Byte";
            case BOOL -> "Bool";
            case COMPLEX64 -> "ComplexFloat";
            case COMPLEX128 -> "ComplexDouble";
        };
    }

    /** Lower-case C++ names used by some messages ("float != double"). */
    static String cppScalar(DType d) {
        return switch (d) {
            case FLOAT32 -> "float";
            case FLOAT64 -> "double";
            case FLOAT16 -> "c10::Half";
            case BFLOAT16 -> "c10::BFloat16";
            case INT64 -> "long int";
            case INT32 -> "int";
            case INT16 -> "short int";
            case INT8 -> "signed char";
            case UINT8 -> "unsigned char";
            case BOOL -> "bool";
            case COMPLEX64 -> "c10::complex<float>";
            case COMPLEX128 -> "c10::complex<double>";
        };
    }

    /** The legacy type name used by autograd messages, e.g. torch.FloatTensor. */
    static String typeName(Tensor t) {
        String base = "torch." + (t.device().isCpu() ? "" : "cuda.") + cppName(t.dtype()) + "Tensor";
        return base;
    }
}
