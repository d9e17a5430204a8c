package org.torch4j.vision.models.video;

import java.util.List;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.Conv3d;
import org.torch4j.nn.Dropout;
import org.torch4j.nn.F;
import org.torch4j.nn.Init;
import org.torch4j.nn.LayerNorm;
import org.torch4j.nn.Linear;
import org.torch4j.nn.Module;
import org.torch4j.nn.Parameter;
import org.torch4j.nn.Sequential;

/**
 * MViT's pooling attention ({@code torchvision.models.video.mvit.MultiscaleAttention}): queries, keys and values pooled
 * per head by depthwise 3-d convolutions with a layer norm, and in V2 decomposed relative position embeddings
 * ({@code rel_pos_h}, {@code rel_pos_w}, {@code rel_pos_t}) added to the attention logits and the pooled queries added
 * to the output ({@code residual_pool}).
 */
final class MultiscaleAttention extends Module {
    private final long numHeads, headDim, outputDim;
    private final double scaler;
    private final boolean residualPool, residualWithClsEmbed;
    private final Linear qkv;
    private final Sequential project;
    private final Pool poolQ, poolK, poolV;
    private final Parameter relPosH, relPosW, relPosT;

    MultiscaleAttention(long[] inputSize, long embedDim, long outputDim, long numHeads, long[] kernelQ, long[] kernelKv, long[] strideQ,
                        long[] strideKv, boolean residualPool, boolean residualWithClsEmbed, boolean relPosEmbed, double dropout) {
        this.numHeads = numHeads;
        this.outputDim = outputDim;
        headDim = outputDim / numHeads;
        scaler = 1.0 / Math.sqrt(headDim);
        this.residualPool = residualPool;
        this.residualWithClsEmbed = residualWithClsEmbed;
        qkv = registerModule("qkv", new Linear(embedDim, 3 * outputDim));
        project = registerModule("project", Sequential.of(new Linear(outputDim, outputDim)));
        if (dropout > 0.0) project.add(new Dropout(dropout));
        poolQ = prod(kernelQ) > 1 || prod(strideQ) > 1 ? registerModule("pool_q", pool(kernelQ, strideQ)) : null;
        if (prod(kernelKv) > 1 || prod(strideKv) > 1) {
            poolK = registerModule("pool_k", pool(kernelKv, strideKv));
            poolV = registerModule("pool_v", pool(kernelKv, strideKv));
        } else {
            poolK = poolV = null;
        }
        if (relPosEmbed) {
            long size = Math.max(inputSize[1], inputSize[2]);
            long qSize = strideQ.length > 0 ? size / strideQ[1] : size;
            long kvSize = strideKv.length > 0 ? size / strideKv[1] : size;
            long spatialDim = 2 * Math.max(qSize, kvSize) - 1, temporalDim = 2 * inputSize[0] - 1;
            relPosH = registerParameter("rel_pos_h", new Parameter(Torch.zeros(spatialDim, headDim)));
            relPosW = registerParameter("rel_pos_w", new Parameter(Torch.zeros(spatialDim, headDim)));
            relPosT = registerParameter("rel_pos_t", new Parameter(Torch.zeros(temporalDim, headDim)));
            Init.truncNormal_(relPosH, 0, 0.02, -2, 2);
            Init.truncNormal_(relPosW, 0, 0.02, -2, 2);
            Init.truncNormal_(relPosT, 0, 0.02, -2, 2);
        } else {
            relPosH = relPosW = relPosT = null;
        }
    }

    static long prod(long[] s) {
        long p = 1;
        for (long v : s) p *= v;
        return p;
    }

    private Pool pool(long[] kernel, long[] stride) {
        long[] padding = new long[kernel.length];
        for (int i = 0; i < kernel.length; i++) padding[i] = kernel[i] / 2;
        return new Pool(new Conv3d(headDim, headDim, kernel, stride, padding, new long[] {1}, headDim, false, "zeros"),
                new LayerNorm(new long[] {headDim}, 1e-6, true));
    }

