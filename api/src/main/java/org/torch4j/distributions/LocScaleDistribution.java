package org.torch4j.distributions;

import java.util.List;
import org.torch4j.Tensor;

/**
 * What the location-scale families on the real line share ({@link Normal}, {@link Laplace},
 * {@link Cauchy}): broadcast {@code loc} and {@code scale} parameters, PyTorch's argument constraints
 * for them, real support, reparameterised sampling and {@code loc} as the mode.
 */
abstract class LocScaleDistribution extends Distribution {
    final Tensor loc;
    final Tensor scale;

    /** {@code p} holds loc and scale, already broadcast to each other. */
    LocScaleDistribution(Tensor[] p, Boolean validateArgs) {
        super(p[0].shape(), new long[0], validateArgs);
        this.loc = p[0];
        this.scale = p[1];
        validateParams();
    }

    /** The location. */
    public Tensor loc() {
        return loc;
    }

    /** The scale. */
    public Tensor scale() {
        return scale;
    }

    /** Both parameters expanded to {@code batchShape}, for a subclass's {@code expand}. */
    final Tensor[] expandedParams(long[] batchShape) {
        return new Tensor[] {loc.expand(batchShape), scale.expand(batchShape)};
    }

    @Override
    protected List<Param> params() {
        return List.of(new Param("loc", loc, Constraint.REAL), new Param("scale", scale, Constraint.POSITIVE));
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
    public Tensor mode() {
        return loc;
    }
}
