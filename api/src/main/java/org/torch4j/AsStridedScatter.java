package org.torch4j;

import java.util.Arrays;

/**
 * {@code torch.as_strided_scatter(input, src, size, stride, storage_offset)}: a copy of {@code input}
 * with {@code src} written into the strided view {@code as_strided(size, stride, storage_offset)} of
 * that copy. As in PyTorch the copy keeps the input's strides when the input is dense (a transposed
 * input stays transposed), and the view's strides address the copy's memory in that layout.
 *
 * <p>Written as a {@code scatter} into the copy's memory order, so it is differentiable in both
 * {@code input} (the gradient where src was not written) and {@code src} (the gradient read back
 * through the view) and runs on any backend.
 */
final class AsStridedScatter {
    private AsStridedScatter() {}

    static Tensor of(Tensor input, Tensor src, long[] size, long[] stride, long storageOffset) {
        input.checkOpen();
        src.checkOpen();
        checkView(input, size, stride, storageOffset);
        if (!Arrays.equals(src.shape, size)) {
            throw new IllegalArgumentException("expected src to have a size equal to the slice of self. src size = "
                    + Shapes.str(src.shape) + ", slice size = " + Shapes.str(size));
        }
        int[] order = memoryOrder(input);
        Tensor permuted = input.permute(order);
        long n = input.numel();
        // where each view element lives in the copy's memory, which is the permuted input, row-major
        Tensor positions = Torch.arange(n).asStrided(size, stride, storageOffset).reshape(-1).to(input.device());
        Tensor memory = permuted.contiguous().reshape(-1).scatter(0, positions, src.to(input.dtype()).reshape(-1));
        return memory.reshape(permuted.shape).permute(inverse(order));
    }

    /** PyTorch's setStorage check of the view against the copy's n elements. */
    private static void checkView(Tensor input, long[] size, long[] stride, long storageOffset) {
        if (size.length != stride.length) throw new IllegalArgumentException("mismatch in length of strides and shape");
        if (storageOffset < 0) throw new IllegalArgumentException("Tensor: invalid storage offset " + storageOffset);
        long last = storageOffset;
        for (int i = 0; i < size.length; i++) {
            if (size[i] < 0) throw new IllegalArgumentException("Trying to create tensor with negative dimension " + size[i]);
            if (stride[i] < 0) {
                throw new IllegalArgumentException("as_strided: Negative strides are not supported at the moment, got strides: " + Shapes.str(stride));
            }
            if (size[i] > 0) last += (size[i] - 1) * stride[i];
        }
        long item = input.dtype().itemSize();
        if (Shapes.numel(size) > 0 && last >= input.numel()) {
            throw new IllegalArgumentException("setStorage: sizes " + Shapes.str(size) + ", strides " + Shapes.str(stride)
                    + ", storage offset " + storageOffset + ", and itemsize " + item + " requiring a storage size of "
                    + (last + 1) * item + " are out of bounds for storage of size " + input.numel() * item);
        }
    }

    /**
     * The dims from the largest stride to the smallest when the input is dense (clone keeps that layout),
     * else the identity (clone is contiguous).
     */
    private static int[] memoryOrder(Tensor t) {
        Integer[] dims = new Integer[t.dim()];
        for (int i = 0; i < dims.length; i++) dims[i] = i;
        Arrays.sort(dims, (a, b) -> Long.compare(t.strides[b], t.strides[a]));
        long expected = 1;
        boolean dense = true;
        for (int i = dims.length - 1; i >= 0; i--) {
            long s = t.shape[dims[i]];
            if (s == 1) continue;
            if (t.strides[dims[i]] != expected) dense = false;
            expected *= s;
        }
        int[] order = new int[dims.length];
        for (int i = 0; i < order.length; i++) order[i] = dense ? dims[i] : i;
        return order;
    }

    private static int[] inverse(int[] order) {
        int[] inv = new int[order.length];
        for (int i = 0; i < order.length; i++) inv[order[i]] = i;
        return inv;
    }
}
