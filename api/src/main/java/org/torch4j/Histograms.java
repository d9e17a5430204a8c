package org.torch4j;

import org.torch4j.internal.CppDouble;
import org.torch4j.trace.Trace;

/**
 * {@code histc}, {@code histogram} and {@code bincount}: counts (or summed weights) per bin, written
 * with {@code scatterAdd} so they run on any backend. Bins are half-open except the last, which also
 * holds the right edge; values outside the range and NaN are left out.
 */
final class Histograms {
    private Histograms() {}

    /** {@code torch.histc}: {@code bins} equal bins over [min, max]; min == max uses the data's range. */
    static Tensor histc(Tensor t, long bins, double min, double max) {
        checkFloating(t, "histogram_cpu");
        checkBins(bins);
        if (min > max) throw new IllegalArgumentException("torch.histc: max must be larger than min");
        double[] range = range(t, min, max, 1, "torch.histc: range of");
        double lo = range[0], hi = range[1];
        Tensor fast = Trace.recording() ? null : HistcPass.counts(t.detach(), bins, lo, hi);
        if (fast != null) return fast;
        Tensor x = t.detach().reshape(-1);
        // PyTorch's histc interpolates the position without comparing against the edges. Its range test
        // (x < min or x > max) lets NaN through, and the CPU's integer conversion puts it in the first bin
        Tensor pos = x.sub(lo).mul(bins).div(hi - lo).toLong().clamp(0.0, (double) (bins - 1));
        Tensor counted = x.lt(lo).logicalOr(x.gt(hi)).logicalNot();
        return count(pos.maskedFill(x.isnan(), 0.0), counted, null, bins, t.dtype());
    }

    /** {@code torch.histogram} with {@code bins} equal bins over {@code range} (null: the data's range). */
    static Histogram histogram(Tensor t, long bins, double[] range, Tensor weight, boolean density) {
        checkFloating(t, "histogramdd");
        checkBins(bins);
        if (range != null && range.length != 2) {
            throw new IllegalArgumentException("torch.histogramdd: for a 1-dimensional histogram range should have 2 elements, but got "
                    + range.length);
        }
        if (range != null && range[0] > range[1]) {
            throw new IllegalArgumentException("torch.histogramdd: min should not exceed max, but got min " + CppDouble.format(range[0])
                    + " max " + CppDouble.format(range[1]) + " for dimension 0");
        }
        // without data or a range PyTorch spans [0, 1]
        double[] r = range == null && t.numel() == 0 ? new double[] {0, 1}
                : range != null && range[0] != range[1] ? range : range(t, range == null ? 0 : range[0], range == null ? 0 : range[1], 0.5,
                        "torch.histogramdd: dimension 0's range");
        return histogram(t, edges(r[0], r[1], bins, t.dtype()).to(t.device()), weight, density);
    }

    /** {@code torch.histogram} with the bin edges given (increasing, at least two). */
    static Histogram histogram(Tensor t, Tensor edges, Tensor weight, boolean density) {
        checkFloating(t, "histogramdd");
        if (edges.dtype() != t.dtype()) {
            throw new IllegalArgumentException("torch.histogramdd: input tensor and bins tensors should have the same dtype, but got input "
                    + "with dtype " + Printer.cppScalar(t.dtype()) + " and bins for dimension 0 with dtype " + Printer.cppScalar(edges.dtype()));
        }
        if (edges.dim() != 1 || edges.numel() < 1) {
            throw new IllegalArgumentException("torch.histogramdd: bins tensor should have one dimension, but got "
                    + edges.dim() + " dimensions in the bins tensor for dimension 0");
        }
        // PyTorch views the input as [numel, 1] and the weight as [numel] (any shape of that many elements)
        if (weight != null && weight.numel() != t.numel()) {
            throw new IllegalArgumentException("torch.histogramdd: if weight tensor is provided it should have the same shape as the input "
                    + "tensor excluding its innermost dimension, but got input with shape " + Shapes.str(new long[] {t.numel(), 1})
                    + " and weight with shape " + Shapes.str(weight.shape()));
        }
        long bins = edges.numel() - 1;
        Tensor x = t.detach().reshape(-1);
        Tensor e = edges.detach();
        double lo = e.get(0).item(), hi = e.get(bins).item();
        // the bin whose left edge is the last one <= x; x equal to the last edge falls in the last bin
        Tensor pos = Searching.searchsorted(e, x, false, true, null).sub(1L).clamp(0.0, (double) Math.max(bins - 1, 0));
        Tensor hist = bins == 0 ? Torch.zeros(new long[] {0}, t.dtype(), t.device())
                : count(pos, inRange(x, lo, hi), weight == null ? null : weight.reshape(-1), bins, t.dtype());
        if (density) {
            Tensor widths = e.narrow(0, 1, bins).sub(e.narrow(0, 0, bins));
            hist = hist.div(hist.sum().mul(widths));
        }
        return new Histogram(hist, edges);
    }

