package org.torch4j.vision;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.torch4j.Tensor;
import org.torch4j.data.DataLoader;
import org.torch4j.vision.datasets.Mnist;

class MnistTest {

    static final Path FASHION = Path.of("/usr/share/datasets/fashion-mnist");

    private static void writeIdx(Path file, int[] dims, byte[] data, boolean gzip) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + data.length);
        b.put((byte) 0).put((byte) 0).put((byte) 8).put((byte) dims.length);
        for (int d : dims) b.putInt(d);
        b.put(data);
        try (OutputStream out = gzip ? new GZIPOutputStream(Files.newOutputStream(file)) : Files.newOutputStream(file)) {
            out.write(b.array());
        }
    }

    @Test
    void readsIdxFilesGzippedOrNot(@TempDir Path dir) throws IOException {
        byte[] pixels = new byte[2 * 28 * 28];
        pixels[0] = (byte) 255;
        pixels[28 * 28 + 1] = (byte) 51;
        writeIdx(dir.resolve("train-images-idx3-ubyte.gz"), new int[] {2, 28, 28}, pixels, true);
        writeIdx(dir.resolve("train-labels-idx1-ubyte"), new int[] {2}, new byte[] {7, 9}, false);
        Mnist m = Mnist.load(dir, true);
        assertEquals(2, m.size());
        Mnist.Sample s = m.get(1);
        assertArrayEquals(new long[] {1, 28, 28}, s.image().shape());
        assertEquals(0.2, s.image().get(0, 0, 1).item(), 1e-6);
        assertEquals(9, s.label().itemLong());
        List<Mnist.Sample> batches = new java.util.ArrayList<>();
        for (Mnist.Sample batch : DataLoader.of(m).batchSize(2).build()) batches.add(batch);
        assertArrayEquals(new long[] {2, 1, 28, 28}, batches.get(0).image().shape());
        assertArrayEquals(new long[] {7, 9}, batches.get(0).label().toLongArray());
    }

    @Test
    void truncatedOrForeignFilesFailNamingTheProblem(@TempDir Path dir) throws IOException {
        writeIdx(dir.resolve("t10k-images-idx3-ubyte"), new int[] {3, 28, 28}, new byte[100], false);
        writeIdx(dir.resolve("t10k-labels-idx1-ubyte"), new int[] {3}, new byte[] {1, 2, 3}, false);
        IOException e = assertThrows(IOException.class, () -> Mnist.load(dir, false));
        assertTrue(e.getMessage().contains("announces 2352 bytes of data at offset 16 but the file holds 100"), e.getMessage());
        Files.write(dir.resolve("t10k-images-idx3-ubyte"), new byte[] {'G', 'I', 'F', '8', 0, 0, 0, 0});
        e = assertThrows(IOException.class, () -> Mnist.load(dir, false));
        assertTrue(e.getMessage().contains("not an unsigned-byte IDX file (magic 47 49 46 38 at offset 0)"), e.getMessage());
    }

    @Test
    void readsDebiansFashionMnist() throws IOException {
        assumeTrue(Files.isDirectory(FASHION), "dataset-fashion-mnist is not installed (./torch4j test installs it as root)");
        Mnist test = Mnist.load(FASHION, false);
        assertEquals(10_000, test.size());
        Tensor counts = test.labels().unique(false, true).counts();
        assertArrayEquals(new long[] {1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000}, counts.toLongArray());
        assertEquals(9, test.get(0).label().itemLong(), "the first test image is an ankle boot");
    }
}
