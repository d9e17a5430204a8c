package org.torch4j.text.datasets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.torch4j.data.Dataset;

/**
 * The Debian {@code fortunes} / {@code fortunes-min} cookie files as a text-classification dataset:
 * each record (text between lines holding {@code %}) is an item, its category the name of its file
 * ({@code computers}, {@code food}, {@code startrek}...). Index files ({@code .dat}), the {@code .u8}
 * links, other files with a dot in their name, and offensive ones (names ending in {@code -o}, the
 * {@code off/} folder) are skipped. Categories are sorted by name; labels are their positions.
 *
 * <p>The split is deterministic: within each category, every fifth record (positions 4, 9, 14... in
 * file order) is a test item, the others training items; so about 20% test, stratified.
 * Overstruck text ({@code x\bx}) keeps the last character. Immutable.
 */
public final class Fortunes implements Dataset<LabeledText> {
    /** Where Debian installs the files. */
    public static final Path DEFAULT_ROOT = Path.of("/usr/share/games/fortunes");

    private final List<String> categories;
    private final List<LabeledText> items;

    private Fortunes(List<String> categories, List<LabeledText> items) {
        this.categories = List.copyOf(categories);
        this.items = List.copyOf(items);
    }

    /** All categories under {@link #DEFAULT_ROOT}, the training or the test part. */
    public static Fortunes load(boolean train) throws IOException {
        return load(DEFAULT_ROOT, train, null);
    }

    /**
     * The fortunes under {@code root}.
     *
     * @param categories file names to use, in any order (their sorted order gives the labels); null for all
     * @throws IOException when the folder or a named category is missing, with what to install
     */
    public static Fortunes load(Path root, boolean train, List<String> categories) throws IOException {
        List<String> all = availableCategories(root);
        List<String> cats;
        if (categories == null) {
            cats = all;
        } else {
            cats = new ArrayList<>(categories.stream().distinct().sorted().toList());
            for (String c : cats) {
                if (!all.contains(c)) throw new NoSuchFileException(root.resolve(c).toString(), null,
                        "no fortune category '" + c + "'; available: " + String.join(", ", all));
            }
        }
        List<LabeledText> items = new ArrayList<>();
        for (int label = 0; label < cats.size(); label++) {
            List<String> records = TextLines.splitRecords(TextLines.read(root.resolve(cats.get(label))), "%");
            for (int i = 0; i < records.size(); i++) {
                if ((i % 5 == 4) != train) items.add(new LabeledText(label, unstrike(records.get(i))));
            }
        }
        return new Fortunes(cats, items);
    }

    /**
     * The category names (files) under {@code root}, sorted.
     *
     * @throws IOException when there are none, saying which Debian packages provide them
     */
    public static List<String> availableCategories(Path root) throws IOException {
        List<String> names = new ArrayList<>();
        if (Files.isDirectory(root)) {
            try (Stream<Path> s = Files.list(root)) {
                s.filter(p -> Files.isRegularFile(p) && !Files.isSymbolicLink(p)).map(p -> p.getFileName().toString())
                        .filter(n -> !n.contains(".") && !n.endsWith("-o")).sorted().forEach(names::add);
            }
        }
        if (names.isEmpty()) {
            throw new NoSuchFileException(root.toString(), null,
                    "no fortune files; install the Debian package fortunes (or fortunes-min), or give their folder as root");
        }
        return names;
    }

    static String unstrike(String s) {
        if (s.indexOf('\b') < 0) return s;
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\b') {
                if (!sb.isEmpty()) sb.setLength(sb.length() - 1);
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** The category names; a label is an index into this list. */
    public List<String> categories() {
        return categories;
    }

    @Override
    public LabeledText get(long index) {
        return items.get(Math.toIntExact(index));
    }

    @Override
    public long size() {
        return items.size();
    }

    /** All items, in category then file order (unmodifiable). */
    public List<LabeledText> items() {
        return items;
    }
}
