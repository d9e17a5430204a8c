package org.torch4j.text;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The unigram model's segmentation, as sentencepiece's {@code EncodeOptimized}: Viterbi over character
 * positions, each piece scoring its log-probability (user-defined symbols {@code length * max_score - 0.1}, so
 * they always win), a character no piece covers becoming {@code <unk>} at {@code min_score - 10}. Scores add in
 * float, as the library's, so ties break the same way (the earlier start wins).
 */
final class SentencePieceUnigram {
    private static final float UNK_PENALTY = 10.0f;
    private final SentencePiece model;
    private final PieceTrie trie;
    private final float minScore, maxScore;

    private final float[] scores;
    private final boolean[] userDefined;

    SentencePieceUnigram(SentencePiece model, Map<String, Integer> pieces) {
        this.model = model;
        int n = model.getPieceSize();
        scores = new float[n];
        userDefined = new boolean[n];
        float min = Float.MAX_VALUE, max = Float.MIN_NORMAL; // C's FLT_MAX and FLT_MIN
        for (int id = 0; id < n; id++) {
            scores[id] = model.getScore(id);
            userDefined[id] = model.pieceType(id) == SentencePiece.PieceType.USER_DEFINED;
            if (model.pieceType(id) == SentencePiece.PieceType.NORMAL) {
                min = Math.min(min, scores[id]);
                max = Math.max(max, scores[id]);
            }
        }
        minScore = min;
        maxScore = max;
        Map<String, Integer> used = new java.util.HashMap<>(pieces); // unused pieces are never chosen
        used.values().removeIf(id -> model.pieceType(id) == SentencePiece.PieceType.UNUSED);
        trie = new PieceTrie(used);
    }

    /** The best segmentation of {@code normalized} as (piece, id) pairs. */
    List<SentencePiece.Encoded> encode(String normalized) {
        int size = normalized.length();
        float[] best = new float[size + 1];
        int[] startsAt = new int[size + 1];
        int[] ids = new int[size + 1];
        java.util.Arrays.fill(startsAt, -1);
        float unkScore = minScore - UNK_PENALTY;
        for (int start = 0; start < size; ) {
            float tillHere = best[start];
            int charEnd = start + Character.charCount(normalized.codePointAt(start));
            boolean hasSingle = false;
            int node = 0, bytes = 0;
            for (int pos = start; pos < size; ) {
                int c = normalized.codePointAt(pos);
                pos += Character.charCount(c);
                bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
                node = trie.child(node, c);
                if (node < 0) break;
                int id = trie.pieceAt(node);
                if (id < 0) continue;
                // float arithmetic, as the library's: in double, "▁day...." would tie-break to [▁day, ..., .]
                float score = userDefined[id] ? (float) (bytes * maxScore - 0.1) : scores[id];
                float candidate = score + tillHere;
                if (startsAt[pos] == -1 || candidate > best[pos]) {
                    best[pos] = candidate;
                    startsAt[pos] = start;
                    ids[pos] = id;
                }
                if (pos == charEnd) hasSingle = true;
            }
            if (!hasSingle) {
                float candidate = unkScore + tillHere;
                if (startsAt[charEnd] == -1 || candidate > best[charEnd]) {
                    best[charEnd] = candidate;
                    startsAt[charEnd] = start;
                    ids[charEnd] = model.unkId();
                }
            }
            start = charEnd;
        }
        int count = 0;
        for (int end = size; end > 0; end = startsAt[end]) count++;
        SentencePiece.Encoded[] out = new SentencePiece.Encoded[count];
        for (int end = size; end > 0; end = startsAt[end]) out[--count] = new SentencePiece.Encoded(normalized.substring(startsAt[end], end), ids[end]);
        return Arrays.asList(out);
    }
}
