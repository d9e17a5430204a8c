package org.torch4j.nn;

import org.torch4j.Function;
import org.torch4j.FunctionContext;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.internal.Internals;

/**
 * im2col ({@code F.unfold} generalised to any number of spatial dims): [N, C, spatial...] to
 * [N, C * prod(kernel), prod(output)], the windows as columns. Its derivative is {@link Col2Im}
 * and vice versa, so convolutions built from them differentiate to any order.
 */
final class Im2Col extends Function {
    private final Windows w;

    Im2Col(Windows w) {
        this.w = w;
    }

    static Tensor apply(Tensor input, Windows w) {
        return new Im2Col(w).apply1(input);
    }

    @Override
    protected Tensor[] forward(FunctionContext ctx, Tensor... in) {
        Tensor x = in[0];
        ctx.put("shape", x.shape());
        return new Tensor[] {columns(x, w)};
    }

    @Override
    protected Tensor[] backward(FunctionContext ctx, Tensor... g) {
        long[] shape = ctx.get("shape");
        return new Tensor[] {Col2Im.apply(g[0], shape, w)};
    }

    /**
     * The backend's fused kernel where it has one; otherwise the windows of a zero-padded copy, gathered by
     * a strided view and one copy.
     */
    static Tensor columns(Tensor x, Windows w) {
        int d = w.dims();
        long[] shape = x.shape();
        int lead = shape.length - d;
        long[] out = w.outputSize(shape);
        long n = lead >= 2 ? shape[0] : 1;
        Tensor fused = Internals.get().im2col(x, d, w.kernel(), w.stride(), w.padding(), w.dilation(), out);
        if (fused != null) return fused.reshape(n, -1, fused.size(2));
        Tensor padded = padded(x, w);
        long[] ps = padded.stride();
        // view [lead..., C?] as [N, C, k..., o...]: window offset strides then output position strides
        long[] vShape = new long[lead + 2 * d];
        long[] vStride = new long[lead + 2 * d];
        for (int i = 0; i < lead; i++) {
            vShape[i] = shape[i];
            vStride[i] = ps[i];
        }
        for (int i = 0; i < d; i++) {
            vShape[lead + i] = w.kernel()[i];
            vStride[lead + i] = ps[lead + i] * w.dilation()[i];
            vShape[lead + d + i] = out[i];
            vStride[lead + d + i] = ps[lead + i] * w.stride()[i];
        }
        Tensor windows = padded.asStrided(vShape, vStride, padded.storageOffset()).contiguous();
        long cols = 1, k = 1;
        for (int i = 0; i < d; i++) {
            cols *= out[i];
            k *= w.kernel()[i];
        }
        long c = shape[lead - 1] * k;
        return windows.reshape(n, c, cols);
    }

    /** x with zeros around its spatial dims (x itself when there is no padding). */
    static Tensor padded(Tensor x, Windows w) {
        int d = w.dims();
        long[] pads = new long[2 * d];
        boolean any = false;
        for (int i = 0; i < d; i++) {
            long p = w.padding()[d - 1 - i];
            pads[2 * i] = p;
            pads[2 * i + 1] = p;
            any |= p != 0;
        }
        return any ? Torch.pad(x, pads) : x.contiguous();
    }
}
