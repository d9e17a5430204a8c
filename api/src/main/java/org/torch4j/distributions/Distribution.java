package org.torch4j.distributions;

import java.util.List;
import org.torch4j.Generator;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * A probability distribution ({@code torch.distributions.Distribution}): a batch of independent
 * distributions of shape {@link #batchShape()}, each over events of shape {@link #eventShape()}.
 *
 * <p>Sampling draws from a {@link Generator} (the default one when none or null is given) and returns
 * {@code sampleShape + batchShape + eventShape}; {@link #sample} is detached from autograd,
 * {@link #rsample} (where {@link #hasRsample()}) is differentiable in the parameters.
 *
 * <p>With argument validation on (the default, see {@link #setDefaultValidateArgs}), parameters
 * outside their constraints fail at construction and values outside {@link #support()} fail in
 * {@link #logProb} and {@link #cdf}, with PyTorch's messages.
 */
public abstract class Distribution {
    private static volatile boolean defaultValidateArgs = true;

    private final long[] batchShape;
    private final long[] eventShape;
    private final boolean validateArgs;

    /**
     * A parameter as listed in PyTorch's {@code arg_constraints}.
     *
     * @param name       the parameter's name in messages, e.g. {@code "loc"}
     * @param value      its tensor
     * @param constraint the constraint it must satisfy; null when it is not checked
     */
    protected record Param(String name, Tensor value, Constraint constraint) {}

    /**
     * A distribution with the given batch and event shapes (copied).
     *
     * @param batchShape   the shape of independent, differently parameterised draws
     * @param eventShape   the shape of one draw
     * @param validateArgs whether to validate parameters and values; null takes the default
     *                     ({@link #setDefaultValidateArgs})
     */
    protected Distribution(long[] batchShape, long[] eventShape, Boolean validateArgs) {
        this.batchShape = batchShape.clone();
        this.eventShape = eventShape.clone();
        this.validateArgs = validateArgs == null ? defaultValidateArgs : validateArgs;
    }

    /** Sets whether distributions created without an explicit flag validate ({@code Distribution.set_default_validate_args}). */
    public static void setDefaultValidateArgs(boolean value) {
        defaultValidateArgs = value;
    }

    /** Whether distributions validate by default (initially true, as PyTorch). */
    public static boolean defaultValidateArgs() {
        return defaultValidateArgs;
    }

    /** Whether this distribution validates its parameters and the values given to it. */
    public boolean validateArgs() {
        return validateArgs;
    }

    /** The shape over which parameters are batched. */
    public long[] batchShape() {
        return batchShape.clone();
    }

    /** The shape of a single sample. */
    public long[] eventShape() {
        return eventShape.clone();
    }

    /** Whether {@link #rsample} is implemented. */
    public boolean hasRsample() {
        return false;
    }

    /** A sample of shape {@code sampleShape + batchShape + eventShape}, without gradient, from the default generator. */
    public Tensor sample(long... sampleShape) {
        return sample(sampleShape, null);
    }

    /** A sample drawn from {@code generator} (null: the default generator). */
    public Tensor sample(long[] sampleShape, Generator generator) {
        try (Torch.Mode m = Torch.noGrad()) {
            return rsample(sampleShape, generator);
        }
    }

    /** A reparameterised sample (differentiable in the parameters) from the default generator. */
    public Tensor rsample(long... sampleShape) {
        return rsample(sampleShape, null);
    }

    /** A reparameterised sample drawn from {@code generator} (null: the default generator). */
    public Tensor rsample(long[] sampleShape, Generator generator) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " does not implement rsample");
    }

    /** The log of the probability density or mass at {@code value}, of shape broadcast(value) without the event dims. */
    public abstract Tensor logProb(Tensor value);

    /** The cumulative distribution function at {@code value}. */
    public Tensor cdf(Tensor value) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " does not implement cdf");
    }

    /** The inverse cumulative distribution function at probabilities {@code value}. */
    public Tensor icdf(Tensor value) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " does not implement icdf");
    }

    /** The entropy of each distribution of the batch. */
    public Tensor entropy() {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " does not implement entropy");
    }

    /** The mean. */
    public abstract Tensor mean();

    /** The variance. */
    public abstract Tensor variance();

    /** The most likely value (PyTorch's {@code mode}). */
    public Tensor mode() {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " does not implement mode");
    }

    /** The standard deviation, {@code variance().sqrt()}. */
    public Tensor stddev() {
        return variance().sqrt();
    }

    /** The same distribution with its parameters expanded (as views) to a new batch shape. */
    public abstract Distribution expand(long... batchShape);

    /** The set of values this distribution takes. */
    public abstract Constraint support();

    /** The parameters with their constraints, in PyTorch's {@code arg_constraints} order. */
    protected abstract List<Param> params();

    /** {@code sampleShape + batchShape + eventShape}. */
    protected final long[] extendedShape(long[] sampleShape) {
        return Util.concat(Util.concat(sampleShape, batchShape), eventShape);
    }

    /** Checks each parameter against its constraint, when validating (PyTorch's {@code __init__} checks). */
    protected final void validateParams() {
        if (!validateArgs) return;
        for (Param p : params()) {
            if (p.constraint() == null) continue;
            if (!p.constraint().check(p.value()).all().itemBool()) {
                throw new IllegalArgumentException("Expected parameter " + p.name() + " (Tensor of shape "
                        + Util.tuple(p.value().shape()) + ") of distribution " + this + " to satisfy the constraint "
                        + p.constraint() + ", but found invalid values:\n" + Util.pyFormat(p.value()));
            }
        }
    }

    /** Checks that {@code value} has the event shape, broadcasts with the batch shape and lies in the support. */
    protected final void validateSample(Tensor value) {
        if (!validateArgs) return;
        long[] shape = value.shape();
        int start = shape.length - eventShape.length;
        if (start < 0 || !java.util.Arrays.equals(java.util.Arrays.copyOfRange(shape, start, shape.length), eventShape)) {
            throw new IllegalArgumentException("The right-most size of value must match event_shape: " + Util.size(shape)
                    + " vs " + Util.size(eventShape) + ".");
        }
        long[] expected = Util.concat(batchShape, eventShape);
        for (int i = shape.length - 1, j = expected.length - 1; i >= 0 && j >= 0; i--, j--) {
            if (shape[i] != 1 && expected[j] != 1 && shape[i] != expected[j]) {
                throw new IllegalArgumentException("Value is not broadcastable with batch_shape+event_shape: "
                        + Util.size(shape) + " vs " + Util.size(expected) + ".");
            }
        }
        Constraint support = support();
        if (!support.check(value).all().itemBool()) {
            throw new IllegalArgumentException("Expected value argument (Tensor of shape " + Util.tuple(shape)
                    + ") to be within the support (" + support + ") of the distribution " + this
                    + ", but found invalid values:\n" + Util.pyFormat(value));
        }
    }

    /** PyTorch's repr: the class name and each parameter's value (one element) or size. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(getClass().getSimpleName()).append('(');
        List<Param> ps = params();
        for (int i = 0; i < ps.size(); i++) {
            Tensor v = ps.get(i).value();
            b.append(i > 0 ? ", " : "").append(ps.get(i).name()).append(": ")
                    .append(v.numel() == 1 ? Util.pyFormat(v) : Util.size(v.shape()));
        }
        return b.append(')').toString();
    }
}
