package org.torch4j.text.transforms;

import java.util.ArrayList;
import java.util.List;
import org.torch4j.text.Vocab;

/** {@code torchtext.transforms.VocabTransform}: tokens to indices, for a sequence or a batch. */
public final class VocabTransform implements TextTransform {
    private final Vocab vocab;

    /** A transform looking tokens up in {@code vocab}. */
    public VocabTransform(Vocab vocab) {
        if (vocab == null) throw new NullPointerException("vocab");
        this.vocab = vocab;
    }

    /** The vocabulary. */
    public Vocab vocab() {
        return vocab;
    }

    /** {@code List<String>} to {@code List<Integer>}, or a batch of them to a batch of index lists. */
    @Override
    public Object apply(Object input) {
        if (!(input instanceof List<?> l)) throw new IllegalArgumentException(Functional.UNSUPPORTED);
        if (l.stream().allMatch(o -> o instanceof String)) return vocab.lookupIndices(strings(l));
        if (l.stream().allMatch(o -> o instanceof List<?> r && r.stream().allMatch(e -> e instanceof String))) {
            List<List<Integer>> out = new ArrayList<>(l.size());
            for (Object row : l) out.add(vocab.lookupIndices(strings((List<?>) row)));
            return out;
        }
        throw new IllegalArgumentException(Functional.UNSUPPORTED);
    }

    private static List<String> strings(List<?> l) {
        List<String> out = new ArrayList<>(l.size());
        for (Object o : l) out.add((String) o);
        return out;
    }
}
