package org.torch4j.text.transforms;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.torch4j.text.internal.PyStrings;

/**
 * CLIP's byte-level BPE, as {@code torchtext.transforms.CLIPTokenizer}: the text is lower-cased and stripped,
 * cut by CLIP's pattern (the two special tokens, contractions, letter runs, single digits, other symbols;
 * whitespace dropped), each piece's UTF-8 bytes mapped to GPT-2's printable stand-ins, the last one marked
 * end-of-word ({@code </w>}), then merged pairwise by rank. {@code <|startoftext|>} and {@code <|endoftext|>}
 * stay whole. The output is the pieces' ids as strings, as torchtext's, or the pieces with {@code returnTokens}.
 *
 * <p>Safe for several threads (the cache is concurrent).
 */
public final class CLIPTokenizer implements TextTransform {
    /** The special tokens, kept whole. */
    public static final String START_OF_TEXT = "<|startoftext|>", END_OF_TEXT = "<|endoftext|>";
    /** CLIP's pre-tokenization pattern (RE2's {@code \s} is ASCII: tab, newline, form feed, return, space). */
    public static final String PATTERN = "<\\|startoftext\\|>|<\\|endoftext\\|>|'s|'t|'re|'ve|'m|'ll|'d|\\p{L}+|\\p{N}"
            + "|[^\\t\\n\\f\\r \\p{L}\\p{N}]+";
    private static final Pattern PRE = Pattern.compile(PATTERN, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final String END_OF_WORD = "</w>";

    private final Map<String, Integer> encoder;
    private final Map<String, Integer> ranks = new HashMap<>();
    private final boolean returnTokens;
    private final Map<String, List<String>> cache = new ConcurrentHashMap<>();

    /**
     * A tokenizer from CLIP-style tables.
     *
     * @param encoder piece to id
     * @param merges the merges in rank order, each "first second" (a later repeat of a merge takes its rank)
     * @param returnTokens return the pieces instead of their ids
     */
    public CLIPTokenizer(Map<String, Integer> encoder, List<String> merges, boolean returnTokens) {
        this.encoder = Collections.unmodifiableMap(new LinkedHashMap<>(encoder));
        for (int i = 0; i < merges.size(); i++) {
            List<String> parts = PyStrings.split(merges.get(i));
            if (parts.size() == 2) ranks.put(parts.get(0) + " " + parts.get(1), i); // other lines can never match a pair
        }
        this.returnTokens = returnTokens;
    }

    /**
     * torchtext's {@code CLIPTokenizer(merges_path, encoder_json_path, num_merges, return_tokens)}. The merges
     * file's first line is a header; with {@code encoderJson} the number of merges is the encoder's size less
     * 2 x 256 byte pieces and the 2 special tokens; without it the vocabulary is built as CLIP's: the byte pieces,
     * the same with {@code </w>}, each merge joined, then the special tokens.
     *
     * @param encoderJson null to build the vocabulary from the merges
     * @param numMerges the merges to use (without {@code encoderJson}); null or 0 for all, negative to leave out that
     *     many at the end (Python's slice)
     * @throws IOException if a file cannot be read or {@code encoder.json} is malformed (the message says where)
     */
    public static CLIPTokenizer load(Path mergesBpe, Path encoderJson, Integer numMerges, boolean returnTokens) throws IOException {
        String text = Files.readString(mergesBpe, StandardCharsets.UTF_8).replace("\r\n", "\n").replace('\r', '\n');
        List<String> lines = Arrays.asList(text.split("\n", -1));
        List<String> merges = lines.subList(Math.min(1, lines.size()), lines.size());
        if (encoderJson != null) {
            Map<String, Integer> encoder = GPT2BPETokenizer.readEncoder(encoderJson);
            return new CLIPTokenizer(encoder, firstOf(merges, encoder.size() - (256 * 2 + 2)), returnTokens);
        }
        merges = numMerges == null || numMerges == 0 ? merges : firstOf(merges, numMerges);
        List<String> vocab = new ArrayList<>(GPT2BPETokenizer.bytesToUnicode().values());
        for (String b : GPT2BPETokenizer.bytesToUnicode().values()) vocab.add(b + END_OF_WORD);
        for (String m : merges) vocab.add(String.join("", PyStrings.split(m)));
        vocab.add(START_OF_TEXT);
        vocab.add(END_OF_TEXT);
        Map<String, Integer> encoder = new LinkedHashMap<>();
        for (int i = 0; i < vocab.size(); i++) encoder.put(vocab.get(i), i); // a repeated entry keeps its last id
        return new CLIPTokenizer(encoder, merges, returnTokens);
    }

    /** Python's {@code list[:n]}: a negative n counts from the end. */
    private static List<String> firstOf(List<String> list, int n) {
        int end = n >= 0 ? Math.min(n, list.size()) : Math.max(0, list.size() + n);
        return list.subList(0, end);
    }

    /** The piece-to-id table. */
    public Map<String, Integer> encoder() {
        return encoder;
    }

    /** CLIP's pre-tokenization of already lower-cased text: the pieces the pattern finds (whitespace skipped). */
    public static List<String> preTokenize(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = PRE.matcher(text);
        while (m.find()) out.add(m.group());
        return out;
    }

    private List<String> bpe(String piece) {
        if (piece.equals(START_OF_TEXT) || piece.equals(END_OF_TEXT)) return List.of(piece);
        String encoded = GPT2BPETokenizer.byteEncode(piece);
        List<String> cached = cache.get(encoded);
        if (cached != null) return cached;
        List<String> word = new ArrayList<>(GPT2BPETokenizer.symbols(encoded));
        word.set(word.size() - 1, word.getLast() + END_OF_WORD);
        List<String> result = GPT2BPETokenizer.mergeByRank(word, ranks);
        cache.put(encoded, result);
        return result;
    }

    /** The pieces of {@code text} (torchtext's {@code _tokenize}: lower-cased and stripped first). */
    public List<String> tokenize(String text) {
        List<String> out = new ArrayList<>();
        for (String piece : preTokenize(PyStrings.strip(text.toLowerCase(Locale.ROOT)))) out.addAll(bpe(piece));
        return out;
    }

    /**
     * The ids of {@code text}'s pieces.
     *
     * @throws IllegalArgumentException for a piece the encoder lacks
     */
    public List<Integer> encode(String text) {
        return GPT2BPETokenizer.ids(tokenize(text), encoder);
    }

    /** torchtext's {@code forward}: a String to its ids as strings (or pieces), a list of Strings to such lists. */
    @Override
    public Object apply(Object input) {
        return Functional.tokenizerForward(input, returnTokens, this::tokenize, this::encode);
    }
}
