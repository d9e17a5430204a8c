package org.torch4j.distributions;

import java.util.List;
import org.torch4j.Generator;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * Student's t-distribution with {@code df} degrees of freedom, location {@code loc} and scale
 * {@code scale} ({@code torch.distributions.StudentT}). Samples are {@code loc + scale * X / sqrt(Z / df)}
 * with {@code X} standard normal and {@code Z ~ Chi2(df)}, drawn in PyTorch's order (so a seeded
 * generator gives PyTorch's numbers, up to the last bit of the gamma sampler's {@code log} and
 * {@code pow}); the gradient in {@code df} goes through {@link Gamma}'s implicit reparameterisation.
 * The mean is NaN for df &lt;= 1, the variance infinite for 1 &lt; df &lt;= 2 and NaN for df &lt;= 1.
 */
public final class StudentT extends Distribution {
    private final Tensor df;
    private final Tensor loc;
    private final Tensor scale;
    private final Chi2 chi2;

    /** The standard t-distribution (loc 0, scale 1). */
    public StudentT(Tensor df) {
        this(df, Torch.zerosLike(df), Torch.onesLike(df), null);
    }

    /** A batch of t-distributions; {@code df}, {@code loc} and {@code scale} broadcast. */
    public StudentT(Tensor df, Tensor loc, Tensor scale) {
        this(df, loc, scale, null);
    }

    /** As {@link #StudentT(Tensor, Tensor, Tensor)}; {@code validateArgs} as PyTorch's {@code validate_args} (null: the default). */
    public StudentT(Tensor df, Tensor loc, Tensor scale, Boolean validateArgs) {
        this(Util.broadcastAll(df, loc, scale), validateArgs);
    }

    private StudentT(Tensor[] p, Boolean validateArgs) {
        this(p[0], p[1], p[2], new Chi2(p[0]), validateArgs);
    }

    /** (PyTorch builds its Chi2 with the default validation whatever this distribution's flag.) */
    private StudentT(Tensor df, Tensor loc, Tensor scale, Chi2 chi2, Boolean validateArgs) {
        super(df.shape(), new long[0], validateArgs);
        this.df = df;
        this.loc = loc;
        this.scale = scale;
        this.chi2 = chi2;
        validateParams();
    }

    /** The degrees of freedom. */
    public Tensor df() {
        return df;
    }

    /** The location. */
    public Tensor loc() {
        return loc;
    }

    /** The scale. */
    public Tensor scale() {
        return scale;
    }

    @Override
    protected List<Param> params() {
        return List.of(new Param("df", df, Constraint.POSITIVE), new Param("loc", loc, Constraint.REAL),
                new Param("scale", scale, Constraint.POSITIVE));
    }

    @Override
    public Constraint support() {
        return Constraint.REAL;
    }

    @Override
    public boolean hasRsample() {
        return true;
    }

    /** loc, NaN where df &lt;= 1. */
    @Override
    public Tensor mean() {
        return loc.where(df.gt(1.0), Double.NaN);
    }

    @Override
    public Tensor mode() {
        return loc;
    }

    /** {@code scale^2 df / (df - 2)} for df &gt; 2, infinite for 1 &lt; df &lt;= 2, NaN for df &lt;= 1. */
    @Override
    public Tensor variance() {
        // computed on df > 2 only (elsewhere on 3), as PyTorch's masked assignment: the discarded values,
        // infinite for a huge scale, would otherwise turn the gradient's zeros there into NaN
        Tensor dfAbove2 = df.where(df.gt(2.0), 3.0);
        Tensor finite = scale.pow(2.0).mul(dfAbove2).div(dfAbove2.sub(2.0));
        return finite.where(df.gt(2.0), Double.POSITIVE_INFINITY).where(df.gt(1.0), Double.NaN);
    }

    @Override
    public Tensor rsample(long[] sampleShape, Generator generator) {
        Tensor x = df.newZeros(extendedShape(sampleShape)).normal_(0, 1, generator);
        Tensor z = chi2.rsample(sampleShape, generator);
        return loc.add(scale.mul(x.mul(z.div(df).rsqrt())));
    }

    @Override
    public Tensor logProb(Tensor value) {
        validateSample(value);
        Tensor y = value.sub(loc).div(scale);
        Tensor z = scale.log().add(df.log().mul(0.5)).add(0.5 * Math.log(Math.PI)).add(df.mul(0.5).lgamma())
                .sub(df.add(1.0).mul(0.5).lgamma());
        return df.add(1.0).mul(-0.5).mul(y.pow(2.0).div(df).log1p()).sub(z);
    }

    @Override
    public Tensor entropy() {
        Tensor half = df.mul(0.5), halfPlus = df.add(1.0).mul(0.5);
        // lgamma(1/2) = log(sqrt(pi))
        Tensor lbeta = half.lgamma().add(0.5 * Math.log(Math.PI)).sub(halfPlus.lgamma());
        return scale.log().add(df.add(1.0).mul(0.5).mul(halfPlus.digamma().sub(half.digamma()))).add(df.log().mul(0.5)).add(lbeta);
    }

    @Override
    public StudentT expand(long... batchShape) {
        return new StudentT(df.expand(batchShape), loc.expand(batchShape), scale.expand(batchShape), chi2.expand(batchShape), validateArgs());
    }
}
