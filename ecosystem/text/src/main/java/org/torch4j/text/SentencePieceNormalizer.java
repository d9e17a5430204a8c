package org.torch4j.text;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.torch4j.text.internal.DoubleArrayTrie;

/**
 * sentencepiece's normalizer: the precompiled character map (a double-array trie from UTF-8 byte sequences to
 * their replacements; the longest rule wins), user-defined symbols kept as they are, leading, trailing and
 * repeated spaces removed ({@code remove_extra_whitespaces}), a space added in front ({@code add_dummy_prefix};
 * behind with {@code treat_whitespace_as_suffix}), and spaces written as U+2581 ({@code escape_whitespaces}).
 */
final class SentencePieceNormalizer {
    static final String SPACE_SYMBOL = "\u2581";
    private static final byte[] SPACE = SPACE_SYMBOL.getBytes(StandardCharsets.UTF_8);
    private static final byte[] REPLACEMENT = "\uFFFD".getBytes(StandardCharsets.UTF_8);

    private final DoubleArrayTrie trie; // null: no rules (the identity)
    private final byte[] replacements;
    private final boolean addDummyPrefix, removeExtraWhitespaces, escapeWhitespaces, treatWhitespaceAsSuffix;
    private final List<byte[]> userDefined;

    /**
     * @param charsmap the spec's {@code precompiled_charsmap}: a little-endian uint32 trie size, the trie's
     *     units, then the NUL-terminated replacement strings; empty for none
     * @throws IOException if the map is broken (sentencepiece's messages)
     */
    SentencePieceNormalizer(byte[] charsmap, boolean addDummyPrefix, boolean removeExtraWhitespaces,
            boolean escapeWhitespaces, boolean treatWhitespaceAsSuffix, List<String> userDefined) throws IOException {
        if (charsmap.length == 0) {
            trie = null;
            replacements = new byte[0];
        } else {
            if (charsmap.length <= 4) throw new IOException("Blob for normalization rule is broken.");
            long size = (charsmap[0] & 0xffL) | (charsmap[1] & 0xffL) << 8 | (charsmap[2] & 0xffL) << 16 | (charsmap[3] & 0xffL) << 24;
            if (size >= charsmap.length) throw new IOException("Trie data size exceeds the input blob size.");
            if (size % 4 != 0 || size == 0) throw new IOException("Blob for normalization rule is broken.");
            int[] units = new int[(int) (size / 4)];
            for (int i = 0; i < units.length; i++) {
                int p = 4 + 4 * i;
                units[i] = (charsmap[p] & 0xff) | (charsmap[p + 1] & 0xff) << 8 | (charsmap[p + 2] & 0xff) << 16 | (charsmap[p + 3] & 0xff) << 24;
            }
            trie = new DoubleArrayTrie(units);
            replacements = java.util.Arrays.copyOfRange(charsmap, 4 + (int) size, charsmap.length);
        }
        this.addDummyPrefix = addDummyPrefix;
        this.removeExtraWhitespaces = removeExtraWhitespaces;
        this.escapeWhitespaces = escapeWhitespaces;
        this.treatWhitespaceAsSuffix = treatWhitespaceAsSuffix;
        this.userDefined = userDefined.stream().map(s -> s.getBytes(StandardCharsets.UTF_8)).toList();
    }

    /** sentencepiece's {@code Normalizer::Normalize}. */
    String normalize(String text) {
        byte[] in = text.getBytes(StandardCharsets.UTF_8);
        int pos = 0;
        Prefix p = new Prefix();
        if (removeExtraWhitespaces) {
            while (pos < in.length) {
                int n = normalizePrefix(in, pos, p);
                if (!(p.length == 1 && p.source[p.offset] == ' ')) break;
                pos += n;
            }
        }
        if (pos == in.length) return "";
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length * 3);
        if (!treatWhitespaceAsSuffix && addDummyPrefix) addSpace(out);
        boolean prevSpace = removeExtraWhitespaces;
        while (pos < in.length) {
            int n = normalizePrefix(in, pos, p);
            int from = p.offset, to = p.offset + p.length;
            while (prevSpace && from < to && p.source[from] == ' ') from++;
            if (from < to) {
                for (int i = from; i < to; i++) {
                    if (escapeWhitespaces && p.source[i] == ' ') out.writeBytes(SPACE);
                    else out.write(p.source[i]);
                }
                prevSpace = p.source[to - 1] == ' ';
            }
            pos += n;
            if (!removeExtraWhitespaces) prevSpace = false;
        }
        byte[] result = out.toByteArray();
        int len = result.length;
        if (removeExtraWhitespaces) {
            byte[] space = escapeWhitespaces ? SPACE : new byte[] {' '};
            while (len >= space.length && java.util.Arrays.equals(result, len - space.length, len, space, 0, space.length)) {
                len -= space.length;
            }
        }
        String normalized = new String(result, 0, len, StandardCharsets.UTF_8);
        if (treatWhitespaceAsSuffix && addDummyPrefix) normalized += escapeWhitespaces ? SPACE_SYMBOL : " ";
        return normalized;
    }

    private void addSpace(ByteArrayOutputStream out) {
        if (escapeWhitespaces) out.writeBytes(SPACE);
        else out.write(' ');
    }

    /** What a prefix of the input normalizes to: {@code source[offset, offset + length)}. */
    private static final class Prefix {
        byte[] source;
        int offset, length;

        void set(byte[] source, int offset, int length) {
            this.source = source;
            this.offset = offset;
            this.length = length;
        }
    }

    /** The replacement of the longest rule at {@code in[pos]} into {@code p}; returns the bytes consumed. */
    private int normalizePrefix(byte[] in, int pos, Prefix p) {
        int user = 0;
        for (byte[] u : userDefined) {
            if (u.length > user && u.length <= in.length - pos && java.util.Arrays.equals(in, pos, pos + u.length, u, 0, u.length)) {
                user = u.length;
            }
        }
        if (user > 0) {
            p.set(in, pos, user);
            return user;
        }
        long rule = trie == null ? -1 : trie.longestPrefix(in, pos, in.length);
        if (rule >= 0) {
            int value = Math.min((int) rule, replacements.length);
            int end = value;
            while (end < replacements.length && replacements[end] != 0) end++;
            p.set(replacements, value, end - value);
            return (int) (rule >>> 32);
        }
        int n = validCharLength(in, pos);
        if (n > 0) p.set(in, pos, n);
        else p.set(REPLACEMENT, 0, REPLACEMENT.length);
        return Math.max(n, 1);
    }

    /** The length of the well-formed UTF-8 character at {@code b[pos]}, or 0 if it is malformed. */
    static int validCharLength(byte[] b, int pos) {
        int lead = b[pos] & 0xff;
        int n = lead < 0x80 ? 1 : lead >= 0xc2 && lead < 0xe0 ? 2 : lead >= 0xe0 && lead < 0xf0 ? 3 : lead >= 0xf0 && lead < 0xf5 ? 4 : 0;
        if (n == 0 || pos + n > b.length) return 0;
        for (int i = 1; i < n; i++) if ((b[pos + i] & 0xc0) != 0x80) return 0;
        int second = b[pos + 1 < b.length ? pos + 1 : pos] & 0xff;
        if (n == 3 && ((lead == 0xe0 && second < 0xa0) || (lead == 0xed && second >= 0xa0))) return 0; // overlong, surrogate
        if (n == 4 && ((lead == 0xf0 && second < 0x90) || (lead == 0xf4 && second >= 0x90))) return 0; // overlong, > U+10FFFF
        return n;
    }
}
