package org.torch4j.nn;

import org.torch4j.Tensor;

/** Alpha dropout of whole channels ({@code torch.nn.FeatureAlphaDropout}); see {@link F#featureAlphaDropout}. */
public class FeatureAlphaDropout extends Module {
    /** The probability of dropping. */
    public final double p;
    /** Whether forward overwrites its input ({@code inplace=True}). */
    public final boolean inplace;

    /** p = 0.5. */
    public FeatureAlphaDropout() {
        this(0.5);
    }

    /**
     * Drops with probability {@code p} in training (an identity in evaluation).
     *
     * @throws IllegalArgumentException for p outside [0, 1]
     */
    public FeatureAlphaDropout(double p) {
        this(p, false);
    }

    /** {@code nn.FeatureAlphaDropout(p, inplace)}: with {@code inplace} the result is written into the input. */
    public FeatureAlphaDropout(double p, boolean inplace) {
        if (p < 0 || p > 1) throw new IllegalArgumentException("dropout probability has to be between 0 and 1, but got " + Py.repr(p));
        this.p = p;
        this.inplace = inplace;
    }

    @Override
    public Tensor forward(Tensor input) {
        return InPlace.apply(inplace, input, x -> F.featureAlphaDropout(x, p, training));
    }

    @Override
    protected String extraRepr() {
        return "p=" + Py.repr(p) + ", inplace=" + (inplace ? "True" : "False");
    }
}
