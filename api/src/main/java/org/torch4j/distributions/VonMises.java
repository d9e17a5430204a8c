package org.torch4j.distributions;

import java.util.List;
import org.torch4j.DType;
import org.torch4j.Generator;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * The von Mises distribution of an angle, with mean direction {@code loc} and {@code concentration} κ
 * ({@code torch.distributions.VonMises}): density {@code exp(κ cos(x - loc)) / (2π I0(κ))}. Angles are any reals,
 * read modulo 2π; samples lie in {@code [-π, π)}. The mean and variance are the circular ones ({@code loc} and
 * {@code 1 - I1(κ)/I0(κ)}), with PyTorch's polynomial approximations of the Bessel functions (accurate to about
 * 1e-7 relative).
 *
 * <p>Sampling is Best and Fisher's rejection sampler as PyTorch runs it: each round draws three uniforms per
 * element (one {@code rand} of shape {@code [3] + shape}) and keeps the first accepted proposal, so a seeded
 * generator gives PyTorch's draws (up to the last bit of cos, acos and log, which could flip a decision at its
 * boundary). There is no rsample, as in PyTorch.
 */
public final class VonMises extends Distribution {
    private static final double[] I0_SMALL = {1.0, 3.5156229, 3.0899424, 1.2067492, 0.2659732, 0.360768e-1, 0.45813e-2};
    private static final double[] I0_LARGE = {0.39894228, 0.1328592e-1, 0.225319e-2, -0.157565e-2, 0.916281e-2,
        -0.2057706e-1, 0.2635537e-1, -0.1647633e-1, 0.392377e-2};
    private static final double[] I1_SMALL = {0.5, 0.87890594, 0.51498869, 0.15084934, 0.2658733e-1, 0.301532e-2, 0.32411e-3};
    private static final double[] I1_LARGE = {0.39894228, -0.3988024e-1, -0.362018e-2, 0.163801e-2, -0.1031555e-1,
        0.2282967e-1, -0.2895312e-1, 0.1787654e-1, -0.420059e-2};

    private final Tensor loc;
    private final Tensor concentration;
    /** The sampler's wrapped-Cauchy envelope parameter {@code r}, from κ. */
    private final Tensor proposalR;

    /** A batch of von Mises distributions; {@code loc} and {@code concentration} broadcast. */
    public VonMises(Tensor loc, Tensor concentration) {
        this(loc, concentration, null);
    }

    /** As {@link #VonMises(Tensor, Tensor)}; {@code validateArgs} as PyTorch's {@code validate_args} (null: the default). */
    public VonMises(Tensor loc, Tensor concentration, Boolean validateArgs) {
        this(Util.broadcastAll(loc, concentration), validateArgs);
    }

    /** A single von Mises distribution with default-dtype parameters. */
    public VonMises(double loc, double concentration) {
        this(Util.scalar(loc), Util.scalar(concentration), null);
    }

    private VonMises(Tensor[] p, Boolean validateArgs) {
        super(p[0].shape(), new long[0], validateArgs);
        this.loc = p[0];
        this.concentration = p[1];
        Tensor k = p[1].detach();
        Tensor tau = k.pow(2.0).mul(4.0).add(1.0).sqrt().add(1.0);
        Tensor rho = tau.sub(tau.mul(2.0).sqrt()).div(k.mul(2.0));
        this.proposalR = rho.pow(2.0).add(1.0).div(rho.mul(2.0));
        validateParams();
    }

    /** The mean direction. */
    public Tensor loc() {
        return loc;
    }

    /** κ, the concentration. */
    public Tensor concentration() {
        return concentration;
    }

    @Override
    protected List<Param> params() {
        return List.of(new Param("loc", loc, Constraint.REAL), new Param("concentration", concentration, Constraint.POSITIVE));
    }

    @Override
    public Constraint support() {
        return Constraint.REAL;
    }

    /** {@code c[0] + y (c[1] + y (c[2] + ...))}. */
    private static Tensor poly(Tensor y, double[] c) {
        Tensor r = y.mul(c[c.length - 1]).add(c[c.length - 2]);
        for (int i = c.length - 3; i >= 0; i--) r = y.mul(r).add(c[i]);
        return r;
    }

    /** {@code log I_order(x)} for x > 0 and order 0 or 1: a polynomial in {@code (x/3.75)²} below 3.75, an asymptotic form above. */
    static Tensor logModifiedBessel(Tensor x, int order) {
        Tensor small = poly(x.div(3.75).pow(2.0), order == 0 ? I0_SMALL : I1_SMALL);
        if (order == 1) small = x.abs().mul(small);
        Tensor large = x.sub(x.log().mul(0.5)).add(poly(x.reciprocal().mul(3.75), order == 0 ? I0_LARGE : I1_LARGE).log());
        return Torch.where(x.lt(3.75), small.log(), large);
    }

    @Override
    public Tensor logProb(Tensor value) {
        validateSample(value);
        return concentration.mul(value.sub(loc).cos()).sub(Math.log(2 * Math.PI)).sub(logModifiedBessel(concentration, 0));
    }

    @Override
    public Tensor sample(long[] sampleShape, Generator generator) {
        try (Torch.Mode m = Torch.noGrad()) {
            long[] shape = extendedShape(sampleShape);
            DType dtype = loc.dtype();
            Tensor x = loc.newZeros(shape);
            Tensor done = Torch.zeros(shape, DType.BOOL, loc.device());
            while (!done.all().itemBool()) {
                Tensor u = loc.newZeros(Util.concat(new long[] {3}, shape)).uniform_(0, 1, generator);
                Tensor u1 = u.select(0, 0), u2 = u.select(0, 1), u3 = u.select(0, 2);
                Tensor z = u1.mul(Math.PI).cos();
                Tensor f = proposalR.mul(z).add(1.0).div(proposalR.add(z));
                Tensor c = concentration.mul(proposalR.sub(f));
                Tensor accept = c.mul(c.rsub(2.0)).sub(u2).gt(0.0).logicalOr(c.div(u2).log().add(1.0).sub(c).ge(0.0));
                x = Torch.where(accept, u3.sub(0.5).sign().mul(f.acos()), x);
                done = done.logicalOr(accept);
            }
            return x.add(Math.PI).add(loc).remainder(2 * Math.PI).sub(Math.PI);
        }
    }

    /** The circular mean, {@code loc}. */
    @Override
    public Tensor mean() {
        return loc;
    }

    @Override
    public Tensor mode() {
        return loc;
    }

    /** The circular variance {@code 1 - I1(κ) / I0(κ)}. */
    @Override
    public Tensor variance() {
        return logModifiedBessel(concentration, 1).sub(logModifiedBessel(concentration, 0)).exp().rsub(1.0);
    }

    @Override
    public VonMises expand(long... batchShape) {
        return new VonMises(new Tensor[] {loc.expand(batchShape), concentration.expand(batchShape)}, validateArgs());
    }
}
