package org.torch4j.text;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The BPE model's segmentation, as sentencepiece's: the text starts as characters (user-defined symbols whole
 * and frozen), and the adjacent pair whose union is the highest-scoring piece is merged (ties: the leftmost)
 * until no union is a piece; merged pieces marked unused are then split back into the pieces they came from.
 * Symbols are ranges of the text, and unions are looked up in a trie, so merging allocates no strings.
 */
final class SentencePieceBpe {
    private final SentencePiece model;
    private final PieceTrie trie;

    SentencePieceBpe(SentencePiece model, PieceTrie pieces) {
        this.model = model;
        this.trie = pieces;
    }

    List<SentencePiece.Encoded> encode(String text) {
        int n = 0;
        int[] start = new int[text.length() + 1], end = new int[text.length()];
        boolean[] frozen = new boolean[text.length()];
        for (int pos = 0; pos < text.length(); n++) {
            int len = model.userDefinedPrefix(text, pos);
            frozen[n] = len > 0;
            if (len == 0) len = Character.charCount(text.codePointAt(pos));
            start[n] = pos;
            end[n] = pos + len;
            pos += len;
        }
        int[] prev = new int[n], next = new int[n];
        for (int i = 0; i < n; i++) {
            prev[i] = i - 1;
            next[i] = i + 1 < n ? i + 1 : -1;
        }
        PairHeap agenda = new PairHeap();
        Map<String, String[]> revMerge = new HashMap<>();
        Symbols s = new Symbols(text, start, end, frozen);
        for (int i = 1; i < n; i++) addPair(i - 1, i, s, agenda, revMerge);
        while (!agenda.isEmpty()) {
            agenda.poll();
            int l = agenda.left(), r = agenda.right();
            if (start[l] < 0 || start[r] < 0 || (end[l] - start[l]) + (end[r] - start[r]) != agenda.size()) continue; // stale
            end[l] = end[r];
            next[l] = next[r];
            if (next[r] >= 0) prev[next[r]] = l;
            start[r] = -1;
            addPair(prev[l], l, s, agenda, revMerge);
            addPair(l, next[l], s, agenda, revMerge);
        }
        List<SentencePiece.Encoded> out = new ArrayList<>();
        for (int i = n == 0 ? -1 : 0; i != -1; i = next[i]) {
            int id = model.pieceToId(text, start[i], end[i]);
            if (model.pieceType(id) == SentencePiece.PieceType.UNUSED) resegment(text.substring(start[i], end[i]), revMerge, out);
            else out.add(new SentencePiece.Encoded(text.substring(start[i], end[i]), id));
        }
        return out;
    }

    /** The symbols as ranges of the text; a merged-away symbol has start -1. */
    private record Symbols(String text, int[] start, int[] end, boolean[] frozen) {}

    private void addPair(int left, int right, Symbols s, PairHeap agenda, Map<String, String[]> revMerge) {
        if (left == -1 || right == -1 || s.frozen[left] || s.frozen[right]) return;
        int id = trie.find(s.text, s.start[left], s.end[right]); // the symbols are adjacent: one range
        if (id < 0) return;
        agenda.add(model.getScore(id), left, right, s.end[right] - s.start[left]);
        if (model.pieceType(id) == SentencePiece.PieceType.UNUSED) {
            revMerge.put(s.text.substring(s.start[left], s.end[right]),
                    new String[] {s.text.substring(s.start[left], s.end[left]), s.text.substring(s.start[right], s.end[right])});
        }
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
