package org.torch4j.vision.models.detection;

import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.ValuesIndices;
import org.torch4j.trace.Trace;

/**
 * The detection models' data-dependent steps written so that an ONNX trace follows them (torchvision's
 * {@code det_utils._topk_min} and the {@code nonzero} behind boolean indexing): each is recorded as one op, so its
 * size is computed in the graph instead of being read as a Java number from the traced example.
 */
final class TracedOps {
    private TracedOps() {}

    /** The indices where a 1-d {@code mask} is true ({@code torch.where(mask)[0]}), recorded as {@code aten::nonzero_numpy}. */
    static Tensor nonzero(Tensor mask) {
        if (Trace.recording()) return Trace.op("aten::nonzero_numpy", () -> Torch.where(mask), mask).get(0);
        return Torch.where(mask).get(0);
    }

    /** {@link #topkMin(Tensor, int, int)} along dim 0. */
    static ValuesIndices topkMin(Tensor x, int k) {
        return topkMin(x, k, 0);
    }

    /**
     * The {@code min(k, x.size(dim))} largest values along {@code dim}, sorted descending ({@code _topk_min} then
     * {@code topk}), recorded as {@code torchvision::_topk_min} with the requested {@code k}.
     */
    static ValuesIndices topkMin(Tensor x, int k, int dim) {
        if (Trace.recording()) return Trace.op("torchvision::_topk_min", () -> topkMin(x, k, dim), x, k, dim);
        return x.topk((int) Math.min(k, x.size(dim)), dim, true, true);
    }
}
