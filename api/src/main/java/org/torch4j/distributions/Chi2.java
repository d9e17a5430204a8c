package org.torch4j.distributions;

import java.util.List;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * The chi-squared distribution with {@code df} degrees of freedom ({@code torch.distributions.Chi2}):
 * exactly {@code Gamma(df / 2, 1 / 2)}, and like PyTorch's a {@link Gamma}, so it samples, and pairs in
 * {@link KL}, as that gamma does.
 */
public final class Chi2 extends Gamma {

    /** A batch of chi-squared distributions. */
    public Chi2(Tensor df) {
        this(df, null);
    }

    /** As {@link #Chi2(Tensor)}; {@code validateArgs} as PyTorch's {@code validate_args} (null: the default). */
    public Chi2(Tensor df, Boolean validateArgs) {
        super(df.mul(0.5), Torch.fullLike(df, 0.5), validateArgs);
    }

    /** A single chi-squared distribution with a default-dtype df. */
    public Chi2(double df) {
        this(Util.scalar(df), null);
    }

    /** The degrees of freedom, {@code 2 * concentration}. */
    public Tensor df() {
        return concentration().mul(2.0);
    }

    @Override
    protected List<Param> params() {
        return List.of(new Param("df", df(), Constraint.POSITIVE));
    }

    /** {@code Chi2()}: PyTorch's repr lists no parameters, df being a property. */
    @Override
    public String toString() {
        return "Chi2()";
    }

    @Override
    public Chi2 expand(long... batchShape) {
        return new Chi2(df().expand(batchShape), validateArgs());
    }
}
