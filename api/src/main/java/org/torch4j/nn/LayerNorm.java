package org.torch4j.nn;

import java.util.Arrays;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/** Normalises over the last dims of {@code normalizedShape} ({@code torch.nn.LayerNorm}). */
public class LayerNorm extends Module {
    private final long[] normalizedShape;
    public final double eps;
    public final Parameter weight, bias;

    public LayerNorm(long... normalizedShape) {
        this(normalizedShape, 1e-5, true);
    }

    public LayerNorm(long[] normalizedShape, double eps, boolean elementwiseAffine) {
        this.normalizedShape = normalizedShape.clone();
        this.eps = eps;
        this.weight = registerParameter("weight", elementwiseAffine ? new Parameter(Torch.ones(normalizedShape, DType.FLOAT32)) : null);
        this.bias = registerParameter("bias", elementwiseAffine ? new Parameter(Torch.zeros(normalizedShape, DType.FLOAT32)) : null);
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.layerNorm(input, normalizedShape, weight, bias, eps);
    }

    @Override
    protected String extraRepr() {
        return Py.tuple(normalizedShape) + ", eps=" + Py.repr(eps) + ", elementwise_affine=" + (weight != null ? "True" : "False");
    }

    long[] normalizedShape() {
        return Arrays.copyOf(normalizedShape, normalizedShape.length);
    }
}
