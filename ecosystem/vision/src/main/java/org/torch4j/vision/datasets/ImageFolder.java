package org.torch4j.vision.datasets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.data.Dataset;
import org.torch4j.vision.io.Images;

/**
 * Images in one subfolder per class ({@code torchvision.datasets.ImageFolder}): classes are the
 * subfolder names sorted as torchvision sorts them (by code point), labels their positions; each class
 * folder is walked recursively, folders in path order and files by name, as torchvision's sorted
 * {@code os.walk}. Files ending in .png, .jpg, .jpeg, .bmp, .tif or .tiff (any case) are read, and
 * converted to RGB as torchvision's loader does; images are decoded on access, then transformed.
 */
public final class ImageFolder implements Dataset<LabeledImage> {
    /** The extensions read (lower case). */
    public static final Set<String> EXTENSIONS = Set.of(".png", ".jpg", ".jpeg", ".bmp", ".tif", ".tiff");

    /** One image file and its label. */
    public record Entry(Path path, int label) {}

    private final Path root;
    private final List<String> classes;
    private final List<Entry> samples;
    private final UnaryOperator<Tensor> transform;

    /** The images under {@code root} as uint8 RGB [3, H, W] tensors (no transform). */
    public ImageFolder(Path root) throws IOException {
        this(root, null);
    }

    /** The images under {@code root}, each passed through {@code transform} (null for none). */
    public ImageFolder(Path root, UnaryOperator<Tensor> transform) throws IOException {
        if (!Files.isDirectory(root)) throw new IOException("Couldn't find class folders: " + root + " is not a directory");
        this.root = root;
        this.transform = transform == null ? UnaryOperator.identity() : transform;
        List<String> names = new ArrayList<>();
        try (Stream<Path> s = Files.list(root)) {
            s.filter(Files::isDirectory).forEach(p -> names.add(p.getFileName().toString()));
        }
        names.sort(Comparator.naturalOrder());
        if (names.isEmpty()) throw new IOException("Couldn't find any class folder in " + root + ".");
        this.classes = List.copyOf(names);
        List<Entry> found = new ArrayList<>();
        List<String> empty = new ArrayList<>();
        for (int label = 0; label < names.size(); label++) {
            int before = found.size();
            for (Path p : walk(root.resolve(names.get(label)))) found.add(new Entry(p, label));
            if (found.size() == before) empty.add(names.get(label));
        }
        if (!empty.isEmpty()) {
            throw new IOException("Found no valid file for the classes " + String.join(", ", empty) + ". Supported extensions are: "
                    + String.join(", ", EXTENSIONS.stream().sorted().toList()));
        }
        this.samples = List.copyOf(found);
    }

    /** The image files under {@code dir}: folders in path-string order, files by name within each. */
    private static List<Path> walk(Path dir) throws IOException {
        Map<String, List<String>> byFolder = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir, java.nio.file.FileVisitOption.FOLLOW_LINKS)) {
            s.forEach(p -> {
                if (Files.isDirectory(p)) {
                    byFolder.computeIfAbsent(p.toString(), k -> new ArrayList<>());
                } else if (isImage(p)) {
                    byFolder.computeIfAbsent(p.getParent().toString(), k -> new ArrayList<>()).add(p.getFileName().toString());
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        List<Path> out = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : byFolder.entrySet()) {
            e.getValue().sort(Comparator.naturalOrder());
            for (String f : e.getValue()) out.add(Path.of(e.getKey(), f));
        }
        return out;
    }

    private static boolean isImage(Path p) {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        return dot >= 0 && EXTENSIONS.contains(name.substring(dot)) && Files.isRegularFile(p);
    }

    /** The folder the dataset was read from. */
    public Path root() {
        return root;
    }

    /** The class names, sorted; a label is a position in this list. */
    public List<String> classes() {
        return classes;
    }

    /** Each class name's label ({@code class_to_idx}). */
    public Map<String, Integer> classToIdx() {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (int i = 0; i < classes.size(); i++) m.put(classes.get(i), i);
        return m;
    }

    /** Every (file, label), in dataset order. */
    public List<Entry> samples() {
        return samples;
    }

    /** The image at {@code index}, read as RGB uint8 [3, H, W] and transformed, with its label. */
    @Override
    public LabeledImage get(long index) {
        if (index < 0 || index >= samples.size()) throw new IndexOutOfBoundsException("index " + index + " is out of range for a dataset of " + samples.size());
        Entry e = samples.get((int) index);
        Tensor img;
        try {
            img = Images.toRgb(Images.read(e.path()));
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return new LabeledImage(transform.apply(img), Torch.scalarTensor((long) e.label()));
    }

    /** The number of images. */
    @Override
    public long size() {
        return samples.size();
    }
}
