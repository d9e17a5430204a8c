package org.torch4j.distributions;

import java.util.List;
import org.torch4j.Generator;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * The beta distribution on [0, 1] with {@code concentration1} (alpha) and {@code concentration0}
 * (beta) ({@code torch.distributions.Beta}), a two-category {@link Dirichlet} as in PyTorch: samples
 * are the Dirichlet's first component, drawn as PyTorch draws them; {@link #rsample}'s gradients
 * are the Dirichlet's (unbiased, not PyTorch's numbers).
 */
public final class Beta extends Distribution implements ExponentialFamily {
    private final Dirichlet dirichlet;

    /** A batch of betas; the concentrations broadcast. */
    public Beta(Tensor concentration1, Tensor concentration0) {
        this(concentration1, concentration0, null);
    }

    /** As {@link #Beta(Tensor, Tensor)}; {@code validateArgs} as PyTorch's {@code validate_args} (null: the default). */
    public Beta(Tensor concentration1, Tensor concentration0, Boolean validateArgs) {
        this(stacked(concentration1, concentration0, validateArgs), validateArgs);
    }

    /** A single beta; as PyTorch, two numbers give a batch of shape [] in the default dtype. */
    public Beta(double concentration1, double concentration0) {
        this(new Dirichlet(Torch.tensor(new float[] {(float) concentration1, (float) concentration0}), null), null);
    }

    private Beta(Dirichlet dirichlet, Boolean validateArgs) {
        super(dirichlet.batchShape(), new long[0], validateArgs);
        this.dirichlet = dirichlet;
    }

    private static Dirichlet stacked(Tensor c1, Tensor c0, Boolean validateArgs) {
        Tensor[] c = Util.broadcastAll(c1, c0);
        return new Dirichlet(Torch.stack(List.of(c[0], c[1]), -1), validateArgs);
    }

    /** alpha: the weight of 1. */
    public Tensor concentration1() {
        return dirichlet.concentration().select(-1, 0);
    }

    /** beta: the weight of 0. */
    public Tensor concentration0() {
        return dirichlet.concentration().select(-1, 1);
    }

    /** None listed: as in PyTorch, the concentrations live in the inner Dirichlet, which validates them. */
    @Override
    protected List<Param> params() {
        return List.of();
    }

    @Override
    public Constraint support() {
        return Constraint.UNIT_INTERVAL;
    }

    @Override
    public Tensor mean() {
        return concentration1().div(concentration1().add(concentration0()));
    }

    @Override
    public Tensor mode() {
        return dirichlet.mode().select(-1, 0);
    }

    @Override
    public Tensor variance() {
        Tensor total = concentration1().add(concentration0());
        return concentration1().mul(concentration0()).div(total.pow(2.0).mul(total.add(1.0)));
    }

    @Override
    public boolean hasRsample() {
        return true;
    }

    @Override
    public Tensor rsample(long[] sampleShape, Generator generator) {
        return dirichlet.rsample(sampleShape, generator).select(-1, 0);
    }

    @Override
    public Tensor logProb(Tensor value) {
        validateSample(value);
        return dirichlet.logProb(Torch.stack(List.of(value, value.rsub(1.0)), -1));
    }

    @Override
    public Tensor entropy() {
        return dirichlet.entropy();
    }

    @Override
    public Beta expand(long... batchShape) {
        return new Beta(dirichlet.expand(batchShape), validateArgs());
    }
}