    /** {@code torch.bincount}: how often each non-negative integer occurs, or its summed weights. */
    static Tensor bincount(Tensor t, Tensor weights, long minlength) {
        if (t.isFloatingPoint() || t.isComplex()) {
            throw new IllegalArgumentException("\"bincount_cpu\" not implemented for '" + Printer.cppName(t.dtype()) + "'");
        }
        if (t.dim() != 1 || (t.numel() > 0 && t.min().itemLong() < 0)) {
            throw new IllegalArgumentException("bincount only supports 1-d non-negative integral inputs.");
        }
        if (minlength < 0) throw new IllegalArgumentException("minlength should be >= 0");
        if (weights != null && (weights.dim() != 1 || weights.numel() != t.numel())) {
            throw new IllegalArgumentException("weights should be 1-d and have the same length as input");
        }
        long length = Math.max(minlength, t.numel() == 0 ? 0 : t.max().itemLong() + 1);
        // PyTorch sums float32 weights in float32 and every other weight dtype in float64
        DType type = weights == null ? DType.INT64 : weights.dtype() == DType.FLOAT32 ? DType.FLOAT32 : DType.FLOAT64;
        // counting adds a one per element: one broadcast element, not a filled tensor of n (8 MB written and read for 1e6)
        Tensor src = weights == null ? Torch.ones(new long[] {1}, DType.INT64, t.device()).expand(t.shape()) : weights.to(type);
        return Torch.zeros(new long[] {length}, type, t.device()).scatterAdd_(0, t.toLong(), src);
    }

    /** Sums one (or the weight) per valid element into its bin. */
    private static Tensor count(Tensor pos, Tensor valid, Tensor weight, long bins, DType type) {
        Tensor src = weight == null ? valid.to(type) : weight.where(valid, 0.0);
        return Torch.zeros(new long[] {bins}, type, pos.device()).scatterAdd_(0, pos, src);
    }

    private static Tensor inRange(Tensor x, double lo, double hi) {
        return x.ge(lo).logicalAnd(x.le(hi));
    }

    /**
     * [min, max], or the data's range when they are equal, widened by {@code pad} each side if that is a point;
     * a range that is not finite is refused with PyTorch's message, which starts with {@code what}.
     */
    private static double[] range(Tensor t, double min, double max, double pad, String what) {
        double lo = min, hi = max;
        if (lo == hi && t.numel() > 0) {
            MinMax m = CombinedReductions.aminmax(t.detach(), null, false);
            lo = m.min().item();
            hi = m.max().item();
        }
        if (lo == hi) {
            lo -= pad;
            hi += pad;
        }
        if (!Double.isFinite(lo) || !Double.isFinite(hi)) {
            throw new IllegalArgumentException(what + " [" + CppDouble.format(lo) + ", " + CppDouble.format(hi) + "] is not finite");
        }
        return new double[] {lo, hi};
    }

    /**
     * {@code bins + 1} evenly spaced edges in {@code type}, each computed as PyTorch's linspace computes its
     * scalar elements (from the nearer end, with a fused multiply-add). {@link Torch#linspace} has no dtype
     * argument; for more than 15 float32 (7 float64) edges PyTorch's vectorised lanes may differ by an ulp.
     */
    static Tensor edges(double lo, double hi, long bins, DType type) {
        int n = Math.toIntExact(bins + 1);
        double[] v = new double[n];
        if (type == DType.FLOAT64) {
            double step = (hi - lo) / bins;
            for (int i = 0; i < n; i++) v[i] = i < n / 2 ? Math.fma(step, i, lo) : Math.fma(-step, n - 1 - i, hi);
        } else {
            float s = (float) lo, e = (float) hi, step = (e - s) / bins;
            for (int i = 0; i < n; i++) v[i] = i < n / 2 ? Math.fma(step, (float) i, s) : Math.fma(-step, (float) (n - 1 - i), e);
        }
        return Torch.tensor(v, n).to(type);
    }

    private static void checkFloating(Tensor t, String kernel) {
        if (!t.isFloatingPoint()) {
            throw new IllegalArgumentException("\"" + kernel + "\" not implemented for '" + Printer.cppName(t.dtype()) + "'");
        }
    }

    private static void checkBins(long bins) {
        if (bins <= 0) throw new IllegalArgumentException("torch.histogram(): bins must be > 0, but got " + bins + " for dimension 0");
    }
}
