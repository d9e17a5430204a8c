package org.torch4j.text;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The BPE model's segmentation, as sentencepiece's: the text starts as characters (user-defined symbols whole
 * and frozen), and the adjacent pair whose union is the highest-scoring piece is merged (ties: the leftmost)
 * until no union is a piece; merged pieces marked unused are then split back into the pieces they came from.
 */
final class SentencePieceBpe {
    private final SentencePiece model;
    private final Map<String, Integer> pieces;

    SentencePieceBpe(SentencePiece model, Map<String, Integer> pieces) {
        this.model = model;
        this.pieces = pieces;
    }

    private record Pair(int left, int right, float score, int size) {}

    List<SentencePiece.Encoded> encode(String normalized) {
        List<String> symbols = new ArrayList<>();
        List<Boolean> frozen = new ArrayList<>();
        for (int pos = 0; pos < normalized.length(); ) {
            int n = model.userDefinedPrefix(normalized, pos);
            frozen.add(n > 0);
            if (n == 0) n = Character.charCount(normalized.codePointAt(pos));
            symbols.add(normalized.substring(pos, pos + n));
            pos += n;
        }
        int count = symbols.size();
        int[] prev = new int[count], next = new int[count];
        for (int i = 0; i < count; i++) {
            prev[i] = i - 1;
            next[i] = i + 1 < count ? i + 1 : -1;
        }
        PriorityQueue<Pair> agenda = new PriorityQueue<>((a, b) -> a.score != b.score ? Float.compare(b.score, a.score)
                : Integer.compare(a.left, b.left));
        Map<String, String[]> revMerge = new HashMap<>();
        for (int i = 1; i < count; i++) addPair(i - 1, i, symbols, frozen, agenda, revMerge);
        while (!agenda.isEmpty()) {
            Pair top = agenda.poll();
            String l = symbols.get(top.left), r = symbols.get(top.right);
            if (l.isEmpty() || r.isEmpty() || l.length() + r.length() != top.size) continue; // stale
            symbols.set(top.left, l + r);
            next[top.left] = next[top.right];
            if (next[top.right] >= 0) prev[next[top.right]] = top.left;
            symbols.set(top.right, "");
            addPair(prev[top.left], top.left, symbols, frozen, agenda, revMerge);
            addPair(top.left, next[top.left], symbols, frozen, agenda, revMerge);
        }
        List<SentencePiece.Encoded> out = new ArrayList<>();
        for (int i = count == 0 ? -1 : 0; i != -1; i = next[i]) resegment(symbols.get(i), revMerge, out);
        return out;
    }

    private void addPair(int left, int right, List<String> symbols, List<Boolean> frozen, PriorityQueue<Pair> agenda,
            Map<String, String[]> revMerge) {
        if (left == -1 || right == -1 || frozen.get(left) || frozen.get(right)) return;
        String piece = symbols.get(left) + symbols.get(right);
        Integer id = pieces.get(piece);
        if (id == null) return;
        agenda.add(new Pair(left, right, model.getScore(id), piece.length()));
        if (model.pieceType(id) == SentencePiece.PieceType.UNUSED) revMerge.put(piece, new String[] {symbols.get(left), symbols.get(right)});
    }

    private void resegment(String w, Map<String, String[]> revMerge, List<SentencePiece.Encoded> out) {
        int id = model.pieceToId(w);
        String[] parts = model.pieceType(id) == SentencePiece.PieceType.UNUSED ? revMerge.get(w) : null;
        if (parts == null) {
            out.add(new SentencePiece.Encoded(w, id));
            return;
        }
        resegment(parts[0], revMerge, out);
        resegment(parts[1], revMerge, out);
    }
}
