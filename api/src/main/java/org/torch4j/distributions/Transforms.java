package org.torch4j.distributions;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * PyTorch's constraint registries ({@code torch.distributions.constraint_registry}): {@link #bijectTo} gives a
 * bijection from unconstrained reals onto a constraint's values (for samplers that move in unconstrained space
 * and need the log-Jacobian), {@link #transformTo} a map onto them that need not be bijective (for optimising a
 * constrained parameter). As in PyTorch 1.13, they are looked up by the constraint's kind, so
 * {@link Constraint#POSITIVE} gets the same {@code exp} then shift as any {@code greaterThan} bound.
 *
 * <pre>{@code
 * Transform t = Transforms.transformTo(Constraint.POSITIVE);
 * Tensor scale = t.forward(unconstrained);      // > 0, differentiable in unconstrained
 * }</pre>
 */
public final class Transforms {
    private Transforms() {}

    private static final Map<String, Function<Constraint, Transform>> BIJECT_TO = Map.ofEntries(
            Map.entry("_Real", c -> identity()),
            Map.entry("_IndependentConstraint", c -> independent(c, Transforms::bijectTo)),
            Map.entry("_GreaterThan", c -> shiftedExp(c.args().get(0), 1.0)),
            Map.entry("_GreaterThanEq", c -> shiftedExp(c.args().get(0), 1.0)),
            Map.entry("_LessThan", c -> shiftedExp(c.args().get(0), -1.0)),
            Map.entry("_Interval", Transforms::interval),
            Map.entry("_HalfOpenInterval", Transforms::interval),
            Map.entry("_Simplex", c -> new StickBreakingTransform()),
            Map.entry("_CorrCholesky", c -> new CorrCholeskyTransform()),
            Map.entry("_Cat", c -> cat(c, Transforms::bijectTo)),
            Map.entry("_Stack", c -> stack(c, Transforms::bijectTo)));

    private static final Map<String, Function<Constraint, Transform>> TRANSFORM_TO = Map.ofEntries(
            Map.entry("_Real", c -> identity()),
            Map.entry("_IndependentConstraint", c -> independent(c, Transforms::transformTo)),
            Map.entry("_GreaterThan", c -> shiftedExp(c.args().get(0), 1.0)),
            Map.entry("_GreaterThanEq", c -> shiftedExp(c.args().get(0), 1.0)),
            Map.entry("_LessThan", c -> shiftedExp(c.args().get(0), -1.0)),
            Map.entry("_Interval", Transforms::interval),
            Map.entry("_HalfOpenInterval", Transforms::interval),
            Map.entry("_Simplex", c -> new SoftmaxTransform()),
            Map.entry("_LowerCholesky", c -> new LowerCholeskyTransform()),
            Map.entry("_CorrCholesky", c -> new CorrCholeskyTransform()),
            Map.entry("_Cat", c -> cat(c, Transforms::transformTo)),
            Map.entry("_Stack", c -> stack(c, Transforms::transformTo)));

    /** The identity map ({@code transforms.identity_transform}): a composition of no transforms. */
    public static Transform identity() {
        return new ComposeTransform(List.of());
    }

    /**
     * A bijection from the reals (of the same event dims) onto {@code constraint} ({@code biject_to(constraint)}).
     *
     * @throws UnsupportedOperationException with PyTorch's message for constraints without one (e.g.
     *         {@code Cannot transform _LowerCholesky constraints})
     */
    public static Transform bijectTo(Constraint constraint) {
        return lookup(BIJECT_TO, constraint);
    }

    /**
     * A map from the reals onto {@code constraint}, not necessarily bijective ({@code transform_to(constraint)}).
     *
     * @throws UnsupportedOperationException with PyTorch's message for constraints without one
     */
    public static Transform transformTo(Constraint constraint) {
        return lookup(TRANSFORM_TO, constraint);
    }

    private static Transform lookup(Map<String, Function<Constraint, Transform>> registry, Constraint c) {
        Function<Constraint, Transform> factory = registry.get(c.kind());
        if (factory == null) throw new UnsupportedOperationException("Cannot transform " + c.kind() + " constraints");
        return factory.apply(c);
    }

    /** A bound as a tensor: a number becomes a float64 0-dim tensor, which takes the dtype of the values it meets. */
    private static Tensor bound(Object b) {
        return b instanceof Tensor t ? t : Torch.full(new long[0], ((Number) b).doubleValue(), DType.FLOAT64);
    }

    /** {@code exp} then {@code bound + sign * y}: onto the half line above (sign +1) or below (sign -1) the bound. */
    private static Transform shiftedExp(Object bound, double sign) {
        return new ComposeTransform(List.of(new ExpTransform(), new AffineTransform(bound(bound), bound(sign))));
    }

    /** The sigmoid, scaled onto the interval unless it is the unit interval given by numbers. */
    private static Transform interval(Constraint c) {
        Object lower = c.args().get(0), upper = c.args().get(1);
        if (lower instanceof Number l && l.doubleValue() == 0 && upper instanceof Number u && u.doubleValue() == 1) {
            return new SigmoidTransform();
        }
        Tensor lo = bound(lower);
        return new ComposeTransform(List.of(new SigmoidTransform(), new AffineTransform(lo, bound(upper).sub(lo))));
    }

    private static Transform independent(Constraint c, Function<Constraint, Transform> registry) {
        return new IndependentTransform(registry.apply((Constraint) c.args().get(0)), (Integer) c.args().get(1));
    }

    @SuppressWarnings("unchecked")
    private static Transform cat(Constraint c, Function<Constraint, Transform> registry) {
        List<Constraint> parts = (List<Constraint>) c.args().get(0);
        return new CatTransform(parts.stream().map(registry).toList(), (Integer) c.args().get(1), (List<Long>) c.args().get(2));
    }

    @SuppressWarnings("unchecked")
    private static Transform stack(Constraint c, Function<Constraint, Transform> registry) {
        List<Constraint> parts = (List<Constraint>) c.args().get(0);
        return new StackTransform(parts.stream().map(registry).toList(), (Integer) c.args().get(1));
    }
}
