package org.torch4j.quantization;

import org.torch4j.Tensor;

/**
 * Records moving averages of each channel's minimum and maximum ({@code
 * torch.ao.quantization.MovingAveragePerChannelMinMaxObserver}), the first batch taken as it is.
 */
public class MovingAveragePerChannelMinMaxObserver extends PerChannelMinMaxObserver {
    private final double averagingConstant;

    /** PyTorch's defaults: averaging constant 0.01, channel axis 0, quint8, per-channel affine. */
    public MovingAveragePerChannelMinMaxObserver() {
        this(0.01, 0, QDType.QUINT8, QScheme.PER_CHANNEL_AFFINE, false, null, null, MinMaxObserver.DEFAULT_EPS);
    }

    /**
     * An observer with PyTorch's arguments.
     *
     * @param averagingConstant the weight of each new batch
     * @param chAxis the channel axis
     * @param dtype quint8, qint8 or qint32
     * @param qscheme per-channel affine, symmetric or affine with float qparams
     * @param reduceRange whether to reduce the range by one bit
     * @param quantMin a custom smallest quantized value, or null
     * @param quantMax a custom largest quantized value, or null
     * @param eps the smallest scale
     */
    public MovingAveragePerChannelMinMaxObserver(double averagingConstant, int chAxis, QDType dtype, QScheme qscheme, boolean reduceRange,
                                                 Long quantMin, Long quantMax, double eps) {
        super(chAxis, dtype, requirePerChannel("MovingAveragePerChannelMinMaxObserver", qscheme), reduceRange, quantMin, quantMax, eps);
        this.averagingConstant = averagingConstant;
    }

    /** The weight of each new batch. */
    public double averagingConstant() {
        return averagingConstant;
    }

    @Override
    Tensor[] combine(Tensor curMin, Tensor curMax) {
        return new Tensor[] {minVal().add(curMin.sub(minVal()).mul(averagingConstant)),
                maxVal().add(curMax.sub(maxVal()).mul(averagingConstant))};
    }
}
