package org.torch4j.nn;

import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * Multi-head attention ({@code torch.nn.MultiheadAttention}, PyTorch 1.13): a packed {@code in_proj_weight}
 * (or separate q/k/v weights when key and value sizes differ), {@code out_proj}, PyTorch's
 * initialisation, and [L, N, E] inputs ([N, L, E] with {@code batchFirst}; unbatched [L, E] too).
 * With {@code addBiasKv} the learnt {@code bias_k}/{@code bias_v} [1, 1, E] are one more key/value
 * position; with {@code addZeroAttn} a position of zero keys and values follows.
 */
public class MultiheadAttention extends Module {
    /** The model size E (query features and output size) and the feature sizes of the key and the value. */
    public final long embedDim, kdim, vdim;
    /** The number of heads; each attends with {@code embedDim / numHeads} features. */
    public final int numHeads;
    /** The dropout probability on the attention weights, in training mode. */
    public final double dropout;
    /** Whether batched inputs and output are {@code (N, L, E)}; whether a zero key and value position is appended. */
    public final boolean batchFirst, addZeroAttn;
    /** null unless {@code addBiasKv}. */
    public final Parameter biasK, biasV;
    /**
     * The packed q/k/v projection {@code (3E, E)} (null when {@code kdim} or {@code vdim} differs from E), the separate
     * projections {@code (E, E)}, {@code (E, kdim)}, {@code (E, vdim)} (null when packed), and the packed bias
     * {@code (3E)} (null without bias).
     */
    public final Parameter inProjWeight, qProjWeight, kProjWeight, vProjWeight, inProjBias;
    /** The output projection {@code out_proj}, E to E. */
    public final Linear outProj;

    /**
     * With PyTorch's defaults {@code dropout = 0.0, bias = true, add_bias_kv = false, add_zero_attn = false,
     * kdim = vdim = embedDim, batch_first = false}.
     */
    public MultiheadAttention(long embedDim, int numHeads) {
        this(embedDim, numHeads, 0.0, true, embedDim, embedDim, false);
    }

    /**
     * With {@code add_bias_kv = false} and {@code add_zero_attn = false}. Query {@code (L, N, E)}, key
     * {@code (S, N, kdim)} and value {@code (S, N, vdim)} ({@code (N, L, E)} and so on with {@code batchFirst}, or
     * unbatched {@code (L, E)}) give an output {@code (L, N, E)}. The projections start xavier-uniform, the biases at 0.
     *
     * @param embedDim the model size E
     * @param numHeads the number of heads, which must divide E
     * @param dropout the dropout probability on the attention weights (default 0.0)
     * @param bias whether the input and output projections have biases (default true)
     * @param kdim the key's feature size (default E)
     * @param vdim the value's feature size (default E)
     * @param batchFirst whether batched inputs and output put the batch first (default false)
     * @throws IllegalArgumentException if {@code numHeads} does not divide {@code embedDim}, as PyTorch words it
     */
    public MultiheadAttention(long embedDim, int numHeads, double dropout, boolean bias, long kdim, long vdim, boolean batchFirst) {
        this(embedDim, numHeads, dropout, bias, false, false, kdim, vdim, batchFirst);
    }

