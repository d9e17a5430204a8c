package org.torch4j;

import org.torch4j.spi.HostStorage;

/**
 * {@code histc}'s counts in one pass over float32 or float64 data in host memory, where {@link Histograms}'
 * composite makes about twelve (shift, scale, divide, truncate, clamp, the range masks, the NaN fill, the
 * scatter). Each step is the composite's, in the data's dtype: the bounds and the bin count rounded to it, the
 * position {@code (x - min) * bins / (max - min)} rounded after each operation, truncated as a C cast (NaN and
 * overflow give the minimum, which the clamp makes bin 0), NaN counted in bin 0, and the counts summed in the
 * dtype in element order (so a float32 bin stops at 2^24 as the scatter's sums do).
 */
final class HistcPass {
    private HistcPass() {}

    /** The histogram of the flattened {@code x} over [lo, hi], or null where this pass does not apply. */
    static Tensor counts(Tensor x, long bins, double lo, double hi) {
        if (!(x.storage instanceof HostStorage h) || x.dtype != h.dtype() || bins > Integer.MAX_VALUE) return null;
        Tensor flat = x.reshape(-1);
        if (!flat.isContiguous()) flat = flat.contiguous();
        int n = Math.toIntExact(flat.numel()), off = Math.toIntExact(flat.offset), last = (int) bins - 1;
        Object hist = switch (((HostStorage) flat.storage).array()) {
            case float[] a when x.dtype == DType.FLOAT32 -> {
                float l = (float) lo, u = (float) hi, scale = (float) bins, width = (float) (hi - lo);
                float[] c = new float[(int) bins];
                for (int i = off; i < off + n; i++) {
                    float v = a[i];
                    if (v < l || v > u) continue; // NaN passes, into bin 0
                    c[v != v ? 0 : bin((v - l) * scale / width, last)] += 1f;
                }
                yield c;
            }
            case double[] a when x.dtype == DType.FLOAT64 -> {
                double scale = (double) bins, width = hi - lo;
                double[] c = new double[(int) bins];
                for (int i = off; i < off + n; i++) {
                    double v = a[i];
                    if (v < lo || v > hi) continue;
                    c[v != v ? 0 : bin((v - lo) * scale / width, last)] += 1.0;
                }
                yield c;
            }
            default -> null;
        };
        return hist == null ? null : new Tensor(HostStorage.wrap(x.dtype, hist), new long[] {bins}, new long[] {1}, 0);
    }

    /** The position truncated to int64 as a C cast on x86 (NaN and overflow: the minimum), clamped to [0, last]. */
    private static int bin(double position, int last) {
        if (position != position || position >= 0x1p63) return 0;
        long b = (long) position;
        return b < 0 ? 0 : b > last ? last : (int) b;
    }
}
