package org.torch4j.vision.ops;

import org.torch4j.Function;
import org.torch4j.FunctionContext;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * Pooling by separable weights: output {@code [K, C, P, Q]} bin {@code (p, q)} of box {@code r} is
 * {@code sum over (y, x) of wy[r, p](y) * wx[r, q](x) * input[batch[r], c, y, x]}, where each weight
 * row holds the few pixels that box's samples touch. RoI Align is this (bilinear weights factor into
 * a y part and an x part, averaged over a product grid).
 *
 * <p>The op is linear in the input, so its backward is its transpose (a scatter-add of the output
 * gradient with the same weights) and the transpose's backward is the op again: {@link #gather} and
 * the scatter are two autograd {@link Function}s, each the other's derivative, which makes the pooling
 * differentiable to any order while both directions run as plain loops over the touched pixels.
 */
final class SeparableSampling {
    private final int[] batch;
    private final int n, c, h, w, p, q;
    private final int[][] yIdx, xIdx;
    private final double[][] yW, xW;
    /** Each box's columns {@code [lo, hi)}: the only ones its x weights touch. */
    private final int[] lo, hi;

    /**
     * @param batch each box's image
     * @param inputShape {@code [N, C, H, W]}
     * @param ay dense y weights {@code [K, P, H]}
     * @param ax dense x weights {@code [K, Q, W]}
     */
    SeparableSampling(int[] batch, long[] inputShape, double[] ay, int p, double[] ax, int q) {
        this.batch = batch;
        this.n = (int) inputShape[0];
        this.c = (int) inputShape[1];
        this.h = (int) inputShape[2];
        this.w = (int) inputShape[3];
        this.p = p;
        this.q = q;
        yIdx = new int[batch.length * p][];
        yW = new double[batch.length * p][];
        xIdx = new int[batch.length * q][];
        xW = new double[batch.length * q][];
        sparsify(ay, h, yIdx, yW);
        sparsify(ax, w, xIdx, xW);
        lo = new int[batch.length];
        hi = new int[batch.length];
        for (int r = 0; r < batch.length; r++) {
            lo[r] = w;
            for (int qi = 0; qi < q; qi++) {
                for (int x : xIdx[r * q + qi]) {
                    lo[r] = Math.min(lo[r], x);
                    hi[r] = Math.max(hi[r], x + 1);
                }
            }
        }
    }

    /** Keeps the non-zero entries of each row of {@code dense}. */
    private static void sparsify(double[] dense, int len, int[][] idx, double[][] wts) {
        for (int row = 0; row < idx.length; row++) {
            int count = 0;
            for (int i = 0; i < len; i++) if (dense[row * len + i] != 0) count++;
            idx[row] = new int[count];
            wts[row] = new double[count];
            for (int i = 0, j = 0; i < len; i++) {
                if (dense[row * len + i] == 0) continue;
                idx[row][j] = i;
                wts[row][j++] = dense[row * len + i];
            }
        }
    }

    /** The pooled {@code [K, C, P, Q]} output, differentiable with respect to {@code input}. */
    Tensor gather(Tensor input) {
        return new Gather(this).apply1(input);
    }

    private Tensor gatherKernel(Tensor input) {
        double[] x = input.toDouble().contiguous().toDoubleArray();
        int k = batch.length;
        // the output is the big array (K*C*P*Q): written in the input's precision, not converted after
        boolean f32 = input.dtype() == org.torch4j.DType.FLOAT32;
        float[] outF = f32 ? new float[k * c * p * q] : null;
        double[] outD = f32 ? null : new double[k * c * p * q];
        double[] row = new double[w];
        for (int r = 0; r < k; r++) {
            for (int ch = 0; ch < c; ch++) {
                int plane = (batch[r] * c + ch) * h * w, o = (r * c + ch) * p * q;
                for (int pi = 0; pi < p; pi++) {
                    // the bin row's y-weighted sum of input rows, then the x weights of each bin
                    int[] ys = yIdx[r * p + pi];
                    double[] wy = yW[r * p + pi];
                    java.util.Arrays.fill(row, 0);
                    for (int i = 0; i < ys.length; i++) {
                        int base = plane + ys[i] * w;
                        double f = wy[i];
                        for (int xx = lo[r]; xx < hi[r]; xx++) row[xx] += f * x[base + xx];
                    }
                    for (int qi = 0; qi < q; qi++) {
                        int[] xs = xIdx[r * q + qi];
                        double[] wx = xW[r * q + qi];
                        double s = 0;
                        for (int j = 0; j < xs.length; j++) s += wx[j] * row[xs[j]];
                        if (f32) outF[o + pi * q + qi] = (float) s;
                        else outD[o + pi * q + qi] = s;
                    }
                }
            }
        }
        return (f32 ? Torch.tensor(outF, k, c, p, q) : Torch.tensor(outD, k, c, p, q).to(input.dtype())).to(input.device());
    }

    private Tensor scatterKernel(Tensor grad) {
        double[] g = grad.toDouble().contiguous().toDoubleArray();
        double[] out = new double[n * c * h * w];
        double[] row = new double[w];
        for (int r = 0; r < batch.length; r++) {
            for (int ch = 0; ch < c; ch++) {
                int plane = (batch[r] * c + ch) * h * w, o = (r * c + ch) * p * q;
                for (int pi = 0; pi < p; pi++) {
                    java.util.Arrays.fill(row, 0);
                    for (int qi = 0; qi < q; qi++) {
                        int[] xs = xIdx[r * q + qi];
                        double[] wx = xW[r * q + qi];
                        double gv = g[o + pi * q + qi];
                        for (int j = 0; j < xs.length; j++) row[xs[j]] += wx[j] * gv;
                    }
                    int[] ys = yIdx[r * p + pi];
                    double[] wy = yW[r * p + pi];
                    for (int i = 0; i < ys.length; i++) {
                        int base = plane + ys[i] * w;
                        for (int xx = lo[r]; xx < hi[r]; xx++) out[base + xx] += wy[i] * row[xx];
                    }
                }
            }
        }
        return Torch.tensor(out, n, c, h, w).to(grad);
    }

    /** Input to pooled output; its derivative is {@link Scatter}. */
    private static final class Gather extends Function {
        private final SeparableSampling s;

        Gather(SeparableSampling s) {
            this.s = s;
        }

        @Override
        protected Tensor[] forward(FunctionContext ctx, Tensor... in) {
            return new Tensor[] {s.gatherKernel(in[0])};
        }

        @Override
        protected Tensor[] backward(FunctionContext ctx, Tensor... grad) {
            return new Tensor[] {new Scatter(s).apply1(grad[0])};
        }

        @Override
        protected String name() {
            return "RoiAlignBackward";
        }
    }

    /** Output gradient to input gradient (the transpose); its derivative is {@link Gather}. */
    private static final class Scatter extends Function {
        private final SeparableSampling s;

        Scatter(SeparableSampling s) {
            this.s = s;
        }

        @Override
        protected Tensor[] forward(FunctionContext ctx, Tensor... in) {
            return new Tensor[] {s.scatterKernel(in[0])};
        }

        @Override
        protected Tensor[] backward(FunctionContext ctx, Tensor... grad) {
            return new Tensor[] {new Gather(s).apply1(grad[0])};
        }

        @Override
        protected String name() {
            return "RoiAlignBackwardBackward";
        }
    }
}
