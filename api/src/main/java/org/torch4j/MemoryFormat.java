package org.torch4j;

/**
 * How a tensor's elements are laid out in memory ({@code torch.memory_format}). The logical shape stays
 * [N, C, H, W] in every format; only the strides differ. {@code x.contiguous(MemoryFormat.CHANNELS_LAST)}
 * stores a 4-d tensor as N, H, W, C; {@link Tensor#clone()}, {@link Tensor#to(DType)} and the {@code *Like}
 * factories ({@link Torch#emptyLike}, {@link Torch#zerosLike}, ...) keep their input's layout by default
 * ({@link #PRESERVE}), as PyTorch's do.
 */
public enum MemoryFormat {
    /** Row-major: the last dim varies fastest ({@code torch.contiguous_format}). */
    CONTIGUOUS,
    /** A 4-d [N, C, H, W] tensor stored as N, H, W, C ({@code torch.channels_last}). */
    CHANNELS_LAST,
    /** A 5-d [N, C, D, H, W] tensor stored as N, D, H, W, C ({@code torch.channels_last_3d}). */
    CHANNELS_LAST_3D,
    /**
     * The input's own layout where its elements are dense and do not overlap (a transposed or channels-last
     * tensor keeps its strides); otherwise channels-last when its strides look channels-last, else contiguous
     * ({@code torch.preserve_format}). Only for ops that derive a new tensor from an input.
     */
    PRESERVE;

    /** PyTorch's name of this format, {@code torch.channels_last} and so on. */
    @Override
    public String toString() {
        return switch (this) {
            case CONTIGUOUS -> "torch.contiguous_format";
            case CHANNELS_LAST -> "torch.channels_last";
            case CHANNELS_LAST_3D -> "torch.channels_last_3d";
            case PRESERVE -> "torch.preserve_format";
        };
    }

    /** The order of the dims from the fastest-varying out, for the channels-last formats (c10's). */
    private int[] innerToOuter() {
        return this == CHANNELS_LAST ? new int[] {1, 3, 2, 0} : new int[] {1, 4, 3, 2, 0};
    }

    private int rank() {
        return this == CHANNELS_LAST ? 4 : 5;
    }

    /**
     * The strides of a new tensor of {@code shape} in this format (c10's {@code get_channels_last_strides}).
     *
     * @throws IllegalArgumentException for a channels-last format on a shape of another rank, or for {@link #PRESERVE}
     */
    long[] strides(long[] shape) {
        switch (this) {
            case CONTIGUOUS:
                return Shapes.contiguousStrides(shape);
            case PRESERVE:
                throw new IllegalArgumentException("preserve memory format is unsupported by the contiguous operator");
            default:
                if (shape.length != rank()) {
                    throw new IllegalArgumentException("required rank " + rank() + " tensor to use " + (this == CHANNELS_LAST ? "channels_last"
                            : "channels_last_3d") + " format");
                }
                long[] strides = new long[shape.length];
                long next = 1;
                for (int d : innerToOuter()) {
                    strides[d] = next;
                    next *= shape[d];
                }
                return strides;
        }
    }

    /**
     * The strides of a new tensor of {@code shape} in this format, derived from an input's {@code strides} for
     * {@link #PRESERVE}: those strides where they are dense and do not overlap, else the format they suggest.
     */
    long[] stridesLike(long[] shape, long[] strides) {
        if (this != PRESERVE) return strides(shape);
        return Shapes.nonOverlappingAndDense(shape, strides) ? strides.clone() : suggest(shape, strides).strides(shape);
    }

    /**
     * Whether {@code strides} lay {@code shape} out densely in this format, size-1 dims ignored
     * ({@code is_contiguous(memory_format=...)}); false for {@link #PRESERVE}.
     */
    boolean matches(long[] shape, long[] strides) {
        if (this == CONTIGUOUS) return Shapes.isContiguous(shape, strides);
        if (this == PRESERVE || shape.length != rank()) return false;
        long expected = 1;
        for (int d : innerToOuter()) {
            if (shape[d] == 1) continue;
            if (strides[d] != expected) return false;
            expected *= shape[d];
        }
        return true;
    }

    /**
     * The format {@code strides} look like (c10's {@code suggest_memory_format}): channels-last when the dims are
     * ordered C, W, H, N from the fastest out (ambiguous cases, as [N, 1, 1, 1], count as contiguous).
     */
    static MemoryFormat suggest(long[] shape, long[] strides) {
        if (CHANNELS_LAST.looksLike(shape, strides)) return CHANNELS_LAST;
        if (CHANNELS_LAST_3D.looksLike(shape, strides)) return CHANNELS_LAST_3D;
        return CONTIGUOUS;
    }

    /** c10's {@code is_channels_last_strides_2d_s4} / {@code _3d_s5}. */
    private boolean looksLike(long[] shape, long[] strides) {
        if (shape.length != rank() || strides[1] == 0) return false;
        long min = 0;
        for (int d : innerToOuter()) {
            if (shape[d] == 0 || strides[d] < min) return false;
            // an N111 tensor (or one sliced to it) has equal strides throughout: fall back to contiguous
            if (d == 0 && min == strides[1]) return false;
            min = strides[d];
            if (shape[d] > 1) min *= shape[d];
        }
        return true;
    }
}
