package org.torch4j.quantization;

import org.torch4j.internal.PyFormat;
import org.torch4j.DType;
import org.torch4j.MinMax;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * Records a running histogram of the values and chooses the range that minimises the quantization error
 * ({@code torch.ao.quantization.HistogramObserver}, PyTorch 1.13's algorithm step for step, in its float32
 * arithmetic): each batch's histogram over the combined range is merged with the old one upsampled by
 * {@code upsample_rate}; {@link #calculateQparams()} runs {@code _non_linear_param_search}. As PyTorch 1.13, the
 * histograms are taken over the range with its ends truncated to integers ({@code torch.histc(x, bins,
 * min=int(min_val), max=int(max_val))}). Buffers: {@code eps}, {@code histogram}, {@code min_val}, {@code max_val}.
 */
public class HistogramObserver extends UniformQuantizationObserverBase {
    private final int bins;
    private final int upsampleRate;
    private final int dstNbins;

    /** PyTorch's defaults: 2048 bins, upsample rate 128, quint8, per-tensor affine. */
    public HistogramObserver() {
        this(2048, 128, QDType.QUINT8, QScheme.PER_TENSOR_AFFINE, false, null, null, MinMaxObserver.DEFAULT_EPS);
    }

    /**
     * An observer with PyTorch's arguments.
     *
     * @param bins the number of histogram bins
     * @param upsampleRate the factor by which the old histogram is upsampled when ranges are merged
     * @param dtype quint8, qint8 or qint32
     * @param qscheme per-tensor affine or symmetric
     * @param reduceRange whether to reduce the range by one bit
     * @param quantMin a custom smallest quantized value, or null
     * @param quantMax a custom largest quantized value, or null
     * @param eps the smallest scale
     */
    public HistogramObserver(int bins, int upsampleRate, QDType dtype, QScheme qscheme, boolean reduceRange, Long quantMin, Long quantMax,
                             double eps) {
        super(dtype, MinMaxObserver.requirePerTensor("HistogramObserver", qscheme), reduceRange, quantMin, quantMax, eps);
        this.bins = bins;
        this.upsampleRate = upsampleRate;
        this.dstNbins = 1 << dtype.bits();
        registerBuffer("histogram", Torch.zeros(new long[] {bins}, DType.FLOAT32));
        registerBuffer("min_val", Torch.full(new long[0], Double.POSITIVE_INFINITY));
        registerBuffer("max_val", Torch.full(new long[0], Double.NEGATIVE_INFINITY));
    }

    /** The histogram (float32, {@code bins} counts). */
    public Tensor histogram() {
        return buffer("histogram");
    }

    /** The minimum seen (0-dim float32). */
    public Tensor minVal() {
        return buffer("min_val");
    }

    /** The maximum seen, possibly extended to a whole number of merged bins (0-dim float32). */
    public Tensor maxVal() {
        return buffer("max_val");
    }

    @Override
    public Tensor forward(Tensor xOrig) {
        if (xOrig.numel() == 0) return xOrig;
        try (var g = Torch.noGrad()) {
            Tensor x = xOrig.detach();
            double minV = minVal().item(), maxV = maxVal().item();
            boolean uninitialized = minV == Double.POSITIVE_INFINITY && maxV == Double.NEGATIVE_INFINITY;
            if (uninitialized || minV == maxV) {
                MinMax mm = x.aminmax();
                minVal().copy_(mm.min());
                maxVal().copy_(mm.max());
                histogram().copy_(Torch.histc(x, bins, trunc(mm.min()), trunc(mm.max())));
            } else {
                MinMax mm = x.aminmax();
                Tensor combinedMin = mm.min().minimum(minVal());
                Tensor combinedMax = mm.max().maximum(maxVal());
                // _adjust_min_max
                Tensor histBinWidth = maxVal().sub(minVal()).div((long) bins * upsampleRate);
                Tensor binsWidth = histBinWidth.mul((long) bins);
                int downsampleRate = (int) combinedMax.sub(combinedMin).div(binsWidth).ceil().item();
                Tensor e = binsWidth.mul((long) downsampleRate).sub(combinedMax.sub(combinedMin));
                combinedMax = combinedMax.add(e);
                int startIdx = (int) minVal().sub(combinedMin).div(histBinWidth).round().item();
                Tensor combined = Torch.histc(x, bins, trunc(combinedMin), trunc(combinedMax));
                if (combinedMin.item() == minV && combinedMax.item() == maxV) {
                    combined = combined.add(histogram());
                } else {
                    combined = combineHistograms(combined, histogram(), downsampleRate, startIdx);
                }
                histogram().copy_(combined);
                minVal().copy_(combinedMin);
                maxVal().copy_(combinedMax);
            }
        }
        return xOrig;
    }

    /** Python's {@code int(t)} of a 0-dim tensor: truncation toward zero. */
    private static double trunc(Tensor t) {
        double v = t.item();
        return v < 0 ? Math.ceil(v) : Math.floor(v);
    }

    /** {@code _combine_histograms}: the old histogram upsampled, placed at {@code startIdx}, integrated and downsampled. */
    private Tensor combineHistograms(Tensor origHist, Tensor newHist, int downsampleRate, int startIdx) {
        Tensor upsampled = newHist.repeatInterleave(upsampleRate);
        long n = (long) bins * downsampleRate;
        Tensor withRange = Torch.zeros(new long[] {n}, DType.FLOAT32);
        long len = Math.min((long) bins * upsampleRate, n - startIdx);
        withRange.narrow(0, startIdx, len).copy_(upsampled.narrow(0, 0, len));
        // cumsum(..., dtype=double)[downsample_rate - 1 :: downsample_rate]: the last of each run of downsample_rate
        Tensor integral = withRange.to(DType.FLOAT64).cumsum(0).reshape(bins, downsampleRate).select(1, downsampleRate - 1);
        Tensor shifted = Torch.zeros(new long[] {bins}, DType.FLOAT32);
        shifted.narrow(0, 1, bins - 1).copy_(integral.narrow(0, 0, bins - 1));
        Tensor interpolated = integral.sub(shifted).div((long) upsampleRate);
        return origHist.add(interpolated.to(DType.FLOAT32));
    }

    @Override
    public QParams calculateQparams() {
        if (minVal().item() == Double.POSITIVE_INFINITY && maxVal().item() == Double.NEGATIVE_INFINITY) {
            return new QParams(Torch.tensor(new float[] {1f}, 1), Torch.tensor(new long[] {0}, 1));
        }
        if (histogram().numel() != bins) {
            throw new IllegalStateException("The number of bins in histogram should be equal to the number of bins supplied while making this observer");
        }
        Tensor[] range = nonLinearParamSearch();
        return calculateQparams(range[0], range[1]);
    }

    /** {@code _non_linear_param_search}: shrinks the range bin by bin from the sparser end while the error decreases. */
    private Tensor[] nonLinearParamSearch() {
        Tensor binWidth = maxVal().sub(minVal()).div((long) bins);
        float total = (float) histogram().sum().item();
        float[] cSum = histogram().cumsum(0).toFloatArray();
        double stepsize = 1e-5;
        double alpha = 0.0, beta = 1.0;
        int startBin = 0, endBin = bins - 1;
        double normMin = Double.POSITIVE_INFINITY;
        while (alpha < beta) {
            double nextAlpha = alpha + stepsize;
            double nextBeta = beta - stepsize;
            int l = startBin, r = endBin;
            // cSum[l] < next_alpha * total: a float32 tensor against a Python float, compared in float32
            while (l < endBin && cSum[l] < (float) (nextAlpha * total)) l++;
            while (r > startBin && cSum[r] > (float) (nextBeta * total)) r--;
            int nextStart = startBin, nextEnd = endBin;
            if (l - startBin > endBin - r) {
                nextStart = l;
                alpha = nextAlpha;
            } else {
                nextEnd = r;
                beta = nextBeta;
            }
            if (nextStart == startBin && nextEnd == endBin) continue;
            double norm = quantizationError(nextStart, nextEnd);
            if (norm > normMin) break;
            normMin = norm;
            startBin = nextStart;
            endBin = nextEnd;
        }
        Tensor newMin = minVal().add(binWidth.mul((long) startBin));
        Tensor newMax = minVal().add(binWidth.mul((long) (endBin + 1)));
        return new Tensor[] {newMin, newMax};
    }

    /** {@code _compute_quantization_error}: the L2 error of quantizing the histogram onto {@code dst_nbins} bins over the range. */
    private double quantizationError(int nextStartBin, int nextEndBin) {
        double binWidth = (maxVal().item() - minVal().item()) / bins;
        double dstBinWidth = binWidth * (nextEndBin - nextStartBin + 1) / dstNbins;
        if (dstBinWidth == 0.0) return 0.0;
        Tensor srcBin = Torch.arange(bins);
        Tensor srcBinBegin = srcBin.sub((long) nextStartBin).to(DType.FLOAT32).mul(binWidth);
        Tensor srcBinEnd = srcBinBegin.add(binWidth);
        Tensor dstBinOfBegin = srcBinBegin.div(dstBinWidth, "floor").clamp(0.0, dstNbins - 1.0);
        Tensor dstBinOfBeginCenter = dstBinOfBegin.add(0.5).mul(dstBinWidth);
        Tensor dstBinOfEnd = srcBinEnd.div(dstBinWidth, "floor").clamp(0.0, dstNbins - 1.0);
        Tensor density = histogram().div(binWidth);
        Tensor deltaBegin = srcBinBegin.sub(dstBinOfBeginCenter);
        Tensor norm = norm(deltaBegin, Torch.ones(new long[] {bins}, DType.FLOAT32).mul(dstBinWidth / 2), density);
        norm = norm.add(dstBinOfEnd.sub(dstBinOfBegin).sub(1L).mul(norm(scalar(-dstBinWidth / 2), scalar(dstBinWidth / 2), density)));
        Tensor dstBinOfEndCenter = dstBinOfEnd.mul(dstBinWidth).add(dstBinWidth / 2);
        norm = norm.add(norm(scalar(-dstBinWidth / 2), srcBinEnd.sub(dstBinOfEndCenter), density));
        return norm.sum().item();
    }

    /** {@code torch.tensor(v)}: a 0-dim float32 tensor. */
    private static Tensor scalar(double v) {
        return Torch.full(new long[0], v);
    }

    /** {@code _get_norm}: {@code density * (end^3 - begin^3) / 3}. */
    private static Tensor norm(Tensor deltaBegin, Tensor deltaEnd, Tensor density) {
        Tensor n = deltaEnd.mul(deltaEnd).mul(deltaEnd).sub(deltaBegin.mul(deltaBegin).mul(deltaBegin)).div(3L);
        return density.mul(n);
    }

    @Override
    protected String extraRepr() {
        return "min_val=" + PyFormat.repr((float) minVal().item()) + ", max_val=" + PyFormat.repr((float) maxVal().item());
    }
}
