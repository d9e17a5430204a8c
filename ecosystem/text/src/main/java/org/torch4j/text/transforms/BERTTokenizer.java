package org.torch4j.text.transforms;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.torch4j.text.Vocab;
import org.torch4j.text.internal.PyStrings;

/**
 * BERT's WordPiece tokenizer, as {@code torchtext.transforms.BERTTokenizer}: the text is stripped and cut
 * on spaces; each piece is cleaned (NUL, U+FFFD and control characters dropped, other whitespace made a
 * space), accents stripped if asked (NFD, then nonspacing marks dropped), Chinese characters and
 * punctuation split off as their own words, and lower-cased (Unicode's simple mapping, per code point);
 * each word is then cut greedily into the longest vocabulary entries from the left, continuations
 * written {@code ##piece}. A word that cannot be cut entirely, or of more than 100 bytes in UTF-8, is
 * {@code [UNK]}. Tokens listed in {@code neverSplit} keep their case, accents and punctuation.
 *
 * <p>The output is the pieces' vocabulary ids as strings, as torchtext's, or the pieces themselves with
 * {@code returnTokens}; {@link #encode} gives the ids as integers. Immutable, so safe for several threads.
 *
 * <p>One deliberate difference: torchtext 0.14 strips accents whenever {@code strip_accents} is given,
 * even as {@code False} (it tests only that a value is present); here {@code Boolean.FALSE} keeps them,
 * as torchtext documents and as Hugging Face's {@code BertTokenizer} does.
 */
public final class BERTTokenizer implements TextTransform {
    /** The token for a word the vocabulary cannot spell. */
    public static final String UNK = "[UNK]";
    private static final int MAX_WORD_BYTES = 100;

    private final Vocab vocab;
    private final boolean doLowerCase;
    private final Boolean stripAccents;
    private final boolean returnTokens;
    private final Set<String> neverSplit;

    /**
     * A tokenizer over {@code vocab}'s entries.
     *
     * @param vocab the WordPiece vocabulary (continuations spelled {@code ##piece}); a lookup of a piece it
     *     lacks, {@code [UNK]} included, fails as the vocabulary's lookups do
     * @param doLowerCase lower-case the text (and, unless {@code stripAccents} says otherwise, strip accents)
     * @param stripAccents strip accents; {@code null}: as {@code doLowerCase}
     * @param returnTokens return the pieces instead of their ids
     * @param neverSplit tokens (as cut on spaces) kept whole, in their case and accents
     */
    public BERTTokenizer(Vocab vocab, boolean doLowerCase, Boolean stripAccents, boolean returnTokens,
            Collection<String> neverSplit) {
        this.vocab = vocab;
        this.doLowerCase = doLowerCase;
        this.stripAccents = stripAccents;
        this.returnTokens = returnTokens;
        this.neverSplit = Set.copyOf(neverSplit);
    }

    /**
     * torchtext's {@code BERTTokenizer(vocab_path)}: lower case, accents stripped, ids as strings.
     *
     * @throws IOException if the file cannot be read or is not UTF-8 (the message names the byte offset)
     */
    public static BERTTokenizer load(Path vocabTxt) throws IOException {
        return load(vocabTxt, true, null, false, List.of());
    }

    /**
     * torchtext's {@code BERTTokenizer(vocab_path, do_lower_case, strip_accents, return_tokens, never_split)}.
     *
     * @throws IOException if the file cannot be read or is not UTF-8 (the message names the byte offset)
     */
    public static BERTTokenizer load(Path vocabTxt, boolean doLowerCase, Boolean stripAccents, boolean returnTokens,
            Collection<String> neverSplit) throws IOException {
        return new BERTTokenizer(new Vocab(readVocab(vocabTxt)), doLowerCase, stripAccents, returnTokens, neverSplit);
    }

