package org.torch4j.text.transforms;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.torch4j.io.Json;

/**
 * GPT-2's byte-level byte-pair encoding, as {@code torchtext.transforms.GPT2BPETokenizer}: text is
 * cut by GPT-2's pattern (contractions, letter runs, digit runs, other symbols, whitespace), each
 * piece's UTF-8 bytes mapped to printable characters ({@link #bytesToUnicode}), then merged pairwise
 * by rank (the order of the merges list) until no ranked pair is left. The output is the pieces' ids
 * as strings, as torchtext's, or the pieces themselves with {@code returnTokens}.
 *
 * <p>The pattern is GPT-2's {@code encoder.py}'s (Unicode whitespace), as Hugging Face's and as the GPT-2 and
 * RoBERTa models were trained with. torchtext 0.14's C++ encoder runs it through RE2, whose {@code \s} is ASCII,
 * so it cuts runs of other whitespace differently: "a", two U+00A0, "b" is cut [a, U+00A0 U+00A0, b] there and
 * [a, U+00A0, U+00A0, b] here; text with only ASCII whitespace, or single non-ASCII spaces, is cut alike.
 *
 * <p>GPT-2's own {@code encoder.json} / {@code vocab.bpe} are read by {@link #load}; or a vocabulary is
 * learned from text with {@link #train}. Safe for
 * several threads (the cache is concurrent).
 */
public final class GPT2BPETokenizer implements TextTransform {
    /** GPT-2's pre-tokenisation pattern. */
    public static final String PATTERN = "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+";
    private static final Pattern PRE = Pattern.compile(PATTERN, Pattern.UNICODE_CHARACTER_CLASS);
    private static final String[] BYTE_ENCODER = new String[256];
    private static final List<Integer> BYTE_ORDER = new ArrayList<>();

    static {
        List<Integer> bs = new ArrayList<>();
        for (int b = '!'; b <= '~'; b++) bs.add(b);
        for (int b = 0xa1; b <= 0xac; b++) bs.add(b);
        for (int b = 0xae; b <= 0xff; b++) bs.add(b);
        List<Integer> cs = new ArrayList<>(bs);
        int n = 0;
        for (int b = 0; b < 256; b++) {
            if (!bs.contains(b)) {
                bs.add(b);
                cs.add(256 + n++);
            }
        }
        for (int i = 0; i < 256; i++) BYTE_ENCODER[bs.get(i)] = Character.toString(cs.get(i));
        BYTE_ORDER.addAll(bs);
    }

    private final Map<String, Integer> encoder;
    private final Map<String, Integer> ranks = new HashMap<>();
    private final List<String> merges;
    private final boolean returnTokens;
    private final Map<String, List<String>> cache = new ConcurrentHashMap<>();

    /**
     * A tokenizer from GPT-2-style tables.
     *
     * @param encoder piece to id ({@code encoder.json})
     * @param merges the merges in rank order, each "first second" ({@code vocab.bpe} without its header)
     * @param returnTokens return the pieces instead of their ids
     */
    public GPT2BPETokenizer(Map<String, Integer> encoder, List<String> merges, boolean returnTokens) {
        this.encoder = Collections.unmodifiableMap(new LinkedHashMap<>(encoder));
        this.merges = List.copyOf(merges);
        for (int i = 0; i < this.merges.size(); i++) {
            String m = this.merges.get(i);
            if (m.split(" ").length != 2) throw new IllegalArgumentException("a merge is two pieces separated by a space, got '" + m + "'");
            ranks.putIfAbsent(m, i);
        }
        this.returnTokens = returnTokens;
    }

    /**
     * The tokenizer of GPT-2's published tables, as torchtext's {@code GPT2BPETokenizer(encoder_json_path,
     * vocab_bpe_path)}.
     *
     * @param encoderJson {@code encoder.json}: piece to id
     * @param vocabBpe {@code vocab.bpe}: the merges in rank order
     * @param returnTokens return the pieces instead of their ids
     * @throws IOException if a file cannot be read, or {@code encoder.json} is not an object of strings to
     *     integers (the message names the character offset)
     */
    public static GPT2BPETokenizer load(Path encoderJson, Path vocabBpe, boolean returnTokens) throws IOException {
        return new GPT2BPETokenizer(readEncoder(encoderJson), readMerges(vocabBpe), returnTokens);
    }

