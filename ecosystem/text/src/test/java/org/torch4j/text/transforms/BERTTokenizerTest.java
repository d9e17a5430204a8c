package org.torch4j.text.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.torch4j.text.TextReference.list;
import static org.torch4j.text.TextReference.map;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.torch4j.text.TextReference;
import org.torch4j.text.Vocab;

/**
 * WordPiece against tools/gen_text_subword_reference.py: torchtext 0.14's BERTTokenizer wrapper over a line-for-line
 * rendering of its C++ encoder, cross-checked there with Hugging Face's tokenizers; vocabulary built from the fortunes.
 */
class BERTTokenizerTest {
    private static final Map<String, Object> R = TextReference.load("bert/bert.json");
    private static final Path VOCAB = TextReference.path("bert/vocab.txt");

    private static BERTTokenizer tokenizer(String option, boolean returnTokens) throws IOException {
        Map<String, Object> o = map(map(R.get("options")).get(option));
        return BERTTokenizer.load(VOCAB, (Boolean) o.get("do_lower_case"), (Boolean) o.get("strip_accents"), returnTokens,
                list(o.get("never_split")));
    }

    @TestFactory
    Stream<DynamicTest> tokensAndIdsMatchTorchtext() {
        List<Map<String, Object>> cases = list(R.get("cases"));
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.get("options") + " / " + c.get("name"), () -> {
            String text = (String) c.get("text");
            assertEquals(c.get("tokens"), tokenizer((String) c.get("options"), true).apply(text), text);
            assertEquals(c.get("ids"), tokenizer((String) c.get("options"), false).apply(text), text);
        }));
    }

    @TestFactory
    Stream<DynamicTest> fourHundredFortunesTokenizeAsTorchtext() throws IOException {
        List<String> bulk = TextReference.bulkFortunes(R);
        return map(R.get("bulk_crc")).entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            @SuppressWarnings("unchecked")
            List<List<String>> ids = (List<List<String>>) tokenizer(e.getKey(), false).apply(bulk);
            List<Number> expected = list(e.getValue());
            for (int block = 0; block * 50 < bulk.size(); block++) {
                List<String> joined = ids.subList(block * 50, Math.min(ids.size(), block * 50 + 50)).stream().map(l -> String.join(",", l)).toList();
                assertEquals(expected.get(block).longValue(), TextReference.crc32(String.join("\n", joined)),
                        "CRC-32 of the ids of fortunes " + block * 50 + ".." + (block * 50 + 49));
            }
        }));
    }

    @Test
    void batchesAreListsOfResults() throws IOException {
        Map<String, Object> b = map(R.get("batch"));
        assertEquals(b.get("tokens"), BERTTokenizer.load(VOCAB, true, null, true, List.of()).apply(b.get("texts")));
        assertEquals(b.get("ids"), BERTTokenizer.load(VOCAB).apply(b.get("texts")));
    }

    @Test
    void encodeGivesIntegerIdsOfTheVocabulary() throws IOException {
        BERTTokenizer t = BERTTokenizer.load(VOCAB);
        List<Integer> ids = t.encode("Hello World, How are you!");
        assertEquals(t.tokenize("Hello World, How are you!"), t.vocab().lookupTokens(ids));
        assertEquals(1940, t.vocab().size());
    }

    @Test
    void vocabFileIsReadAsTorchtextReadsIt(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("vocab.txt");
        Files.writeString(f, "[UNK]\nab\n\n##c\nab\r\nlast", StandardCharsets.UTF_8);
        // file order, the repeated "ab" kept once, an empty line read as "\n", "\r" kept, no newline at the end
        assertEquals(List.of("[UNK]", "ab", "\n", "##c", "ab\r", "last"), BERTTokenizer.readVocab(f));
        Files.write(f, new byte[] {'a', '\n', 'b', (byte) 0xC3, '\n'});
        IOException e = assertThrows(IOException.class, () -> BERTTokenizer.readVocab(f));
        assertTrue(e.getMessage().contains("not UTF-8 at byte offset 3"), e.getMessage());
    }

    @Test
    void aVocabularyWithoutUnkFailsOnlyWhenAWordCannotBeSpelled() {
        BERTTokenizer t = new BERTTokenizer(new Vocab(List.of("ab", "##c")), true, null, false, List.of());
        assertEquals(List.of(0, 1), t.encode("ABC"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.encode("abd"));
        assertEquals("Token [UNK] not found and default index is not set", e.getMessage());
        BERTTokenizer withDefault = new BERTTokenizer(new Vocab(List.of("ab", "##c")).setDefaultIndex(0), true, null, false,
                List.of());
        assertEquals(List.of(0), withDefault.encode("abd"));
    }

    @Test
    void otherInputTypesFail() throws IOException {
        BERTTokenizer t = BERTTokenizer.load(VOCAB);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.apply(List.of(1, 2)));
        assertEquals("Input type not supported", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> t.apply(new ArrayList<>(List.of("a", 3))));
    }
}
