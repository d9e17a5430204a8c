package org.torch4j.text;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.text.internal.PyStrings;

/**
 * A token-to-index table, as {@code torchtext.vocab.Vocab} (0.14): built by
 * {@link #buildVocabFromIterator} or {@link #vocab}, with an optional default index for unknown
 * tokens. The error messages are torchtext's (its {@code RuntimeError}s are
 * {@link IllegalArgumentException}s or {@link IndexOutOfBoundsException}s here). Not thread-safe
 * while being changed ({@link #insertToken}, {@link #appendToken}, {@link #setDefaultIndex}).
 */
public final class Vocab {
    private final List<String> itos = new ArrayList<>();
    private final Map<String, Integer> stoi = new HashMap<>();
    private Integer defaultIndex;

    /**
     * A vocabulary of {@code tokens} in this order (torchtext's {@code Vocab(VocabPybind(tokens, None))}).
     *
     * @throws IllegalArgumentException if a token appears twice
     */
    public Vocab(List<String> tokens) {
        for (String t : tokens) {
            if (stoi.containsKey(t)) throw new IllegalArgumentException("Duplicate token found in tokens list: " + t);
            stoi.put(t, itos.size());
            itos.add(t);
        }
    }

    /**
     * {@code torchtext.vocab.vocab(ordered_dict, min_freq, specials, special_first)}: the tokens of
     * {@code orderedDict} in its iteration order whose frequency is at least {@code minFreq}, with
     * {@code specials} (removed from the dict first) at the start or the end.
     *
     * @param orderedDict token to frequency, in the order wanted (a {@link LinkedHashMap}); not changed
     */
    public static Vocab vocab(Map<String, ? extends Number> orderedDict, int minFreq, List<String> specials, boolean specialFirst) {
        List<String> sp = specials == null ? List.of() : specials;
        List<String> tokens = new ArrayList<>();
        for (Map.Entry<String, ? extends Number> e : orderedDict.entrySet()) {
            if (sp.contains(e.getKey())) continue;
            if (e.getValue().longValue() >= minFreq) tokens.add(e.getKey());
        }
        if (specialFirst) tokens.addAll(0, sp);
        else tokens.addAll(sp);
        return new Vocab(tokens);
    }

    /** {@code vocab(ordered_dict)}: min_freq 1, no specials. */
    public static Vocab vocab(Map<String, ? extends Number> orderedDict) {
        return vocab(orderedDict, 1, List.of(), true);
    }

    /**
     * {@code build_vocab_from_iterator(iterator, min_freq, specials, special_first, max_tokens)}:
     * tokens counted over all lists, sorted by decreasing frequency then by code point (Python's string
     * order), cut to the {@code maxTokens - len(specials)} most frequent (before specials are removed
     * from the counts, as torchtext does), then {@link #vocab(Map, int, List, boolean)}.
     *
     * @param maxTokens null for no limit
     * @throws IllegalArgumentException if {@code specials.size() >= maxTokens} (torchtext's assertion)
     */
    public static Vocab buildVocabFromIterator(Iterable<? extends Iterable<String>> iterator, int minFreq, List<String> specials,
            boolean specialFirst, Integer maxTokens) {
        List<String> sp = specials == null ? List.of() : specials;
        Map<String, Long> counts = new HashMap<>();
        for (Iterable<String> tokens : iterator) for (String t : tokens) counts.merge(t, 1L, Long::sum);
        List<Map.Entry<String, Long>> sorted = new ArrayList<>(counts.entrySet());
        sorted.sort((a, b) -> a.getValue().equals(b.getValue()) ? PyStrings.compare(a.getKey(), b.getKey())
                : Long.compare(b.getValue(), a.getValue()));
        if (maxTokens != null) {
            if (sp.size() >= maxTokens) {
                throw new IllegalArgumentException("len(specials) >= max_tokens, so the vocab will be entirely special tokens.");
            }
            sorted = sorted.subList(0, Math.min(sorted.size(), maxTokens - sp.size()));
        }
        Map<String, Long> ordered = new LinkedHashMap<>();
        for (Map.Entry<String, Long> e : sorted) ordered.put(e.getKey(), e.getValue());
        return vocab(ordered, minFreq, sp, specialFirst);
    }

    /** {@code build_vocab_from_iterator(iterator, min_freq, specials, special_first)} without a token limit. */
    public static Vocab buildVocabFromIterator(Iterable<? extends Iterable<String>> iterator, int minFreq, List<String> specials,
            boolean specialFirst) {
        return buildVocabFromIterator(iterator, minFreq, specials, specialFirst, null);
    }

    /** Same as {@link #buildVocabFromIterator(Iterable, int, List, boolean)} (the earlier name). */
    public static Vocab build(Iterable<? extends List<String>> tokenLists, int minFreq, List<String> specials, boolean specialFirst) {
        return buildVocabFromIterator(tokenLists, minFreq, specials, specialFirst, null);
    }

