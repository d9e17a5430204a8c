package org.torch4j.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Expected values from torchtext 0.14's basic_english tokenizer and build_vocab_from_iterator (hand-checked small cases). */
class TextTest {

    @Test
    void basicEnglishSplitsPunctuationLikeTorchtext() {
        List<String> t = new BasicEnglishTokenizer().apply("You can now install TorchText using pip!<br />It's \"great\"; really: (yes), ok?");
        assertEquals(List.of("you", "can", "now", "install", "torchtext", "using", "pip", "!", "it", "'", "s", "great", "really",
                "(", "yes", ")", ",", "ok", "?"), t);
    }

    @Test
    void vocabOrdersByFrequencyThenLexically() {
        BasicEnglishTokenizer tok = new BasicEnglishTokenizer();
        Vocab v = Vocab.build(List.of(tok.apply("the cat sat"), tok.apply("the dog sat"), tok.apply("a cat")), 1,
                List.of("<unk>", "<pad>"), true).setDefaultIndex(0);
        assertEquals(List.of("<unk>", "<pad>", "cat", "sat", "the", "a", "dog"), v.tokens());
        assertArrayEquals(new long[] {4, 2, 0}, v.encode(List.of("the", "cat", "zebra")).toLongArray());
        assertEquals(List.of("dog", "a"), v.decode(6, 5));
        Vocab strict = Vocab.build(List.of(List.of("x", "y", "y")), 2, List.of(), true);
        assertEquals(List.of("y"), strict.tokens());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> strict.index("x"));
        assertEquals("Token x not found and default index is not set", e.getMessage());
    }
}
