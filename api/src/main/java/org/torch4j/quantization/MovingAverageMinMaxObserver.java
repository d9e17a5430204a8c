package org.torch4j.quantization;

import org.torch4j.Tensor;

/**
 * Records moving averages of the minimum and maximum ({@code torch.ao.quantization.MovingAverageMinMaxObserver}):
 * {@code min_val += averaging_constant * (batch_min - min_val)}, the first batch taken as it is.
 */
public class MovingAverageMinMaxObserver extends MinMaxObserver {
    private final double averagingConstant;

    /** PyTorch's defaults: averaging constant 0.01, quint8, per-tensor affine. */
    public MovingAverageMinMaxObserver() {
        this(0.01, QDType.QUINT8, QScheme.PER_TENSOR_AFFINE, false, null, null, DEFAULT_EPS);
    }

    /**
     * An observer with PyTorch's arguments.
     *
     * @param averagingConstant the weight of each new batch
     * @param dtype quint8, qint8 or qint32
     * @param qscheme per-tensor affine or symmetric
     * @param reduceRange whether to reduce the range by one bit
     * @param quantMin a custom smallest quantized value, or null
     * @param quantMax a custom largest quantized value, or null
     * @param eps the smallest scale
     */
    public MovingAverageMinMaxObserver(double averagingConstant, QDType dtype, QScheme qscheme, boolean reduceRange, Long quantMin,
                                       Long quantMax, double eps) {
        super(dtype, requirePerTensor("MovingAverageMinMaxObserver", qscheme), reduceRange, quantMin, quantMax, eps);
        this.averagingConstant = averagingConstant;
    }

    /** The weight of each new batch. */
    public double averagingConstant() {
        return averagingConstant;
    }

    @Override
    void update(Tensor curMin, Tensor curMax) {
        Tensor minV = minVal(), maxV = maxVal();
        if (minV.item() == Double.POSITIVE_INFINITY && maxV.item() == Double.NEGATIVE_INFINITY) {
            minV.copy_(curMin);
            maxV.copy_(curMax);
        } else {
            Tensor min = minV.add(curMin.sub(minV).mul(averagingConstant));
            Tensor max = maxV.add(curMax.sub(maxV).mul(averagingConstant));
            minV.copy_(min);
            maxV.copy_(max);
        }
    }
}