    /**
     * All of PyTorch's options, in its order.
     *
     * @param addBiasKv learnt {@code bias_k} and {@code bias_v} ([1, 1, embedDim], xavier-normal) appended to the keys and values
     * @param addZeroAttn a zero key and value appended (after the biases) in every head
     */
    public MultiheadAttention(long embedDim, int numHeads, double dropout, boolean bias, boolean addBiasKv, boolean addZeroAttn,
                              long kdim, long vdim, boolean batchFirst) {
        if (numHeads <= 0) throw new IllegalArgumentException("num_heads must be positive, got " + numHeads);   // PyTorch: a zero division
        if (embedDim <= 0) throw new IllegalArgumentException("embed_dim must be positive, got " + embedDim);   // likewise
        if (embedDim % numHeads != 0) throw new IllegalArgumentException("embed_dim must be divisible by num_heads");
        this.embedDim = embedDim;
        this.numHeads = numHeads;
        this.dropout = dropout;
        this.kdim = kdim;
        this.vdim = vdim;
        this.batchFirst = batchFirst;
        this.addZeroAttn = addZeroAttn;
        boolean same = kdim == embedDim && vdim == embedDim;
        if (same) {
            inProjWeight = registerParameter("in_proj_weight", new Parameter(Torch.empty(new long[] {3 * embedDim, embedDim}, DType.FLOAT32)));
            qProjWeight = kProjWeight = vProjWeight = null;
        } else {
            inProjWeight = null;
            qProjWeight = registerParameter("q_proj_weight", new Parameter(Torch.empty(new long[] {embedDim, embedDim}, DType.FLOAT32)));
            kProjWeight = registerParameter("k_proj_weight", new Parameter(Torch.empty(new long[] {embedDim, kdim}, DType.FLOAT32)));
            vProjWeight = registerParameter("v_proj_weight", new Parameter(Torch.empty(new long[] {embedDim, vdim}, DType.FLOAT32)));
        }
        inProjBias = registerParameter("in_proj_bias", bias ? new Parameter(Torch.empty(new long[] {3 * embedDim}, DType.FLOAT32)) : null);
        outProj = registerModule("out_proj", new NonDynamicallyQuantizableLinear(embedDim, embedDim, bias));
        biasK = registerParameter("bias_k", addBiasKv ? new Parameter(Torch.empty(new long[] {1, 1, embedDim}, DType.FLOAT32)) : null);
        biasV = registerParameter("bias_v", addBiasKv ? new Parameter(Torch.empty(new long[] {1, 1, embedDim}, DType.FLOAT32)) : null);
        // PyTorch's _reset_parameters (after out_proj's own Linear initialisation)
        if (same) {
            Init.xavierUniform_(inProjWeight, 1);
        } else {
            Init.xavierUniform_(qProjWeight, 1);
            Init.xavierUniform_(kProjWeight, 1);
            Init.xavierUniform_(vProjWeight, 1);
        }
        if (bias) {
            Init.constant_(inProjBias, 0);
            Init.constant_(outProj.bias, 0);
        }
        if (addBiasKv) {
            Init.xavierNormal_(biasK, 1);
            Init.xavierNormal_(biasV, 1);
        }
    }

    /** Self-attention on one input: the attention output. */
    @Override
    public Tensor forward(Tensor input) {
        return forward(input, input, input, null, false, null).output();
    }

    /**
     * The attention of {@code query} over {@code key}/{@code value}; masks may be null. The weights
     * (averaged over heads) are returned when {@code needWeights}.
     */
    public F.Attention forward(Tensor query, Tensor key, Tensor value, Tensor keyPaddingMask, boolean needWeights, Tensor attnMask) {
        return forward(query, key, value, keyPaddingMask, needWeights, attnMask, true);
    }

    /**
     * {@code mha(query, key, value, ...)}: {@link #forward(Tensor, Tensor, Tensor, Tensor, boolean, Tensor)}
     * with the hooks around it. They see the six arguments (PyTorch's hooks see only those passed
     * positionally, usually query, key and value) and the {@link F.Attention} result, whose weights are
     * null unless {@code needWeights}.
     */
    public final F.Attention call(Tensor query, Tensor key, Tensor value, Tensor keyPaddingMask, boolean needWeights, Tensor attnMask) {
        return callWithHooks(args -> forward((Tensor) args.get(0), (Tensor) args.get(1), (Tensor) args.get(2), (Tensor) args.get(3),
                (Boolean) args.get(4), (Tensor) args.get(5)), query, key, value, keyPaddingMask, needWeights, attnMask);
    }

