package org.torch4j.quantization;

import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.nn.Module;

/**
 * What the statically quantized layers with weights share ({@link QuantizedLinear}, {@link QuantizedConv2d}): a
 * qint8 weight packed once for the kernels, a float bias, and the output's scale and zero point.
 */
public abstract class QuantizedWeightedLayer extends Module {
    private final QuantizedTensor weight;
    private final Tensor bias;
    private final double scale;
    private final long zeroPoint;
    /** The weight as {@link QuantizedKernels} read it. */
    final QuantizedKernels.Weight packed;
    /** The bias as float32 values, or null. */
    final float[] biasValues;

    /**
     * For subclasses: a layer over {@code weight} (qint8, {@code dims} dims) and {@code bias} (or null).
     *
     * @param weight the quantized weight
     * @param bias the float bias, or null
     * @param scale the output scale
     * @param zeroPoint the output zero point
     * @param dims the weight's number of dims
     */
    protected QuantizedWeightedLayer(QuantizedTensor weight, Tensor bias, double scale, long zeroPoint, int dims) {
        if (weight.dtype() != QDType.QINT8 || weight.dim() != dims) {
            throw new IllegalArgumentException("Weight dimensions must be " + dims + ", qint8");
        }
        this.weight = weight;
        this.bias = bias == null ? null : bias.detach().to(DType.FLOAT32).contiguous();
        this.scale = scale;
        this.zeroPoint = zeroPoint;
        this.packed = QuantizedKernels.Weight.of(weight);
        this.biasValues = this.bias == null ? null : this.bias.toFloatArray();
    }

    /** Whether a ReLU is fused in. */
    boolean relu() {
        return false;
    }

    /** The quantized weight ({@code weight()}). */
    public QuantizedTensor weight() {
        return weight;
    }

    /** The float bias, or null ({@code bias()}). */
    public Tensor bias() {
        return bias;
    }

    /** The output scale. */
    public double scale() {
        return scale;
    }

    /** The output zero point. */
    public long zeroPoint() {
        return zeroPoint;
    }
}
