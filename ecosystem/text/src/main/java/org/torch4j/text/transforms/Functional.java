package org.torch4j.text.transforms;

import java.util.ArrayList;
import java.util.List;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * {@code torchtext.functional}: {@code to_tensor}, {@code truncate}, {@code add_token}, on a single
 * sequence or a batch, with torchtext's dispatch (an empty list counts as a single sequence).
 */
public final class Functional {
    private Functional() {}

    /** What a transform input is. */
    enum Kind { INTS, STRINGS, INT_BATCH, STRING_BATCH, OTHER }

    static final String UNSUPPORTED = "Input type not supported";

    static Kind kind(Object input) {
        if (!(input instanceof List<?> list)) return Kind.OTHER;
        if (list.isEmpty()) return Kind.INTS;
        if (list.stream().allMatch(Functional::isInt)) return Kind.INTS;
        if (list.stream().allMatch(o -> o instanceof String)) return Kind.STRINGS;
        if (list.stream().allMatch(o -> o instanceof List<?> l && (l.isEmpty() || l.stream().allMatch(Functional::isInt)))) {
            return Kind.INT_BATCH;
        }
        if (list.stream().allMatch(o -> o instanceof List<?> l && l.stream().allMatch(e -> e instanceof String))) {
            return Kind.STRING_BATCH;
        }
        return Kind.OTHER;
    }

    /**
     * A tokenizer's {@code forward}: a String through {@code one}, a list of Strings to the list of their
     * results; anything else fails with {@code "Input type not supported"}.
     */
    static Object perText(Object input, java.util.function.Function<String, List<String>> one) {
        if (input instanceof String s) return one.apply(s);
        if (input instanceof List<?> l && l.stream().allMatch(o -> o instanceof String)) {
            List<List<String>> out = new ArrayList<>();
            for (Object o : l) out.add(one.apply((String) o));
            return out;
        }
        throw new IllegalArgumentException(UNSUPPORTED);
    }

    /**
     * A subword tokenizer's {@code forward}: its pieces with {@code returnTokens}, else its ids as strings (as
     * torchtext's), for a String or each String of a list.
     */
    static Object tokenizerForward(Object input, boolean returnTokens, java.util.function.Function<String, List<String>> tokenize,
            java.util.function.Function<String, List<Integer>> encode) {
        return perText(input, s -> returnTokens ? tokenize.apply(s) : encode.apply(s).stream().map(String::valueOf).toList());
    }

    static boolean isInt(Object o) {
        return o instanceof Integer || o instanceof Long || o instanceof Short || o instanceof Byte;
    }

    /**
     * {@code to_tensor(input, padding_value, dtype)}: a sequence of ints to an int64 vector (torchtext
     * ignores {@code dtype} there), a batch to a [batch, length] tensor of {@code dtype}, shorter rows
     * padded at the end with {@code paddingValue}.
     *
     * @param paddingValue null to require equal lengths
     * @param dtype null for int64
     * @throws IllegalArgumentException for a ragged batch without padding (torch's message), or
     *     {@code "Input type not supported"}
     */
    public static Tensor toTensor(Object input, Long paddingValue, DType dtype) {
        DType dt = dtype == null ? DType.INT64 : dtype;
        Kind k = kind(input);
        if (k == Kind.INTS) {
            List<?> l = (List<?>) input;
            long[] v = new long[l.size()];
            for (int i = 0; i < v.length; i++) v[i] = ((Number) l.get(i)).longValue();
            return Torch.tensor(v, v.length);
        }
        if (k != Kind.INT_BATCH) throw new IllegalArgumentException(UNSUPPORTED);
        List<?> batch = (List<?>) input;
        int rows = batch.size(), cols = 0;
        for (Object row : batch) cols = Math.max(cols, ((List<?>) row).size());
        if (paddingValue == null) {
            int first = ((List<?>) batch.get(0)).size();
            for (Object row : batch) {
                int n = ((List<?>) row).size();
                if (n != first) throw new IllegalArgumentException("expected sequence of length " + first + " at dim 1 (got " + n + ")");
            }
        }
        long pad = paddingValue == null ? 0 : paddingValue;
        long[] v = new long[rows * cols];
        java.util.Arrays.fill(v, pad);
        for (int r = 0; r < rows; r++) {
            List<?> row = (List<?>) batch.get(r);
            for (int c = 0; c < row.size(); c++) v[r * cols + c] = ((Number) row.get(c)).longValue();
        }
        Tensor t = Torch.tensor(v, rows, cols);
        return dt == DType.INT64 ? t : t.to(dt);
    }

