package org.torch4j.text.models;

import java.util.Map;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.nn.Module;
import org.torch4j.nn.Parameter;

/**
 * {@code torchtext.models.RobertaEncoder}: the {@link RobertaTransformerEncoder} (under {@code transformer}) with
 * batch-first output [B, T, C], or only the rows of the masked tokens [K, C]. The features at padding positions are
 * computed (attention skips the padding, but each padding position still attends to the real tokens); PyTorch's
 * nested-tensor fast path, taken in eval mode without gradients, returns zeros there instead.
 */
public class RobertaEncoder extends Module {
    /** The encoder proper. */
    public final RobertaTransformerEncoder transformer;

    /** The encoder of {@code conf}; with {@code freeze} its parameters do not require gradients. */
    public RobertaEncoder(RobertaEncoderConf conf, boolean freeze) {
        this.transformer = registerModule("transformer", new RobertaTransformerEncoder(conf));
        if (freeze) for (Parameter p : parameters()) p.requiresGrad_(false);
    }

    /** The features of {@code tokens} [B, T]: [B, T, C]. */
    @Override
    public Tensor forward(Tensor tokens) {
        return forward(tokens, null);
    }

    /**
     * The features of {@code tokens} [B, T]: [B, T, C], or with {@code maskedTokens} ([B, T], non-zero where
     * wanted) the wanted positions' rows [K, C] in row-major order.
     */
    public Tensor forward(Tensor tokens, Tensor maskedTokens) {
        Tensor output = transformer.call(tokens).transpose(1, 0);
        if (maskedTokens == null) return output;
        Tensor rows = maskedTokens.to(DType.BOOL).unsqueeze(-1).expand(output.shape());
        return output.maskedSelect(rows).reshape(-1, output.size(2));
    }

    /** {@code encoder(tokens, masked_tokens)} with the hooks around it. */
    public final Tensor call(Tensor tokens, Tensor maskedTokens) {
        return callWithHooks(args -> forward((Tensor) args.get(0), (Tensor) args.get(1)), tokens, maskedTokens);
    }

    /** Loads {@code state}, taking torchtext's older layer names too. */
    @Override
    public LoadResult loadStateDict(Map<String, Tensor> state, boolean strict) {
        return super.loadStateDict(RobertaTransformerEncoder.upgradeLegacyNames(state, "transformer."), strict);
    }
}
