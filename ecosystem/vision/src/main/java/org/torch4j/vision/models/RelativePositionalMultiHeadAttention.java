package org.torch4j.vision.models;

import java.util.List;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.F;
import org.torch4j.nn.Init;
import org.torch4j.nn.Linear;
import org.torch4j.nn.Module;
import org.torch4j.nn.Parameter;

/**
 * MaxViT's attention within each partition ({@code torchvision.models.maxvit.RelativePositionalMultiHeadAttention}): on
 * [B, G, P, D], heads of {@code headDim} with keys scaled by {@code D^-0.5} (the feature size, as torchvision) and a learned
 * bias per relative position and head ({@code relative_position_bias_table}, truncated normal with std 0.02).
 */
final class RelativePositionalMultiHeadAttention extends Module {
    private final long nHeads, headDim, maxSeqLen, size;
    private final double scaleFactor;
    private final Linear toQkv, merge;
    private final Parameter relativePositionBiasTable;

    RelativePositionalMultiHeadAttention(long featDim, long headDim, long maxSeqLen) {
        if (featDim % headDim != 0) throw new IllegalArgumentException("feat_dim: " + featDim + " must be divisible by head_dim: " + headDim);
        nHeads = featDim / headDim;
        this.headDim = headDim;
        size = (long) Math.sqrt(maxSeqLen);
        this.maxSeqLen = maxSeqLen;
        toQkv = registerModule("to_qkv", new Linear(featDim, nHeads * headDim * 3));
        scaleFactor = Math.pow(featDim, -0.5);
        merge = registerModule("merge", new Linear(headDim * nHeads, featDim));
        relativePositionBiasTable = registerParameter("relative_position_bias_table",
                new Parameter(Torch.zeros((2 * size - 1) * (2 * size - 1), nHeads)));
        registerBuffer("relative_position_index", ShiftedWindowAttention.relativePositionIndex(new long[] {size, size}).view(size * size, size * size));
        Init.truncNormal_(relativePositionBiasTable, 0, 0.02, -2, 2);
    }

    @Override
    public Tensor forward(Tensor x) {
        long b = x.size(0), g = x.size(1), p = x.size(2), d = x.size(3);
        List<Tensor> qkv = toQkv.call(x).chunk(3, -1);
        Tensor q = qkv.get(0).reshape(b, g, p, nHeads, headDim).permute(0, 1, 3, 2, 4);
        Tensor k = qkv.get(1).reshape(b, g, p, nHeads, headDim).permute(0, 1, 3, 2, 4).mul(scaleFactor);
        Tensor v = qkv.get(2).reshape(b, g, p, nHeads, headDim).permute(0, 1, 3, 2, 4);
        Tensor bias = ShiftedWindowAttention.gatherBias(relativePositionBiasTable, buffer("relative_position_index").view(-1), new long[] {size, size});
        Tensor attn = F.softmax(q.matmul(k.transpose(-2, -1)).add(bias), -1);
        Tensor out = attn.matmul(v).permute(0, 1, 3, 2, 4).reshape(b, g, p, d);
        return merge.call(out);
    }
}