    /** {@code to_tensor(input, padding_value)} as int64. */
    public static Tensor toTensor(Object input, Long paddingValue) {
        return toTensor(input, paddingValue, DType.INT64);
    }

    /**
     * {@code truncate(input, max_seq_len)}: the first {@code maxSeqLen} items of the sequence, or of
     * each sequence of the batch (new lists).
     */
    public static List<?> truncate(Object input, int maxSeqLen) {
        Kind k = kind(input);
        if (k == Kind.OTHER) throw new IllegalArgumentException(UNSUPPORTED);
        List<?> l = (List<?>) input;
        if (k == Kind.INTS || k == Kind.STRINGS) return cut(l, maxSeqLen);
        List<Object> out = new ArrayList<>(l.size());
        for (Object row : l) out.add(cut((List<?>) row, maxSeqLen));
        return out;
    }

    private static List<Object> cut(List<?> l, int n) {
        int end = n < 0 ? Math.max(0, l.size() + n) : Math.min(n, l.size());
        return new ArrayList<>(l.subList(0, end));
    }

    /**
     * {@code add_token(input, token_id, begin)}: {@code token} (an Integer for id sequences, a String
     * for token sequences) added at the start or the end of the sequence, or of each one in the batch.
     */
    public static List<?> addToken(Object input, Object token, boolean begin) {
        Kind k = kind(input);
        boolean intToken = isInt(token), strToken = token instanceof String;
        List<?> l = input instanceof List<?> li ? li : null;
        if (k == Kind.INTS && intToken) return add(l, token, begin);
        if ((k == Kind.STRINGS || (k == Kind.INTS && l.isEmpty())) && strToken) return add(l, token, begin);
        boolean batch = (k == Kind.INT_BATCH && intToken) || (k == Kind.STRING_BATCH && strToken)
                || (k == Kind.INT_BATCH && strToken && l.stream().allMatch(r -> ((List<?>) r).isEmpty()));
        if (!batch) throw new IllegalArgumentException(UNSUPPORTED);
        List<Object> out = new ArrayList<>(l.size());
        for (Object row : l) out.add(add((List<?>) row, token, begin));
        return out;
    }

    private static List<Object> add(List<?> l, Object token, boolean begin) {
        List<Object> out = new ArrayList<>(l.size() + 1);
        if (begin) out.add(token);
        out.addAll(l);
        if (!begin) out.add(token);
        return out;
    }

    /**
     * {@code str_to_int(input)}: a sequence of digit strings to Integers, or a batch of them.
     *
     * @throws NumberFormatException for a string that is not an integer (Python's {@code ValueError})
     */
    public static List<?> strToInt(Object input) {
        Kind k = kind(input);
        List<?> l = input instanceof List<?> li ? li : null;
        if (k == Kind.STRINGS || (k == Kind.INTS && l.isEmpty())) return ints(l);
        if (k == Kind.STRING_BATCH) {
            List<Object> out = new ArrayList<>(l.size());
            for (Object row : l) out.add(ints((List<?>) row));
            return out;
        }
        throw new IllegalArgumentException(UNSUPPORTED);
    }

    private static List<Integer> ints(List<?> l) {
        List<Integer> out = new ArrayList<>(l.size());
        for (Object o : l) out.add(Integer.parseInt(((String) o).strip().replace("_", "")));
        return out;
    }
}
