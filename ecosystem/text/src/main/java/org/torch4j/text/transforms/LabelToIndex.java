package org.torch4j.text.transforms;

import java.util.ArrayList;
import java.util.List;
import org.torch4j.text.Vocab;

/** {@code torchtext.transforms.LabelToIndex}: label names to their positions, for one label or a list. */
public final class LabelToIndex implements TextTransform {
    private final Vocab labels;

    /**
     * A transform over {@code labelNames} (distinct), in their order or sorted.
     *
     * @param sortNames sort the names (by code point) first, as {@code sort_names=True}
     */
    public LabelToIndex(List<String> labelNames, boolean sortNames) {
        if (labelNames == null || labelNames.isEmpty()) throw new IllegalArgumentException("label_names or label_path is required");
        List<String> names = new ArrayList<>(labelNames);
        if (sortNames) names.sort(LabelToIndex::compareCodePoints);
        this.labels = new Vocab(names);
    }

    /** {@code LabelToIndex(label_names)} in the given order. */
    public LabelToIndex(List<String> labelNames) {
        this(labelNames, false);
    }

    /**
     * {@code LabelToIndex(label_path=path, sort_names=...)}: the names are the file's non-blank lines,
     * stripped.
     */
    public static LabelToIndex fromPath(java.nio.file.Path labelPath, boolean sortNames) throws java.io.IOException {
        List<String> names = new ArrayList<>();
        for (String line : java.nio.file.Files.readAllLines(labelPath)) if (!line.strip().isEmpty()) names.add(line.strip());
        return new LabelToIndex(names, sortNames);
    }

    private static int compareCodePoints(String a, String b) {
        int[] x = a.codePoints().toArray(), y = b.codePoints().toArray();
        for (int i = 0; i < Math.min(x.length, y.length); i++) if (x[i] != y[i]) return Integer.compare(x[i], y[i]);
        return Integer.compare(x.length, y.length);
    }

    /** {@code label_names}. */
    public List<String> labelNames() {
        return labels.getItos();
    }

    /**
     * A String to its Integer index, a list of Strings to a list of indices.
     *
     * @throws IllegalArgumentException for an unknown label (torchtext's message)
     */
    @Override
    public Object apply(Object input) {
        if (input instanceof String s) return labels.get(s);
        if (input instanceof List<?> l && l.stream().allMatch(o -> o instanceof String)) {
            List<Integer> out = new ArrayList<>(l.size());
            for (Object o : l) out.add(labels.get((String) o));
            return out;
        }
        throw new IllegalArgumentException(Functional.UNSUPPORTED);
    }
}