    /** An {@code encoder.json} file (a JSON object of pieces to ids) in the file's order. */
    public static Map<String, Integer> readEncoder(Path encoderJson) throws IOException {
        Object root;
        try {
            root = Json.parse(Files.readString(encoderJson, StandardCharsets.UTF_8));
        } catch (Json.ParseException e) {
            throw new IOException(encoderJson + ": " + e.getMessage(), e);
        }
        if (!(root instanceof Map<?, ?> entries)) throw new IOException(encoderJson + ": expected a JSON object of pieces to ids");
        Map<String, Integer> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : entries.entrySet()) {
            if (!(e.getValue() instanceof Long id) || id != id.intValue()) {
                throw new IOException(encoderJson + ": the id of \"" + e.getKey() + "\" must be an integer, got " + e.getValue());
            }
            out.put((String) e.getKey(), id.intValue());
        }
        return out;
    }

    /** The lines of a {@code vocab.bpe} file: its merges, without the {@code #version} header and blank lines. */
    public static List<String> readMerges(Path vocabBpe) throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(vocabBpe, StandardCharsets.UTF_8)) {
            if (line.startsWith("#version") || line.isBlank()) continue;
            out.add(line);
        }
        return out;
    }

    /** GPT-2's {@code bytes_to_unicode()}: byte value to its printable stand-in character. */
    public static Map<Integer, String> bytesToUnicode() {
        Map<Integer, String> m = new LinkedHashMap<>();
        for (int b : BYTE_ORDER) m.put(b, BYTE_ENCODER[b]);
        return m;
    }

    /** The piece-to-id table. */
    public Map<String, Integer> encoder() {
        return encoder;
    }

    /** The merges in rank order. */
    public List<String> merges() {
        return merges;
    }

    /** GPT-2's pre-tokenisation: the pieces the pattern cuts {@code text} into, before byte mapping. */
    public static List<String> preTokenize(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = PRE.matcher(text);
        while (m.find()) out.add(m.group());
        return out;
    }

    /** A piece's UTF-8 bytes as the stand-in characters. */
    static String byteEncode(String piece) {
        StringBuilder sb = new StringBuilder();
        for (byte b : piece.getBytes(StandardCharsets.UTF_8)) sb.append(BYTE_ENCODER[b & 0xff]);
        return sb.toString();
    }

    /** The symbols (code points) of a byte-encoded piece. */
    static List<String> symbols(String encoded) {
        List<String> out = new ArrayList<>();
        encoded.codePoints().forEach(c -> out.add(Character.toString(c)));
        return out;
    }

    /** GPT-2's {@code bpe(token)}: merge the lowest-ranked adjacent pair until none is ranked. */
    List<String> bpe(String encoded) {
        List<String> cached = cache.get(encoded);
        if (cached != null) return cached;
        List<String> result = mergeByRank(symbols(encoded), ranks);
        cache.put(encoded, result);
        return result;
    }

    /**
     * Byte-pair merging: the adjacent pair of lowest rank ({@code ranks} keyed "first second") merged everywhere,
     * left to right, until no adjacent pair is ranked.
     */
    static List<String> mergeByRank(List<String> word, Map<String, Integer> ranks) {
        while (word.size() > 1) {
            int best = Integer.MAX_VALUE;
            String first = null, second = null;
            for (int i = 0; i + 1 < word.size(); i++) {
                Integer r = ranks.get(word.get(i) + " " + word.get(i + 1));
                if (r != null && r < best) {
                    best = r;
                    first = word.get(i);
                    second = word.get(i + 1);
                }
            }
            if (first == null) break;
            word = mergePair(word, first, second);
        }
        return List.copyOf(word);
    }

    static List<String> mergePair(List<String> word, String first, String second) {
        List<String> out = new ArrayList<>(word.size());
        for (int i = 0; i < word.size(); ) {
            if (i + 1 < word.size() && word.get(i).equals(first) && word.get(i + 1).equals(second)) {
                out.add(first + second);
                i += 2;
            } else {
                out.add(word.get(i++));
            }
        }
        return out;
    }

    /** The byte-level BPE pieces of {@code text}. */
    public List<String> tokenize(String text) {
        List<String> out = new ArrayList<>();
        for (String piece : preTokenize(text)) out.addAll(bpe(byteEncode(piece)));
        return out;
    }

    /**
     * The ids of {@code text}'s pieces.
     *
     * @throws IllegalArgumentException for a piece the encoder lacks
     */
    public List<Integer> encode(String text) {
        return ids(tokenize(text), encoder);
    }

    /** The ids of {@code pieces} in {@code encoder}; a piece it lacks fails with IllegalArgumentException. */
    static List<Integer> ids(List<String> pieces, Map<String, Integer> encoder) {
        List<Integer> ids = new ArrayList<>(pieces.size());
        for (String t : pieces) {
            Integer id = encoder.get(t);
            if (id == null) throw new IllegalArgumentException("piece '" + t + "' is not in the encoder");
            ids.add(id);
        }
        return ids;
    }

    /** The text the ids stand for (the pieces' bytes decoded as UTF-8, bad sequences replaced). */
    public String decode(List<Integer> ids) {
        Map<Integer, String> itos = new HashMap<>();
        encoder.forEach((k, v) -> itos.put(v, k));
        Map<Integer, Integer> byteOf = new HashMap<>();
        for (int b = 0; b < 256; b++) byteOf.put(BYTE_ENCODER[b].codePointAt(0), b);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        for (int id : ids) {
            String piece = itos.get(id);
            if (piece == null) throw new IllegalArgumentException("id " + id + " is not in the encoder");
            piece.codePoints().forEach(c -> bytes.write(byteOf.get(c)));
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /**
     * torchtext's {@code forward}: a String to its ids as strings (or pieces with {@code returnTokens}),
     * a list of Strings to a list of such lists.
     */
    @Override
    public Object apply(Object input) {
        return Functional.tokenizerForward(input, returnTokens, this::tokenize, this::encode);
    }

    /**
     * Learns a byte-level BPE vocabulary from {@code texts}: pieces as {@link #preTokenize} cuts them,
     * counted; starting from the 256 byte characters (ids 0..255 in {@code bytes_to_unicode} order),
     * repeatedly the most frequent adjacent pair (ties: the smallest by first then second piece, in
     * code-point order) is merged everywhere, left to right, and given the next id, until the
     * vocabulary has {@code vocabSize} entries or no pair occurs {@code minFrequency} times.
     */
    public static GPT2BPETokenizer train(Iterable<String> texts, int vocabSize, int minFrequency, boolean returnTokens) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String t : texts) for (String p : preTokenize(t)) counts.merge(byteEncode(p), 1L, Long::sum);
        List<List<String>> words = new ArrayList<>();
        List<Long> freqs = new ArrayList<>();
        counts.forEach((w, c) -> {
            words.add(symbols(w));
            freqs.add(c);
        });
        Map<String, Integer> encoder = new LinkedHashMap<>();
        for (int b : BYTE_ORDER) encoder.put(BYTE_ENCODER[b], encoder.size());
        List<String> merges = new ArrayList<>();
        while (encoder.size() < vocabSize) {
            Map<List<String>, Long> pairs = new HashMap<>();
            for (int w = 0; w < words.size(); w++) {
                List<String> word = words.get(w);
                for (int i = 0; i + 1 < word.size(); i++) pairs.merge(List.of(word.get(i), word.get(i + 1)), freqs.get(w), Long::sum);
            }
            List<String> best = null;
            long bestCount = 0;
            for (Map.Entry<List<String>, Long> e : pairs.entrySet()) {
                long c = e.getValue();
                if (c > bestCount || (c == bestCount && comparePairs(e.getKey(), best) < 0)) {
                    best = e.getKey();
                    bestCount = c;
                }
            }
            if (best == null || bestCount < minFrequency) break;
            String a = best.get(0), b = best.get(1);
            merges.add(a + " " + b);
            encoder.putIfAbsent(a + b, encoder.size());
            for (int w = 0; w < words.size(); w++) words.set(w, mergePair(words.get(w), a, b));
        }
        return new GPT2BPETokenizer(encoder, merges, returnTokens);
    }

    private static int comparePairs(List<String> x, List<String> y) {
        int c = compareCodePoints(x.get(0), y.get(0));
        return c != 0 ? c : compareCodePoints(x.get(1), y.get(1));
    }

    private static int compareCodePoints(String a, String b) {
        int[] x = a.codePoints().toArray(), y = b.codePoints().toArray();
        for (int i = 0; i < Math.min(x.length, y.length); i++) if (x[i] != y[i]) return Integer.compare(x[i], y[i]);
        return Integer.compare(x.length, y.length);
    }
}
