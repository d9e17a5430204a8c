package org.torch4j.onnx.importer.ops;

import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.F;
import org.torch4j.onnx.importer.OpCall;
import org.torch4j.onnx.importer.OpRegistry;

/** NegativeLogLikelihoodLoss and SoftmaxCrossEntropyLoss over inputs [N, C, d1, ...]. */
public final class Losses {
    private Losses() {}

    public static void register(OpRegistry.Builder r) {
        r.single("NegativeLogLikelihoodLoss", c -> nll(c, c.in(0)));
        r.op("SoftmaxCrossEntropyLoss", c -> {
            Tensor logProb = F.logSoftmax(c.in(0), 1);
            return new Object[] {nll(c, logProb), logProb};
        });
    }

    private static Tensor nll(OpCall c, Tensor input) {
        Tensor target = c.in(1).to(DType.INT64), weight = c.opt(2);
        Long ignore = c.hasAttr("ignore_index") ? c.i("ignore_index") : null;
        Tensor valid = ignore == null ? Torch.onesLike(target).toBool() : target.ne(ignore);
        Tensor safe = Torch.where(valid, target, Torch.zerosLike(target));         // ignored targets may be out of range
        Tensor picked = input.gather(1, safe.unsqueeze(1)).squeeze(1).neg();    // [N, d1, ...]
        Tensor w = weight == null ? Torch.onesLike(picked) : weight.indexSelect(0, safe.reshape(-1)).reshape(safe.shape());
        w = Torch.where(valid, w, Torch.zerosLike(w));
        Tensor loss = picked.mul(w);
        return switch (c.s("reduction", "mean")) {
            case "none" -> loss;
            case "sum" -> loss.sum();
            case "mean" -> loss.sum().div(w.sum());
            default -> throw c.unsupported("reduction '" + c.s("reduction", "") + "'");
        };
    }
}
