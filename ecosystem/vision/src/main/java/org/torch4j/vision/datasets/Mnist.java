package org.torch4j.vision.datasets;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.data.Dataset;

/**
 * MNIST and Fashion-MNIST from their IDX files, gzipped or not ({@code torchvision.datasets.MNIST} /
 * {@code FashionMNIST}). Items are (image, label): the image a float32 [1, 28, 28] tensor in [0, 1]
 * (what torchvision's {@code ToTensor} gives), the label a 0-dim int64 tensor.
 */
public final class Mnist implements Dataset<Mnist.Sample> {

    /**
     * One item; a {@code DataLoader} collates these into (images [B, 1, 28, 28], labels [B]).
     *
     * @param image the image, float32 {@code [1, 28, 28]} in [0, 1]
     * @param label the class index, a 0-dim int64 tensor
     */
    public record Sample(Tensor image, Tensor label) {}

    /** Fashion-MNIST's class names, by label. */
    public static final String[] FASHION_CLASSES = {"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt",
        "Sneaker", "Bag", "Ankle boot"};

    private final Tensor images;   // uint8 [N, 28, 28]
    private final Tensor labels;   // int64 [N]

    /**
     * A dataset over images already in memory.
     *
     * @param images uint8 {@code (N, 28, 28)} images, as {@link #load} reads them
     * @param labels int64 {@code (N)} labels
     * @throws IllegalArgumentException if the two hold different numbers of items
     */
    public Mnist(Tensor images, Tensor labels) {
        if (images.size(0) != labels.size(0)) {
            throw new IllegalArgumentException(images.size(0) + " images but " + labels.size(0) + " labels");
        }
        this.images = images;
        this.labels = labels;
    }

    /**
     * Reads {@code train-images-idx3-ubyte[.gz]} and {@code train-labels-idx1-ubyte[.gz]} (or the
     * {@code t10k} pair when {@code train} is false) from {@code dir}.
     */
    public static Mnist load(Path dir, boolean train) throws IOException {
        String prefix = train ? "train" : "t10k";
        Tensor images = Idx.read(find(dir, prefix + "-images-idx3-ubyte"));
        Tensor labels = Idx.read(find(dir, prefix + "-labels-idx1-ubyte")).to(DType.INT64);
        if (images.dim() != 3) throw new IOException("expected 3-d images in " + dir + ", got " + images.dim() + "-d");
        return new Mnist(images, labels);
    }

    private static Path find(Path dir, String name) throws IOException {
        for (String candidate : new String[] {name, name + ".gz"}) {
            Path p = dir.resolve(candidate);
            if (Files.isRegularFile(p)) return p;
        }
        throw new IOException("no " + name + "[.gz] in " + dir);
    }

    /** The raw uint8 images [N, 28, 28]. */
    public Tensor images() {
        return images;
    }

    /** The int64 labels [N]. */
    public Tensor labels() {
        return labels;
    }

    @Override
    public Sample get(long index) {
        Tensor image = images.select(0, index).unsqueeze(0).to(DType.FLOAT32).div(255.0);
        return new Sample(image, labels.select(0, index));
    }

    @Override
    public long size() {
        return images.size(0);
    }

    /** The IDX format: magic (0, 0, type, rank), big-endian int32 dims, then the data. */
    static final class Idx {
        private Idx() {}

        static Tensor read(Path file) throws IOException {
            byte[] bytes;
            try (InputStream in = open(file)) {
                bytes = readAll(in, file);
            }
            ByteBuffer b = ByteBuffer.wrap(bytes);
            if (bytes.length < 4) throw new IOException(file + ": truncated IDX header (" + bytes.length + " bytes)");
            int zero = b.getShort() & 0xFFFF, type = b.get() & 0xFF, rank = b.get() & 0xFF;
            if (zero != 0 || type != 0x08) {
                throw new IOException(String.format("%s: not an unsigned-byte IDX file (magic %02x %02x %02x %02x at offset 0)",
                        file, bytes[0], bytes[1], bytes[2], bytes[3]));
            }
            if (bytes.length < 4 + 4L * rank) throw new IOException(file + ": truncated IDX header for rank " + rank);
            long[] shape = new long[rank];
            long count = 1;
            for (int i = 0; i < rank; i++) {
                shape[i] = Integer.toUnsignedLong(b.getInt());
                count = Math.multiplyExact(count, shape[i]);
            }
            long expected = 4L + 4L * rank + count;
            if (bytes.length != expected) {
                throw new IOException(file + ": header announces " + count + " bytes of data at offset " + (4 + 4 * rank)
                        + " but the file holds " + (bytes.length - 4 - 4 * rank));
            }
            byte[] data = java.util.Arrays.copyOfRange(bytes, 4 + 4 * rank, bytes.length);
            return Torch.tensor(data, DType.UINT8, shape);
        }

        private static InputStream open(Path file) throws IOException {
            InputStream in = Files.newInputStream(file);
            return file.toString().endsWith(".gz") ? new GZIPInputStream(in) : in;
        }

        /** Reads the stream, refusing more than 1 GB (no MNIST-like file is that large). */
        private static byte[] readAll(InputStream in, Path file) throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[1 << 16];
            long total = 0;
            for (int r; (r = in.read(buf)) > 0; ) {
                total += r;
                if (total > (1L << 30)) throw new IOException(file + ": larger than 1 GB, not an MNIST IDX file");
                out.write(buf, 0, r);
            }
            return out.toByteArray();
        }
    }
}
