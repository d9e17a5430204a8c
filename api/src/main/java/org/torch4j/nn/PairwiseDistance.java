package org.torch4j.nn;

import org.torch4j.Tensor;

/** {@code ||x1 - x2 + eps||_p} over the last dim ({@code torch.nn.PairwiseDistance}). */
public class PairwiseDistance extends Module {
    /** The norm's order and the small constant added to the difference. */
    public final double norm, eps;
    /** Whether the reduced dim is kept. */
    public final boolean keepdim;

    /** p = 2, eps = 1e-6, keepdim false. */
    public PairwiseDistance() {
        this(2.0, 1e-6, false);
    }

    /**
     * {@code ||x1 - x2 + eps||_p} over the last dim of {@code (N, D)} or {@code (D)} inputs (broadcast together),
     * giving {@code (N)} (or {@code (N, 1)} with {@code keepdim}).
     *
     * @param p the norm's order (default 2.0)
     * @param eps the small constant added to the difference (default 1e-6)
     * @param keepdim whether to keep the reduced dim (default false)
     */
    public PairwiseDistance(double p, double eps, boolean keepdim) {
        this.norm = p;
        this.eps = eps;
        this.keepdim = keepdim;
    }

    /** PairwiseDistance takes two inputs: use {@link #forward(Tensor, Tensor)}. */
    @Override
    public Tensor forward(Tensor input) {
        throw new UnsupportedOperationException("PairwiseDistance takes two inputs: forward(x1, x2)");
    }

    /** The distances between {@code x1} and {@code x2}. */
    public Tensor forward(Tensor x1, Tensor x2) {
        return F.pairwiseDistance(x1, x2, norm, eps, keepdim);
    }

    /** {@link #forward(Tensor, Tensor)} with the hooks around it; they see both inputs. */
    public final Tensor call(Tensor x1, Tensor x2) {
        return callWithHooks(args -> forward((Tensor) args.get(0), (Tensor) args.get(1)), x1, x2);
    }
}
