package org.torch4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Ops defined by the broadcasting rules: broadcast_shapes, broadcast_to, broadcast_tensors, its
 * inverse sum_to_size, and take_along_dim (a gather whose input and indices broadcast against each
 * other outside the gathered dim). Views where PyTorch's are views.
 */
final class Broadcasts {
    private Broadcasts() {}

    /** torch.broadcast_shapes, with its own message for shapes that do not broadcast. */
    static long[] broadcastShapes(long[]... shapes) {
        int rank = 0;
        for (long[] s : shapes) rank = Math.max(rank, s.length);
        long[] out = new long[rank];
        Arrays.fill(out, 1);
        for (long[] s : shapes) {
            for (int i = 0; i < s.length; i++) {
                long v = s[i];
                if (v < 0) throw new IllegalArgumentException("Trying to create tensor with negative dimension (" + v + "): (" + v + ")");
                int o = rank - s.length + i;
                if (v == out[o] || v == 1) continue;
                if (out[o] != 1) throw new IllegalArgumentException("Shape mismatch: objects cannot be broadcast to a single shape");
                out[o] = v;
            }
        }
        return out;
    }

    /** torch.broadcast_tensors: each input expanded (a view) to the common broadcast shape. */
    static List<Tensor> broadcastTensors(List<Tensor> tensors) {
        long[] shape = Shapes.SCALAR;
        for (Tensor t : tensors) shape = Shapes.broadcast(shape, t.shape());
        List<Tensor> out = new ArrayList<>();
        for (Tensor t : tensors) out.add(t.expand(shape));
        return out;
    }

    /** Tensor.sum_to_size: sums the dims that broadcasting {@code size} to t's shape would expand. */
    static Tensor sumToSize(Tensor t, long[] size) {
        boolean ok = size.length <= t.dim();
        for (int i = 0; ok && i < size.length; i++) {
            long own = t.shape[t.dim() - size.length + i];
            ok = size[i] == own || size[i] == 1;
        }
        if (!ok) {
            throw new IllegalArgumentException("size {" + Shapes.str(size) + "} is not expandable to size {" + Shapes.str(t.shape()) + "}.");
        }
        return Autograd.sumToShape(t, size);
    }

    /**
     * torch.take_along_dim: the elements of t at {@code indices} along {@code dim} (null: of the
     * flattened t), with t and the indices broadcast against each other in the other dims.
     */
    static Tensor takeAlongDim(Tensor t, Tensor indices, Integer dim) {
        if (indices.dtype() != DType.INT64) {
            throw new IllegalArgumentException("torch.take_along_dim(): dtype of indices should be Long but got "
                    + Printer.cppName(indices.dtype()));
        }
        if (dim == null) return gatherChecked(t.reshape(-1), 0, indices.reshape(-1));
        int d = Shapes.wrapDim(dim, t.dim());
        if (t.dim() != indices.dim()) {
            throw new IllegalArgumentException("torch.take_along_dim(): input and indices should have the same number of dimensions, "
                    + "but got " + t.dim() + " dimensions for input, and " + indices.dim() + " dimensions for indices");
        }
        long[] selfShape = t.shape();
        if (t.dim() > 0) selfShape[d] = indices.size(d);
        long[] shape = Shapes.broadcast(selfShape, indices.shape());
        long[] inputShape = shape.clone();
        if (t.dim() > 0) inputShape[d] = t.size(d);
        return gatherChecked(t.expand(inputShape), d, indices.expand(shape));
    }

    private static Tensor gatherChecked(Tensor t, int d, Tensor index) {
        long[] range = IndexOps.hostRange(index);
        if (range != null) {
            long size = t.dim() == 0 ? 1 : t.size(d), min = range[0], max = range[1];
            if (min < 0 || max >= size) {
                throw new IllegalArgumentException("index " + (min < 0 ? min : max) + " is out of bounds for dimension " + d
                        + " with size " + size);
            }
        }
        return t.gather(d, index.to(t.device()));
    }
}
