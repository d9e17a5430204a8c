package org.torch4j.quantization;

import org.torch4j.DType;
import org.torch4j.MinMax;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * Records the running minimum and maximum of each slice along {@code ch_axis} ({@code
 * torch.ao.quantization.PerChannelMinMaxObserver}); per-channel affine, symmetric or float-qparams parameters.
 * Buffers: {@code eps}, {@code min_val} and {@code max_val} (empty until the first batch, then one per channel).
 */
public class PerChannelMinMaxObserver extends UniformQuantizationObserverBase {
    private final int chAxis;

    /** PyTorch's defaults: channel axis 0, quint8, per-channel affine. */
    public PerChannelMinMaxObserver() {
        this(0, QDType.QUINT8, QScheme.PER_CHANNEL_AFFINE, false, null, null, MinMaxObserver.DEFAULT_EPS);
    }

    /**
     * An observer with PyTorch's arguments.
     *
     * @param chAxis the channel axis
     * @param dtype quint8, qint8 or qint32
     * @param qscheme per-channel affine, symmetric or affine with float qparams
     * @param reduceRange whether to reduce the range by one bit
     * @param quantMin a custom smallest quantized value, or null
     * @param quantMax a custom largest quantized value, or null
     * @param eps the smallest scale
     */
    public PerChannelMinMaxObserver(int chAxis, QDType dtype, QScheme qscheme, boolean reduceRange, Long quantMin, Long quantMax,
                                    double eps) {
        super(dtype, requirePerChannel("PerChannelMinMaxObserver", qscheme), reduceRange, quantMin, quantMax, eps);
        this.chAxis = chAxis;
        registerBuffer("min_val", Torch.empty(new long[] {0}, DType.FLOAT32));
        registerBuffer("max_val", Torch.empty(new long[] {0}, DType.FLOAT32));
        checkSymmetricReduceRange();
    }

    static QScheme requirePerChannel(String name, QScheme qscheme) {
        if (!qscheme.isPerChannel()) {
            throw new UnsupportedOperationException(name + "'s qscheme only support torch.per_channel_symmetric, "
                    + "torch.per_channel_affine and torch.per_channel_affine_float_qparams.");
        }
        return qscheme;
    }

    @Override
    public int chAxis() {
        return chAxis;
    }

    /** The running minima, one per channel (empty before the first batch). */
    public Tensor minVal() {
        return buffer("min_val");
    }

    /** The running maxima, one per channel (empty before the first batch). */
    public Tensor maxVal() {
        return buffer("max_val");
    }

    @Override
    public Tensor forward(Tensor xOrig) {
        if (xOrig.numel() == 0) return xOrig;
        try (var g = Torch.noGrad()) {
            Tensor x = xOrig.detach();
            int axis = chAxis < 0 ? chAxis + x.dim() : chAxis;   // negative from the end, as a Python list index
            if (axis < 0 || axis >= x.dim()) {
                throw new IndexOutOfBoundsException("ch_axis " + chAxis + " is out of range for an input of " + x.dim() + " dimensions");
            }
            int[] axes = new int[x.dim()];
            for (int i = 0; i < axes.length; i++) axes[i] = i;
            axes[axis] = 0;
            axes[0] = axis;
            Tensor y = x.permute(axes).to(minVal().dtype()).flatten(1, -1);
            MinMax cur = y.aminmax(1, false);
            Tensor[] next = minVal().numel() == 0 || maxVal().numel() == 0
                    ? new Tensor[] {cur.min(), cur.max()}
                    : combine(cur.min(), cur.max());
            setBuffer("min_val", next[0].contiguous().clone());
            setBuffer("max_val", next[1].contiguous().clone());
        }
        return xOrig;
    }

    /** The running values after a batch with these per-channel min and max (the running extremes). */
    Tensor[] combine(Tensor curMin, Tensor curMax) {
        return new Tensor[] {curMin.minimum(minVal()), curMax.maximum(maxVal())};
    }

    @Override
    public QParams calculateQparams() {
        return calculateQparams(minVal(), maxVal());
    }

    /** Replaces the running values (one per channel), as the fused observer and fake quantizer updates them. */
    void setMinMax(Tensor min, Tensor max) {
        setBuffer("min_val", min);
        setBuffer("max_val", max);
    }

    /** Empties the running values ({@code reset_min_max_vals()}). */
    public void resetMinMaxVals() {
        setBuffer("min_val", Torch.empty(new long[] {0}, DType.FLOAT32));
        setBuffer("max_val", Torch.empty(new long[] {0}, DType.FLOAT32));
    }

    @Override
    protected String extraRepr() {
        return "min_val=" + minVal() + ", max_val=" + maxVal();
    }
}
