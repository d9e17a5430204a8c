package org.torch4j.vision.models;

import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.Dropout;
import org.torch4j.nn.LayerNorm;
import org.torch4j.nn.Module;
import org.torch4j.nn.Parameter;

/**
 * The transformer encoder of {@link VisionTransformer} ({@code torchvision.models.vision_transformer.Encoder}):
 * a learned position embedding (normal, std 0.02, as BERT), {@code layers.encoder_layer_i} and a final
 * layer norm.
 */
public class Encoder extends Module {
    /** The learned position embedding [1, seqLength, hidden]. */
    public final Parameter posEmbedding;
    /** {@code encoder_layer_0} ... */
    public final NamedSequential layers;
    /** The final layer norm. */
    public final LayerNorm ln;
    private final Dropout dropout;

    /** An encoder for sequences of {@code seqLength} tokens of width {@code hiddenDim}. */
    public Encoder(long seqLength, int numLayers, int numHeads, long hiddenDim, long mlpDim, double dropout, double attentionDropout) {
        Tensor pos = Torch.empty(new long[] {1, seqLength, hiddenDim}, DType.FLOAT32).normal_(0, 0.02);
        posEmbedding = registerParameter("pos_embedding", new Parameter(pos));
        this.dropout = registerModule("dropout", new Dropout(dropout));
        layers = new NamedSequential();
        for (int i = 0; i < numLayers; i++) {
            layers.add("encoder_layer_" + i, new EncoderBlock(numHeads, hiddenDim, mlpDim, dropout, attentionDropout));
        }
        registerModule("layers", layers);
        ln = registerModule("ln", new LayerNorm(new long[] {hiddenDim}, 1e-6, true));
    }

    /** [N, seqLength, hidden] to [N, seqLength, hidden]. */
    @Override
    public Tensor forward(Tensor input) {
        if (input.dim() != 3) {
            throw new IllegalArgumentException("Expected (batch_size, seq_length, hidden_dim) got " + java.util.Arrays.toString(input.shape()));
        }
        return ln.call(layers.call(dropout.call(input.add(posEmbedding))));
    }
}
