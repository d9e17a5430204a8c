package org.torch4j.onnx.importer.ops;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import java.util.regex.Pattern;
import org.torch4j.DType;
import org.torch4j.Device;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.onnx.StringTensor;
import org.torch4j.onnx.importer.ElemType;
import org.torch4j.onnx.importer.OpCall;
import org.torch4j.onnx.importer.OpRegistry;

/**
 * The small part of ONNX's string support torch4j has: StringNormalizer, and Cast/CastLike between
 * {@link StringTensor}s and float32, float64, integer and bool tensors (numbers written as numpy
 * writes them, since numpy is ONNX's reference). Other operators refuse string tensors.
 */
public final class Strings {
    private Strings() {}

    public static void register(OpRegistry.Builder r) {
        r.op("StringNormalizer", c -> new Object[] {normalize(c)});
    }

    /** StringNormalizer: stop words removed from a [C] or [1, C] tensor, then lower- or upper-cased. */
    private static StringTensor normalize(OpCall c) {
        if (!(c.value(0) instanceof StringTensor x)) throw new IllegalArgumentException("input 0 must be a tensor(string)");
        long[] shape = x.shape();
        boolean row = shape.length == 2;
        if (!(shape.length == 1 || (row && shape[0] == 1))) {
            throw new IllegalArgumentException("input 0 must be of shape [C] or [1, C], not " + java.util.Arrays.toString(shape));
        }
        String localeName = c.s("locale", "");
        Locale locale = localeName.isEmpty() ? Locale.US : Locale.forLanguageTag(localeName.replace('_', '-'));
        boolean sensitive = c.i("is_case_sensitive", 0) != 0;
        Set<String> stop = new HashSet<>();
        List<String> words = c.strings("stopwords");
        if (words != null) for (String w : words) stop.add(sensitive ? w : w.toLowerCase(locale));
        String action = c.s("case_change_action", "NONE");
        List<String> out = new ArrayList<>();
        for (String s : x.values()) {
            if (stop.contains(sensitive ? s : s.toLowerCase(locale))) continue;
            out.add(switch (action) {
                case "LOWER" -> s.toLowerCase(locale);
                case "UPPER" -> s.toUpperCase(locale);
                case "NONE" -> s;
                default -> throw c.unsupported("case_change_action '" + action + "'");
            });
        }
        if (out.isEmpty()) out.add(""); // ONNX: an empty string of shape [1] (or [1, 1])
        return StringTensor.of(row ? new long[] {1, out.size()} : new long[] {out.size()}, out);
    }

    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");

    /** Cast of strings to element type {@code to}: numbers in plain or scientific notation, INF, +INF, -INF and NaN in any case. */
    static Tensor parse(StringTensor s, int to) {
        List<String> v = s.values();
        long[] shape = s.shape();
        return switch (to) {
            case ElemType.FLOAT -> {
                float[] a = new float[v.size()];
                for (int i = 0; i < a.length; i++) a[i] = (float) parseNumber(v.get(i), true);
                yield Torch.tensor(a, shape);
            }
            case ElemType.DOUBLE -> {
                double[] a = new double[v.size()];
                for (int i = 0; i < a.length; i++) a[i] = parseNumber(v.get(i), false);
                yield Torch.tensor(a, shape);
            }
            case ElemType.INT8, ElemType.UINT8, ElemType.INT16, ElemType.INT32, ElemType.INT64 -> {
                long[] a = new long[v.size()];
                for (int i = 0; i < a.length; i++) {
                    String t = v.get(i).strip();
                    // "100.5" to an integer is 100 (ONNX's example); integers are read exactly
                    a[i] = INTEGER.matcher(t).matches() ? Long.parseLong(t) : (long) parseNumber(t, false);
                }
                DType d = ElemType.toDType(to);
                Tensor r = Torch.tensor(a, shape);
                yield d == DType.INT64 ? r : r.to(d);
            }
            default -> throw new IllegalArgumentException("a cast from string to " + ElemType.name(to) + " is not supported");
        };
    }

