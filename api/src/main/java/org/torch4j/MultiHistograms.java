package org.torch4j;

import java.util.ArrayList;
import java.util.List;
import org.torch4j.internal.CppDouble;

/**
 * {@code torch.histogramdd}: the input's last dim holds the N coordinates of each point; points are
 * counted (or their weights summed) in an N-dimensional grid of bins. Bins are half-open except the
 * last of each dim, which also holds its right edge; points outside the range (or NaN) are left out.
 * Not differentiable, as in PyTorch; computed with {@code searchsorted} and {@code scatterAdd}, so it
 * runs on any backend.
 */
final class MultiHistograms {
    private MultiHistograms() {}

    /** Equal bins per dim: {@code bins[d]} of them over {@code range[2d], range[2d+1]} (null: the data's range). */
    static HistogramDd histogramdd(Tensor input, long[] bins, double[] range, Tensor weight, boolean density) {
        Tensor points = points(input, weight);
        int n = (int) points.size(1);
        if (range != null && range.length != 2L * n) {
            throw new IllegalArgumentException("torch.histogramdd: for a " + n + "-dimensional histogram range should have "
                    + 2 * n + " elements, but got " + range.length);
        }
        for (int d = 0; d < n && d < bins.length; d++) {
            if (bins[d] <= 0) {
                throw new IllegalArgumentException("torch.histogram(): bins must be > 0, but got " + bins[d] + " for dimension " + d);
            }
        }
        if (bins.length != n) {
            throw new IllegalArgumentException("torch.histogramdd: expected " + n + " sequences of bin edges for a " + n
                    + "-dimensional histogram but got " + bins.length);
        }
        List<Tensor> edges = new ArrayList<>();
        for (int d = 0; d < n; d++) {
            double[] r = outerEdges(points.select(1, d), range == null ? null : new double[] {range[2 * d], range[2 * d + 1]}, d);
            edges.add(Histograms.edges(r[0], r[1], bins[d], input.dtype()).to(input.device()));
        }
        return count(points, edges, weight, density);
    }

    /** The same number of equal bins in every dim. */
    static HistogramDd histogramdd(Tensor input, long bins, double[] range, Tensor weight, boolean density) {
        long[] all = new long[input.dim() == 0 ? 0 : (int) input.size(-1)];
        java.util.Arrays.fill(all, bins);
        if (input.dim() < 2) points(input, weight);
        return histogramdd(input, all, range, weight, density);
    }

    /** Bins given by their edges, one increasing 1-d tensor per dim in the input's dtype. */
    static HistogramDd histogramdd(Tensor input, List<Tensor> bins, Tensor weight, boolean density) {
        Tensor points = points(input, weight);
        int n = (int) points.size(1);
        if (bins.size() != n) {
            throw new IllegalArgumentException("torch.histogramdd: expected " + n + " sequences of bin edges for a " + n
                    + "-dimensional histogram but got " + bins.size());
        }
        for (int d = 0; d < n; d++) {
            Tensor e = bins.get(d);
            if (e.dtype() != input.dtype()) {
                throw new IllegalArgumentException("torch.histogramdd: input tensor and bins tensors should have the same dtype, but got "
                        + "input with dtype " + Printer.cppScalar(input.dtype()) + " and bins for dimension " + d + " with dtype "
                        + Printer.cppScalar(e.dtype()));
            }
            if (e.dim() != 1 || e.numel() < 1) {
                throw new IllegalArgumentException("torch.histogramdd: bins tensor should have one dimension, but got " + e.dim()
                        + " dimensions in the bins tensor for dimension " + d);
            }
        }
        return count(points, bins, weight, density);
    }

