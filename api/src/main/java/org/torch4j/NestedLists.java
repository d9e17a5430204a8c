package org.torch4j;

import java.util.ArrayList;
import java.util.List;

/**
 * Tensors to and from nested {@link java.util.List}s, Python's nested lists in Java: {@code Tensor.tolist()}
 * and the list forms of {@code torch.as_tensor} / {@code torch.asarray}.
 *
 * <p>Elements are {@link Double} for floating dtypes (float16 and bfloat16 widened exactly), {@link Long}
 * for integer dtypes, {@link Boolean} for bool, and for complex dtypes a {@code double[]} of
 * {@code {real, imag}} (Java has no complex number type).
 */
final class NestedLists {
    private NestedLists() {}

    /** {@code tensor.tolist()}: nested lists of the tensor's shape; a 0-dim tensor gives its element itself. */
    static Object tolist(Tensor t) {
        t.checkOpen();
        Tensor host = t.detach().cpu().contiguous();
        IntElement element = elements(host);
        if (host.dim() == 0) return element.at(0);
        return level(host.shape, 0, 0, Shapes.contiguousStrides(host.shape), element);
    }

    private interface IntElement {
        Object at(int i);
    }

    private static IntElement elements(Tensor host) {
        if (host.isComplex()) {
            double[] re = host.real().contiguous().toDoubleArray(), im = host.imag().contiguous().toDoubleArray();
            return i -> new double[] {re[i], im[i]};
        }
        if (host.dtype() == DType.BOOL) {
            boolean[] b = host.toBooleanArray();
            return i -> b[i];
        }
        if (host.dtype().isIntegral(false)) {
            long[] l = host.toLongArray();
            return i -> l[i];
        }
        double[] d = host.toDoubleArray();
        return i -> d[i];
    }

    private static List<Object> level(long[] shape, int dim, int base, long[] strides, IntElement element) {
        List<Object> out = new ArrayList<>((int) shape[dim]);
        for (int i = 0; i < shape[dim]; i++) {
            int at = base + (int) (i * strides[dim]);
            out.add(dim == shape.length - 1 ? element.at(at) : level(shape, dim + 1, at, strides, element));
        }
        return out;
    }

    /**
     * A tensor from nested lists (or a single {@link Number} / {@link Boolean}): the shape follows the
     * nesting; the dtype is bool when every element is a Boolean, int64 when all are integral
     * ({@code Long}, {@code Integer}, {@code Short}, {@code Byte}), the default float dtype otherwise,
     * as PyTorch infers it from Python lists.
     *
     * @throws IllegalArgumentException for ragged lists or non-numeric elements
     */
    static Tensor fromList(Object data) {
        List<Long> shape = new ArrayList<>();
        Object level = data;
        while (level instanceof List<?> l) {
            shape.add((long) l.size());
            level = l.isEmpty() ? null : l.get(0);
        }
        long[] s = shape.stream().mapToLong(Long::longValue).toArray();
        List<Object> flat = new ArrayList<>();
        flatten(data, s, 0, flat);
        boolean allBool = !flat.isEmpty(), allIntegral = true;
        for (Object o : flat) {
            if (!(o instanceof Boolean)) allBool = false;
            if (!(o instanceof Long || o instanceof Integer || o instanceof Short || o instanceof Byte || o instanceof Boolean)) allIntegral = false;
        }
        int n = flat.size();
        if (allBool) {
            boolean[] b = new boolean[n];
            for (int i = 0; i < n; i++) b[i] = (Boolean) flat.get(i);
            return Torch.tensor(b, n).reshape(s);
        }
        if (allIntegral && n > 0) {
            long[] v = new long[n];
            for (int i = 0; i < n; i++) v[i] = number(flat.get(i)).longValue();
            return Torch.tensor(v, n).reshape(s);
        }
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = number(flat.get(i)).doubleValue();
        return Torch.tensor(v, n).reshape(s).to(Torch.getDefaultDtype());
    }

    private static Number number(Object o) {
        return o instanceof Boolean b ? (b ? 1 : 0) : (Number) o;
    }

    private static void flatten(Object level, long[] shape, int dim, List<Object> flat) {
        if (dim == shape.length) {
            if (!(level instanceof Number || level instanceof Boolean)) {
                throw new IllegalArgumentException("Could not infer dtype of " + (level == null ? "null" : level.getClass().getSimpleName()));
            }
            flat.add(level);
            return;
        }
        if (!(level instanceof List<?> l)) {
            throw new IllegalArgumentException("expected sequence of length " + shape[dim] + " at dim " + dim + " (got a scalar)");
        }
        if (l.size() != shape[dim]) {
            throw new IllegalArgumentException("expected sequence of length " + shape[dim] + " at dim " + dim + " (got " + l.size() + ")");
        }
        for (Object o : l) flatten(o, shape, dim + 1, flat);
    }
}
