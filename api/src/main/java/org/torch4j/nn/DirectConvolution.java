package org.torch4j.nn;

import org.torch4j.Function;
import org.torch4j.FunctionContext;
import org.torch4j.Tensor;
import org.torch4j.internal.Internals;

/**
 * Single-group 1-d and 2-d convolutions (1-d ones as 2-d of height 1) on the backend's direct kernels,
 * where it has them, instead of im2col + GEMM: the forward convolution and the weight gradient are
 * backend kernels. The input gradient is, with stride 1, the forward convolution of the output
 * gradient with the weights flipped and transposed, padded by {@code dilation * (kernel - 1) - padding};
 * otherwise the backend's input-gradient kernel, or the transposed convolution (GEMM + col2im) where it
 * has none. Every backward is written with these
 * convolutions (or the im2col composition where the backend declines), so results differentiate to any
 * order. Why: {@code docs/architecture-notes.md}.
 */
final class DirectConvolution {
    private DirectConvolution() {}

    /** A 2-d convolution's stride, padding and dilation. */
    private record Geometry(long[] stride, long[] padding, long[] dilation) {}

    /**
     * conv(x, weight) + bias for batched {@code x} [N, C, spatial(d)], or null when this path does not
     * apply (d other than 1 or 2, mixed dtypes or devices) or the backend declines.
     */
    static Tensor tryConv(Tensor x, Tensor weight, Tensor bias, long[] stride, long[] padding, long[] dilation) {
        int d = weight.dim() - 2;
        if ((d != 1 && d != 2) || x.dtype() != weight.dtype() || !x.device().equals(weight.device())
                || (bias != null && (bias.dtype() != x.dtype() || !bias.device().equals(x.device())))) {
            return null;
        }
        if (d == 2) return conv2d(x, weight, bias, new Geometry(stride, padding, dilation));
        Geometry g = new Geometry(new long[] {1, stride[0]}, new long[] {0, padding[0]}, new long[] {1, dilation[0]});
        Tensor y = conv2d(x.unsqueeze(2), weight.unsqueeze(2), bias, g);
        return y == null ? null : y.squeeze(2);
    }

    private static Tensor conv2d(Tensor x, Tensor w, Tensor b, Geometry g) {
        Tensor y = Internals.get().conv2d(x.detach(), w.detach(), b == null ? null : b.detach(), g.stride(), g.padding(), g.dilation());
        return y == null ? null : new Conv(y, g).apply1(x, w, b);
    }

    /** Any 2-d convolution: the direct kernels where they apply, else the im2col composition. */
    private static Tensor anyConv2d(Tensor x, Tensor w, Geometry g) {
        return Convolution.conv(x, w, null, g.stride(), g.padding(), g.dilation(), 1);
    }

    /** The input gradient of conv2d(x, w) (x of spatial size {@code in}) for output gradient gy. */
    private static Tensor inputGrad(Tensor gy, Tensor w, long[] in, Geometry g) {
        long[] full = new long[2], outputPadding = new long[2];
        boolean asConv = true;
        for (int i = 0; i < 2; i++) {
            long span = g.dilation()[i] * (w.size(2 + i) - 1);
            full[i] = span - g.padding()[i];
            asConv &= g.stride()[i] == 1 && full[i] >= 0;
            outputPadding[i] = in[i] - ((gy.size(2 + i) - 1) * g.stride()[i] - 2 * g.padding()[i] + span + 1);
        }
        // transposed, then flipped: flip's copy is the contiguous weight the kernel reads (flipping first took two copies)
        if (asConv) return anyConv2d(gy, w.transpose(0, 1).flip(2, 3), new Geometry(g.stride(), full, g.dilation()));
        long[] shape = {gy.size(0), w.size(1), in[0], in[1]};
        Tensor gx = gy.dtype() == w.dtype() && gy.device().equals(w.device())
                ? Internals.get().conv2dInputGrad(gy.detach(), w.detach(), shape, g.stride(), g.padding(), g.dilation())
                : null;
        if (gx != null) {
            // gx(gy, w): by gy the forward convolution of the incoming gradient, by w the weight gradient
            long[] weightShape = w.shape();
            return new Bilinear("InputGradBackward", gx, (wt, gg) -> anyConv2d(gg, wt, g),
                    (gyt, gg) -> weightGrad(gyt, gg, weightShape, g)).apply1(gy, w);
        }
        return Convolution.convTranspose(gy, w, null, g.stride(), g.padding(), outputPadding, g.dilation(), 1);
    }

