package org.torch4j.nn;

import org.torch4j.Function;
import org.torch4j.FunctionContext;
import org.torch4j.Tensor;
import org.torch4j.internal.Internals;

/**
 * Stride-1, single-group convolutions (1-d ones as 2-d of height 1) on the backend's direct kernels,
 * where it has them, instead of im2col + GEMM: the forward convolution and the weight gradient are
 * backend kernels; the input gradient is the forward convolution of the output gradient with the
 * weights flipped and transposed, padded by {@code dilation * (kernel - 1) - padding}. Every backward is
 * written with these convolutions (or the im2col composition where the backend declines), so results
 * differentiate to any order. Why: {@code docs/architecture-notes.md}.
 */
final class DirectConvolution {
    private DirectConvolution() {}

    /**
     * conv(x, weight) + bias for batched {@code x} [N, C, spatial(d)], or null when this path does not
     * apply (d other than 1 or 2, padding wider than the dilated kernel, mixed dtypes or devices) or the
     * backend declines.
     */
    static Tensor tryConv(Tensor x, Tensor weight, Tensor bias, long[] padding, long[] dilation) {
        int d = weight.dim() - 2;
        if ((d != 1 && d != 2) || x.dtype() != weight.dtype() || !x.device().equals(weight.device())
                || (bias != null && (bias.dtype() != x.dtype() || !bias.device().equals(x.device())))) {
            return null;
        }
        for (int i = 0; i < d; i++) {
            if (padding[i] > dilation[i] * (weight.size(2 + i) - 1)) return null;
        }
        if (d == 2) return conv2d(x, weight, bias, padding, dilation);
        Tensor y = conv2d(x.unsqueeze(2), weight.unsqueeze(2), bias, new long[] {0, padding[0]}, new long[] {1, dilation[0]});
        return y == null ? null : y.squeeze(2);
    }

    private static Tensor conv2d(Tensor x, Tensor w, Tensor b, long[] padding, long[] dilation) {
        Tensor y = Internals.get().conv2d(x.detach(), w.detach(), b == null ? null : b.detach(), padding, dilation);
        return y == null ? null : new Conv(y, padding, dilation).apply1(x, w, b);
    }

    /** Any stride-1 2-d convolution: the direct kernels where they apply, else the im2col composition. */
    private static Tensor anyConv2d(Tensor x, Tensor w, long[] padding, long[] dilation) {
        return Convolution.conv(x, w, null, new long[] {1, 1}, padding, dilation, 1);
    }

    /** The input gradient of conv2d(x, w) for output gradient gy. */
    private static Tensor inputGrad(Tensor gy, Tensor w, long[] padding, long[] dilation) {
        long[] full = new long[2];
        for (int i = 0; i < 2; i++) full[i] = dilation[i] * (w.size(2 + i) - 1) - padding[i];
        return anyConv2d(gy, w.flip(2, 3).transpose(0, 1), full, dilation);
    }

    /** The weight gradient of conv2d(x, w) for output gradient gy. */
    private static Tensor weightGrad(Tensor gy, Tensor x, long[] weightShape, long[] padding, long[] dilation) {
        Tensor gw = Internals.get().conv2dWeightGrad(gy.detach(), x.detach(), weightShape, padding, dilation);
        if (gw != null) return new WeightGrad(gw, padding, dilation).apply1(gy, x);
        long[] kernel = {weightShape[2], weightShape[3]};
        Tensor cols = Im2Col.apply(x, Windows.of(2, kernel, new long[] {1, 1}, padding, dilation));    // [N, C*k, L]
        return gy.reshape(gy.size(0), gy.size(1), -1).matmul(cols.transpose(1, 2)).sum(0).reshape(weightShape);
    }

    /** y = conv2d(x, w) + b, computed by the backend before the node is recorded. */
    private static final class Conv extends Function {
        private final Tensor y;
        private final long[] padding, dilation;

        Conv(Tensor y, long[] padding, long[] dilation) {
            this.y = y;
            this.padding = padding;
            this.dilation = dilation;
        }

        @Override
        protected Tensor[] forward(FunctionContext ctx, Tensor... in) {
            ctx.saveForBackward(in[0], in[1]);
            return new Tensor[] {y};
        }

        @Override
        protected Tensor[] backward(FunctionContext ctx, Tensor... g) {
            Tensor x = ctx.savedTensors()[0], w = ctx.savedTensors()[1], gy = g[0];
            return new Tensor[] {
                ctx.needsInputGrad(0) ? inputGrad(gy, w, padding, dilation) : null,
                ctx.needsInputGrad(1) ? weightGrad(gy, x, w.shape(), padding, dilation) : null,
                ctx.needsInputGrad(2) ? gy.sum(0, 2, 3) : null};
        }

        @Override
        protected String name() {
            return "ConvolutionBackward0";
        }
    }

    /** gw = the weight gradient of conv2d(x, ·) for output gradient gy: bilinear, so both derivatives are convolutions. */
    private static final class WeightGrad extends Function {
        private final Tensor gw;
        private final long[] padding, dilation;

        WeightGrad(Tensor gw, long[] padding, long[] dilation) {
            this.gw = gw;
            this.padding = padding;
            this.dilation = dilation;
        }

        @Override
        protected Tensor[] forward(FunctionContext ctx, Tensor... in) {
            ctx.saveForBackward(in[0], in[1]);
            return new Tensor[] {gw};
        }

        @Override
        protected Tensor[] backward(FunctionContext ctx, Tensor... g) {
            Tensor gy = ctx.savedTensors()[0], x = ctx.savedTensors()[1], ggw = g[0];
            return new Tensor[] {
                ctx.needsInputGrad(0) ? anyConv2d(x, ggw, padding, dilation) : null,
                ctx.needsInputGrad(1) ? inputGrad(gy, ggw, padding, dilation) : null};
        }
    }
}
