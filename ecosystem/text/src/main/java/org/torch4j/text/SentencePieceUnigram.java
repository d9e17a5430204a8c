package org.torch4j.text;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
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
    private final Map<Long, Integer> children = new HashMap<>(); // (node << 21 | code point) -> child node
    private final List<Integer> pieceAt = new ArrayList<>(List.of(-1)); // node -> piece id, or -1
    private final float minScore, maxScore;

    SentencePieceUnigram(SentencePiece model, Map<String, Integer> pieces) {
        this.model = model;
        float min = Float.MAX_VALUE, max = Float.MIN_NORMAL; // C's FLT_MAX and FLT_MIN
        for (int id = 0; id < model.getPieceSize(); id++) {
            if (model.pieceType(id) == SentencePiece.PieceType.NORMAL) {
                min = Math.min(min, model.getScore(id));
                max = Math.max(max, model.getScore(id));
            }
        }
        minScore = min;
        maxScore = max;
        pieces.forEach(this::insert);
    }

    private void insert(String piece, int id) {
        int node = 0;
        for (int i = 0; i < piece.length(); ) {
            int c = piece.codePointAt(i);
            i += Character.charCount(c);
            long key = ((long) node << 21) | c;
            Integer child = children.get(key);
            if (child == null) {
                child = pieceAt.size();
                pieceAt.add(-1);
                children.put(key, child);
            }
            node = child;
        }
        pieceAt.set(node, id);
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
            int charEnd = normalized.offsetByCodePoints(start, 1);
            boolean hasSingle = false;
            int node = 0, bytes = 0;
            for (int pos = start; pos < size; ) {
                int c = normalized.codePointAt(pos);
                pos += Character.charCount(c);
                bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
                Integer child = children.get(((long) node << 21) | c);
                if (child == null) break;
                node = child;
                int id = pieceAt.get(node);
                if (id < 0 || model.pieceType(id) == SentencePiece.PieceType.UNUSED) continue;
                // float arithmetic, as the library's: in double, "▁day...." would tie-break to [▁day, ..., .]
                float score = model.pieceType(id) == SentencePiece.PieceType.USER_DEFINED ? (float) (bytes * maxScore - 0.1) : model.getScore(id);
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
        List<SentencePiece.Encoded> out = new ArrayList<>();
        for (int end = size; end > 0; end = startsAt[end]) out.add(new SentencePiece.Encoded(normalized.substring(startsAt[end], end), ids[end]));
        Collections.reverse(out);
        return out;
    }
}
