package org.torch4j.text;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * A token-to-index table ({@code torchtext.vocab.Vocab}): built from token streams with
 * {@link #build}, ordered as torchtext orders it (specials, then by decreasing frequency, ties in
 * lexicographic order), with an optional default index for unknown tokens.
 */
public final class Vocab {
    private final List<String> itos;
    private final Map<String, Integer> stoi = new HashMap<>();
    private Integer defaultIndex;

    public Vocab(List<String> tokens) {
        this.itos = List.copyOf(tokens);
        for (int i = 0; i < itos.size(); i++) {
            if (stoi.putIfAbsent(itos.get(i), i) != null) throw new IllegalArgumentException("duplicate token '" + itos.get(i) + "'");
        }
    }

    /**
     * {@code build_vocab_from_iterator}: tokens seen at least {@code minFreq} times, specials first (or
     * last with {@code specialFirst} false).
     */
    public static Vocab build(Iterable<? extends List<String>> tokenLists, int minFreq, List<String> specials, boolean specialFirst) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (List<String> tokens : tokenLists) for (String t : tokens) counts.merge(t, 1, Integer::sum);
        for (String s : specials) counts.remove(s);
        List<Map.Entry<String, Integer>> sorted = new ArrayList<>(counts.entrySet());
        sorted.sort((a, b) -> a.getValue().equals(b.getValue()) ? a.getKey().compareTo(b.getKey()) : b.getValue() - a.getValue());
        List<String> tokens = new ArrayList<>();
        if (specialFirst) tokens.addAll(specials);
        for (Map.Entry<String, Integer> e : sorted) if (e.getValue() >= minFreq) tokens.add(e.getKey());
        if (!specialFirst) tokens.addAll(specials);
        return new Vocab(tokens);
    }

    /** The index given to unknown tokens (usually that of "<unk>"); without one they are an error. */
    public Vocab setDefaultIndex(Integer index) {
        this.defaultIndex = index;
        return this;
    }

    public int size() {
        return itos.size();
    }

    public boolean contains(String token) {
        return stoi.containsKey(token);
    }

    /** The index of a token. */
    public int index(String token) {
        Integer i = stoi.get(token);
        if (i != null) return i;
        if (defaultIndex != null) return defaultIndex;
        throw new IllegalArgumentException("Token " + token + " not found and default index is not set");
    }

    /** {@code vocab(tokens)}: the indices as an int64 tensor. */
    public Tensor encode(List<String> tokens) {
        long[] ids = new long[tokens.size()];
        for (int i = 0; i < ids.length; i++) ids[i] = index(tokens.get(i));
        return Torch.tensor(ids, ids.length);
    }

    /** {@code lookup_tokens}. */
    public List<String> decode(long... indices) {
        List<String> out = new ArrayList<>();
        for (long i : indices) {
            if (i < 0 || i >= itos.size()) throw new IndexOutOfBoundsException("Specified index " + i + " is out of bounds of size " + itos.size());
            out.add(itos.get((int) i));
        }
        return out;
    }

    /** {@code get_itos()}. */
    public List<String> tokens() {
        return itos;
    }
}
