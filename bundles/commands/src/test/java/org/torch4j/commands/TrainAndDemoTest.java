package org.torch4j.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.torch4j.Tensor;
import org.torch4j.io.SafeTensors;

/** A few real training steps through train and demo on tiny slices of the embedded subset. */
class TrainAndDemoTest {

    /** Writes an unsigned-byte IDX file (gzipped), as the MNIST distribution does. */
    static void writeIdx(Path file, Tensor t) throws IOException {
        long[] shape = t.shape();
        ByteBuffer header = ByteBuffer.allocate(4 + 4 * shape.length);
        header.put((byte) 0).put((byte) 0).put((byte) 8).put((byte) shape.length);
        for (long d : shape) header.putInt((int) d);
        byte[] data = new byte[(int) t.numel()];
        long[] values = t.contiguous().toLongArray();
        for (int i = 0; i < data.length; i++) data[i] = (byte) values[i];
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(header.array());
            out.write(data);
        }
    }

    /** The first {@code n} training and test images of the subset as IDX files in {@code dir}. */
    static void tinyDataset(Path dir, int n) throws IOException {
        FashionData.Source s = FashionData.subset();
        LabelledData.Images train = s.train().head(n), test = s.test().head(n);
        writeIdx(dir.resolve("train-images-idx3-ubyte.gz"), train.images());
        writeIdx(dir.resolve("train-labels-idx1-ubyte.gz"), train.labels());
        writeIdx(dir.resolve("t10k-images-idx3-ubyte.gz"), test.images());
        writeIdx(dir.resolve("t10k-labels-idx1-ubyte.gz"), test.labels());
    }

    @Test
    void theEmbeddedSubsetIsClassBalanced() throws IOException {
        FashionData.Source s = FashionData.subset();
        assertTrue(s.subset());
        assertEquals(10_000, s.train().size());
        assertEquals(2_000, s.test().size());
        long[] counts = new long[10];
        for (long label : s.train().labels().toLongArray()) counts[(int) label]++;
        for (long c : counts) assertEquals(1000, c);
        assertEquals(List.of(1L, 28L, 28L), java.util.Arrays.stream(s.train().inputShape()).boxed().toList());
    }

    @Test
    void trainWritesACheckpointThatPredictReads(@TempDir Path tmp) throws Exception {
        Path data = Files.createDirectories(tmp.resolve("data"));
        tinyDataset(data, 256);
        Path out = tmp.resolve("out");
        Run r = Run.of(new TrainCommand(), "--model", "fashion-cnn", "--data", data.toString(), "--epochs", "2", "--batch-size",
                "32", "--lr", "0.002", "--out", out.toString(), "--threads", "2");
        assertEquals(0, r.status(), r.err());
        // 8 batches per epoch: a plain progress line per batch, then the epoch summary
        assertTrue(r.out().contains("epoch 1/2 8/8"), r.out());
        Matcher m = Pattern.compile("epoch 2/2  train loss (\\d+\\.\\d+)  test loss (\\d+\\.\\d+)  test accuracy (\\d+\\.\\d+)%")
                .matcher(r.out());
        assertTrue(m.find(), r.out());
        assertTrue(Double.parseDouble(m.group(1)) < 2.2, "the loss fell below chance level: " + m.group(1));
        Path ckpt = out.resolve("fashion-cnn.safetensors");
        Map<String, String> meta = SafeTensors.loadMetadata(ckpt);
        assertEquals("fashion-cnn", meta.get("torch4j.model"));
        assertEquals("2", meta.get("epoch"));
        assertEquals("1,28,28", meta.get("torch4j.input_shape"));
        assertEquals(List.of("conv1.bias", "conv1.weight", "conv2.bias", "conv2.weight", "fc1.bias", "fc1.weight", "fc2.bias",
                "fc2.weight"), SafeTensors.load(ckpt).keySet().stream().sorted().toList());
        BufferedImage chart = ImageIO.read(out.resolve("training.png").toFile());
        assertEquals(Chart.WIDTH, chart.getWidth());

        // predict on a PNG of a test image: five classes (numbered: --data gives no names), probabilities falling
        Path png = tmp.resolve("x.png");
        Tensor image = FashionData.subset().test().images().select(0, 0);
        BufferedImage grey = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
        long[] px = image.toLongArray();
        for (int i = 0; i < 784; i++) grey.getRaster().setSample(i % 28, i / 28, 0, (int) px[i]);
        ImageIO.write(grey, "png", png.toFile());
        Run p = Run.of(new PredictCommand(), "--model", ckpt.toString(), png.toString());
        assertEquals(0, p.status(), p.err());
        Matcher rows = Pattern.compile("^  (\\d)\\. (\\d) +(\\d+\\.\\d\\d)%$", Pattern.MULTILINE).matcher(p.out());
        double previous = 101, total = 0;
        int n = 0;
        while (rows.find()) {
            double prob = Double.parseDouble(rows.group(3));
            assertTrue(prob <= previous, p.out());
            previous = prob;
            total += prob;
            n++;
        }
        assertEquals(5, n, p.out());
        assertTrue(total <= 100.05, p.out());
    }

    @Test
    void trainProfilesStepsFiveToNine(@TempDir Path tmp) throws Exception {
        Path data = Files.createDirectories(tmp.resolve("data"));
        tinyDataset(data, 192);
        Path out = tmp.resolve("out");
        Run r = Run.of(new TrainCommand(), "--model", "fashion-cnn", "--data", data.toString(), "--epochs", "2", "--batch-size",
                "32", "--out", out.toString(), "--threads", "1", "--profile");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("profile of training steps 5-9 (Chrome trace: " + out.resolve("profile.json") + ")"), r.out());
        String table = r.out().substring(r.out().indexOf("profile of training steps"));
        assertTrue(table.contains("Self CPU %") && table.contains("Self CPU Mem") && table.contains("Self CPU time total:"), table);
        // five steps, each the backward of fashion-cnn's two convolutions (one weight gradient each)
        Matcher conv = Pattern.compile("cpu::conv2dWeightGrad .* (\\d+)  \n").matcher(table);
        assertTrue(conv.find(), table);
        assertEquals(10, Integer.parseInt(conv.group(1)), table);
        assertTrue(Files.size(out.resolve("profile.json")) > 1000);
        Run few = Run.of(new TrainCommand(), "--model", "fashion-cnn", "--data", data.toString(), "--limit", "64", "--batch-size",
                "32", "--out", out.toString(), "--threads", "1", "--profile");
        assertEquals(0, few.status(), few.err());
        assertTrue(few.out().contains("--profile: training ran 2 steps, too few to reach the profiled steps 5-9"), few.out());
    }

    @Test
    void trainLogsToTensorBoard(@TempDir Path tmp) throws Exception {
        Path data = Files.createDirectories(tmp.resolve("data"));
        tinyDataset(data, 192);
        Path board = tmp.resolve("runs");
        Run r = Run.of(new TrainCommand(), "--model", "fashion-cnn", "--data", data.toString(), "--epochs", "2", "--batch-size",
                "32", "--out", tmp.resolve("out").toString(), "--threads", "1", "--tensorboard", board.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("TensorBoard: tensorboard --logdir " + board), r.out());
        List<Path> files;
        try (var s = Files.list(board)) {
            files = s.toList();
        }
        assertEquals(1, files.size(), files.toString());
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(files.get(0))).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        List<String> events = new ArrayList<>();
        while (b.hasRemaining()) {
            byte[] event = new byte[(int) b.getLong()];
            b.position(b.position() + 4);
            b.get(event);
            b.position(b.position() + 4);
            events.add(new String(event, java.nio.charset.StandardCharsets.ISO_8859_1));
        }
        // the file version, 12 steps of 6 batches, then test loss and accuracy before training and after each epoch
        assertEquals(1 + 12 + 3 * 2, events.size());
        assertEquals(12, events.stream().filter(e -> e.contains("loss/train")).count());
        assertEquals(3, events.stream().filter(e -> e.contains("accuracy/test")).count());
    }

    @Test
    void theDemoTrainsChecksItsOnnxExportAndWritesItsFiles(@TempDir Path tmp) throws Exception {
        Run r = Run.of(new DemoCommand(), "--subset", "--limit", "192", "--epochs", "1", "--out", tmp.toString());
        assertEquals(0, r.status(), r.out() + r.err());
        assertTrue(r.out().contains("data: the Fashion-MNIST subset embedded in the vision bundle: 192 training and 192 test images"),
                r.out());
        assertTrue(r.out().contains("model: 206,922 parameters"), r.out());
        Matcher m = Pattern.compile("max \\|difference\\| (\\S+) \\(below 1e-04\\)").matcher(r.out());
        assertTrue(m.find(), r.out());
        assertTrue(Double.parseDouble(m.group(1)) < 1e-4);
        for (String f : List.of("fashion-cnn.safetensors", "fashion-cnn.onnx", "training.png")) {
            assertTrue(Files.size(tmp.resolve(f)) > 1000, f);
        }
        assertEquals("1", SafeTensors.loadMetadata(tmp.resolve("fashion-cnn.safetensors")).get("epoch"));
    }
}
