package org.torch4j.audio.datasets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.torch4j.Tensor;
import org.torch4j.audio.Wav;
import org.torch4j.data.Dataset;

/**
 * WAV files in one subfolder per class ({@code root/<label>/**.wav}), the audio counterpart of
 * torchvision's ImageFolder: classes are the subfolder names sorted by code point, labels their
 * positions; each class folder is searched recursively and files are taken in path order. Files are
 * decoded on access ({@link Wav#load}) and passed through the optional transform.
 */
public final class SpeechFolder implements Dataset<LabeledAudio> {
    /**
     * One file and its label.
     *
     * @param path the WAV file
     * @param label the class index
     */
    public record Entry(Path path, int label) {}

    private final Path root;
    private final List<String> classes;
    private final List<Entry> samples;
    private final UnaryOperator<Tensor> transform;

    /** The files under {@code root}, untransformed. */
    public SpeechFolder(Path root) throws IOException {
        this(root, null);
    }

    /**
     * The files under {@code root}, each waveform passed through {@code transform} (null for none).
     *
     * @throws IOException when {@code root} is not a folder, has no class folder, or a class has no .wav file
     */
    public SpeechFolder(Path root, UnaryOperator<Tensor> transform) throws IOException {
        if (!Files.isDirectory(root)) throw new IOException("Couldn't find class folders: " + root + " is not a directory");
        this.root = root;
        this.transform = transform == null ? UnaryOperator.identity() : transform;
        List<String> names = new ArrayList<>();
        try (Stream<Path> s = Files.list(root)) {
            s.filter(Files::isDirectory).forEach(p -> names.add(p.getFileName().toString()));
        }
        names.sort(Comparator.naturalOrder());
        if (names.isEmpty()) throw new IOException("Couldn't find any class folder in " + root + ".");
        List<Entry> found = new ArrayList<>();
        List<String> empty = new ArrayList<>();
        for (int label = 0; label < names.size(); label++) {
            List<Path> files;
            try (Stream<Path> s = Files.walk(root.resolve(names.get(label)))) {
                files = s.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".wav"))
                        .sorted(Comparator.comparing(Path::toString)).toList();
            }
            if (files.isEmpty()) empty.add(names.get(label));
            for (Path p : files) found.add(new Entry(p, label));
        }
        if (!empty.isEmpty()) throw new IOException("Found no .wav file for the classes " + String.join(", ", empty) + " in " + root);
        this.classes = List.copyOf(names);
        this.samples = List.copyOf(found);
    }

    /** The root folder. */
    public Path root() {
        return root;
    }

    /** The class names, in label order. */
    public List<String> classes() {
        return classes;
    }

    /** The files and labels, in dataset order. */
    public List<Entry> samples() {
        return samples;
    }

    /** The decoded, transformed item {@code index}; an unreadable file is an {@link UncheckedIOException}. */
    @Override
    public LabeledAudio get(long index) {
        Entry e = samples.get(Math.toIntExact(index));
        try {
            Wav.Audio a = Wav.load(e.path());
            return new LabeledAudio(transform.apply(a.waveform()), a.sampleRate(), e.label());
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    @Override
    public long size() {
        return samples.size();
    }
}
