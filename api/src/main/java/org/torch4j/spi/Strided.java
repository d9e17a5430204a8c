package org.torch4j.spi;

import org.torch4j.DType;

/**
 * What a kernel sees of a tensor: its storage and a strided layout. Element {@code (i0, i1, ...)} is at
 * {@code offset + i0*strides[0] + i1*strides[1] + ...} in the storage. Strides may be 0 (a broadcast
 * dimension) and, inside kernels, negative (a flipped dimension). Arrays are not copied: treat them as
 * read-only.
 *
 * @param storage the memory
 * @param shape   sizes per dimension
 * @param strides element strides per dimension
 * @param offset  element offset of the first element
 */
public record Strided(Storage storage, long[] shape, long[] strides, long offset) {

    /** The element type, the storage's ({@link Storage#dtype()}). */
    public DType dtype() {
        return storage.dtype();
    }

    /** The number of dimensions ({@code shape.length}); 0 for a scalar. */
    public int rank() {
        return shape.length;
    }

    /**
     * The number of elements the layout addresses: the product of {@link #shape()} (1 for a scalar, 0 when
     * any size is 0).
     */
    public long numel() {
        long n = 1;
        for (long s : shape) n *= s;
        return n;
    }

    /** True when the elements are dense in row-major order (the strides a fresh tensor has). */
    public boolean isContiguous() {
        long expected = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            if (shape[d] != 1 && strides[d] != expected) return false;
            expected *= shape[d];
        }
        return true;
    }

    /** The same memory seen with another shape and strides. */
    public Strided with(long[] newShape, long[] newStrides, long newOffset) {
        return new Strided(storage, newShape, newStrides, newOffset);
    }
}
