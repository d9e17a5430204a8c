package org.torch4j;

import org.torch4j.trace.Trace;

/**
 * {@code cummax} and {@code cummin}: the running extreme along a dim and where it was found. Ties move
 * the index forward and a NaN, once seen, stays, its index moving to each later NaN (PyTorch's CPU rule); the values are gathered at the
 * indices, so the gradient of each output adds into the element it came from.
 */
final class CumulativeExtremes {
    private CumulativeExtremes() {}

    static ValuesIndices cummax(Tensor t, int dim) {
        return scan(t, dim, true);
    }

    static ValuesIndices cummin(Tensor t, int dim) {
        return scan(t, dim, false);
    }

    private static ValuesIndices scan(Tensor t, int dim, boolean max) {
        HostRows.checkReal(t, max ? "cummax_cpu" : "cummin_cpu");
        int d = Shapes.wrapDim(dim, t.dim());
        // without a gradient to record, host tensors take one typed pass that yields the values too
        ValuesIndices fast = Autograd.needed(t) || Trace.recording() ? null : RunningExtremes.scan(t, d, max);
        if (fast != null) return fast;
        int n = t.dim() == 0 ? 1 : Math.toIntExact(t.shape[d]);
        Tensor indices = HostRows.pick(t, d, n, (row, out) -> {
            int best = 0;
            for (int i = 0; i < n; i++) {
                boolean better = max ? !row.less(i, best) : !row.less(best, i);
                if (row.isNan(i) || (!row.isNan(best) && better)) best = i;
                out[i] = best;
            }
        });
        return new ValuesIndices(OrderStatistics.gather(t, d, indices), indices);
    }
}
