package org.torch4j.audio.datasets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.torch4j.Tensor;
import org.torch4j.audio.Wav;
import org.torch4j.data.ClassFolders;
import org.torch4j.data.Dataset;

/**
 * WAV files in one subfolder per class ({@code root/<label>/**.wav}), the audio counterpart of
 * torchvision's ImageFolder: classes are the subfolder names sorted by code point, labels their
 * positions; each class folder is walked recursively, folders in path order and files by name
 * ({@link ClassFolders}). Files are
 * decoded on access ({@link Wav#load}) and passed through the optional transform.
 */
public final class SpeechFolder implements Dataset<LabeledAudio> {
    private final ClassFolders folders;
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
        this.folders = ClassFolders.scan(root, Set.of(".wav"));
        this.transform = transform == null ? UnaryOperator.identity() : transform;
    }

    /** The root folder. */
    public Path root() {
        return folders.root();
    }

    /** The class names, in label order. */
    public List<String> classes() {
        return folders.classes();
    }

    /** The files and labels, in dataset order. */
    public List<ClassFolders.Sample> samples() {
        return folders.samples();
    }

    /** The decoded, transformed item {@code index}; an unreadable file is an {@link UncheckedIOException}. */
    @Override
    public LabeledAudio get(long index) {
        ClassFolders.Sample e = folders.samples().get(Math.toIntExact(index));
        try {
            Wav.Audio a = Wav.load(e.path());
            return new LabeledAudio(transform.apply(a.waveform()), a.sampleRate(), e.label());
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    @Override
    public long size() {
        return folders.samples().size();
    }
}
