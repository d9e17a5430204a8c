package org.torch4j.nn;

import java.util.Arrays;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/** Normalises over the last dims of {@code normalizedShape} ({@code torch.nn.LayerNorm}). */
public class LayerNorm extends Module {
    private final long[] normalizedShape;
    /** The value added to the variance for numerical stability. */
    public final double eps;
    /** The learnable elementwise scale (initialised to 1) and shift (0) of shape {@code normalizedShape}, float32; null without {@code elementwiseAffine}. */
    public final Parameter weight, bias;

    /** With PyTorch's defaults {@code eps = 1e-5, elementwise_affine = true}. */
    public LayerNorm(long... normalizedShape) {
        this(normalizedShape, 1e-5, true);
    }

    /**
     * Normalises {@code (*, normalizedShape)} over its trailing {@code normalizedShape} dims (biased variance), then
     * applies the elementwise affine transform; the output has the input's shape.
     *
     * @param normalizedShape the trailing shape to normalise over
     * @param eps the value added to the variance (default 1e-5)
     * @param elementwiseAffine whether to learn an elementwise scale and shift (default true)
     */
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
