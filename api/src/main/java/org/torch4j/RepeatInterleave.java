package org.torch4j;

/**
 * torch.repeat_interleave: each slice along a dim repeated in place ([a, b] twice is [a, a, b, b]).
 * One count for all slices is an expand and a reshape. Counts per slice are turned into positions
 * on the host (the output size depends on the data, as in Unique) and the input is index_select-ed.
 * Either way the gradient sums the copies.
 */
final class RepeatInterleave {
    private RepeatInterleave() {}

    /** torch.repeat_interleave(repeats): i repeated repeats[i] times, for a 1-d integer tensor. */
    static Tensor positions(Tensor repeats, Long outputSize) {
        if (repeats.dim() != 1) throw new IllegalArgumentException("repeat_interleave only accept 1D vector as repeat");
        if (repeats.dtype() != DType.INT64 && repeats.dtype() != DType.INT32) {
            throw new IllegalArgumentException("\"repeat_interleave_cpu\" not implemented for '" + Printer.cppName(repeats.dtype()) + "'");
        }
        long[] r = repeats.toLongArray();
        long total = 0;
        for (long v : r) {
            if (v < 0) throw new IllegalArgumentException("repeats can not be negative");
            total += v;
        }
        if (outputSize != null && outputSize != total) throw new IllegalArgumentException("allocated size does not match required size");
        long[] out = new long[Math.toIntExact(total)];
        int k = 0;
        for (int i = 0; i < r.length; i++) for (long j = 0; j < r[i]; j++) out[k++] = i;
        return Torch.tensor(out).to(repeats);
    }

    /**
     * Tensor.repeat_interleave with one count for every slice; {@code dim} null repeats the flattened
     * elements. No index is needed: each slice is expanded along a new dim after {@code dim}, then merged.
     */
    static Tensor repeat(Tensor t, long repeats, Integer dim, Long outputSize) {
        if (repeats < 0) throw new IllegalArgumentException("repeats can not be negative");
        Tensor input = dim == null || t.dim() == 0 ? t.reshape(-1) : t;
        int d = dim == null ? 0 : Shapes.wrapDim(dim, t.dim());
        long[] shape = input.shape();
        if (outputSize != null && outputSize != shape[d] * repeats) {
            throw new IllegalArgumentException("allocated size does not match required size");
        }
        long[] expanded = Views.insert(shape, d + 1, repeats);
        shape[d] *= repeats;
        // (a copy even for one repeat, as PyTorch's: a reshape of the expansion would be a view of t)
        return Views.asNew(input.unsqueeze(d + 1).expand(expanded).clone(MemoryFormat.CONTIGUOUS).reshape(shape));
    }

    /** Tensor.repeat_interleave with a count per slice (a 1-d tensor, or one count in a 0-d or 1-element tensor). */
    static Tensor repeat(Tensor t, Tensor repeats, Integer dim, Long outputSize) {
        Tensor input = dim == null ? t.reshape(-1) : t;
        int d = dim == null ? 0 : Shapes.wrapDim(dim, t.dim());
        if (repeats.dim() > 1) throw new IllegalArgumentException("repeats must be 0-dim or 1-dim tensor");
        long size = input.dim() == 0 ? 1 : input.size(d);
        Tensor counts = repeats;
        if (repeats.numel() == 1) counts = repeats.reshape(1).expand(size);
        else if (repeats.numel() != size) throw new IllegalArgumentException("repeats must have the same size as input along dim");
        Tensor index = positions(counts, outputSize).to(DType.INT64);
        return input.dim() == 0 ? input.reshape(1).indexSelect(0, index) : input.indexSelect(d, index);
    }
}
