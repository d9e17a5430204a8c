package org.torch4j.text.models;

import java.util.LinkedHashMap;
import java.util.Map;
import org.torch4j.Tensor;
import org.torch4j.nn.Dropout;
import org.torch4j.nn.Embedding;
import org.torch4j.nn.LayerNorm;
import org.torch4j.nn.Module;
import org.torch4j.nn.TransformerEncoder;
import org.torch4j.nn.TransformerEncoderLayer;

/**
 * torchtext's {@code models.roberta.modules.TransformerEncoder}: token and learned position embeddings, an embedding
 * layer norm (after the sum for post-norm models, after the last layer for pre-norm ones), dropout, and a stack of
 * {@code nn.TransformerEncoderLayer}s (batch first, GELU) with the padding tokens masked out of attention. State-dict
 * keys are torchtext's ({@code token_embedding.weight}, {@code layers.layers.0.self_attn.in_proj_weight}, ...);
 * {@link #loadStateDict} also takes torchtext's older checkpoint names ({@code layers.0.attention.input_projection.weight},
 * ...), as torchtext's pretrained XLM-R and RoBERTa files use them.
 */
public class RobertaTransformerEncoder extends Module {
    /** The token table, its padding row zero. */
    public final Embedding tokenEmbedding;
    /** The encoder layers (under {@code layers.layers}). */
    public final TransformerEncoder layers;
    /** The learned positions. */
    public final PositionalEmbedding positionalEmbedding;
    /** The embedding norm. */
    public final LayerNorm embeddingLayerNorm;
    private final Dropout dropout;
    private final int paddingIdx;
    private final boolean normalizeBefore;

    /** The encoder of {@code conf}, initialised as PyTorch initialises its layers. */
    public RobertaTransformerEncoder(RobertaEncoderConf conf) {
        this.paddingIdx = conf.paddingIdx();
        this.normalizeBefore = conf.normalizeBefore();
        this.tokenEmbedding = registerModule("token_embedding", new Embedding(conf.vocabSize(), conf.embeddingDim(), (long) conf.paddingIdx()));
        TransformerEncoderLayer layer = new TransformerEncoderLayer(conf.embeddingDim(), conf.numAttentionHeads(), conf.ffnDimension(),
                conf.dropout(), "gelu", 1e-5, true, conf.normalizeBefore());
        this.layers = registerModule("layers", new TransformerEncoder(layer, conf.numEncoderLayers(), null));
        this.positionalEmbedding = registerModule("positional_embedding",
                new PositionalEmbedding(conf.maxSeqLen(), conf.embeddingDim(), conf.paddingIdx()));
        this.embeddingLayerNorm = registerModule("embedding_layer_norm", new LayerNorm(conf.embeddingDim()));
        this.dropout = registerModule("dropout", new Dropout(conf.dropout()));
    }

    /**
     * The encoding of {@code tokens} [B, T] (int64) as [T, B, C], torchtext's layout.
     *
     * @throws IllegalArgumentException if a row has more real tokens than the position table holds
     */
    @Override
    public Tensor forward(Tensor tokens) {
        Tensor paddingMask = tokens.eq(paddingIdx);
        long longest = tokens.ne(paddingIdx).sum(new int[] {1}, false).max().itemLong();
        if (longest > positionalEmbedding.maxPositions()) {
            throw new IllegalArgumentException("a row has " + longest + " tokens, but the positional embedding holds "
                    + positionalEmbedding.maxPositions() + " positions");
        }
        Tensor embedded = tokenEmbedding.call(tokens).add(positionalEmbedding.call(tokens));
        if (!normalizeBefore) embedded = embeddingLayerNorm.call(embedded);
        embedded = dropout.call(embedded);
        Tensor encoded = layers.call(embedded, null, paddingMask).transpose(1, 0);
        return normalizeBefore ? embeddingLayerNorm.call(encoded) : encoded;
    }

    /** torchtext's older layer names, each with the current one. */
    static final Map<String, String> LEGACY_NAMES = legacyNames();

    private static Map<String, String> legacyNames() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("attention.input_projection.weight", "self_attn.in_proj_weight");
        m.put("attention.input_projection.bias", "self_attn.in_proj_bias");
        m.put("attention.output_projection.weight", "self_attn.out_proj.weight");
        m.put("attention.output_projection.bias", "self_attn.out_proj.bias");
        m.put("residual_mlp.mlp.0.weight", "linear1.weight");
        m.put("residual_mlp.mlp.0.bias", "linear1.bias");
        m.put("residual_mlp.mlp.3.weight", "linear2.weight");
        m.put("residual_mlp.mlp.3.bias", "linear2.bias");
        m.put("attention_layer_norm.weight", "norm1.weight");
        m.put("attention_layer_norm.bias", "norm1.bias");
        m.put("final_layer_norm.weight", "norm2.weight");
        m.put("final_layer_norm.bias", "norm2.bias");
        return m;
    }

    /**
     * {@code state} with torchtext's older names under {@code prefix} ({@code prefix + "layers.<i>.attention..."})
     * renamed to the current ones ({@code prefix + "layers.layers.<i>.self_attn..."}); other keys unchanged.
     */
    public static Map<String, Tensor> upgradeLegacyNames(Map<String, Tensor> state, String prefix) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : state.entrySet()) out.put(upgrade(e.getKey(), prefix), e.getValue());
        return out;
    }

    private static String upgrade(String key, String prefix) {
        String layersPrefix = prefix + "layers.";
        if (!key.startsWith(layersPrefix)) return key;
        String rest = key.substring(layersPrefix.length());
        int dot = rest.indexOf('.');
        if (dot <= 0 || !rest.substring(0, dot).chars().allMatch(Character::isDigit)) return key;
        String current = LEGACY_NAMES.get(rest.substring(dot + 1));
        return current == null ? key : layersPrefix + "layers." + rest.substring(0, dot) + "." + current;
    }

    /** Loads {@code state}, taking torchtext's older layer names too. */
    @Override
    public LoadResult loadStateDict(Map<String, Tensor> state, boolean strict) {
        return super.loadStateDict(upgradeLegacyNames(state, ""), strict);
    }
}
