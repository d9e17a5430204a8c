package org.torch4j.audio.functional;

import org.torch4j.DType;
import org.torch4j.Function;
import org.torch4j.FunctionContext;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * torchaudio's {@code rnnt_loss} kernel (CPU, fused log-softmax): per sequence the log-softmax denominators, the
 * forward (alpha) and backward (beta) variables in log space, the cost {@code -beta(0, 0)}, and the gradient with
 * respect to the logits as torchaudio writes it (including its order of cases where a target equals the blank),
 * clamped to {@code [-clamp, clamp]} when {@code clamp > 0}. Computed in float64 on the host; the costs and the
 * gradient take the logits' dtype and device. The backward multiplies the saved gradient by each sequence's
 * incoming gradient, as torchaudio's does, so it is not differentiable again.
 */
final class RNNTLossFunction extends Function {
    private final int[] targets, logitLengths, targetLengths;
    private final int blank;
    private final double clamp;

    RNNTLossFunction(Tensor targets, Tensor logitLengths, Tensor targetLengths, int blank, double clamp) {
        this.targets = targets.toIntArray();
        this.logitLengths = logitLengths.toIntArray();
        this.targetLengths = targetLengths.toIntArray();
        this.blank = blank;
        this.clamp = clamp;
    }

    @Override
    protected Tensor[] forward(FunctionContext ctx, Tensor... in) {
        Tensor logits = in[0];
        int batch = (int) logits.size(0), maxT = (int) logits.size(1), maxU = (int) logits.size(2), classes = (int) logits.size(3);
        int maxTargets = maxU - 1;
        double[] x = logits.to(DType.FLOAT64).toDoubleArray();
        double[] costs = new double[batch];
        double[] gradients = new double[x.length];
        for (int b = 0; b < batch; b++) {
            int frames = logitLengths[b], positions = targetLengths[b] + 1;
            int[] labels = new int[positions - 1];
            for (int u = 0; u < labels.length; u++) {
                labels[u] = targets[b * maxTargets + u];
                if (labels[u] < 0 || labels[u] >= classes) {
                    throw new IndexOutOfBoundsException("target " + labels[u] + " of sequence " + b + " is out of bounds for " + classes
                            + " classes");
                }
            }
            int offset = b * maxT * maxU * classes;
            costs[b] = sequence(x, gradients, offset, frames, positions, maxU, classes, labels);
        }
        ctx.put("gradients", Torch.tensor(gradients, logits.shape()).to(logits));
        return new Tensor[] {Torch.tensor(costs, batch).to(logits)};
    }

    /** One sequence's cost; writes its gradient into {@code gradients} (zero past its lengths). */
    private double sequence(double[] x, double[] gradients, int offset, int frames, int positions, int maxU, int classes, int[] labels) {
        if (frames <= 0) return Double.POSITIVE_INFINITY;
        double[][] denominators = new double[frames][positions], blankLp = new double[frames][positions], emitLp = new double[frames][positions];
        for (int t = 0; t < frames; t++) {
            for (int u = 0; u < positions; u++) {
                int base = offset + (t * maxU + u) * classes;
                double max = Double.NEGATIVE_INFINITY, sum = 0;
                for (int d = 0; d < classes; d++) max = Math.max(max, x[base + d]);
                for (int d = 0; d < classes; d++) sum += Math.exp(x[base + d] - max);
                denominators[t][u] = max + Math.log(sum);
                blankLp[t][u] = x[base + blank] - denominators[t][u];
                if (u < positions - 1) emitLp[t][u] = x[base + labels[u]] - denominators[t][u];
            }
        }
        double[][] alpha = new double[frames][positions], beta = new double[frames][positions];
        for (int t = 0; t < frames; t++) {
            for (int u = 0; u < positions; u++) {
                if (t == 0 && u == 0) continue;
                double fromT = t > 0 ? alpha[t - 1][u] + blankLp[t - 1][u] : Double.NEGATIVE_INFINITY;
                double fromU = u > 0 ? alpha[t][u - 1] + emitLp[t][u - 1] : Double.NEGATIVE_INFINITY;
                alpha[t][u] = logaddexp(fromT, fromU);
            }
        }
        for (int t = frames - 1; t >= 0; t--) {
            for (int u = positions - 1; u >= 0; u--) {
                if (t == frames - 1 && u == positions - 1) {
                    beta[t][u] = blankLp[t][u];
                    continue;
                }
                double toT = t < frames - 1 ? beta[t + 1][u] + blankLp[t][u] : Double.NEGATIVE_INFINITY;
                double toU = u < positions - 1 ? beta[t][u + 1] + emitLp[t][u] : Double.NEGATIVE_INFINITY;
                beta[t][u] = logaddexp(toT, toU);
            }
        }
        double cost = -beta[0][0];
        for (int t = 0; t < frames; t++) {
            for (int u = 0; u < positions; u++) {
                int base = offset + (t * maxU + u) * classes;
                double c = alpha[t][u] + cost - denominators[t][u];
                for (int d = 0; d < classes; d++) {
                    double g = x[base + d] + c, grad;
                    if (d == blank && t == frames - 1 && u == positions - 1) {
                        grad = Math.exp(g + beta[t][u]) - Math.exp(g);
                    } else if (t < frames - 1 && d == blank) {
                        grad = Math.exp(g + beta[t][u]) - Math.exp(g + beta[t + 1][u]);
                    } else if (u < positions - 1 && d == labels[u]) {
                        grad = Math.exp(g + beta[t][u]) - Math.exp(g + beta[t][u + 1]);
                    } else {
                        grad = Math.exp(g + beta[t][u]);
                    }
                    if (clamp > 0) grad = Math.max(Math.min(grad, clamp), -clamp);
                    gradients[base + d] = grad;
                }
            }
        }
        return cost;
    }

    private static double logaddexp(double a, double b) {
        if (a == Double.NEGATIVE_INFINITY) return b;
        if (b == Double.NEGATIVE_INFINITY) return a;
        return Math.max(a, b) + Math.log1p(Math.exp(-Math.abs(a - b)));
    }

    @Override
    protected Tensor[] backward(FunctionContext ctx, Tensor... g) {
        Tensor gradients = ctx.get("gradients");
        return new Tensor[] {gradients.mul(g[0].reshape(-1, 1, 1, 1))};
    }
}
