package org.torch4j;

import java.util.Arrays;

/** Shape arithmetic with PyTorch's rules and error messages. */
final class Shapes {
    private Shapes() {}

    static final long[] SCALAR = new long[0];

    static long numel(long[] shape) {
        long n = 1;
        for (long s : shape) n *= s;
        return n;
    }

    static long[] contiguousStrides(long[] shape) {
        long[] st = new long[shape.length];
        long s = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            st[d] = s;
            s *= Math.max(shape[d], 1);
        }
        return st;
    }

    /** Row-major and dense, size-1 dims ignored; an empty tensor always is (c10's {@code compute_contiguous}). */
    static boolean isContiguous(long[] shape, long[] strides) {
        for (long s : shape) if (s == 0) return true;
        long expected = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            if (shape[d] != 1 && strides[d] != expected) return false;
            expected *= shape[d];
        }
        return true;
    }

    /**
     * Whether the strides lay out every element once with no gaps, in some order of the dims (PyTorch's
     * {@code is_non_overlapping_and_dense}): a transposed or channels-last tensor, not a slice or an expansion.
     * Empty tensors count as dense where their other dims are.
     */
    static boolean nonOverlappingAndDense(long[] shape, long[] strides) {
        if (shape.length == 1) return shape[0] < 2 || strides[0] == 1;
        // c10's order: dims of size 0 or 1 last (where the check ends), the others by increasing stride
        Integer[] perm = new Integer[shape.length];
        for (int d = 0; d < perm.length; d++) perm[d] = d;
        java.util.Arrays.sort(perm, (a, b) -> shape[a] < 2 || shape[b] < 2 ? Boolean.compare(shape[a] < 2, shape[b] < 2)
                : Long.compare(strides[a], strides[b]));
        long expected = 1;
        for (int d : perm) {
            if (shape[d] < 2) return true;
            if (strides[d] != expected) return false;
            expected *= shape[d];
        }
        return true;
    }

    /** Wraps a possibly negative dim into [0, rank); rank 0 accepts -1 and 0, as PyTorch. */
    static int wrapDim(int dim, int rank) {
        int r = Math.max(rank, 1);
        if (dim < -r || dim >= r) {
            throw new IndexOutOfBoundsException("Dimension out of range (expected to be in range of [" + (-r) + ", "
                    + (r - 1) + "], but got " + dim + ")");
        }
        return dim < 0 ? dim + r : dim;
    }

    /** {@code dim} of a tensor's existing dims ({@code size(dim)}, {@code stride(dim)}): a 0-dim tensor has none. */
    static int wrapExistingDim(int dim, int rank) {
        if (rank == 0) throw new IndexOutOfBoundsException("Dimension specified as " + dim + " but tensor has no dimensions");
        return wrapDim(dim, rank);
    }

    static int[] wrapDims(int[] dims, int rank) {
        int[] w = new int[dims.length];
        boolean[] seen = new boolean[Math.max(rank, 1)];
        for (int i = 0; i < dims.length; i++) {
            w[i] = wrapDim(dims[i], rank);
            if (seen[w[i]]) throw new IllegalArgumentException("dim " + w[i] + " appears multiple times in the list of dims");
            seen[w[i]] = true;
        }
        return w;
    }

    /** The broadcast shape of two shapes, or PyTorch's error (which names the last mismatching dim). */
    static long[] broadcast(long[] a, long[] b) {
        int r = Math.max(a.length, b.length);
        long[] out = new long[r];
        for (int i = r - 1; i >= 0; i--) {
            int ia = a.length - r + i, ib = b.length - r + i;
            long sa = ia >= 0 ? a[ia] : 1, sb = ib >= 0 ? b[ib] : 1;
            if (sa == sb || sb == 1) out[i] = sa;
            else if (sa == 1) out[i] = sb;
            else {
                throw new IllegalArgumentException("The size of tensor a (" + sa + ") must match the size of tensor b ("
                        + sb + ") at non-singleton dimension " + i);
            }
        }
        return out;
    }

    static long[] broadcast(long[]... shapes) {
        long[] r = shapes[0];
        for (int i = 1; i < shapes.length; i++) r = broadcast(r, shapes[i]);
        return r;
    }

    /** Strides that view a tensor of {@code shape}/{@code strides} as {@code target} (stride 0 where expanded). */
    static long[] expandStrides(long[] shape, long[] strides, long[] target) {
        int r = target.length;
        if (r < shape.length) {
            throw new IllegalArgumentException("expand: the number of sizes provided (" + r
                    + ") must be greater or equal to the number of dimensions in the tensor (" + shape.length + ")");
        }
        long[] st = new long[r];
        for (int i = r - 1; i >= 0; i--) {
            int j = shape.length - r + i;
            if (j < 0) {
                if (target[i] < 0) {
                    throw new IllegalArgumentException("The expanded size of the tensor (" + target[i]
                            + ") isn't allowed in a leading, non-existing dimension " + i);
                }
                st[i] = 0;
            } else if (target[i] == -1 || target[i] == shape[j]) {
                st[i] = shape[j] == 1 && target[i] != 1 && target[i] != -1 ? 0 : strides[j];
            } else if (shape[j] == 1) {
                st[i] = 0;
            } else {
                throw new IllegalArgumentException("The expanded size of the tensor (" + target[i]
                        + ") must match the existing size (" + shape[j] + ") at non-singleton dimension " + i
                        + ".  Target sizes: " + Arrays.toString(target) + ".  Tensor sizes: " + Arrays.toString(shape));
            }
        }
        return st;
    }

    /** Resolves one -1 in a view/reshape shape, with PyTorch's messages. */
    static long[] inferSize(long[] shape, long numel) {
        long[] out = shape.clone();
        int infer = -1;
        long known = 1;
        for (int i = 0; i < out.length; i++) {
            if (out[i] == -1) {
                if (infer >= 0) throw new IllegalArgumentException("only one dimension can be inferred");
                infer = i;
            } else if (out[i] < 0) {
                throw new IllegalArgumentException("invalid shape dimension " + out[i]);
            } else {
                known *= out[i];
            }
        }
        if (infer >= 0) {
            if (known == 0) {
                throw new IllegalArgumentException("cannot reshape tensor of 0 elements into shape "
                        + str(shape) + " because the unspecified dimension size -1 can be any value and is ambiguous");
            }
            if (numel % known != 0) throw new IllegalArgumentException("shape '" + str(shape) + "' is invalid for input of size " + numel);
            out[infer] = numel / known;
        } else if (known != numel) {
            throw new IllegalArgumentException("shape '" + str(shape) + "' is invalid for input of size " + numel);
        }
        return out;
    }

    /**
     * Strides for viewing (shape, strides) as newShape without copying, or null when impossible
     * (PyTorch's computeStride: dims may be split or merged only within contiguous chunks).
     */
    static long[] viewStrides(long[] oldShape, long[] oldStrides, long[] newShape) {
        long numel = numel(oldShape);
        long[] newStrides = new long[newShape.length];
        if (oldShape.length == 0) {
            java.util.Arrays.fill(newStrides, 1);
            return newStrides;
        }
        if (numel == 0) {
            return Arrays.equals(oldShape, newShape) ? oldStrides.clone() : contiguousStrides(newShape);
        }
        int viewD = newShape.length - 1;
        long chunkBaseStride = oldStrides.length == 0 ? 1 : oldStrides[oldStrides.length - 1];
        long tensorNumel = 1;
        long viewNumel = 1;
        for (int tensorD = oldShape.length - 1; tensorD >= 0; tensorD--) {
            tensorNumel *= oldShape[tensorD];
            if (tensorD == 0 || (oldShape[tensorD - 1] != 1 && oldStrides[tensorD - 1] != tensorNumel * chunkBaseStride)) {
                while (viewD >= 0 && (viewNumel < tensorNumel || newShape[viewD] == 1)) {
                    newStrides[viewD] = viewNumel * chunkBaseStride;
                    viewNumel *= newShape[viewD];
                    viewD--;
                }
                if (viewNumel != tensorNumel) return null;
                if (tensorD > 0) {
                    chunkBaseStride = oldStrides[tensorD - 1];
                    tensorNumel = 1;
                    viewNumel = 1;
                }
            }
        }
        if (viewD != -1) return null;
        return newStrides;
    }

    static String str(long[] shape) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < shape.length; i++) {
            if (i > 0) sb.append(", ");
            sb.append(shape[i]);
        }
        return sb.append(']').toString();
    }

    static long[] toLongs(int[] a) {
        long[] r = new long[a.length];
        for (int i = 0; i < a.length; i++) r[i] = a[i];
        return r;
    }
}
