package org.torch4j.quantization;

import org.torch4j.internal.PyFormat;
import org.torch4j.MinMax;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * Records the running minimum and maximum of the tensors passed through it ({@code
 * torch.ao.quantization.MinMaxObserver}); per-tensor affine or symmetric parameters. Buffers: {@code eps},
 * {@code min_val} (starts at inf), {@code max_val} (starts at -inf).
 */
public class MinMaxObserver extends UniformQuantizationObserverBase {
    /** The float32 machine epsilon, PyTorch's default {@code eps}. */
    public static final double DEFAULT_EPS = Math.ulp(1.0f);

    /** PyTorch's defaults: quint8, per-tensor affine, no reduced range, the dtype's range. */
    public MinMaxObserver() {
        this(QDType.QUINT8, QScheme.PER_TENSOR_AFFINE, false, null, null, DEFAULT_EPS);
    }

    /**
     * An observer with PyTorch's arguments.
     *
     * @param dtype quint8, qint8 or qint32
     * @param qscheme per-tensor affine or symmetric
     * @param reduceRange whether to reduce the range by one bit
     * @param quantMin a custom smallest quantized value, or null
     * @param quantMax a custom largest quantized value, or null
     * @param eps the smallest scale
     */
    public MinMaxObserver(QDType dtype, QScheme qscheme, boolean reduceRange, Long quantMin, Long quantMax, double eps) {
        super(dtype, requirePerTensor("MinMaxObserver", qscheme), reduceRange, quantMin, quantMax, eps);
        registerBuffer("min_val", Torch.full(new long[0], Double.POSITIVE_INFINITY));
        registerBuffer("max_val", Torch.full(new long[0], Double.NEGATIVE_INFINITY));
        checkSymmetricReduceRange();
    }

    /** The qscheme, checked to be per tensor (PyTorch checks it before anything else). */
    static QScheme requirePerTensor(String name, QScheme qscheme) {
        if (qscheme.isPerChannel()) {
            throw new UnsupportedOperationException(name + "'s qscheme only support torch.per_tensor_symmetric and torch.per_tensor_affine.");
        }
        return qscheme;
    }

    /** The running minimum (a 0-dim float32 buffer). */
    public Tensor minVal() {
        return buffer("min_val");
    }

    /** The running maximum (a 0-dim float32 buffer). */
    public Tensor maxVal() {
        return buffer("max_val");
    }

    @Override
    public Tensor forward(Tensor xOrig) {
        if (xOrig.numel() == 0) return xOrig;
        try (var g = Torch.noGrad()) {
            Tensor x = xOrig.detach().to(minVal().dtype());
            MinMax cur = x.aminmax();
            update(cur.min(), cur.max());
        }
        return xOrig;
    }

    /** Folds the batch's min and max into the running values. */
    void update(Tensor curMin, Tensor curMax) {
        Tensor min = curMin.minimum(minVal());
        Tensor max = curMax.maximum(maxVal());
        minVal().copy_(min);
        maxVal().copy_(max);
    }

    @Override
    public QParams calculateQparams() {
        return calculateQparams(minVal(), maxVal());
    }

    /** Resets the running values to inf and -inf ({@code reset_min_max_vals()}). */
    public void resetMinMaxVals() {
        minVal().fill_(Double.POSITIVE_INFINITY);
        maxVal().fill_(Double.NEGATIVE_INFINITY);
    }

    @Override
    protected String extraRepr() {
        return "min_val=" + PyFormat.repr((float) minVal().item()) + ", max_val=" + PyFormat.repr((float) maxVal().item());
    }
}
