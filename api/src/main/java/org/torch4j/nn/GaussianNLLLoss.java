package org.torch4j.nn;

import org.torch4j.Tensor;

/** The negative log-likelihood of Gaussian targets given a predicted mean and variance ({@code torch.nn.GaussianNLLLoss}). */
public class GaussianNLLLoss extends Module {
    /** Whether the constant {@code 0.5 log(2 pi)} is added. */
    public final boolean full;
    /** The lower clamp of the variance. */
    public final double eps;
    /** How the elementwise losses are reduced. */
    public final Reduction reduction;

    /** Not full, eps 1e-6, mean. */
    public GaussianNLLLoss() {
        this(false, 1e-6, Reduction.MEAN);
    }

    /**
     * {@code 0.5 (log(max(var, eps)) + (input - target)^2 / max(var, eps))}, plus {@code 0.5 log(2 pi)} when
     * {@code full}, reduced ({@link F#gaussianNllLoss}).
     *
     * @param full whether to add the constant term (default false)
     * @param eps the lower clamp of the variance (default 1e-6)
     * @param reduction how to reduce the elementwise losses (default {@code MEAN})
     */
    public GaussianNLLLoss(boolean full, double eps, Reduction reduction) {
        this.full = full;
        this.eps = eps;
        this.reduction = reduction;
    }

    /** The loss of mean {@code input} and variance {@code var} against {@code target}. */
    public Tensor forward(Tensor input, Tensor target, Tensor var) {
        return F.gaussianNllLoss(input, target, var, full, eps, reduction);
    }

    /** {@link #forward(Tensor, Tensor, Tensor)} with the hooks around it; they see (input, target, var). */
    public final Tensor call(Tensor input, Tensor target, Tensor var) {
        return callWithHooks(args -> forward((Tensor) args.get(0), (Tensor) args.get(1), (Tensor) args.get(2)), input, target, var);
    }
}
