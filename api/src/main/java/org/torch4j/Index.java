package org.torch4j;

/**
 * One entry of a subscript, as in {@code x[1:3, ::2, None, ..., idx]}:
 * {@code x.index(Index.slice(1, 3), Index.slice(null, null, 2), Index.NEW_AXIS, Index.ELLIPSIS, Index.of(idx))}.
 * The forms follow libtorch's {@code torch::indexing}.
 */
public sealed interface Index {

    /** {@code :} (every element of a dimension). */
    Index ALL = new Slice(null, null, 1);
    /** {@code None}: inserts a dimension of size 1. */
    Index NEW_AXIS = new NewAxis();
    /** {@code ...}: as many {@code :} as needed. */
    Index ELLIPSIS = new Ellipsis();

    /** An integer subscript: selects and removes the dimension (negative counts from the end). */
    static Index at(long i) {
        return new At(i);
    }

    /** {@code start:end} (either may be null). */
    static Index slice(Long start, Long end) {
        return new Slice(start, end, 1);
    }

    /** {@code start:end:step}; the step must be positive. */
    static Index slice(Long start, Long end, long step) {
        return new Slice(start, end, step);
    }

    /** Advanced indexing with an integer tensor, or boolean-mask indexing with a bool tensor. */
    static Index of(Tensor t) {
        return new TensorIndex(t);
    }

    /**
     * An integer subscript ({@code x[i]}), made by {@link #at(long)}.
     *
     * @param index the position; negative counts from the end
     */
    record At(long index) implements Index {}

    /**
     * A slice {@code start:end:step}, made by {@link #slice(Long, Long, long)}; bounds are clamped to the
     * dimension as Python clamps them.
     *
     * @param start the first position, null for the beginning; negative counts from the end
     * @param end   one past the last position, null for the end; negative counts from the end
     * @param step  the stride, positive
     */
    record Slice(Long start, Long end, long step) implements Index {
        /**
         * Checks the step.
         *
         * @throws IllegalArgumentException if {@code step} is not positive
         */
        public Slice {
            if (step <= 0) throw new IllegalArgumentException("step must be greater than zero");
        }
    }

    /** {@code None}: a new dimension of size 1; use {@link #NEW_AXIS}. */
    record NewAxis() implements Index {}

    /** {@code ...}: as many full slices as the other entries leave; use {@link #ELLIPSIS}. */
    record Ellipsis() implements Index {}

    /**
     * A tensor subscript ({@code x[idx]}), made by {@link #of(Tensor)}.
     *
     * @param tensor integer indices (advanced indexing) or a bool mask
     */
    record TensorIndex(Tensor tensor) implements Index {}
}
