package org.torch4j.text.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.torch4j.text.TextReference.list;
import static org.torch4j.text.TextReference.map;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.torch4j.text.TextReference;

/**
 * CLIP's BPE against tools/gen_text_subword_reference.py: torchtext 0.14's CLIPTokenizer wrapper over a line-for-line
 * rendering of its C++ encoder, with merges learned from the fortunes (the file ends in a newline, as CLIP's own).
 */
class CLIPTokenizerTest {
    private static final Map<String, Object> R = TextReference.load("clip/clip.json");
    private static final Path MERGES = TextReference.path("clip/merges.bpe");
    private static final Path ENCODER = TextReference.path("clip/encoder.json");

    private static CLIPTokenizer tokenizer(String config, boolean returnTokens) throws IOException {
        return switch (config) {
            case "merges" -> CLIPTokenizer.load(MERGES, null, null, returnTokens);
            case "merges and encoder" -> CLIPTokenizer.load(MERGES, ENCODER, null, returnTokens);
            default -> CLIPTokenizer.load(MERGES, null, ((Number) map(R.get("configs")).get(config)).intValue(), returnTokens);
        };
    }

    @TestFactory
    Stream<DynamicTest> tokensAndIdsMatchTorchtext() {
        List<Map<String, Object>> cases = list(R.get("cases"));
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.get("config") + " / " + c.get("name"), () -> {
            String text = (String) c.get("text");
            assertEquals(c.get("tokens"), tokenizer((String) c.get("config"), true).apply(text), text);
            assertEquals(c.get("ids"), tokenizer((String) c.get("config"), false).apply(text), text);
        }));
    }

    @Test
    void vocabularyIsBuiltAsTorchtextBuildsIt() throws IOException {
        // 256 byte pieces, the same with </w>, the merges (and the empty one after the final newline), 2 specials
        CLIPTokenizer t = tokenizer("merges", false);
        assertEquals(((Number) R.get("encoder_size")).intValue(), t.encoder().size());
        assertEquals(t.encoder().size() - 2, t.encoder().get(CLIPTokenizer.START_OF_TEXT));
        assertEquals(0, t.encoder().get("!"));
        assertEquals(256, t.encoder().get("!</w>"));
    }

    @Test
    void batchesAreListsOfResults() throws IOException {
        Map<String, Object> b = map(R.get("batch"));
        assertEquals(b.get("tokens"), tokenizer("merges", true).apply(b.get("texts")));
        assertEquals(b.get("ids"), tokenizer("merges", false).apply(b.get("texts")));
        assertThrows(IllegalArgumentException.class, () -> tokenizer("merges", false).apply(3));
    }
}
