package org.torch4j.tensorboard;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The histogram summary as PyTorch's {@code make_histogram} builds it: numpy's {@code np.histogram} counts over
 * the bin edges (every bin half-open but the last), optional subsampling to {@code maxBins}, then trimming to
 * the bins from the one left of the first non-empty bin to the last non-empty one (TensorBoard draws right
 * limits only).
 */
final class Histograms {
    private Histograms() {}

    /** PyTorch's default bins ("tensorflow"): ±1e-12 growing by 1.1 up to 1e20, and 0. */
    static final double[] TENSORFLOW_BINS = tensorflowBins();

    /** The fields of a {@code HistogramProto}. */
    record Histogram(double min, double max, double num, double sum, double sumSquares, double[] bucketLimit, double[] bucket) {
        byte[] proto() {
            return new ProtoWriter().float64(1, min).float64(2, max).float64(3, num).float64(4, sum).float64(5, sumSquares)
                    .packed(6, bucketLimit).packed(7, bucket).toBytes();
        }
    }

    private static double[] tensorflowBins() {
        List<Double> positive = new ArrayList<>();
        for (double v = 1e-12; v < 1e20; v *= 1.1) positive.add(v);
        double[] bins = new double[2 * positive.size() + 1];
        for (int i = 0; i < positive.size(); i++) {
            bins[positive.size() - 1 - i] = -positive.get(i);
            bins[positive.size() + 1 + i] = positive.get(i);
        }
        return bins;
    }

    /**
     * @param values the values (flattened)
     * @param edges the bin edges, increasing; or null for {@code binCount} equal bins over [min, max]
     * @param maxBins 0, or the most bins to keep (neighbouring bins are merged)
     */
    static Histogram make(double[] values, double[] edges, int binCount, int maxBins) {
        if (values.length == 0) throw new IllegalArgumentException("The input has no element.");
        long[] counts;
        double[] limits;
        if (edges == null) {
            limits = uniformEdges(values, binCount);
            counts = countUniform(values, limits);
        } else {
            for (int i = 1; i < edges.length; i++) {
                if (!(edges[i - 1] <= edges[i])) throw new IllegalArgumentException("bins must increase monotonically, when an array");
            }
            if (edges.length < 2) throw new IllegalArgumentException("bins must have at least two edges, got " + edges.length);
            limits = edges;
            counts = countEdges(values, edges);
        }
        if (maxBins > 0 && counts.length > maxBins) {
            int sub = counts.length / maxBins;
            long[] merged = new long[(counts.length + sub - 1) / sub];
            for (int i = 0; i < counts.length; i++) merged[i / sub] += counts[i];
            double[] mergedLimits = new double[merged.length + 1];
            for (int j = 0; j < merged.length; j++) mergedLimits[j] = limits[j * sub];
            mergedLimits[merged.length] = limits[limits.length - 1];
            counts = merged;
            limits = mergedLimits;
        }
        int first = -1, last = -1;
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] > 0) {
                if (first < 0) first = i;
                last = i;
            }
        }
        if (first < 0) throw new IllegalArgumentException("the histogram is empty: no value lies within the bin edges");
        // an empty bin left of the first non-empty one carries the leftmost limit
        double[] bucket = new double[last - first + 2];
        for (int i = Math.max(first - 1, 0); i <= last; i++) bucket[i - first + 1] = counts[i];
        double[] bucketLimit = Arrays.copyOfRange(limits, first, last + 2);
        double min = values[0], max = values[0], squares = 0;
        for (double v : values) {
            min = Math.min(min, v);
            max = Math.max(max, v);
            squares += v * v;
        }
        return new Histogram(min, max, values.length, pairwiseSum(values, 0, values.length), squares, bucketLimit, bucket);
    }

    /** numpy's {@code linspace(min, max, bins + 1)} (a range widened by 0.5 each side when min equals max). */
    private static double[] uniformEdges(double[] values, int bins) {
        if (bins < 1) throw new IllegalArgumentException("`bins` must be positive, when an integer");
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        if (!Double.isFinite(lo) || !Double.isFinite(hi)) {
            throw new IllegalArgumentException("autodetected range of [" + python(lo) + ", " + python(hi) + "] is not finite");
        }
        if (lo == hi) {
            lo -= 0.5;
            hi += 0.5;
        }
        return linspace(lo, hi, bins);
    }

    private static String python(double v) {
        return Double.isNaN(v) ? "nan" : Double.isInfinite(v) ? (v > 0 ? "inf" : "-inf") : Double.toString(v);
    }

    /** numpy's counting for equal bins: an index from the scaled offset, corrected by one against the edges. */
    private static long[] countUniform(double[] values, double[] e) {
        double[] w = weightedUniform(values, null, e);
        long[] counts = new long[w.length];
        for (int i = 0; i < w.length; i++) counts[i] = (long) w[i];
        return counts;
    }

    /**
     * numpy's {@code np.histogram(values, bins=len(e) - 1, range=(e[0], e[-1]), weights=weights)} over the equal
     * bins {@code e}: each value's weight (1 without weights) added to its bin, summed in blocks of 65536 values
     * as numpy sums them.
     */
    static double[] weightedUniform(double[] values, double[] weights, double[] e) {
        int n = e.length - 1;
        double lo = e[0], hi = e[n], norm = n / (hi - lo);
        double[] sums = new double[n], block = new double[n];
        for (int start = 0; start < values.length; start += 65536) {
            java.util.Arrays.fill(block, 0);
            for (int j = start; j < Math.min(values.length, start + 65536); j++) {
                double v = values[j];
                if (!(v >= lo && v <= hi)) continue;
                int i = (int) ((v - lo) * norm);
                if (i == n) i--;
                if (v < e[i]) i--;
                else if (v >= e[i + 1] && i != n - 1) i++;
                block[i] += weights == null ? 1 : weights[j];
            }
            for (int i = 0; i < n; i++) sums[i] += block[i];
        }
        return sums;
    }

    /** numpy's {@code linspace(lo, hi, bins + 1)}. */
    static double[] linspace(double lo, double hi, int bins) {
        double step = (hi - lo) / bins;
        double[] e = new double[bins + 1];
        for (int i = 0; i < bins; i++) e[i] = i * step + lo;
        e[bins] = hi;
        return e;
    }

    /** numpy's counting for given edges: bin i holds e[i] <= v < e[i+1], the last bin also v == e[n]. */
    private static long[] countEdges(double[] values, double[] e) {
        int n = e.length - 1;
        long[] counts = new long[n];
        for (double v : values) {
            if (!(v >= e[0] && v <= e[n])) continue;
            int lo = 0, hi = e.length; // the number of edges <= v
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (e[mid] <= v) lo = mid + 1;
                else hi = mid;
            }
            counts[Math.min(lo - 1, n - 1)]++;
        }
        return counts;
    }

    /** numpy's pairwise summation of float64 ({@code values.sum()}): eight accumulators in blocks of 128. */
    static double pairwiseSum(double[] a, int from, int n) {
        if (n < 8) {
            double s = 0;
            for (int i = 0; i < n; i++) s += a[from + i];
            return s;
        }
        if (n <= 128) {
            double[] r = new double[8];
            System.arraycopy(a, from, r, 0, 8);
            int i = 8;
            for (; i < n - n % 8; i += 8) {
                for (int k = 0; k < 8; k++) r[k] += a[from + i + k];
            }
            double s = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
            for (; i < n; i++) s += a[from + i];
            return s;
        }
        int half = n / 2;
        half -= half % 8;
        return pairwiseSum(a, from, half) + pairwiseSum(a, from + half, n - half);
    }
}
