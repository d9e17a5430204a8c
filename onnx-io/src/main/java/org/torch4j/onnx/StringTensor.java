package org.torch4j.onnx;

import java.util.Arrays;
import java.util.List;

/**
 * The value of an ONNX {@code tensor(string)} graph input or output: a shape and its strings in
 * row-major order. It is not a {@link org.torch4j.Tensor} (torch4j has no string dtype, and there is
 * no math on strings): an imported graph only passes such values through Identity, If, Loop and the
 * sequence and optional operators, casts them from and to numbers (Cast, CastLike) and filters them
 * (StringNormalizer); any other operator given one fails naming its node.
 */
public final class StringTensor {
    private final long[] shape;
    private final List<String> values;

    private StringTensor(long[] shape, List<String> values) {
        long n = 1;
        for (long d : shape) {
            if (d < 0) throw new IllegalArgumentException("negative dimension in " + Arrays.toString(shape));
            n = Math.multiplyExact(n, d);
        }
        if (n != values.size()) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + n + " strings, not " + values.size());
        }
        this.shape = shape.clone();
        this.values = List.copyOf(values);
    }

    /** Strings of {@code shape}, row-major (no null elements). */
    public static StringTensor of(long[] shape, List<String> values) {
        return new StringTensor(shape, values);
    }

    /** A 1-D tensor of these strings. */
    public static StringTensor of(String... values) {
        return new StringTensor(new long[] {values.length}, List.of(values));
    }

    /** The shape; a copy. */
    public long[] shape() {
        return shape.clone();
    }

    /** The number of dims (0 for a single string). */
    public int dim() {
        return shape.length;
    }

    /** The strings, row-major; an unmodifiable list. */
    public List<String> values() {
        return values;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StringTensor s && Arrays.equals(shape, s.shape) && values.equals(s.values);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + values.hashCode();
    }

    @Override
    public String toString() {
        return "tensor(string) of shape " + Arrays.toString(shape) + " " + values;
    }
}
