package org.torch4j.text.data;

import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.torch4j.text.Tokenizers;

/** {@code torchtext.data.metrics}. */
public final class Metrics {
    private Metrics() {}

    /** {@link #bleuScore(List, List, int, double[])} with 4-grams weighted 0.25 each (torchtext's defaults). */
    public static double bleuScore(List<? extends List<String>> candidateCorpus, List<? extends List<? extends List<String>>> referencesCorpus) {
        return bleuScore(candidateCorpus, referencesCorpus, 4, new double[] {0.25, 0.25, 0.25, 0.25});
    }

    /**
     * The corpus BLEU score of the candidate translations against their references ({@code bleu_score}, after
     * Papineni et al. 2002), computed as torchtext computes it: n-gram counts clipped by the most any one reference
     * has, precisions in float32, the geometric mean weighted by {@code weights}, and a brevity penalty against the
     * references closest in length to each candidate (the first on ties). 0 when some order has no match. Equal to
 * torchtext's to float32 precision (its log and exp run on float32 tensors; here in double, then rounded).
     *
     * @param candidateCorpus one token list per candidate
     * @param referencesCorpus for each candidate, its reference token lists
     * @param maxN the longest n-gram
     * @param weights one weight per order 1..maxN
     * @throws IllegalArgumentException if {@code weights} does not have {@code maxN} entries or the corpora differ in
     *     length (torchtext's messages)
     */
    public static double bleuScore(List<? extends List<String>> candidateCorpus, List<? extends List<? extends List<String>>> referencesCorpus,
            int maxN, double[] weights) {
        if (maxN != weights.length) throw new IllegalArgumentException("Length of the \"weights\" list has be equal to max_n");
        if (candidateCorpus.size() != referencesCorpus.size()) {
            throw new IllegalArgumentException("The length of candidate and reference corpus should be the same");
        }
        if (maxN <= 0) throw new IllegalArgumentException("max_n must be positive, got " + maxN);
        float[] clipped = new float[maxN], total = new float[maxN]; // float32 tensors in torchtext
        double candidateLen = 0, refsLen = 0;
        for (int c = 0; c < candidateCorpus.size(); c++) {
            List<String> candidate = candidateCorpus.get(c);
            List<? extends List<String>> refs = referencesCorpus.get(c);
            int len = candidate.size();
            candidateLen += len;
            double closest = refs.get(0).size();
            for (List<String> ref : refs) if (Math.abs(len - (double) ref.size()) < Math.abs(len - closest)) closest = ref.size();
            refsLen += closest;
            Map<List<String>, Integer> reference = new HashMap<>();
            for (List<String> ref : refs) ngrams(ref, maxN).forEach((k, v) -> reference.merge(k, v, Math::max));
            for (Map.Entry<List<String>, Integer> e : ngrams(candidate, maxN).entrySet()) {
                Integer r = reference.get(e.getKey());
                if (r != null) clipped[e.getKey().size() - 1] += Math.min(r, e.getValue());
            }
            for (int i = 0; i < maxN; i++) total[i] += Math.max(len - i, 0);
        }
        float logSum = 0;
        for (int i = 0; i < maxN; i++) {
            if (clipped[i] == 0) return 0.0;
            logSum += (float) weights[i] * (float) Math.log(clipped[i] / total[i]);
        }
        double score = (float) Math.exp(logSum);
        double brevity = Math.exp(Math.min(1 - refsLen / candidateLen, 0));
        return brevity * score;
    }

    /** torchtext's {@code _compute_ngram_counter}: each n-gram (n = 1..maxN, as its tokens re-split at spaces) counted. */
    static Map<List<String>, Integer> ngrams(List<String> tokens, int maxN) {
        Map<List<String>, Integer> counts = new HashMap<>();
        for (Iterator<String> it = Tokenizers.ngramsIterator(tokens, maxN); it.hasNext(); ) {
            counts.merge(List.of(it.next().split(" ", -1)), 1, Integer::sum);
        }
        return counts;
    }
}
