package org.torch4j.text.transforms;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.torch4j.text.SentencePiece;

/**
 * {@code torchtext.transforms.SentencePieceTokenizer}: a String to its sentencepiece pieces
 * ({@link SentencePiece#encodeAsPieces}), a list of Strings to a list of such lists. Chain a
 * {@link VocabTransform}, or use {@link SentencePiece#encodeAsIds} directly, for ids.
 */
public final class SentencePieceTokenizer implements TextTransform {
    private final SentencePiece model;

    /** A tokenizer over a loaded model. */
    public SentencePieceTokenizer(SentencePiece model) {
        this.model = model;
    }

    /**
     * torchtext's {@code SentencePieceTokenizer(sp_model_path)}.
     *
     * @throws IOException if the model cannot be read or is malformed (see {@link SentencePiece#load})
     */
    public static SentencePieceTokenizer load(Path spModel) throws IOException {
        return new SentencePieceTokenizer(SentencePiece.load(spModel));
    }

    /** The model. */
    public SentencePiece model() {
        return model;
    }

    @Override
    public Object apply(Object input) {
        return Functional.perText(input, model::encodeAsPieces);
    }
}
