package org.torch4j.distributions;

import java.util.List;
import org.torch4j.Generator;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * The logit of a {@link RelaxedBernoulli} (Concrete / Gumbel-softmax relaxation of a Bernoulli) with
 * {@code temperature} and {@code probs} or {@code logits} ({@code torch.distributions.LogitRelaxedBernoulli}),
 * on the real line. Samples are {@code (logit(u) + logit(p)) / temperature} for uniform {@code u},
 * PyTorch's draws for the same seed (up to the last bit of {@code log}).
 */
public final class LogitRelaxedBernoulli extends Distribution {
    private final Tensor temperature;
    private final Tensor probs;
    private final Tensor logits;
    private final boolean fromProbs;

    /**
     * Exactly one of {@code probs} and {@code logits} must be given, the other null; {@code temperature}
     * (not validated, as in PyTorch) broadcasts with them. {@code validateArgs} as PyTorch's
     * {@code validate_args} (null: the default).
     */
    public LogitRelaxedBernoulli(Tensor temperature, Tensor probs, Tensor logits, Boolean validateArgs) {
        super(Bernoulli.given(probs, logits).shape(), new long[0], validateArgs);
        this.temperature = temperature;
        this.fromProbs = probs != null;
        this.probs = fromProbs ? probs : Util.logitsToProbs(logits, true);
        this.logits = fromProbs ? Util.probsToLogits(probs, true) : logits;
        validateParams();
    }

    /** The relaxation temperature. */
    public Tensor temperature() {
        return temperature;
    }

    /** The probabilities of the Bernoulli relaxed. */
    public Tensor probs() {
        return probs;
    }

    /** Their log-odds. */
    public Tensor logits() {
        return logits;
    }

    @Override
    protected List<Param> params() {
        return List.of(fromProbs ? new Param("probs", probs, Constraint.UNIT_INTERVAL) : new Param("logits", logits, Constraint.REAL));
    }

    @Override
    public Constraint support() {
        return Constraint.REAL;
    }

    @Override
    public boolean hasRsample() {
        return true;
    }

    @Override
    public Tensor rsample(long[] sampleShape, Generator generator) {
        long[] shape = extendedShape(sampleShape);
        Tensor p = Util.clampProbs(probs.expand(shape));
        Tensor u = Util.clampProbs(p.newZeros(shape).uniform_(0, 1, generator));
        return u.log().sub(u.neg().log1p()).add(p.log()).sub(p.neg().log1p()).div(temperature);
    }

    @Override
    public Tensor logProb(Tensor value) {
        validateSample(value);
        Tensor[] lv = Util.broadcastAll(logits, value);
        Tensor diff = lv[0].sub(lv[1].mul(temperature));
        return temperature.log().add(diff).sub(diff.exp().log1p().mul(2.0));
    }

    /** No closed form: PyTorch's NotImplementedError. */
    @Override
    public Tensor mean() {
        throw new UnsupportedOperationException("LogitRelaxedBernoulli has no mean");
    }

    /** No closed form: PyTorch's NotImplementedError. */
    @Override
    public Tensor variance() {
        throw new UnsupportedOperationException("LogitRelaxedBernoulli has no variance");
    }

    @Override
    public LogitRelaxedBernoulli expand(long... batchShape) {
        return fromProbs ? new LogitRelaxedBernoulli(temperature, probs.expand(batchShape), null, validateArgs())
                : new LogitRelaxedBernoulli(temperature, null, logits.expand(batchShape), validateArgs());
    }
}
