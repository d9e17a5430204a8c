package org.torch4j.vision.datasets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.data.Dataset;
import org.torch4j.vision.transforms.ToTensor;

/**
 * CIFAR-10 and CIFAR-100 from their binary version ({@code torchvision.datasets.CIFAR10} /
 * {@code CIFAR100} hold the same images): records of label byte(s) and 3072 pixel bytes (1024 red,
 * 1024 green, 1024 blue, rows of 32). CIFAR-10 reads {@code data_batch_1.bin} to {@code data_batch_5.bin}
 * or {@code test_batch.bin}; CIFAR-100 reads {@code train.bin} or {@code test.bin}, whose records hold
 * a coarse (20 superclasses) and a fine (100 classes) label. Images are uint8 [3, 32, 32] before the
 * transform ({@link ToTensor} by default: float32 in [0, 1]).
 */
public final class Cifar implements Dataset<LabeledImage> {
    /** Bytes of one image. */
    public static final int IMAGE_BYTES = 3 * 32 * 32;
    /** CIFAR-10's class names, by label (as its batches.meta.txt). */
    public static final List<String> CIFAR10_CLASSES = List.of("airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship",
            "truck");

    private final Tensor images;        // uint8 [N, 3, 32, 32]
    private final Tensor labels;        // int64 [N]: CIFAR-10's label, or CIFAR-100's fine label
    private final Tensor coarseLabels;  // int64 [N] for CIFAR-100, else null
    private final List<String> classes;
    private final UnaryOperator<Tensor> transform;

    private Cifar(Tensor images, Tensor labels, Tensor coarseLabels, List<String> classes, UnaryOperator<Tensor> transform) {
        this.images = images;
        this.labels = labels;
        this.coarseLabels = coarseLabels;
        this.classes = classes;
        this.transform = transform == null ? UnaryOperator.identity() : transform;
    }

    /** CIFAR-10's training (50,000 images) or test (10,000) split from {@code dir}, with {@link ToTensor}. */
    public static Cifar cifar10(Path dir, boolean train) throws IOException {
        return cifar10(dir, train, new ToTensor());
    }

    /**
     * CIFAR-10 from {@code dir} (the {@code cifar-10-batches-bin} folder, or the folder holding it),
     * each image passed through {@code transform} (null for the raw uint8 image).
     */
    public static Cifar cifar10(Path dir, boolean train, UnaryOperator<Tensor> transform) throws IOException {
        Path root = locate(dir, "cifar-10-batches-bin", train ? "data_batch_1.bin" : "test_batch.bin");
        List<Path> files = new ArrayList<>();
        if (train) for (int i = 1; i <= 5; i++) files.add(root.resolve("data_batch_" + i + ".bin"));
        else files.add(root.resolve("test_batch.bin"));
        Records r = read(files, 1, 10);
        List<String> names = readNames(root.resolve("batches.meta.txt"), 10);
        return new Cifar(r.images, r.labels[0], null, names != null ? names : CIFAR10_CLASSES, transform);
    }

    /** CIFAR-100's training (50,000 images) or test (10,000) split from {@code dir}, with {@link ToTensor}. */
    public static Cifar cifar100(Path dir, boolean train) throws IOException {
        return cifar100(dir, train, new ToTensor());
    }

    /**
     * CIFAR-100 from {@code dir} (the {@code cifar-100-binary} folder, or the folder holding it); labels
     * are the fine ones ({@link #coarseLabels()} has the superclasses).
     */
    public static Cifar cifar100(Path dir, boolean train, UnaryOperator<Tensor> transform) throws IOException {
        Path root = locate(dir, "cifar-100-binary", train ? "train.bin" : "test.bin");
        Records r = read(List.of(root.resolve(train ? "train.bin" : "test.bin")), 2, 100);
        // records hold the coarse label first, then the fine one; coarse labels are below 20
        long bad = r.labels[0].ge(20.0).countNonzero();
        if (bad > 0) throw new IOException(root + ": " + bad + " coarse labels are not in [0, 20)");
        return new Cifar(r.images, r.labels[1], r.labels[0], readNames(root.resolve("fine_label_names.txt"), 100), transform);
    }

