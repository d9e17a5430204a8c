package org.torch4j.audio.models;

import java.util.List;
import org.torch4j.DType;
import org.torch4j.Index;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.F;
import org.torch4j.nn.Init;
import org.torch4j.nn.Linear;
import org.torch4j.nn.Module;
import org.torch4j.nn.Parameter;

/**
 * torchaudio's {@code wav2vec2.components.LogitGenerator}, HuBERT's pretraining head: the transformer output is
 * projected to {@code finalDim}, and each frame gets the cosine similarity (divided by the temperature 0.1) with its
 * label's embedding followed by its similarity with every class's embedding, the label's own class set to -inf.
 * Masked and unmasked frames are scored separately. torchaudio computes the similarities in float32 and casts them
 * back; here they keep the input's dtype (so that float64 models are exact and gradcheck works).
 */
public class LogitGenerator extends Module {
    /**
     * The logits of masked and of unmasked frames, each [frames, numClasses + 1] (column 0 the label), or null when skipped.
     *
     * @param logitM the masked frames' logits
     * @param logitU the unmasked frames' logits
     */
    public record Output(Tensor logitM, Tensor logitU) {}

    /** {@code label_embeddings} [numClasses, finalDim], uniform in [0, 1) at first. */
    public final Parameter labelEmbeddings;
    /** {@code final_proj}: the transformer's width to {@code finalDim}. */
    public final Linear finalProj;
    /** Whether the masked (resp. unmasked) frames' logits are skipped. */
    public final boolean skipMasked, skipNomask;

    /** torchaudio's constructor. */
    public LogitGenerator(long encoderEmbedDim, long numClasses, long finalDim, boolean skipMasked, boolean skipNomask) {
        labelEmbeddings = registerParameter("label_embeddings", new Parameter(Torch.zeros(numClasses, finalDim)));
        Init.uniform_(labelEmbeddings, 0, 1);
        finalProj = registerModule("final_proj", new Linear(encoderEmbedDim, finalDim));
        this.skipMasked = skipMasked;
        this.skipNomask = skipNomask;
    }

    /** {@code logit_generator(x, label, mask_m, mask_u)}: {@link #forward(Tensor, Tensor, Tensor, Tensor)} with this module's hooks around it. */
    public final Output call(Tensor x, Tensor label, Tensor maskM, Tensor maskU) {
        return callWithHooks(args -> forward((Tensor) args.get(0), (Tensor) args.get(1), (Tensor) args.get(2), (Tensor) args.get(3)),
                x, label, maskM, maskU);
    }

    /**
     * Scores [B, T, D] transformer outputs against int [B, T] labels.
     *
     * @param maskM bool [B, T], the masked frames to score
     * @param maskU bool [B, T], the unmasked frames to score
     */
    public Output forward(Tensor x, Tensor label, Tensor maskM, Tensor maskU) {
        Tensor projX = finalProj.call(x);
        Tensor logitM = skipMasked ? null : logits(projX.index(Index.of(maskM)), label.index(Index.of(maskM)));
        Tensor logitU = skipNomask ? null : logits(projX.index(Index.of(maskU)), label.index(Index.of(maskU)));
        return new Output(logitM, logitU);
    }

    /** torchaudio's {@code _compute_logits}: [frames, numClasses + 1]. */
    private Tensor logits(Tensor projX, Tensor target) {
        Tensor emb = labelEmbeddings.to(projX.dtype());
        Tensor pos = emb.indexSelect(0, target.to(DType.INT64));
        Tensor negs = emb.unsqueeze(1).expand(-1, projX.size(0), -1);
        Tensor negIsPos = pos.eq(negs).all(-1, false);
        Tensor targets = Torch.cat(List.of(pos.unsqueeze(0), negs), 0);
        Tensor logits = F.cosineSimilarity(projX, targets, -1, 1e-8).div(0.1);
        Tensor blocked = Torch.cat(List.of(Torch.zeros(new long[] {1, projX.size(0)}, DType.BOOL, projX.device()), negIsPos), 0);
        return logits.maskedFill(blocked, Double.NEGATIVE_INFINITY).transpose(0, 1);
    }
}