    /** {@code set_default_index}: the index given to unknown tokens; null makes them an error. Returns this. */
    public Vocab setDefaultIndex(Integer index) {
        this.defaultIndex = index;
        return this;
    }

    /** {@code get_default_index()}: null when none is set. */
    public Integer getDefaultIndex() {
        return defaultIndex;
    }

    /** {@code len(vocab)}. */
    public int size() {
        return itos.size();
    }

    /** {@code token in vocab}. */
    public boolean contains(String token) {
        return stoi.containsKey(token);
    }

    /**
     * {@code vocab[token]}: its index, or the default index for an unknown token.
     *
     * @throws IllegalArgumentException for an unknown token when no default index is set
     */
    public int get(String token) {
        Integer i = stoi.get(token);
        if (i != null) return i;
        if (defaultIndex != null) return defaultIndex;
        throw new IllegalArgumentException("Token " + token + " not found and default index is not set");
    }

    /** Same as {@link #get} (the earlier name). */
    public int index(String token) {
        return get(token);
    }

    /** {@code lookup_indices(tokens)}, also what {@code vocab(tokens)} returns. */
    public List<Integer> lookupIndices(List<String> tokens) {
        List<Integer> out = new ArrayList<>(tokens.size());
        for (String t : tokens) out.add(get(t));
        return out;
    }

    /** {@code vocab(tokens)}: {@link #lookupIndices}. */
    public List<Integer> forward(List<String> tokens) {
        return lookupIndices(tokens);
    }

    /** {@code torch.tensor(vocab(tokens))}: the indices as an int64 tensor. */
    public Tensor encode(List<String> tokens) {
        long[] ids = new long[tokens.size()];
        for (int i = 0; i < ids.length; i++) ids[i] = get(tokens.get(i));
        return Torch.tensor(ids, ids.length);
    }

    /**
     * {@code lookup_token(index)}.
     *
     * @throws IndexOutOfBoundsException outside [0, size())
     */
    public String lookupToken(long index) {
        if (index < 0 || index >= itos.size()) {
            throw new IndexOutOfBoundsException("Specified index " + index + " is out of bounds for vocab of size " + itos.size());
        }
        return itos.get((int) index);
    }

    /**
     * {@code lookup_tokens(indices)}.
     *
     * @throws IndexOutOfBoundsException naming the first index outside [0, size()) and its position
     */
    public List<String> lookupTokens(List<? extends Number> indices) {
        for (int i = 0; i < indices.size(); i++) {
            long index = indices.get(i).longValue();
            if (index < 0 || index >= itos.size()) {
                throw new IndexOutOfBoundsException("Specified index " + index + " at position " + i
                        + " is out of bounds for vocab of size " + itos.size());
            }
        }
        List<String> out = new ArrayList<>(indices.size());
        for (Number n : indices) out.add(itos.get(n.intValue()));
        return out;
    }

    /** {@link #lookupTokens(List)} for an array (the earlier {@code decode}). */
    public List<String> decode(long... indices) {
        List<Long> l = new ArrayList<>(indices.length);
        for (long i : indices) l.add(i);
        return lookupTokens(l);
    }

    /** {@code get_itos()}: the tokens by index (a copy). */
    public List<String> getItos() {
        return List.copyOf(itos);
    }

    /** Same as {@link #getItos} (the earlier name). */
    public List<String> tokens() {
        return getItos();
    }

    /** {@code get_stoi()}: token to index (a copy, unordered as torchtext's dict). */
    public Map<String, Integer> getStoi() {
        return new HashMap<>(stoi);
    }

    /**
     * {@code insert_token(token, index)}: inserts before {@code index}, shifting later tokens up by one.
     * The default index is not changed.
     *
     * @throws IndexOutOfBoundsException if index is outside [0, size()]
     * @throws IllegalArgumentException if the token is already there (torchtext's message, which says
     *     "not found")
     */
    public void insertToken(String token, int index) {
        if (index < 0 || index > itos.size()) {
            throw new IndexOutOfBoundsException("Specified index " + index + " is out of bounds for vocab of size " + itos.size());
        }
        if (stoi.containsKey(token)) throw new IllegalArgumentException("Token " + token + " not found in Vocab");
        for (int i = index; i < itos.size(); i++) stoi.put(itos.get(i), i + 1);
        stoi.put(token, index);
        itos.add(index, token);
    }

    /**
     * {@code append_token(token)}: adds it at the end.
     *
     * @throws IllegalArgumentException if it is already there
     */
    public void appendToken(String token) {
        Integer i = stoi.get(token);
        if (i != null) throw new IllegalArgumentException("Token " + token + " already exists in the Vocab with index: " + i);
        stoi.put(token, itos.size());
        itos.add(token);
    }

    @Override
    public String toString() {
        return "Vocab(size=" + itos.size() + (defaultIndex != null ? ", default_index=" + defaultIndex : "") + ")";
    }
}
