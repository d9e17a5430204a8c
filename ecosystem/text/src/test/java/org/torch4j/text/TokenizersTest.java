package org.torch4j.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.torch4j.text.TextReference.get;
import static org.torch4j.text.TextReference.list;
import static org.torch4j.text.TextReference.map;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The tokenizers against torchtext 0.14's outputs on varied text (Unicode, whitespace, punctuation). */
class TokenizersTest {

    private static List<String> texts() {
        return list(get("texts"));
    }

    @Test
    void basicEnglishMatchesTorchtext() {
        List<List<String>> expected = list(get("basic_english"));
        var tok = Tokenizers.getTokenizer("basic_english");
        for (int i = 0; i < texts().size(); i++) assertEquals(expected.get(i), tok.apply(texts().get(i)), texts().get(i));
    }

    @Test
    void splitMatchesPythonStrSplit() {
        List<List<String>> expected = list(get("split"));
        var tok = Tokenizers.getTokenizer(null);
        for (int i = 0; i < texts().size(); i++) assertEquals(expected.get(i), tok.apply(texts().get(i)), texts().get(i));
        assertEquals(expected.get(1), Tokenizers.getTokenizer("split").apply(texts().get(1)));
    }

    @Test
    void charactersAreCodePointsAsPythonList() {
        List<List<String>> expected = list(get("chars"));
        var tok = Tokenizers.getTokenizer("chars");
        for (int i = 0; i < texts().size(); i++) assertEquals(expected.get(i), tok.apply(texts().get(i)), texts().get(i));
    }

    @Test
    void regexTokenizerMatchesTorchtext() {
        List<String> inputs = list(get("regex_texts"));
        for (Object c : TextReference.<Object>list(get("regex"))) {
            List<List<String>> pairs = list(map(c).get("patterns"));
            List<Map.Entry<String, String>> entries = new ArrayList<>();
            for (List<String> p : pairs) entries.add(Map.entry(p.get(0), p.get(1)));
            RegexTokenizer tok = new RegexTokenizer(entries);
            List<List<String>> outs = list(map(c).get("outputs"));
            for (int i = 0; i < inputs.size(); i++) assertEquals(outs.get(i), tok.apply(inputs.get(i)), pairs + " on " + inputs.get(i));
        }
    }

    @Test
    void ngramsMatchTorchtext() {
        for (Object c : TextReference.<Object>list(get("ngrams"))) {
            Map<String, Object> m = map(c);
            List<String> tokens = list(m.get("tokens"));
            int n = ((Number) m.get("n")).intValue();
            assertEquals(m.get("out"), Tokenizers.ngrams(tokens, n), tokens + " n=" + n);
        }
    }

    @Test
    void unknownTokenizerNamesTheChoices() {
        var e = assertThrows(IllegalArgumentException.class, () -> Tokenizers.getTokenizer("spacy_xx"));
        assertTrue(e.getMessage().startsWith("Requested tokenizer spacy_xx, valid choices are"), e.getMessage());
    }
}
