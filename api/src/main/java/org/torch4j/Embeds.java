package org.torch4j;

import java.util.Arrays;
import java.util.function.UnaryOperator;

/**
 * The *_scatter ops (select_scatter, slice_scatter, diagonal_scatter): a copy of the input with a
 * source written into one of its views. Written as {@code where(region mask, source placed in zeros,
 * input)}, so the input's gradient is zero in the region and the source's is the region of the gradient.
 */
final class Embeds {
    private Embeds() {}

    /** {@code t} with {@code src} (cast to t's dtype) written into {@code region(t)}; src must have the region's shape. */
    static Tensor embed(Tensor t, Tensor src, UnaryOperator<Tensor> region) {
        long[] slice = region.apply(t.detach()).shape();
        if (!Arrays.equals(slice, src.shape())) {
            throw new IllegalArgumentException("expected src to have a size equal to the slice of self. src size = "
                    + Shapes.str(src.shape()) + ", slice size = " + Shapes.str(slice));
        }
        Tensor mask;
        try (Torch.Mode m = GradMode.set(false, GradMode.isInference())) {
            mask = Torch.zeros(t.shape(), DType.BOOL, t.device());
            region.apply(mask).fill_(1L);
        }
        return Pointwise.where(mask, place(src.to(t), t.shape(), region), t);
    }

    /** zeros of {@code shape} with {@code src} in {@code region}; the differentiable path only when src needs it. */
    static Tensor place(Tensor src, long[] shape, UnaryOperator<Tensor> region) {
        if (Autograd.needed(src)) return Views.scatterRegion(src, shape, region);
        try (Torch.Mode m = GradMode.set(false, GradMode.isInference())) {
            return Views.scatterRegion(src, shape, region);
        }
    }

    /** torch.select_scatter: {@code src} written at {@code index} along {@code dim}. */
    static Tensor selectScatter(Tensor t, Tensor src, int dim, long index) {
        return embed(t, src, z -> z.select(dim, index));
    }

    /** torch.slice_scatter: {@code src} written into the slice start:end:step of {@code dim}. */
    static Tensor sliceScatter(Tensor t, Tensor src, int dim, long start, long end, long step) {
        return embed(t, src, z -> z.slice(dim, start, end, step));
    }
}
