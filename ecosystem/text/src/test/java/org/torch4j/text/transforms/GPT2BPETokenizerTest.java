package org.torch4j.text.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.torch4j.text.TextReference.get;
import static org.torch4j.text.TextReference.list;
import static org.torch4j.text.TextReference.map;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Byte-level BPE against the generator's Python rendering of GPT-2's encoder.py (bytes_to_unicode from
 * torchtext, GPT-2's pattern with the regex module, bpe()) and its trainer.
 */
class GPT2BPETokenizerTest {
    private static final Map<String, Object> R = map(get("bpe"));

    static Map<String, Integer> encoder() {
        Map<String, Integer> enc = new LinkedHashMap<>();
        for (List<Object> kv : TextReference_.pairs(R.get("encoder"))) enc.put((String) kv.get(0), ((Number) kv.get(1)).intValue());
        return enc;
    }

    @Test
    void bytesToUnicodeIsGpt2s() {
        Map<Integer, String> m = GPT2BPETokenizer.bytesToUnicode();
        List<List<Object>> expected = TextReference_.pairs(R.get("byte_encoder"));
        assertEquals(256, m.size());
        int i = 0;
        for (Map.Entry<Integer, String> e : m.entrySet()) {
            assertEquals(((Number) expected.get(i).get(0)).intValue(), e.getKey());
            assertEquals(expected.get(i).get(1), e.getValue());
            i++;
        }
    }

    @Test
    void preTokenizationMatchesGpt2Pattern() {
        List<String> texts = list(R.get("texts"));
        List<List<String>> expected = list(R.get("pre_tokens"));
        for (int i = 0; i < texts.size(); i++) assertEquals(expected.get(i), GPT2BPETokenizer.preTokenize(texts.get(i)), texts.get(i));
    }

    @Test
    void trainingGivesTheSameMergesAndIds() {
        int vocabSize = ((Number) R.get("vocab_size")).intValue(), minFrequency = ((Number) R.get("min_frequency")).intValue();
        GPT2BPETokenizer trained = GPT2BPETokenizer.train(list(R.get("corpus")), vocabSize, minFrequency, false);
        assertEquals(R.get("merges"), trained.merges());
        assertEquals(encoder(), trained.encoder());
        assertEquals(List.copyOf(encoder().keySet()), List.copyOf(trained.encoder().keySet()));
    }

    @Test
    void encodingMatchesGpt2Bpe(@TempDir Path dir) throws Exception {
        Path vocabBpe = dir.resolve("vocab.bpe");
        List<String> merges = list(R.get("merges"));
        Files.writeString(vocabBpe, "#version: 0.2\n" + String.join("\n", merges) + "\n");
        assertEquals(merges, GPT2BPETokenizer.readMerges(vocabBpe));
        GPT2BPETokenizer ids = new GPT2BPETokenizer(encoder(), GPT2BPETokenizer.readMerges(vocabBpe), false);
        GPT2BPETokenizer tokens = new GPT2BPETokenizer(encoder(), merges, true);
        List<String> texts = list(R.get("texts"));
        List<List<String>> expectedTokens = list(R.get("tokens")), expectedIds = list(R.get("ids"));
        for (int i = 0; i < texts.size(); i++) {
            assertEquals(expectedTokens.get(i), tokens.apply(texts.get(i)), texts.get(i));
            assertEquals(expectedIds.get(i), ids.apply(texts.get(i)), texts.get(i));
            assertEquals(texts.get(i), ids.decode(ids.encode(texts.get(i))));
        }
        assertEquals(expectedIds.subList(0, 2), ids.apply(texts.subList(0, 2)));
        var e = assertThrows(IllegalArgumentException.class, () -> ids.apply(42));
        assertEquals("Input type not supported", e.getMessage());
    }

    @Test
    void loadsGpt2sFiles(@TempDir Path dir) throws Exception {
        // encoder.json exactly as GPT-2's encoder.py writes it (json.dump: \\u escapes for the byte stand-ins)
        Path encoderJson = dir.resolve("encoder.json"), vocabBpe = dir.resolve("vocab.bpe");
        String json = (String) R.get("encoder_json");
        assertTrue(json.contains("\\u0120"), "the reference escapes non-ASCII pieces");
        Files.writeString(encoderJson, json);
        Files.writeString(vocabBpe, "#version: 0.2\n" + String.join("\n", list(R.get("merges"))) + "\n");
        GPT2BPETokenizer loaded = GPT2BPETokenizer.load(encoderJson, vocabBpe, false);
        assertEquals(List.copyOf(encoder().entrySet()), List.copyOf(loaded.encoder().entrySet()), "same pieces, ids and order");
        List<String> texts = list(R.get("texts"));
        List<List<String>> expectedIds = list(R.get("ids"));
        for (int i = 0; i < texts.size(); i++) assertEquals(expectedIds.get(i), loaded.apply(texts.get(i)), texts.get(i));
    }

    @Test
    void malformedEncoderJsonNamesTheOffset(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("encoder.json");
        for (String[] c : new String[][] {{"{\"a\": 1, \"b\" 2}", "expected ':' at offset 13"},
                {"{\"a\": x}", "unexpected character 'x' at offset 6"}, {"{\"a\": 1", "unexpected end of input at offset 7"},
                {"{\"a\": 1, \"a\": 2}", "duplicate key \"a\" at offset"}, {"{\"\\q\": 1}", "bad escape '\\q' at offset"},
                {"{\"a\": 1.5}", "the id of \"a\" must be an integer, got 1.5"}, {"[1]", "expected a JSON object of pieces to ids"}}) {
            Files.writeString(f, c[0]);
            var e = assertThrows(java.io.IOException.class, () -> GPT2BPETokenizer.readEncoder(f), c[0]);
            assertTrue(e.getMessage().contains(c[1]), c[0] + " -> " + e.getMessage());
        }
    }

    /** JSON helpers local to this test. */
    static final class TextReference_ {
        @SuppressWarnings("unchecked")
        static List<List<Object>> pairs(Object o) {
            return (List<List<Object>>) o;
        }
    }
}
