package org.torch4j.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitOption;
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
import java.util.stream.Stream;

/**
 * The files of a folder with one subfolder per class, found as torchvision's {@code DatasetFolder} finds
 * them ({@code find_classes} and {@code make_dataset}): the classes are the subfolder names sorted by code
 * point, a label is a class's position; each class folder is walked recursively (following links), its
 * folders in path order and the files of a folder by name, as torchvision's sorted {@code os.walk}. The
 * image, audio and other folder datasets read their samples from this list.
 *
 * @param root the folder scanned
 * @param classes the class names, sorted; a label is a position in this list
 * @param samples every accepted file with its label, in dataset order
 */
public record ClassFolders(Path root, List<String> classes, List<Sample> samples) {

    /**
     * One file and its class.
     *
     * @param path the file
     * @param label the class's position in {@link #classes()}
     */
    public record Sample(Path path, int label) {}

    /** Copies the lists, so a scan's result cannot change. */
    public ClassFolders {
        classes = List.copyOf(classes);
        samples = List.copyOf(samples);
    }

    /**
     * Scans {@code root} for regular files whose name ends in one of {@code extensions} (lower case, with the
     * dot, compared ignoring case).
     *
     * @throws IOException when {@code root} is not a folder, has no class folder, or a class has no such file
     *     (torchvision's messages)
     */
    public static ClassFolders scan(Path root, Set<String> extensions) throws IOException {
        if (!Files.isDirectory(root)) throw new IOException("Couldn't find class folders: " + root + " is not a directory");
        List<String> names = new ArrayList<>();
        try (Stream<Path> s = Files.list(root)) {
            s.filter(Files::isDirectory).forEach(p -> names.add(p.getFileName().toString()));
        }
        names.sort(Comparator.naturalOrder());
        if (names.isEmpty()) throw new IOException("Couldn't find any class folder in " + root + ".");
        List<Sample> found = new ArrayList<>();
        List<String> empty = new ArrayList<>();
        for (int label = 0; label < names.size(); label++) {
            int before = found.size();
            for (Path p : walk(root.resolve(names.get(label)), extensions)) found.add(new Sample(p, label));
            if (found.size() == before) empty.add(names.get(label));
        }
        if (!empty.isEmpty()) {
            throw new IOException("Found no valid file for the classes " + String.join(", ", empty) + ". Supported extensions are: "
                    + String.join(", ", extensions.stream().sorted().toList()));
        }
        return new ClassFolders(root, names, found);
    }

    /** Each class name's label ({@code class_to_idx}), in label order. */
    public Map<String, Integer> classToIdx() {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (int i = 0; i < classes.size(); i++) m.put(classes.get(i), i);
        return m;
    }

    /** The accepted files under {@code dir}: folders in path-string order, files by name within each. */
    private static List<Path> walk(Path dir, Set<String> extensions) throws IOException {
        Map<String, List<String>> byFolder = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir, FileVisitOption.FOLLOW_LINKS)) {
            s.forEach(p -> {
                if (Files.isDirectory(p)) {
                    byFolder.computeIfAbsent(p.toString(), k -> new ArrayList<>());
                } else if (accepted(p, extensions)) {
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

    private static boolean accepted(Path p, Set<String> extensions) {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        return dot >= 0 && extensions.contains(name.substring(dot)) && Files.isRegularFile(p);
    }
}