    private static double parseNumber(String text, boolean single) {
        String t = text.strip();
        String lower = t.toLowerCase(Locale.ROOT);
        switch (lower) {
            case "inf", "+inf", "infinity", "+infinity" -> {
                return Double.POSITIVE_INFINITY;
            }
            case "-inf", "-infinity" -> {
                return Double.NEGATIVE_INFINITY;
            }
            case "nan", "+nan", "-nan" -> {
                return Double.NaN;
            }
            default -> { }
        }
        if (!NUMBER.matcher(t).matches()) throw new IllegalArgumentException("'" + text + "' is not a number");
        return single ? Float.parseFloat(t) : Double.parseDouble(t); // each rounded once from the decimal
    }

    /** Cast of a tensor to strings, as numpy's {@code str} writes its elements. */
    static StringTensor format(Tensor x) {
        Tensor t = x.device().isCpu() ? x.contiguous() : x.to(Device.CPU).contiguous();
        List<String> out = new ArrayList<>((int) t.numel());
        switch (t.dtype()) {
            case FLOAT32 -> {
                for (float f : t.toFloatArray()) out.add(numpyRepr(f, shortest(Float.toString(f), x2 -> (double) Float.parseFloat(x2), f)));
            }
            case FLOAT64 -> {
                for (double d : t.toDoubleArray()) out.add(numpyRepr(d, shortest(Double.toString(d), Double::parseDouble, d)));
            }
            case BOOL -> {
                for (long b : t.toLongArray()) out.add(b != 0 ? "True" : "False");
            }
            case INT8, UINT8, INT16, INT32, INT64 -> {
                for (long l : t.toLongArray()) out.add(Long.toString(l));
            }
            default -> throw new IllegalArgumentException("a cast from " + t.dtype().torchName() + " to string is not supported");
        }
        return StringTensor.of(x.shape(), out);
    }

    /**
     * Java's shortest digits, except that Java writes at least two significant digits in scientific
     * notation ({@code 4.9E-324}, {@code 1.4E-45}) where one reads back to the value too ({@code 5e-324}).
     */
    private static String shortest(String javaDigits, ToDoubleFunction<String> read, double value) {
        if (Double.isNaN(value) || Double.isInfinite(value) || value == 0) return javaDigits;
        BigDecimal d = new BigDecimal(javaDigits);
        if (d.stripTrailingZeros().precision() != 2) return javaDigits;
        BigDecimal one = d.round(new MathContext(1, RoundingMode.HALF_EVEN));
        return read.applyAsDouble(one.toString()) == value ? one.toString() : javaDigits;
    }

    /**
     * numpy's repr of a float scalar: the shortest digits that read back to the value ({@code shortest},
     * Java's own), positional for 1e-4 <= |x| < 1e16 ({@code 0.5}, {@code 100.0}), else scientific
     * ({@code 1e-05}, {@code 1.5e+16}); {@code nan}, {@code inf}, {@code -inf}.
     */
    static String numpyRepr(double value, String shortest) {
        if (Double.isNaN(value)) return "nan";
        if (Double.isInfinite(value)) return value > 0 ? "inf" : "-inf";
        String sign = (Double.doubleToRawLongBits(value) < 0) ? "-" : "";
        if (value == 0) return sign + "0.0";
        BigDecimal d = new BigDecimal(shortest).abs().stripTrailingZeros();
        double abs = Math.abs(value);
        if (abs >= 1e-4 && abs < 1e16) {
            String plain = d.toPlainString();
            return sign + (plain.contains(".") ? plain : plain + ".0");
        }
        String digits = d.unscaledValue().toString();
        int exponent = digits.length() - 1 - d.scale();
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        String e = Integer.toString(Math.abs(exponent));
        return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + (e.length() < 2 ? "0" + e : e);
    }
}
