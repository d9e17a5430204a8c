package org.torch4j;

import java.util.ArrayList;
import java.util.List;

/**
 * NumPy-style splitting into views: tensor_split (by a number of sections or at indices) and
 * hsplit / vsplit / dsplit, which split along the dim NumPy names and insist sections divide it.
 */
final class Splits {
    private Splits() {}

    /** torch.tensor_split into {@code sections} parts: the first size % sections parts one longer. */
    static List<Tensor> tensorSplit(Tensor t, long sections, int dim) {
        checkRank(t);
        int d = Shapes.wrapDim(dim, t.dim());
        if (sections <= 0) throw new IllegalArgumentException("number of sections must be larger than 0, got " + sections);
        long size = t.size(d), each = size / sections, extra = size % sections;
        List<Tensor> parts = new ArrayList<>();
        long start = 0;
        for (long i = 0; i < sections; i++) {
            long len = each + (i < extra ? 1 : 0);
            parts.add(t.narrow(d, start, len));
            start += len;
        }
        return parts;
    }

    /** torch.tensor_split at {@code indices}: the parts [0, i0), [i0, i1), ..., with Python's slice bounds. */
    static List<Tensor> tensorSplit(Tensor t, long[] indices, int dim) {
        checkRank(t);
        int d = Shapes.wrapDim(dim, t.dim());
        long size = t.size(d);
        List<Tensor> parts = new ArrayList<>();
        long start = 0;
        for (long end : indices) {
            parts.add(t.slice(d, start, end, 1));
            start = end;
        }
        parts.add(t.slice(d, start, size, 1));
        return parts;
    }

    /** torch.tensor_split with its sections or indices in an int64 tensor (0-d: sections; 1-d: indices). */
    static List<Tensor> tensorSplit(Tensor t, Tensor indicesOrSections, int dim) {
        if (indicesOrSections.dtype() != DType.INT64) {
            throw new IllegalArgumentException("tensor_split expected tensor_indices_or_sections to have dtype of long, but got "
                    + Printer.cppName(indicesOrSections.dtype()));
        }
        if (indicesOrSections.dim() > 1) {
            throw new IllegalArgumentException("tensor_split expected tensor_indices_or_sections to be a zero-dimensional or "
                    + "one-dimensional tensor, but got a tensor with " + indicesOrSections.dim() + " dims");
        }
        long[] values = indicesOrSections.toLongArray();
        return indicesOrSections.dim() == 0 ? tensorSplit(t, values[0], dim) : tensorSplit(t, values, dim);
    }

    private static void checkRank(Tensor t) {
        if (t.dim() == 0) {
            throw new IllegalArgumentException("tensor_split expected at least a 1-dimensional tensor, but got a tensor with 0 dims");
        }
    }

    /** hsplit, vsplit, dsplit into equal {@code sections} along their dim. */
    static List<Tensor> split(String name, Tensor t, long sections) {
        int d = splitDim(name, t);
        if (sections == 0 || t.size(d) % sections != 0) {
            throw new IllegalArgumentException("torch." + name + " attempted to split along dimension " + d
                    + ", but the size of the dimension " + t.size(d) + " is not divisible by the split_size " + sections + "!");
        }
        return tensorSplit(t, sections, d);
    }

    /** hsplit, vsplit, dsplit at {@code indices}. */
    static List<Tensor> split(String name, Tensor t, long[] indices) {
        return tensorSplit(t, indices, splitDim(name, t));
    }

    /** hsplit splits columns (dim 1, or 0 for vectors), vsplit rows (dim 0), dsplit depth (dim 2). */
    private static int splitDim(String name, Tensor t) {
        int min = switch (name) {
            case "hsplit" -> 1;
            case "vsplit" -> 2;
            default -> 3;
        };
        if (t.dim() < min) {
            throw new IllegalArgumentException("torch." + name + " requires a tensor with at least " + min
                    + " dimension, but got a tensor with " + t.dim() + " dimensions!");
        }
        return switch (name) {
            case "hsplit" -> t.dim() == 1 ? 0 : 1;
            case "vsplit" -> 0;
            default -> 2;
        };
    }
}