    /** The attention over tokens [B, N, C] on the grid {@code thw}, which is updated in place to the pooled queries' grid. */
    Tensor forward(Tensor x, long[] thw) {
        long b = x.size(0), n = x.size(1);
        List<Tensor> qkvs = qkv.call(x).reshape(b, n, 3, numHeads, headDim).transpose(1, 3).unbind(2);
        Tensor q = qkvs.get(0), k = qkvs.get(1), v = qkvs.get(2);
        long[] kThw = thw.clone();
        if (poolK != null) k = poolK.forward(k, kThw);
        if (poolV != null) v = poolV.forward(v, thw.clone());
        if (poolQ != null) q = poolQ.forward(q, thw);
        Tensor attn = q.mul(scaler).matmul(k.transpose(2, 3));
        if (relPosH != null) attn = attn.add(F.pad(relativePositions(q, thw, kThw), 1, 0, 1, 0));
        x = F.softmax(attn, -1).matmul(v);
        if (residualPool) x = x.add(residualWithClsEmbed ? q : F.pad(q.narrow(2, 1, q.size(2) - 1), 0, 0, 1, 0));
        x = x.transpose(1, 2).reshape(b, -1, outputDim);
        return project.call(x);
    }

    /** The decomposed relative position logits [B, heads, q tokens, k tokens] (without the class token; {@code _add_rel_pos}). */
    private Tensor relativePositions(Tensor q, long[] qThw, long[] kThw) {
        long qt = qThw[0], qh = qThw[1], qw = qThw[2], kt = kThw[0], kh = kThw[1], kw = kThw[2];
        Tensor rh = gather(relPosH, qh, kh), rw = gather(relPosW, qw, kw), rt = gather(relPosT, qt, kt);
        long b = q.size(0), heads = q.size(1), dim = q.size(3);
        Tensor rq = q.narrow(2, 1, q.size(2) - 1).reshape(b, heads, qt, qh, qw, dim);
        Tensor relH = Torch.einsum("bythwc,hkc->bythwk", rq, rh);
        Tensor relW = Torch.einsum("bythwc,wkc->bythwk", rq, rw);
        Tensor relT = rq.permute(2, 0, 1, 3, 4, 5).reshape(qt, b * heads * qh * qw, dim).matmul(rt.transpose(1, 2)).transpose(0, 1);
        relT = relT.view(b, heads, qh, qw, qt, kt).permute(0, 1, 4, 2, 3, 5);
        Tensor rel = relH.unsqueeze(5).unsqueeze(7).add(relW.unsqueeze(5).unsqueeze(5)).add(relT.unsqueeze(-1).unsqueeze(-1));
        return rel.reshape(b, heads, qt * qh * qw, kt * kh * kw);
    }

    /**
     * The embedding of each (query, key) offset along one axis, [q, k, dim]: the table resized linearly to
     * {@code 2 max(q, k) - 1} rows when it has another length, indexed by the offsets scaled to the finer grid (in
     * float32 and truncated, as torchvision).
     */
    private static Tensor gather(Tensor table, long q, long k) {
        long d = 2 * Math.max(q, k) - 1;
        if (table.size(0) != d) {
            table = F.interpolate(table.permute(1, 0).unsqueeze(0), new long[] {d}, "linear").squeeze(0).permute(1, 0);
        }
        float qRatio = (float) Math.max((double) k / q, 1.0), kRatio = (float) Math.max((double) q / k, 1.0);
        long[] index = new long[(int) (q * k)];
        for (int i = 0; i < q; i++) {
            for (int j = 0; j < k; j++) index[(int) (i * k + j)] = (long) ((float) i * qRatio - ((float) j + (float) (1.0 - k)) * kRatio);
        }
        return table.indexSelect(0, Torch.tensor(index, q * k).to(table.device())).view(q, k, -1);
    }
}