    /**
     * The entries of a BERT {@code vocab.txt}, one per line, as torchtext reads it: in file order, a repeated
     * line kept at its first position, an empty line read as {@code "\n"}; lines end at {@code \n} only.
     *
     * @throws IOException if the file cannot be read or is not UTF-8 (the message names the byte offset)
     */
    public static List<String> readVocab(Path vocabTxt) throws IOException {
        byte[] bytes = Files.readAllBytes(vocabTxt);
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IOException(vocabTxt + ": not UTF-8 at byte offset " + firstMalformed(bytes), e);
        }
        Set<String> tokens = new LinkedHashSet<>();
        int start = 0;
        while (start < text.length()) {
            int nl = text.indexOf('\n', start);
            int end = nl < 0 ? text.length() : nl;
            String line = text.substring(start, end);
            tokens.add(line.isEmpty() ? "\n" : line);
            start = end + 1;
        }
        return List.copyOf(tokens);
    }

    private static long firstMalformed(byte[] bytes) {
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT);
        var in = java.nio.ByteBuffer.wrap(bytes);
        var out = java.nio.CharBuffer.allocate(bytes.length + 1);
        decoder.decode(in, out, true);
        return in.position();
    }

    /** The vocabulary. */
    public Vocab vocab() {
        return vocab;
    }

    /** The WordPiece pieces of {@code text} (torchtext's {@code _tokenize}). */
    public List<String> tokenize(String text) {
        List<String> out = new ArrayList<>();
        for (String word : words(PyStrings.strip(text))) {
            if (word.getBytes(StandardCharsets.UTF_8).length > MAX_WORD_BYTES) out.add(UNK);
            else wordPieces(word, out);
        }
        return out;
    }

    /**
     * The vocabulary ids of {@code text}'s pieces.
     *
     * @throws IllegalArgumentException for a piece the vocabulary lacks ({@code [UNK]} included) when it has
     *     no default index
     */
    public List<Integer> encode(String text) {
        return vocab.lookupIndices(tokenize(text));
    }

    /** The words before WordPiece: cleaned, split at punctuation and Chinese characters, cased as configured. */
    List<String> words(String text) {
        List<String> out = new ArrayList<>();
        boolean strip = stripAccents == null ? doLowerCase : stripAccents;
        for (String token : text.split(" ")) {
            if (token.isEmpty()) continue;
            boolean keep = neverSplit.contains(token);
            if (strip) token = Normalizer.normalize(token, Normalizer.Form.NFD);
            StringBuilder spaced = new StringBuilder();
            for (int i = 0; i < token.length(); ) {
                int c = token.codePointAt(i);
                i += Character.charCount(c);
                if (c == 0 || c == 0xFFFD || isControl(c)) continue;
                if (!keep && strip && Character.getType(c) == Character.NON_SPACING_MARK) continue;
                if (isWhitespace(c)) c = ' ';
                int shown = doLowerCase && !keep ? Character.toLowerCase(c) : c; // lower-cased after the split
                if (isChinese(c) || (!keep && isPunctuation(c))) {
                    if (!spaced.isEmpty() && spaced.charAt(spaced.length() - 1) != ' ') spaced.append(' ');
                    spaced.appendCodePoint(shown).append(' ');
                } else if (c == ' ') {
                    if (!spaced.isEmpty() && spaced.charAt(spaced.length() - 1) != ' ') spaced.append(' ');
                } else {
                    spaced.appendCodePoint(shown);
                }
            }
            for (String w : spaced.toString().split(" ")) if (!w.isEmpty()) out.add(w);
        }
        return out;
    }

    /** Greedy longest-match-first WordPiece; the whole word is {@code [UNK]} if some part matches nothing. */
    private void wordPieces(String word, List<String> out) {
        List<String> pieces = new ArrayList<>();
        int start = 0;
        while (start < word.length()) {
            int end = word.length();
            String match = null;
            while (end > start) {
                String piece = start > 0 ? "##" + word.substring(start, end) : word.substring(start, end);
                if (vocab.contains(piece)) {
                    match = piece;
                    break;
                }
                end = word.offsetByCodePoints(end, -1);
            }
            if (match == null) {
                out.add(UNK);
                return;
            }
            pieces.add(match);
            start = end;
        }
        out.addAll(pieces);
    }

    private static boolean isWhitespace(int c) {
        return c == '\t' || c == '\n' || c == '\r' || c == ' ' || Character.getType(c) == Character.SPACE_SEPARATOR;
    }

    /** Unicode's C* categories, but tab, newline and carriage return (which are whitespace). */
    private static boolean isControl(int c) {
        if (c == '\t' || c == '\n' || c == '\r') return false;
        if (c == 3332) return true; // unassigned in Python's unicodedata, which BERT's reference follows
        return switch (Character.getType(c)) {
            case Character.CONTROL, Character.FORMAT, Character.UNASSIGNED, Character.SURROGATE, Character.PRIVATE_USE -> true;
            default -> false;
        };
    }

    /** The CJK Unified Ideograph blocks BERT splits one character at a time. */
    private static boolean isChinese(int c) {
        return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x20000 && c <= 0x2A6DF)
                || (c >= 0x2A700 && c <= 0x2B73F) || (c >= 0x2B740 && c <= 0x2B81F) || (c >= 0x2B820 && c <= 0x2CEAF)
                || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x2F800 && c <= 0x2FA1F);
    }

    /** ASCII symbols and Unicode's P* categories. */
    private static boolean isPunctuation(int c) {
        if ((c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126)) return true;
        return switch (Character.getType(c)) {
            case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
                    Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                    Character.OTHER_PUNCTUATION -> true;
            default -> false;
        };
    }

    /**
     * torchtext's {@code forward}: a String to its ids as strings (or pieces with {@code returnTokens}), a list
     * of Strings to a list of such lists.
     */
    @Override
    public Object apply(Object input) {
        return Functional.tokenizerForward(input, returnTokens, this::tokenize, this::encode);
    }
}
