package org.torch4j.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.torch4j.text.transforms.BERTTokenizer;
import org.torch4j.text.transforms.CLIPTokenizer;

/** The README's subword tokenizer example, run as written (paths relative to the repository root there). */
class SubwordTokenizersExampleTest {
    @Test
    void readmeExample() throws IOException {
        Path ref = TextReference.path("sentencepiece/unigram.model").getParent().getParent(); // the README's ref folder
        SentencePiece sp = SentencePiece.load(ref.resolve("sentencepiece/unigram.model"));
        List<String> pieces = sp.encodeAsPieces("Hello World, How are you!");
        List<Integer> ids = sp.encodeAsIds("Hello World, How are you!");
        String text = sp.decodeIds(ids);

        BERTTokenizer bert = BERTTokenizer.load(ref.resolve("bert/vocab.txt"), true, null, true, List.of());
        Object wordPieces = bert.apply("Hello World, How are you!");
        List<Integer> bertIds = BERTTokenizer.load(ref.resolve("bert/vocab.txt")).encode("Hello World");

        CLIPTokenizer clip = CLIPTokenizer.load(ref.resolve("clip/merges.bpe"), null, null, true);
        Object clipPieces = clip.apply("A photo of a cat");

        assertEquals(List.of("▁He", "ll", "o", "▁W", "or", "l", "d", ",", "▁How", "▁are", "▁you", "!"), pieces);
        assertEquals("Hello World, How are you!", text);
        assertEquals(List.of("hell", "##o", "world", ",", "how", "are", "you", "!"), wordPieces);
        assertEquals(List.of("hell", "##o", "world"), bert.vocab().lookupTokens(bertIds));
        assertEquals(List.of("a</w>", "p", "ho", "to</w>", "of</w>", "a</w>", "c", "at</w>"), clipPieces);
    }
}