    /** The input as [points, N] after PyTorch's checks of the input and weight. */
    private static Tensor points(Tensor input, Tensor weight) {
        input.checkOpen();
        if (!input.isFloatingPoint()) {
            throw new IllegalArgumentException("\"histogramdd\" not implemented for '" + Printer.cppName(input.dtype()) + "'");
        }
        if (input.dim() < 2) throw new IllegalArgumentException("torch.histogramdd: input tensor should have at least 2 dimensions");
        long n = input.size(-1);
        long[] outer = java.util.Arrays.copyOf(input.shape, input.dim() - 1);
        if (weight != null && !java.util.Arrays.equals(weight.shape, outer)) {
            throw new IllegalArgumentException("torch.histogramdd: if weight tensor is provided it should have the same shape as the "
                    + "input tensor excluding its innermost dimension, but got input with shape " + Shapes.str(input.shape)
                    + " and weight with shape " + Shapes.str(weight.shape));
        }
        return input.detach().reshape(-1, n);
    }

    /** PyTorch's outermost edges of one dim: the range, or the data's, widened by 1/2 each side if a point. */
    private static double[] outerEdges(Tensor column, double[] range, int d) {
        double lo = 0, hi = 1;
        if (range != null) {
            lo = range[0];
            hi = range[1];
        } else if (column.numel() > 0) {
            MinMax m = CombinedReductions.aminmax(column, null, false);
            lo = m.min().item();
            hi = m.max().item();
        }
        if (!Double.isFinite(lo) || !Double.isFinite(hi)) {
            throw new IllegalArgumentException("torch.histogramdd: dimension " + d + "'s range [" + CppDouble.format(lo) + ", "
                    + CppDouble.format(hi) + "] is not finite");
        }
        if (lo > hi) {
            throw new IllegalArgumentException("torch.histogramdd: min should not exceed max, but got min " + CppDouble.format(lo)
                    + " max " + CppDouble.format(hi) + " for dimension " + d);
        }
        if (lo == hi) return new double[] {lo - 0.5, hi + 0.5};
        return new double[] {lo, hi};
    }

    /** Counts each point with all coordinates in range into the bin its coordinates select. */
    private static HistogramDd count(Tensor points, List<Tensor> edges, Tensor weight, boolean density) {
        int n = edges.size();
        long[] bins = new long[n];
        for (int d = 0; d < n; d++) bins[d] = edges.get(d).numel() - 1;
        long cells = Shapes.numel(bins);
        DType type = points.dtype();
        Tensor flat = Torch.zeros(new long[] {points.size(0)}, DType.INT64, points.device());
        Tensor valid = Torch.ones(new long[] {points.size(0)}, DType.BOOL, points.device());
        long stride = cells;
        for (int d = 0; d < n; d++) {
            Tensor x = points.select(1, d);
            Tensor e = edges.get(d).detach();
            stride /= Math.max(bins[d], 1);
            double lo = e.get(0).item(), hi = e.get(bins[d]).item();
            // the bin whose left edge is the last one <= x; x on the last edge falls in the last bin
            Tensor pos = Searching.searchsorted(e, x.contiguous(), false, true, null).sub(1L)
                    .clamp(0.0, (double) Math.max(bins[d] - 1, 0));
            flat = flat.add(pos.mul(stride));
            valid = valid.logicalAnd(x.ge(lo)).logicalAnd(x.le(hi));
        }
        Tensor src = weight == null ? valid.to(type) : weight.detach().reshape(-1).to(type).where(valid, 0.0);
        Tensor hist = cells == 0 ? Torch.zeros(bins, type, points.device())
                : Torch.zeros(new long[] {cells}, type, points.device()).scatterAdd_(0, flat, src).reshape(bins);
        if (density) {
            hist = hist.div(hist.sum());
            for (int d = 0; d < n; d++) {
                Tensor e = edges.get(d).detach();
                long[] shape = new long[n];
                java.util.Arrays.fill(shape, 1);
                shape[d] = bins[d];
                hist = hist.div(e.narrow(0, 1, bins[d]).sub(e.narrow(0, 0, bins[d])).reshape(shape));
            }
        }
        return new HistogramDd(hist, edges);
    }
}
