package org.torch4j.onnx.importer.ops;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.onnx.importer.OpCall;
import org.torch4j.onnx.importer.OpRegistry;

/** TfIdfVectorizer over integer tokens: n-gram counts (with skips) weighted as TF, IDF or TF-IDF. */
public final class Text {
    private Text() {}

    public static void register(OpRegistry.Builder r) {
        r.single("TfIdfVectorizer", Text::tfidf);
    }

    private static Tensor tfidf(OpCall c) {
        Tensor x = c.in(0);
        long[] pool = c.ints("pool_int64s");
        if (pool == null) throw c.unsupported("pool_strings (string tokens)");
        long[] counts = c.ints("ngram_counts"), indexes = c.ints("ngram_indexes");
        double[] weights = c.floats("weights");
        int minN = (int) c.i("min_gram_length"), maxN = (int) c.i("max_gram_length"), maxSkip = (int) c.i("max_skip_count");
        String mode = c.s("mode", "TF");
        Map<List<Long>, Integer> grams = new HashMap<>();
        int k = 0;
        for (int n = 1; n <= counts.length; n++) {
            int start = (int) counts[n - 1], end = n < counts.length ? (int) counts[n] : pool.length;
            for (int p = start; p + n <= end; p += n) {
                List<Long> g = new ArrayList<>();
                for (int j = 0; j < n; j++) g.add(pool[p + j]);
                grams.put(g, (int) indexes[k++]);
            }
        }
        int width = 0;
        for (long i : indexes) width = (int) Math.max(width, i + 1);
        long[] tokens = x.toLongArray();
        int rows = x.dim() == 2 ? (int) x.size(0) : 1, len = x.dim() == 2 ? (int) x.size(1) : tokens.length;
        double[] out = new double[rows * width];
        for (int row = 0; row < rows; row++) {
            for (int n = minN; n <= maxN; n++) {
                for (int skip = 0; skip <= (n == 1 ? 0 : maxSkip); skip++) {
                    int stride = skip + 1;
                    for (int i = 0; i + (n - 1) * stride < len; i++) {
                        List<Long> g = new ArrayList<>(n);
                        for (int j = 0; j < n; j++) g.add(tokens[row * len + i + j * stride]);
                        Integer idx = grams.get(g);
                        if (idx != null) out[row * width + idx]++;
                    }
                }
            }
        }
        for (int i = 0; i < out.length; i++) {
            double w = weights == null ? 1 : weights[i % width];
            out[i] = switch (mode) {
                case "TF" -> out[i];
                case "IDF" -> out[i] > 0 ? w : 0;
                default -> out[i] * w;
            };
        }
        Tensor y = Torch.tensor(out, rows, width).toFloat().to(x.device());
        return x.dim() == 2 ? y : y.reshape(width);
    }
}
