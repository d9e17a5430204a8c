package org.torch4j.text.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.torch4j.text.TextReference.list;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.torch4j.text.SentencePiece;
import org.torch4j.text.TextReference;

/** torchtext 0.14's own bleu_score and data.functional (pure Python) on the same inputs (tools/gen_text_subword_reference.py). */
class DataTest {
    private static final Map<String, Object> R = TextReference.load("data.json");

    @TestFactory
    Stream<DynamicTest> bleuScoresMatchTorchtext() {
        List<Map<String, Object>> cases = list(R.get("bleu"));
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.get("name") + " / max_n " + c.get("max_n"), () -> {
            double[] weights = TextReference.<Number>list(c.get("weights")).stream().mapToDouble(Number::doubleValue).toArray();
            double score = Metrics.bleuScore(list(c.get("candidates")), list(c.get("references")), ((Number) c.get("max_n")).intValue(), weights);
            double expected = ((Number) c.get("score")).doubleValue();
            assertEquals(expected, score, 1e-6 * Math.abs(expected), "float32 precision, as torchtext's tensors");
        }));
    }

    @Test
    void bleuChecksItsArguments() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Metrics.bleuScore(List.of(List.of("a")), List.of(List.of(List.of("a"))), 3, new double[] {0.5, 0.5}));
        assertEquals("Length of the \"weights\" list has be equal to max_n", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Metrics.bleuScore(List.of(List.of("a")), List.of()));
        assertEquals("The length of candidate and reference corpus should be the same", e.getMessage());
        assertEquals(0.8408964276313782, Metrics.bleuScore(List.of(List.of("My", "full", "pytorch", "test"), List.of("Another", "Sentence")),
                List.of(List.of(List.of("My", "full", "pytorch", "test"), List.of("Completely", "Different")), List.of(List.of("No", "Match")))),
                1e-7);
    }

    @Test
    void wikipediaFilterMatchesTorchtext() {
        List<String> lines = list(R.get("wiki_lines"));
        assertEquals(R.get("wiki_filtered"), DataFunctional.filterWikipediaXml(lines.stream()).toList());
    }

    @Test
    void customReplaceAndSplitMatchTorchtext() {
        UnaryOperator<String> replace = DataFunctional.customReplace(list(R.get("replace_patterns")));
        assertEquals(R.get("replaced"), TextReference.<String>list(R.get("replace_texts")).stream().map(replace).toList());
        assertEquals(R.get("split"), TextReference.<String>list(R.get("split_texts")).stream().map(DataFunctional::simpleSpaceSplit).toList());
        assertEquals("a$1b\n", DataFunctional.customReplace(List.of(List.of("x", "$1"), List.of("y", "\\n"))).apply("axby"));
    }

    @Test
    void numericalizeAndSentencepieceHelpers() throws IOException {
        Map<String, Integer> vocab = Map.of("Sentencepiece", 0, "encode", 1, "as", 2, "pieces", 3);
        assertEquals(List.of(0, 2, 3), DataFunctional.numericalizeTokens(vocab, DataFunctional.simpleSpaceSplit("Sentencepiece as pieces"), null));
        assertEquals(List.of(2), DataFunctional.numericalizeTokens(vocab, List.of("as", "pieces"), Set.of("pieces")));
        assertThrows(IllegalArgumentException.class, () -> DataFunctional.numericalizeTokens(vocab, List.of("other"), null));
        SentencePiece sp = SentencePiece.load(TextReference.path("sentencepiece/unigram.model"));
        assertEquals(sp.encodeAsIds("a line"), DataFunctional.sentencepieceNumericalizer(sp, "a line"));
        assertEquals(sp.encodeAsPieces("a line"), DataFunctional.sentencepieceTokenizer(sp, "a line"));
    }
}
