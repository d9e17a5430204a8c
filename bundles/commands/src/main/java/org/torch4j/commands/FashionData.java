package org.torch4j.commands;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.torch4j.vision.datasets.Mnist;

/**
 * Where the demo's Fashion-MNIST comes from: a folder given with {@code --data}, else Debian's
 * {@code dataset-fashion-mnist} when installed, else the class-balanced subset embedded in the
 * vision bundle (10,000 training and 2,000 test images), so a fresh machine needs no download.
 */
final class FashionData {
    /** Where Debian's dataset-fashion-mnist puts the four IDX files. */
    static final Path DEBIAN = Path.of("/usr/share/datasets/fashion-mnist");
    /** The embedded subset, inside the vision bundle. */
    static final String SUBSET = "/org/torch4j/vision/data/fashion-mnist-subset/";
    static final String[] FILES = {"train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz",
        "t10k-labels-idx1-ubyte.gz"};

    /** The chosen data: a description for the log, the training and the test split. */
    record Source(String description, boolean subset, LabelledData.Images train, LabelledData.Images test) {}

    private FashionData() {}

    /** {@code dir} when given, else Debian's files when present (and {@code forceSubset} is false), else the subset. */
    static Source resolve(Path dir, boolean forceSubset) throws IOException {
        if (dir != null) {
            if (!Files.isDirectory(dir)) throw new UsageException("--data " + dir + ": no such folder");
            return load(dir, "Fashion-MNIST from " + dir, false);
        }
        if (!forceSubset && Files.isDirectory(DEBIAN)) return load(DEBIAN, "Fashion-MNIST from " + DEBIAN + " (dataset-fashion-mnist)", false);
        return subset();
    }

    /** The embedded subset, unpacked from the vision bundle into a temporary folder and read from there. */
    static Source subset() throws IOException {
        Path tmp = Files.createTempDirectory("torch4j-fashion");
        try {
            for (String f : FILES) {
                try (InputStream in = Mnist.class.getResourceAsStream(SUBSET + f)) {
                    if (in == null) throw new IOException("the vision bundle lacks its embedded Fashion-MNIST subset (" + SUBSET + f + ")");
                    Files.copy(in, tmp.resolve(f));
                }
            }
            return load(tmp, "the Fashion-MNIST subset embedded in the vision bundle", true);
        } finally {
            try (Stream<Path> files = Files.walk(tmp)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
            }
        }
    }

    private static Source load(Path dir, String description, boolean subset) throws IOException {
        Mnist train = Mnist.load(dir, true), test = Mnist.load(dir, false);
        return new Source(description, subset, new LabelledData.Images(train.images(), train.labels()),
                new LabelledData.Images(test.images(), test.labels()));
    }

    /** Fashion-MNIST's class names, by label. */
    static List<String> classes() {
        return List.of(Mnist.FASHION_CLASSES);
    }
}
