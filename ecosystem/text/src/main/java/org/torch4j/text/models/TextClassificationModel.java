package org.torch4j.text.models;

import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.EmbeddingBag;
import org.torch4j.nn.Init;
import org.torch4j.nn.Linear;
import org.torch4j.nn.Module;

/**
 * The torchtext tutorial's text classifier ({@code TextClassificationModel}): an
 * {@link EmbeddingBag} averaging each text's token embeddings ({@code mode="mean"}), then a
 * {@link Linear} layer to class scores. Weights start as the tutorial's {@code init_weights}: embedding
 * and linear weights uniform in [-0.5, 0.5], linear bias zero. Submodules {@code embedding},
 * {@code fc}, so state-dict keys match the tutorial's.
 */
public class TextClassificationModel extends Module {
    /** The bag of embeddings, [vocabSize, embedDim]. */
    public final EmbeddingBag embedding;
    /** The classifier layer, embedDim to numClasses. */
    public final Linear fc;

    /** A classifier over a vocabulary of {@code vocabSize} tokens. */
    public TextClassificationModel(long vocabSize, long embedDim, long numClasses) {
        if (vocabSize <= 0 || embedDim <= 0 || numClasses <= 0) {
            throw new IllegalArgumentException("vocabSize, embedDim and numClasses must be positive, got " + vocabSize + ", " + embedDim
                    + ", " + numClasses);
        }
        this.embedding = registerModule("embedding", new EmbeddingBag(vocabSize, embedDim, "mean"));
        this.fc = registerModule("fc", new Linear(embedDim, numClasses));
        initWeights();
    }

    /** {@code init_weights()}: uniform(-0.5, 0.5) weights, zero bias. */
    public void initWeights() {
        double initrange = 0.5;
        try (var g = Torch.noGrad()) {
            Init.uniform_(embedding.weight, -initrange, initrange);
            Init.uniform_(fc.weight, -initrange, initrange);
            Init.zeros_(fc.bias);
        }
    }

    /**
     * Class scores [bags, numClasses] for the concatenated token ids {@code text} (1-d int64) whose
     * bags start at {@code offsets} (1-d int64), as {@link TextClassificationBatch} builds them.
     */
    public Tensor forward(Tensor text, Tensor offsets) {
        return fc.call(embedding.call(text, offsets, null));
    }

    /** Class scores for a 2-d input, one equal-length bag per row. */
    @Override
    public Tensor forward(Tensor input) {
        return forward(input, null);
    }

    /** {@code model(text, offsets)}: {@link #forward(Tensor, Tensor)} with the hooks around it. */
    public final Tensor call(Tensor text, Tensor offsets) {
        return callWithHooks(args -> forward((Tensor) args.get(0), (Tensor) args.get(1)), text, offsets);
    }
}