    /** The weight gradient of conv2d(x, w) for output gradient gy. */
    private static Tensor weightGrad(Tensor gy, Tensor x, long[] weightShape, Geometry g) {
        Tensor gw = Internals.get().conv2dWeightGrad(gy.detach(), x.detach(), weightShape, g.stride(), g.padding(), g.dilation());
        if (gw != null) {
            // gw(gy, x): by gy the forward convolution of x, by x the input gradient
            long[] in = spatial(x);
            return new Bilinear("WeightGradBackward", gw, (xt, gg) -> anyConv2d(xt, gg, g), (gyt, gg) -> inputGrad(gyt, gg, in, g))
                    .apply1(gy, x);
        }
        long[] kernel = {weightShape[2], weightShape[3]};
        Tensor cols = Im2Col.apply(x, Windows.of(2, kernel, g.stride(), g.padding(), g.dilation()));    // [N, C*k, L]
        return gy.reshape(gy.size(0), gy.size(1), -1).matmul(cols.transpose(1, 2)).sum(0).reshape(weightShape);
    }

    private static long[] spatial(Tensor x) {
        return new long[] {x.size(2), x.size(3)};
    }

    /** y = conv2d(x, w) + b, computed by the backend before the node is recorded. */
    private static final class Conv extends Function {
        private final Tensor y;
        private final Geometry g;

        Conv(Tensor y, Geometry g) {
            this.y = y;
            this.g = g;
        }

        @Override
        protected Tensor[] forward(FunctionContext ctx, Tensor... in) {
            ctx.saveForBackward(in[0], in[1]);
            return new Tensor[] {y};
        }

        @Override
        protected Tensor[] backward(FunctionContext ctx, Tensor... grads) {
            Tensor x = ctx.savedTensors()[0], w = ctx.savedTensors()[1], gy = grads[0];
            return new Tensor[] {
                ctx.needsInputGrad(0) ? inputGrad(gy, w, spatial(x), g) : null,
                ctx.needsInputGrad(1) ? weightGrad(gy, x, w.shape(), g) : null,
                ctx.needsInputGrad(2) ? gy.sum(0, 2, 3) : null};
        }

        @Override
        protected String name() {
            return "ConvolutionBackward0";
        }
    }

    /** A derivative of a bilinear f(a, b) for the incoming gradient: with respect to one input, given the other. */
    private interface Partial {
        Tensor of(Tensor other, Tensor grad);
    }

    /**
     * A convolution gradient the backend computed before its node is recorded (the input gradient from gy and w, or
     * the weight gradient from gy and x): bilinear in its two inputs a and b, so each derivative is a convolution of
     * the other input with the incoming gradient.
     */
    private static final class Bilinear extends Function {
        private final String name;
        private final Tensor result;
        private final Partial byA, byB;

        Bilinear(String name, Tensor result, Partial byA, Partial byB) {
            this.name = name;
            this.result = result;
            this.byA = byA;
            this.byB = byB;
        }

        @Override
        protected Tensor[] forward(FunctionContext ctx, Tensor... in) {
            ctx.saveForBackward(in[0], in[1]);
            return new Tensor[] {result};
        }

        @Override
        protected Tensor[] backward(FunctionContext ctx, Tensor... grads) {
            Tensor a = ctx.savedTensors()[0], b = ctx.savedTensors()[1];
            return new Tensor[] {
                ctx.needsInputGrad(0) ? byA.of(b, grads[0]) : null,
                ctx.needsInputGrad(1) ? byB.of(a, grads[0]) : null};
        }

        @Override
        protected String name() {
            return name;
        }
    }
}
