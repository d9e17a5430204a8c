package org.torch4j.vision.ops;

import org.torch4j.DType;
import org.torch4j.Function;
import org.torch4j.FunctionContext;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * Weighted reads of a few pixels per sample, shared by all channels: with fixed pixel indices
 * {@code idx[b, i, p]}, {@link #gather} is {@code out[b, c, p] = sum_i w[b, i, p] * image[b, c, idx[b, i, p]]}.
 * Bilinear sampling is this with the four corners of each sample's cell and their bilinear weights, which
 * stay differentiable (they carry the offsets' gradient).
 *
 * <p>The op is linear in the image and in the weights. Its derivatives are two sibling ops with the same
 * indices: the transpose in the image, a scatter-add ({@code scatter(g, w)}), and the per-sample dot product
 * with the image ({@code dot(g, image)}). The three are each other's derivatives, so the family is closed:
 * each is an autograd {@link Function} whose backward applies the others, differentiable to any order,
 * while every direction runs as one loop over the touched pixels instead of a chain of tensor ops.
 */
final class CornerSampling {
    /** Samples per pass over the channels: their indices and weights stay in the L1 cache. */
    private static final int BLOCK = 256;
    private final int[] idx;
    private final int batches, channels, pixels, corners, samples;

    /**
     * @param idx {@code [B, corners, P]} pixel indices into {@code [0, pixels)}
     * @param channels the image's channels per batch entry
     * @param pixels the image's pixels per channel
     */
    CornerSampling(int[] idx, int batches, int channels, int pixels, int corners, int samples) {
        this.idx = idx;
        this.batches = batches;
        this.channels = channels;
        this.pixels = pixels;
        this.corners = corners;
        this.samples = samples;
    }

    /** {@code [B, C, P]} samples of {@code image} {@code [B, C, pixels]} with weights {@code [B, corners, P]}. */
    Tensor gather(Tensor image, Tensor weights) {
        return new Gather(this).apply1(image, weights);
    }

    private Tensor gatherKernel(Tensor image, Tensor weights) {
        double[] img = image.toDoubleArray(), w = weights.toDoubleArray();
        double[] out = new double[batches * channels * samples];
        for (int b = 0; b < batches; b++) {
            for (int from = 0; from < samples; from += BLOCK) {
                int to = Math.min(samples, from + BLOCK);
                for (int c = 0; c < channels; c++) {
                    int plane = (b * channels + c) * pixels, o = (b * channels + c) * samples;
                    for (int i = 0; i < corners; i++) {
                        int at = (b * corners + i) * samples;
                        for (int p = from; p < to; p++) out[o + p] += w[at + p] * img[plane + idx[at + p]];
                    }
                }
            }
        }
        return result(out, image, batches, channels, samples);
    }

    private Tensor scatterKernel(Tensor grad, Tensor weights) {
        double[] g = grad.toDoubleArray(), w = weights.toDoubleArray();
        double[] out = new double[batches * channels * pixels];
        for (int b = 0; b < batches; b++) {
            for (int from = 0; from < samples; from += BLOCK) {
                int to = Math.min(samples, from + BLOCK);
                for (int c = 0; c < channels; c++) {
                    int plane = (b * channels + c) * pixels, o = (b * channels + c) * samples;
                    for (int i = 0; i < corners; i++) {
                        int at = (b * corners + i) * samples;
                        for (int p = from; p < to; p++) out[plane + idx[at + p]] += w[at + p] * g[o + p];
                    }
                }
            }
        }
        return result(out, grad, batches, channels, pixels);
    }

    private Tensor dotKernel(Tensor grad, Tensor image) {
        double[] g = grad.toDoubleArray(), img = image.toDoubleArray();
        double[] out = new double[batches * corners * samples];
        for (int b = 0; b < batches; b++) {
            for (int from = 0; from < samples; from += BLOCK) {
                int to = Math.min(samples, from + BLOCK);
                for (int c = 0; c < channels; c++) {
                    int plane = (b * channels + c) * pixels, o = (b * channels + c) * samples;
                    for (int i = 0; i < corners; i++) {
                        int at = (b * corners + i) * samples;
                        for (int p = from; p < to; p++) out[at + p] += g[o + p] * img[plane + idx[at + p]];
                    }
                }
            }
        }
        return result(out, grad, batches, corners, samples);
    }

    /** The sums, accumulated in double, in the dtype and on the device of {@code like} (the loops run on the host). */
    private static Tensor result(double[] out, Tensor like, long... shape) {
        if (like.dtype() != DType.FLOAT32) return Torch.tensor(out, shape).to(like);
        float[] f = new float[out.length];
        for (int i = 0; i < f.length; i++) f[i] = (float) out[i];
        return Torch.tensor(f, shape).to(like.device());
    }

    /** (image, weights) to samples; derivatives: {@link Scatter} in the image, {@link Dot} in the weights. */
    private static final class Gather extends Function {
        private final CornerSampling s;

        Gather(CornerSampling s) {
            this.s = s;
        }

        @Override
        protected Tensor[] forward(FunctionContext ctx, Tensor... in) {
            ctx.saveForBackward(in[0], in[1]);
            return new Tensor[] {s.gatherKernel(in[0], in[1])};
        }

        @Override
        protected Tensor[] backward(FunctionContext ctx, Tensor... grad) {
            Tensor[] saved = ctx.savedTensors();
            return new Tensor[] {ctx.needsInputGrad(0) ? new Scatter(s).apply1(grad[0], saved[1]) : null,
                    ctx.needsInputGrad(1) ? new Dot(s).apply1(grad[0], saved[0]) : null};
        }

        @Override
        protected String name() {
            return "DeformConv2dBackward";
        }
    }

    /** (sample gradients, weights) to image gradients, the transpose of {@link Gather}. */
    private static final class Scatter extends Function {
        private final CornerSampling s;

        Scatter(CornerSampling s) {
            this.s = s;
        }

        @Override
        protected Tensor[] forward(FunctionContext ctx, Tensor... in) {
            ctx.saveForBackward(in[0], in[1]);
            return new Tensor[] {s.scatterKernel(in[0], in[1])};
        }

        @Override
        protected Tensor[] backward(FunctionContext ctx, Tensor... grad) {
            Tensor[] saved = ctx.savedTensors();
            return new Tensor[] {ctx.needsInputGrad(0) ? new Gather(s).apply1(grad[0], saved[1]) : null,
                    ctx.needsInputGrad(1) ? new Dot(s).apply1(saved[0], grad[0]) : null};
        }
    }

    /** (sample gradients, image) to weight gradients. */
    private static final class Dot extends Function {
        private final CornerSampling s;

        Dot(CornerSampling s) {
            this.s = s;
        }

        @Override
        protected Tensor[] forward(FunctionContext ctx, Tensor... in) {
            ctx.saveForBackward(in[0], in[1]);
            return new Tensor[] {s.dotKernel(in[0], in[1])};
        }

        @Override
        protected Tensor[] backward(FunctionContext ctx, Tensor... grad) {
            Tensor[] saved = ctx.savedTensors();
            return new Tensor[] {ctx.needsInputGrad(0) ? new Gather(s).apply1(saved[1], grad[0]) : null,
                    ctx.needsInputGrad(1) ? new Scatter(s).apply1(saved[0], grad[0]) : null};
        }
    }
}
