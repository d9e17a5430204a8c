package org.torch4j.nn;

import org.torch4j.Tensor;

/** The base of the loss modules: a reduction and {@code forward(input, target)}. */
public abstract class Loss extends Module {
    /** How the elementwise losses are reduced to the result. */
    public final Reduction reduction;

    /**
     * A loss with the given reduction.
     *
     * @param reduction how the elementwise losses are reduced
     */
    protected Loss(Reduction reduction) {
        this.reduction = reduction;
    }

    /** The loss of {@code input} against {@code target}. */
    public abstract Tensor forward(Tensor input, Tensor target);

    /** {@code loss(input, target)}: {@link #forward(Tensor, Tensor)} with the hooks around it; they see (input, target). */
    public final Tensor call(Tensor input, Tensor target) {
        return callWithHooks(args -> forward((Tensor) args.get(0), (Tensor) args.get(1)), input, target);
    }

    /** Losses take two inputs: use {@link #forward(Tensor, Tensor)}. */
    @Override
    public Tensor forward(Tensor input) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " takes an input and a target: forward(input, target)");
    }

    @Override
    protected String extraRepr() {
        return "";
    }
}
