package org.torch4j.quantization;

import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * The observers with a uniform quantization range ({@code UniformQuantizationObserverBase}): the scheme, the range
 * {@code [quant_min, quant_max]} (the dtype's, halved by {@code reduce_range}, or a custom one) and {@code eps} (a
 * buffer), and PyTorch's computation of scale and zero point from min and max values.
 */
public abstract class UniformQuantizationObserverBase extends ObserverBase {
    /** The scheme. */
    protected final QScheme qscheme;
    /** Whether the range is reduced by one bit. */
    protected final boolean reduceRange;
    /** Whether {@code quant_min} and {@code quant_max} were given. */
    protected final boolean hasCustomizedQrange;
    /** The smallest quantized value. */
    protected final long quantMin;
    /** The largest quantized value. */
    protected final long quantMax;
    /** The smallest scale, as a float32 buffer of shape [1]. */
    protected final Tensor eps;

    /**
     * Checks and records the settings, as PyTorch's constructor.
     *
     * @param dtype quint8, qint8 or qint32
     * @param qscheme the scheme
     * @param reduceRange whether to reduce the range by one bit (PyTorch deprecates it for quant_min/quant_max)
     * @param quantMin a custom smallest quantized value, or null (then {@code quantMax} must be null too)
     * @param quantMax a custom largest quantized value, or null
     * @param eps the smallest scale (PyTorch's default: {@code torch.finfo(torch.float32).eps})
     */
    protected UniformQuantizationObserverBase(QDType dtype, QScheme qscheme, boolean reduceRange, Long quantMin, Long quantMax, double eps) {
        super(dtype);
        this.qscheme = qscheme;
        this.reduceRange = reduceRange;
        this.eps = registerBuffer("eps", Torch.tensor(new float[] {(float) eps}, 1));
        this.hasCustomizedQrange = quantMin != null && quantMax != null;
        if (hasCustomizedQrange) {
            if (!(quantMin <= 0 && 0 <= quantMax)) throw new IllegalArgumentException("Used-specified quantization range must include 0.");
            if (quantMin >= quantMax) {
                throw new IllegalArgumentException("qmin must be strictly less than qmax for user-specified quantization range.");
            }
            long len = quantMax - quantMin + 1;
            if (dtype == QDType.QINT8 && !(0 < len && len <= 256)) {
                throw new IllegalArgumentException("quantization range should be positive and not exceed the maximum bit range (=256).");
            }
            if (dtype == QDType.QINT32 && !(0 < len && len <= (1L << 31))) {
                throw new IllegalArgumentException(
                        "quantization range should be positive and not exceed the maximum bit range (=4294967296).");
            }
            this.quantMin = reduceRange ? Math.floorDiv(quantMin, 2) : quantMin;
            this.quantMax = reduceRange ? Math.floorDiv(quantMax, 2) : quantMax;
        } else {
            this.quantMin = dtype == QDType.QINT8 ? (reduceRange ? -64 : -128) : dtype == QDType.QINT32 ? Integer.MIN_VALUE : 0;
            this.quantMax = dtype == QDType.QINT8 ? (reduceRange ? 63 : 127) : dtype == QDType.QINT32 ? Integer.MAX_VALUE : (reduceRange ? 127 : 255);
        }
    }

    @Override
    public QScheme qscheme() {
        return qscheme;
    }

    @Override
    public long quantMin() {
        return quantMin;
    }

    @Override
    public long quantMax() {
        return quantMax;
    }

    /** PyTorch's refusal of {@code reduce_range} with a symmetric scheme for quint8 (the constructors call it). */
    protected final void checkSymmetricReduceRange() {
        if (qscheme.isSymmetric() && reduceRange && dtype == QDType.QUINT8) {
            throw new UnsupportedOperationException("Cannot reduce range for symmetric quantization for quint8");
        }
    }

    /**
     * Scale and zero point from min and max values, per tensor (0-dim) or per channel (1-d), as PyTorch's
     * {@code _calculate_qparams}: the range is widened to contain 0; symmetric schemes centre it; the scale is at
     * least {@code eps}. Before any observation it gives scale 1.0 and zero point 0.
     *
     * @param minVal the minimum values
     * @param maxVal the maximum values
     * @return the scales and zero points
     */
    protected QParams calculateQparams(Tensor minVal, Tensor maxVal) {
        if (!minMaxValid(minVal, maxVal)) return new QParams(Torch.tensor(new float[] {1f}, 1), Torch.tensor(new long[] {0}, 1));
        Tensor zeros = Torch.zeros(minVal.shape(), minVal.dtype());
        Tensor minNeg = minVal.minimum(zeros);
        Tensor maxPos = maxVal.maximum(zeros);
        double range = (double) (quantMax - quantMin);
        Tensor scale;
        Tensor zeroPoint = Torch.zeros(minNeg.shape(), DType.INT64);
        if (qscheme.isSymmetric()) {
            maxPos = minNeg.neg().maximum(maxPos);
            scale = maxPos.div(range / 2).maximum(eps);
            if (dtype == QDType.QUINT8) {
                zeroPoint = Torch.full(zeroPoint.shape(), hasCustomizedQrange ? Math.floorDiv(quantMin + quantMax, 2) : 128L, DType.INT64, zeroPoint.device());
            }
        } else if (qscheme == QScheme.PER_CHANNEL_AFFINE_FLOAT_QPARAMS) {
            scale = maxVal.sub(minVal).div(range);
            scale = Torch.where(scale.gt(eps), scale, Torch.ones(scale.shape(), scale.dtype()));
            zeroPoint = minVal.mul(-1L).div(scale);
        } else {
            scale = maxPos.sub(minNeg).div(range).maximum(eps);
            zeroPoint = minNeg.div(scale).round().to(DType.INT32).neg().add(quantMin).clamp((double) quantMin, (double) quantMax).to(DType.INT32);
        }
        if (scale.dim() == 0) scale = scale.reshape(1);
        if (zeroPoint.dim() == 0) zeroPoint = zeroPoint.reshape(1);
        return new QParams(scale, zeroPoint);
    }

    /** PyTorch's {@code check_min_max_valid}: false before any observation, an error when min exceeds max. */
    private static boolean minMaxValid(Tensor minVal, Tensor maxVal) {
        if (minVal.numel() == 0 || maxVal.numel() == 0) return false;
        if (minVal.dim() == 0 || maxVal.dim() == 0) {
            if (minVal.item() == Double.POSITIVE_INFINITY && maxVal.item() == Double.NEGATIVE_INFINITY) return false;
        }
        if (!minVal.le(maxVal).all().itemBool()) {
            throw new IllegalStateException("min " + minVal + " should be less than max " + maxVal);
        }
        return true;
    }
}
