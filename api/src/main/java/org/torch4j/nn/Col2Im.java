package org.torch4j.nn;

import org.torch4j.Function;
import org.torch4j.FunctionContext;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.internal.Internals;

/**
 * col2im ({@code F.fold} generalised): [N, C * prod(kernel), prod(output)] columns summed back into
 * [N, C, spatial...], overlapping windows adding up. The adjoint of {@link Im2Col}.
 */
final class Col2Im extends Function {
    private final long[] shape;
    private final Windows w;

    private Col2Im(long[] shape, Windows w) {
        this.shape = shape;
        this.w = w;
    }

    static Tensor apply(Tensor cols, long[] inputShape, Windows w) {
        return new Col2Im(inputShape, w).apply1(cols);
    }

    @Override
    protected Tensor[] forward(FunctionContext ctx, Tensor... in) {
        return new Tensor[] {image(in[0], shape, w)};
    }

    @Override
    protected Tensor[] backward(FunctionContext ctx, Tensor... g) {
        return new Tensor[] {Im2Col.apply(g[0], w)};
    }

    /**
     * The backend's fused kernel where it has one; otherwise adds each kernel position's slice of the
     * columns into a strided region of a padded image.
     */
    static Tensor image(Tensor cols, long[] shape, Windows w) {
        int d = w.dims();
        int lead = shape.length - d;
        long[] out = w.outputSize(shape);
        Tensor fused = Internals.get().col2im(cols.reshape(-1, w.kernelVolume(), cols.size(cols.dim() - 1)), shape,
                w.kernel(), w.stride(), w.padding(), w.dilation(), out);
        if (fused != null) return fused;
        long[] paddedShape = shape.clone();
        for (int i = 0; i < d; i++) paddedShape[lead + i] += 2 * w.padding()[i];
        Tensor img = Torch.zeros(paddedShape, cols.dtype(), cols.device());
        // cols viewed as [N, C, k..., o...]
        long[] cShape = new long[lead + 2 * d];
        System.arraycopy(shape, 0, cShape, 0, lead);
        for (int i = 0; i < d; i++) {
            cShape[lead + i] = w.kernel()[i];
            cShape[lead + d + i] = out[i];
        }
        Tensor c = cols.reshape(cShape);
        long[] kIdx = new long[d];
        long volume = w.kernelVolume();
        for (long k = 0; k < volume; k++) {
            long rem = k;
            for (int i = d - 1; i >= 0; i--) {
                kIdx[i] = rem % w.kernel()[i];
                rem /= w.kernel()[i];
            }
            Tensor slice = c;
            Tensor region = img;
            for (int i = 0; i < d; i++) {
                slice = slice.select(lead, kIdx[i]);
                long start = kIdx[i] * w.dilation()[i];
                region = region.slice(lead + i, start, start + (out[i] - 1) * w.stride()[i] + 1, w.stride()[i]);
            }
            region.add_(slice);
        }
        Tensor r = img;
        for (int i = 0; i < d; i++) {
            if (w.padding()[i] != 0) r = r.narrow(lead + i, w.padding()[i], shape[lead + i]);
        }
        return r.contiguous();
    }
}