    private static Path locate(Path dir, String sub, String probe) throws IOException {
        if (Files.isRegularFile(dir.resolve(probe))) return dir;
        if (Files.isRegularFile(dir.resolve(sub).resolve(probe))) return dir.resolve(sub);
        throw new IOException("no " + probe + " in " + dir + " or " + dir.resolve(sub) + " (the binary version of the dataset is expected)");
    }

    private record Records(Tensor images, Tensor[] labels) {}

    /** Reads whole records of {@code labelBytes} label bytes and an image, checking every label. */
    private static Records read(List<Path> files, int labelBytes, int numClasses) throws IOException {
        int recordSize = labelBytes + IMAGE_BYTES;
        List<byte[]> contents = new ArrayList<>();
        long n = 0;
        for (Path f : files) {
            if (!Files.isRegularFile(f)) throw new IOException("missing " + f);
            long size = Files.size(f);
            if (size % recordSize != 0) {
                throw new IOException(f + ": " + size + " bytes is not a whole number of " + recordSize + "-byte records (a partial record starts at offset "
                        + (size / recordSize * recordSize) + ")");
            }
            if (size > Integer.MAX_VALUE) throw new IOException(f + ": " + size + " bytes is too large for a CIFAR batch");
            contents.add(Files.readAllBytes(f));
            n += size / recordSize;
        }
        byte[] pixels = new byte[Math.toIntExact(n * IMAGE_BYTES)];
        long[][] labels = new long[labelBytes][(int) n];
        int k = 0;
        for (int fi = 0; fi < files.size(); fi++) {
            byte[] b = contents.get(fi);
            for (int off = 0; off < b.length; off += recordSize, k++) {
                for (int l = 0; l < labelBytes; l++) {
                    int v = b[off + l] & 0xFF;
                    if (v >= numClasses) {
                        throw new IOException(files.get(fi) + ": label " + v + " at offset " + (off + l) + " is out of range [0, " + numClasses + ")");
                    }
                    labels[l][k] = v;
                }
                System.arraycopy(b, off + labelBytes, pixels, k * IMAGE_BYTES, IMAGE_BYTES);
            }
        }
        Tensor[] lt = new Tensor[labelBytes];
        for (int l = 0; l < labelBytes; l++) lt[l] = Torch.tensor(labels[l], n);
        return new Records(Torch.tensor(pixels, DType.UINT8, n, 3, 32, 32), lt);
    }

    private static List<String> readNames(Path file, int expected) throws IOException {
        if (!Files.isRegularFile(file)) return null;
        List<String> names = new ArrayList<>();
        for (String line : Files.readAllLines(file)) if (!line.isBlank()) names.add(line.strip());
        if (names.size() != expected) throw new IOException(file + ": expected " + expected + " class names, found " + names.size());
        return List.copyOf(names);
    }

    /** The raw images, uint8 [N, 3, 32, 32]. */
    public Tensor images() {
        return images;
    }

    /** The labels, int64 [N] (CIFAR-100: the fine labels). */
    public Tensor labels() {
        return labels;
    }

    /** CIFAR-100's superclass labels in [0, 20), int64 [N]; null for CIFAR-10. */
    public Tensor coarseLabels() {
        return coarseLabels;
    }

    /** The class names by label, or null when the names file is absent (CIFAR-100 without fine_label_names.txt). */
    public List<String> classes() {
        return classes;
    }

    /** The transformed image and the label at {@code index}. */
    @Override
    public LabeledImage get(long index) {
        if (index < 0 || index >= size()) throw new IndexOutOfBoundsException("index " + index + " is out of range for a dataset of " + size());
        return new LabeledImage(transform.apply(images.select(0, index)), labels.select(0, index));
    }

    /** The number of images. */
    @Override
    public long size() {
        return images.size(0);
    }
}
