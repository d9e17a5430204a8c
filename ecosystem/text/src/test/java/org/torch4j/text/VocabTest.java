package org.torch4j.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.torch4j.text.TextReference.get;
import static org.torch4j.text.TextReference.ints;
import static org.torch4j.text.TextReference.list;
import static org.torch4j.text.TextReference.map;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Vocab against torchtext 0.14: ordering (frequency ties, specials, max_tokens, min_freq), lookups, edits, errors. */
class VocabTest {

    @Test
    void buildVocabFromIteratorOrdersAsTorchtext() {
        List<List<String>> corpus = list(get("corpus"));
        List<Object> builds = list(get("build_vocab"));
        assertTrue(builds.size() > 40);
        for (Object b : builds) {
            Map<String, Object> m = map(b);
            Number max = (Number) m.get("max_tokens");
            Vocab v = Vocab.buildVocabFromIterator(corpus, ((Number) m.get("min_freq")).intValue(), list(m.get("specials")),
                    (Boolean) m.get("special_first"), max == null ? null : max.intValue());
            assertEquals(m.get("itos"), v.getItos(), m.toString().replaceAll(", itos=.*", ""));
        }
    }

    @Test
    void vocabFactoryKeepsDictOrder() {
        Map<String, Integer> od = new LinkedHashMap<>();
        for (List<Object> kv : TextReference.<List<Object>>list(get("ordered_dict"))) od.put((String) kv.get(0), ((Number) kv.get(1)).intValue());
        for (Object b : TextReference.<Object>list(get("vocab_factory"))) {
            Map<String, Object> m = map(b);
            Vocab v = Vocab.vocab(od, ((Number) m.get("min_freq")).intValue(), list(m.get("specials")), (Boolean) m.get("special_first"));
            assertEquals(m.get("itos"), v.getItos(), m.toString());
        }
    }

    @Test
    void lookupsEditsAndErrorsMatchTorchtext() {
        Map<String, Object> ops = map(get("vocab_ops"));
        Vocab v = Vocab.buildVocabFromIterator(TextReference.<List<String>>list(get("corpus")), 1, List.of("<unk>", "<pad>"), true);
        assertEquals(ops.get("itos"), v.getItos());
        assertEquals(((Number) ops.get("len")).intValue(), v.size());
        for (var e : map(ops.get("contains")).entrySet()) assertEquals(e.getValue(), v.contains(e.getKey()), e.getKey());
        for (var e : map(ops.get("getitem")).entrySet()) assertEquals(((Number) e.getValue()).intValue(), v.get(e.getKey()));
        assertEquals(ints(ops.get("lookup_indices")), v.lookupIndices(List.of("the", "cat", "sat")));
        assertEquals(ints(ops.get("lookup_indices")), v.forward(List.of("the", "cat", "sat")));
        assertEquals(ops.get("lookup_tokens"), v.lookupTokens(List.of(3, 0, 2)));
        assertEquals(ops.get("lookup_token"), v.lookupToken(4));
        assertNull(v.getDefaultIndex());

        assertError(ops, "error_unknown", IllegalArgumentException.class, () -> v.get("zebra"));
        assertError(ops, "error_lookup_token", IndexOutOfBoundsException.class, () -> v.lookupToken(v.size()));
        assertError(ops, "error_lookup_token_negative", IndexOutOfBoundsException.class, () -> v.lookupToken(-1));
        assertError(ops, "error_lookup_tokens", IndexOutOfBoundsException.class, () -> v.lookupTokens(List.of(0, 1, 999)));
        assertError(ops, "error_append", IllegalArgumentException.class, () -> v.appendToken("the"));
        assertError(ops, "error_insert_existing", IllegalArgumentException.class, () -> v.insertToken("the", 0));
        assertError(ops, "error_insert_index", IndexOutOfBoundsException.class, () -> v.insertToken("new", v.size() + 1));
        assertError(ops, "error_duplicate", IllegalArgumentException.class, () -> Vocab.vocab(Map.of("a", 1), 1, List.of("b", "b"), true));

        v.setDefaultIndex(0);
        assertEquals(((Number) ops.get("default_index")).intValue(), v.getDefaultIndex());
        assertEquals(ints(ops.get("lookup_indices_default")), v.lookupIndices(List.of("the", "zebra", "cat")));
        v.insertToken("<bos>", 1);
        v.appendToken("<eos>");
        assertEquals(ops.get("after_insert_append_itos"), v.getItos());
        Map<String, Integer> stoi = new HashMap<>();
        for (var e : map(ops.get("after_insert_append_stoi")).entrySet()) stoi.put(e.getKey(), ((Number) e.getValue()).intValue());
        assertEquals(stoi, v.getStoi());
        for (var e : map(ops.get("after_insert_getitem")).entrySet()) assertEquals(((Number) e.getValue()).intValue(), v.get(e.getKey()), e.getKey());
    }

    @Test
    void maxTokensMustLeaveRoomBeyondSpecials() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Vocab.buildVocabFromIterator(List.of(List.of("a")), 1, List.of("<unk>", "<pad>"), true, 2));
        assertEquals("len(specials) >= max_tokens, so the vocab will be entirely special tokens.", e.getMessage());
        assertFalse(Vocab.buildVocabFromIterator(List.of(List.of("a")), 1, List.of(), true, 1).contains("b"));
    }

    static void assertError(Map<String, Object> ops, String key, Class<? extends Throwable> type, org.junit.jupiter.api.function.Executable run) {
        Map<String, Object> expected = map(ops.get(key));
        assertEquals("RuntimeError", expected.get("type"));
        Throwable t = assertThrows(type, run, key);
        assertEquals(expected.get("message"), t.getMessage(), key);
    }
}
