package org.torch4j.nn;

import java.util.ArrayList;
import java.util.List;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * Gradient clipping ({@code torch.nn.utils.clip_grad_norm_} and {@code clip_grad_value_}): both
 * change the {@code .grad} of the given parameters in place; parameters without a gradient are
 * skipped.
 *
 * <pre>{@code
 * loss.backward();
 * ClipGrad.clipGradNorm_(model.parameters(), 1.0);
 * opt.step();
 * }</pre>
 */
public final class ClipGrad {
    private ClipGrad() {}

    /** {@link #clipGradNorm_(Iterable, double, double, boolean)} with the 2-norm. */
    public static Tensor clipGradNorm_(Iterable<? extends Tensor> parameters, double maxNorm) {
        return clipGradNorm_(parameters, maxNorm, 2.0, false);
    }

    /** {@link #clipGradNorm_(Iterable, double, double, boolean)} without the non-finite check. */
    public static Tensor clipGradNorm_(Iterable<? extends Tensor> parameters, double maxNorm, double normType) {
        return clipGradNorm_(parameters, maxNorm, normType, false);
    }

    /**
     * Scales the gradients so that their joint {@code normType}-norm (as if concatenated into one
     * vector; {@code Double.POSITIVE_INFINITY} for the max norm) is at most {@code maxNorm}: each is
     * multiplied by {@code min(1, maxNorm / (total + 1e-6))}. Returns the total norm before clipping
     * (a 0-dim tensor; {@code tensor(0.)} when no parameter has a gradient).
     *
     * @throws IllegalStateException with {@code errorIfNonfinite} when the total norm is NaN or infinite
     */
    public static Tensor clipGradNorm_(Iterable<? extends Tensor> parameters, double maxNorm, double normType,
            boolean errorIfNonfinite) {
        List<Tensor> grads = grads(parameters);
        if (grads.isEmpty()) return Torch.scalarTensor(0.0);
        try (var mode = Torch.noGrad()) {
            var device = grads.get(0).device();
            Tensor total;
            List<Tensor> norms = new ArrayList<>(grads.size());
            if (normType == Double.POSITIVE_INFINITY) {
                for (Tensor g : grads) norms.add(g.detach().abs().max().to(device));
                total = norms.size() == 1 ? norms.get(0) : Torch.stack(norms).max();
            } else {
                for (Tensor g : grads) norms.add(g.detach().norm(normType).to(device));
                total = Torch.stack(norms).norm(normType);
            }
            if (errorIfNonfinite) {
                double t = total.item();
                if (Double.isNaN(t) || Double.isInfinite(t)) {
                    throw new IllegalStateException("The total norm of order " + pyFloat(normType) + " for gradients from "
                            + "`parameters` is non-finite, so it cannot be clipped. To disable this error and scale the "
                            + "gradients by the non-finite norm anyway, set `error_if_nonfinite=False`");
                }
            }
            // PyTorch's `max_norm / (total + 1e-6)` is reciprocal-then-multiply
            Tensor coef = total.add(1e-6).reciprocal().mul(maxNorm).clampMax(1.0);
            for (Tensor g : grads) g.detach().mul_(coef.to(g.device()));
            return total;
        }
    }

    /** Clamps every gradient element into {@code [-clipValue, clipValue]} in place. */
    public static void clipGradValue_(Iterable<? extends Tensor> parameters, double clipValue) {
        try (var mode = Torch.noGrad()) {
            for (Tensor g : grads(parameters)) g.detach().clamp_(-clipValue, clipValue);
        }
    }

    private static List<Tensor> grads(Iterable<? extends Tensor> parameters) {
        List<Tensor> out = new ArrayList<>();
        for (Tensor p : parameters) {
            if (p.grad() != null) out.add(p.grad());
        }
        return out;
    }

    private static String pyFloat(double v) {
        if (Double.isInfinite(v)) return v > 0 ? "inf" : "-inf";
        if (v == Math.rint(v) && Math.abs(v) < 1e16) return (long) v + ".0";
        return Double.toString(v);
    }
}
