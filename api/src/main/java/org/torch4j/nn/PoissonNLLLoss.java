package org.torch4j.nn;

import org.torch4j.Tensor;

/** The negative log-likelihood of Poisson-distributed targets ({@code torch.nn.PoissonNLLLoss}). */
public class PoissonNLLLoss extends Loss {
    /** Whether the input is the log of the rate (else the rate), and whether Stirling's term is added. */
    public final boolean logInput, full;
    /** Added to a rate input before its log. */
    public final double eps;

    /** log_input, not full, eps 1e-8, mean. */
    public PoissonNLLLoss() {
        this(true, false, 1e-8, Reduction.MEAN);
    }

    /**
     * {@code exp(input) - target * input} (with {@code logInput}) or {@code input - target * log(input + eps)}, plus
     * Stirling's approximation of {@code log(target!)} where target exceeds 1 when {@code full}, reduced
     * ({@link F#poissonNllLoss}).
     *
     * @param logInput whether the input is the log of the rate (default true)
     * @param full whether to add Stirling's term (default false)
     * @param eps added to a rate input before its log (default 1e-8)
     * @param reduction how to reduce the elementwise losses (default {@code MEAN})
     */
    public PoissonNLLLoss(boolean logInput, boolean full, double eps, Reduction reduction) {
        super(reduction);
        this.logInput = logInput;
        this.full = full;
        this.eps = eps;
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        return F.poissonNllLoss(input, target, logInput, full, eps, reduction);
    }
}