    /** As above with {@code averageAttnWeights}; the hooks see the seven arguments. */
    public final F.Attention call(Tensor query, Tensor key, Tensor value, Tensor keyPaddingMask, boolean needWeights, Tensor attnMask,
                            boolean averageAttnWeights) {
        return callWithHooks(args -> forward((Tensor) args.get(0), (Tensor) args.get(1), (Tensor) args.get(2), (Tensor) args.get(3),
                (Boolean) args.get(4), (Tensor) args.get(5), (Boolean) args.get(6)), query, key, value, keyPaddingMask, needWeights,
                attnMask, averageAttnWeights);
    }

    /** As above; with {@code averageAttnWeights} false the weights are returned per head [N, heads, L, S]. */
    public F.Attention forward(Tensor query, Tensor key, Tensor value, Tensor keyPaddingMask, boolean needWeights, Tensor attnMask,
                               boolean averageAttnWeights) {
        boolean unbatched = !batched(query, key, value, keyPaddingMask, attnMask);
        if (query.size(-1) != embedDim) {
            throw new IllegalArgumentException("was expecting embedding dimension of " + embedDim + ", but got " + query.size(-1));
        }
        Tensor q = query, k = key, v = value;
        if (unbatched) {
            q = q.unsqueeze(1);
            k = k.unsqueeze(1);
            v = v.unsqueeze(1);
            if (keyPaddingMask != null) keyPaddingMask = keyPaddingMask.unsqueeze(0);
        } else if (batchFirst) {
            q = q.transpose(0, 1);
            k = k.transpose(0, 1);
            v = v.transpose(0, 1);
        }
        F.Attention a = F.multiHeadAttention(q, k, v, numHeads, inProjWeight, inProjBias, biasK, biasV, addZeroAttn, qProjWeight, kProjWeight, vProjWeight,
                outProj.weight, outProj.bias, keyPaddingMask, attnMask, needWeights, averageAttnWeights, dropout, training);
        Tensor out = a.output();
        Tensor weights = a.weights();
        if (unbatched) {
            out = out.squeeze(1);
            if (weights != null) weights = weights.squeeze(0);
        } else if (batchFirst) {
            out = out.transpose(0, 1);
        }
        return new F.Attention(out, weights);
    }

    /** PyTorch's {@code _mha_shape_check}: whether the query is batched (3-D) or not (2-D), and the others agree. */
    private boolean batched(Tensor query, Tensor key, Tensor value, Tensor keyPaddingMask, Tensor attnMask) {
        boolean batched = query.dim() == 3;
        String kind = batched ? "batched (3-D)" : "unbatched (2-D)";
        if (!batched && query.dim() != 2) {
            throw new IllegalArgumentException("query should be unbatched 2D or batched 3D tensor but received " + query.dim()
                    + "-D query tensor");
        }
        if (key.dim() != query.dim() || value.dim() != query.dim()) {
            throw new IllegalArgumentException("For " + kind + " `query`, expected `key` and `value` to be " + query.dim()
                    + "-D but found " + key.dim() + "-D and " + value.dim() + "-D tensors respectively");
        }
        if (keyPaddingMask != null && keyPaddingMask.dim() != query.dim() - 1) {
            throw new IllegalArgumentException("For " + kind + " `query`, expected `key_padding_mask` to be `None` or "
                    + (query.dim() - 1) + "-D but found " + keyPaddingMask.dim() + "-D tensor instead");
        }
        if (attnMask != null && attnMask.dim() != 2 && attnMask.dim() != 3) {
            throw new IllegalArgumentException("For " + kind + " `query`, expected `attn_mask` to be `None`, 2-D or 3-D but found "
                    + attnMask.dim() + "-D tensor instead");
        }
        if (!batched && attnMask != null && attnMask.dim() == 3) {
            long[] expected = {numHeads, query.size(0), key.size(0)};
            if (!java.util.Arrays.equals(attnMask.shape(), expected)) {
                throw new IllegalArgumentException("Expected `attn_mask` shape to be " + Py.tuple(expected) + " but got "
                        + Py.size(attnMask.shape()));
            }
        }
        return batched;
    }
}
