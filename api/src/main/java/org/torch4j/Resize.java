package org.torch4j;

import java.util.Arrays;

/**
 * {@code Tensor.resize_}: gives a tensor a new shape over the same memory, with contiguous strides from
 * its storage offset, so it sees its storage's elements in memory order (not its old elements in
 * logical order: a transposed tensor shows its storage prefix). The same shape is a no-op that keeps
 * the strides.
 *
 * <p>Growing past the storage's end needs a larger storage. PyTorch reallocates the one storage all
 * views share; torch4j's storages have a fixed size, so a tensor can grow only while it is the storage's
 * only user: it then moves to a larger storage holding the old elements, and the new elements are
 * zero (PyTorch leaves them uninitialised). A shared storage cannot grow: that is refused with an
 * {@link IllegalStateException}, leaving the tensor unchanged.
 */
final class Resize {
    private Resize() {}

    static Tensor resize(Tensor t, long[] shape) {
        t.checkOpen();
        if (t.requiresGrad) throw new IllegalStateException("cannot resize variables that require grad");
        for (long s : shape) {
            // PyTorch's size arithmetic fails on a negative size with this message
            if (s < 0) throw new IllegalArgumentException("numel: integer multiplication overflow");
        }
        if (Arrays.equals(shape, t.shape)) return t;
        long needed = t.offset + Shapes.numel(shape);
        long elements = t.isComplex() ? t.storage.size() / 2 : t.storage.size();
        if (Shapes.numel(shape) > 0 && needed > elements) grow(t, needed, elements);
        t.shape = shape.clone();
        t.strides = Shapes.contiguousStrides(shape);
        return t;
    }

    /** Moves {@code t} to a storage of {@code needed} elements starting with its current ones. */
    private static void grow(Tensor t, long needed, long elements) {
        if (t.storage.referenceCount() > 1) {
            throw new IllegalStateException("resize_: cannot grow a tensor whose storage other tensors share (torch4j storages "
                    + "have a fixed size): needs " + needed + " elements, its storage holds " + elements);
        }
        try (Torch.Mode m = GradMode.set(false, GradMode.isInference())) {
            Tensor grown = Torch.zeros(new long[] {needed}, t.dtype, t.device());
            Tensor old = t.view(new long[] {elements}, new long[] {1}, 0);
            grown.narrow(0, 0, elements).copy_(old);
            old.close();
            grown.storage.retain();
            t.storage.release();
            t.storage = grown.storage;
            grown.close();
        }
    }
}
