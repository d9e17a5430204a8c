package org.torch4j.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.tensorboard.SummaryWriter;

/**
 * {@link SummaryWriter} against PyTorch 1.13's {@code torch.utils.tensorboard.SummaryWriter}
 * ({@code tools/gen_tensorboard_reference.py}): for the same calls, every event file holds the same records as
 * PyTorch's, framing and checksums included, byte for byte; images carry the same pixels (decoded from both PNGs:
 * the compressed bytes differ). The test's own run is left in {@code target/torch4j-tensorboard}, where
 * {@code gen_tensorboard_reference.py --check} reads it with TensorBoard's {@code EventAccumulator}.
 */
class TensorBoardTest {
    private static final Map<String, Object> FILE = CheckpointFixtures.map(Reference.load("tensorboard/events.json"));
    private static final double WALL = ((Number) FILE.get("wall_time")).doubleValue();

    @TempDir
    Path dir;

    /** The Java side of each generator case: the same calls with the same inputs. */
    private static final Map<String, CaseCalls> CALLS = new LinkedHashMap<>();

    private interface CaseCalls {
        void run(SummaryWriter w, Map<String, Object> in);
    }

    static {
        CALLS.put("scalar", (w, in) -> {
            w.addScalar("loss/train", 0.1234567, 3, WALL);
            w.addScalar("zero", 0.0, 0, WALL);
            w.addScalar("negative step", -2.5, -1, WALL);
            w.addScalar("t", Torch.tensor(2.5).item(), 7, WALL);
        });
        CALLS.put("scalars", (w, in) -> w.addScalars("run/x", orderedOf("a", 1.5, "b", -2.0), 4, WALL));
        CALLS.put("histogram tensorflow bins", (w, in) -> w.addHistogram("h", t(in, "values"), 1, null, 0, 0, WALL));
        CALLS.put("histogram int64 values", (w, in) -> w.addHistogram("ints", t(in, "values"), 2, null, 0, 0, WALL));
        CALLS.put("histogram 10 bins", (w, in) -> w.addHistogram("h10", t(in, "values"), 3, null, 10, 0, WALL));
        CALLS.put("histogram max bins", (w, in) -> w.addHistogram("hmax", t(in, "values"), 4, null, 0, 50, WALL));
        CALLS.put("histogram edges", (w, in) -> {
            double[] edges = ((List<?>) in.get("edges")).stream().mapToDouble(o -> ((Number) o).doubleValue()).toArray();
            w.addHistogram("he", t(in, "values"), 5, edges, 0, 0, WALL);
        });
        CALLS.put("histogram constant", (w, in) -> w.addHistogram("hc", t(in, "values"), 6, null, 4, 0, WALL));
        CALLS.put("image", (w, in) -> {
            w.addImage("chw", t(in, "chw"), 1, "CHW", WALL);
            w.addImage("hwc", t(in, "hwc"), 2, "HWC", WALL);
            w.addImage("hw", t(in, "hw"), 3, "HW", WALL);
            w.addImage("gray", t(in, "gray"), 4, "CHW", WALL);
            w.addImage("rgba", t(in, "rgba"), 5, "HWC", WALL);
            w.addImage("batch", t(in, "batch"), 6, "NCHW", WALL);
            w.addImage("nhwc", t(in, "nhwc"), 7, "NHWC", WALL);
        });
        CALLS.put("text", (w, in) -> w.addText("notes", "hello **world** \u2713", 2, WALL));
        CALLS.put("audio", (w, in) -> {
            w.addAudio("tone", t(in, "tone"), 4, 8000, WALL);
            w.addAudio("soft", t(in, "soft").unsqueeze(0), 5, 44100, WALL);
        });
        CALLS.put("pr curve", (w, in) -> {
            Tensor labels = t(in, "labels"), predictions = t(in, "predictions");
            w.addPrCurve("pr", labels, predictions, 1, 127, null, WALL);
            w.addPrCurve("pr10", labels, predictions, 2, 10, null, WALL);
            w.addPrCurve("prw", labels.to(DType.BOOL), predictions.to(DType.FLOAT64), 3, 7, t(in, "weights"), WALL);
        });
        CALLS.put("hparams", (w, in) -> {
            Map<String, Object> hp = new LinkedHashMap<>();
            hp.put("lr", 0.1);
            hp.put("bsize", 32);
            hp.put("optimizer", "adam");
            hp.put("nesterov", true);
            hp.put("skip", null);
            hp.put("wd", Torch.tensor(new float[] {0.5f, 2.0f}));
            Map<String, List<?>> domains = new LinkedHashMap<>();
            domains.put("optimizer", List.of("adam", "sgd"));
            domains.put("bsize", List.of(16, 32, 64));
            w.addHparams(hp, orderedOf("hparam/accuracy", 0.9, "hparam/loss", 0.125), domains, "trial1");
        });
        CALLS.put("embedding", (w, in) -> {
            w.addEmbedding(t(in, "points"), List.of("a", "b\"q", "c", 7, 2.5, true), null, t(in, "faces"), 3, "my/emb");
            w.addEmbedding(t(in, "ints"), List.of(List.of("x", 1), List.of("y", 2.5)), List.of("name", "v"), null, 0, "default");
        });
        CALLS.put("purge step", (w, in) -> w.addScalar("s", 1.0, 6, WALL));
        CALLS.put("mesh", (w, in) -> {
            Map<String, Object> material = new java.util.HashMap<>();
            material.put("cls", "PointsMaterial");
            material.put("size", 0.5);
            material.put("flat", true);
            material.put("none", null);
            Map<String, Object> config = Map.of("camera", Map.of("cls", "PerspectiveCamera", "fov", 75),
                    "lights", List.of(Map.of("cls", "AmbientLight", "color", "#ffffff", "intensity", 0.75),
                            Map.of("cls", "DirectionalLight", "color", "#ff\u00e9", "intensity", 1e-5)),
                    "material", material);
            w.addMesh("my_mesh", t(in, "vertices"), t(in, "colors"), t(in, "faces"), config, 2, WALL);
            w.addMesh("cloud", t(in, "cloud"), null, null, null, 3, WALL);
        });
        CALLS.put("custom scalars", (w, in) -> {
            Map<String, Map<String, List<?>>> layout = new LinkedHashMap<>();
            layout.put("Taiwan", Map.of("twse", List.of("Multiline", List.of("twse/0050", "twse/2330"))));
            Map<String, List<?>> usa = new LinkedHashMap<>();
            usa.put("dow", List.of("Margin", List.of("dow/aaa", "dow/bbb", "dow/ccc")));
            usa.put("nasdaq", List.of("Margin", List.of("nasdaq/aaa", "nasdaq/bbb", "nasdaq/ccc")));
            layout.put("USA", usa);
            w.addCustomScalars(layout);
            w.addCustomScalarsMultilinechart(List.of("loss/a", "loss/b"));
            w.addCustomScalarsMarginchart(List.of("m/v", "m/lo", "m/hi"), "c", "t");
        });
    }

    private static Map<String, Double> orderedOf(String k1, double v1, String k2, double v2) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put(k1, v1);
        m.put(k2, v2);
        return m;
    }

    private static Tensor t(Map<String, Object> in, String key) {
        return Reference.tensor(in.get(key));
    }

    @TestFactory
    Stream<DynamicTest> recordsArePyTorchs() {
        List<Map<String, Object>> cases = Reference.cases("tensorboard/events.json");
        assertEquals(CALLS.keySet(), new java.util.LinkedHashSet<>(cases.stream().map(c -> (String) c.get("name")).toList()));
        return cases.stream().map(c -> DynamicTest.dynamicTest((String) c.get("name"), () -> {
            String name = (String) c.get("name");
            Path logDir = dir.resolve(name.replace(' ', '_'));
            Map<String, Object> options = CheckpointFixtures.map(c.get("options"));
            SummaryWriter.Builder b = SummaryWriter.builder().logDir(logDir);
            if (options.containsKey("purge_step")) b.purgeStep(((Number) options.get("purge_step")).longValue());
            try (SummaryWriter w = b.build()) {
                CALLS.get(name).run(w, CheckpointFixtures.map(c.get("inputs")));
            }
            Map<String, List<byte[]>> ours = runFiles(logDir);
            Map<String, Object> theirs = CheckpointFixtures.map(c.get("files"));
            assertEquals(new TreeMap<>(theirs).keySet(), ours.keySet(), name + ": event files");
            for (String sub : theirs.keySet()) {
                List<?> want = (List<?>) theirs.get(sub);
                List<byte[]> got = ours.get(sub);
                assertEquals(want.size(), got.size(), name + " " + sub + ": records");
                for (int i = 0; i < want.size(); i++) {
                    byte[] w = Base64.getDecoder().decode((String) want.get(i));
                    assertRecord(w, got.get(i), name + " " + sub + " record " + i);
                }
            }
            Map<String, Object> others = CheckpointFixtures.map(c.get("other_files"));
            assertEquals(new TreeMap<>(others).keySet(), otherFiles(logDir), name + ": other files");
            for (Map.Entry<String, Object> e : others.entrySet()) {
                Path p = logDir.resolve(e.getKey());
                if (e.getKey().endsWith(".png")) {
                    assertArrayEquals(pixels(Base64.getDecoder().decode((String) e.getValue())), pixels(Files.readAllBytes(p)), e.getKey());
                } else {
                    assertEquals(e.getValue(), Files.readString(p), e.getKey());
                }
            }
        }));
    }

    /** Byte for byte; but a PyTorch event without wall time (taken from its clock) matches any of ours, and images by pixels. */
    private static void assertRecord(byte[] want, byte[] got, String context) throws IOException {
        Map<Integer, List<Object>> w = Proto.parse(payload(want)), g = Proto.parse(payload(got));
        if (!w.containsKey(5) || !Proto.parse(field(Proto.parse(field(w, 5)), 1)).containsKey(4)) {
            if (!w.containsKey(1)) {
                g.remove(1);
                assertEquals(Proto.describe(w), Proto.describe(g), context);
            } else {
                assertArrayEquals(want, got, context);
            }
            return;
        }
        // an image: everything but the encoded bytes, then the pixels of both PNGs
        Map<Integer, List<Object>> wv = Proto.parse(field(Proto.parse(field(w, 5)), 1)), gv = Proto.parse(field(Proto.parse(field(g, 5)), 1));
        Map<Integer, List<Object>> wi = Proto.parse(field(wv, 4)), gi = Proto.parse(field(gv, 4));
        assertEquals(new String(field(wv, 1)), new String(field(gv, 1)), context + ": tag");
        for (int f = 1; f <= 3; f++) assertEquals(wi.get(f), gi.get(f), context + ": image field " + f);
        assertEquals(w.get(1), g.get(1), context + ": wall time");
        assertEquals(w.get(2), g.get(2), context + ": step");
        int[] wp = pixels(field(wi, 4)), gp = pixels(field(gi, 4));
        assertArrayEquals(wp, gp, context + ": pixels");
        // the record's framing: our length and checksums are those of our bytes
        assertEquals(payload(got).length, ByteBuffer.wrap(got).order(ByteOrder.LITTLE_ENDIAN).getLong(0), context + ": length");
    }

    private static byte[] payload(byte[] record) {
        return java.util.Arrays.copyOfRange(record, 12, record.length - 4);
    }

    private static byte[] field(Map<Integer, List<Object>> m, int f) {
        return (byte[]) m.get(f).get(0);
    }

    private static int[] pixels(byte[] png) throws IOException {
        BufferedImage im = ImageIO.read(new ByteArrayInputStream(png));
        return im.getRGB(0, 0, im.getWidth(), im.getHeight(), null, 0, im.getWidth());
    }

    /** Each event file's framed records after its first (the file-version event), by subdirectory ("." for the log directory). */
    private static Map<String, List<byte[]>> runFiles(Path logDir) throws IOException {
        Map<String, List<byte[]>> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(logDir)) {
            for (Path p : files.filter(f -> f.getFileName().toString().startsWith("events.out.tfevents.")).toList()) {
                String sub = logDir.equals(p.getParent()) ? "." : logDir.relativize(p.getParent()).toString();
                List<byte[]> records = records(Files.readAllBytes(p));
                assertTrue(out.put(sub, records.subList(1, records.size())) == null, "two event files in " + sub);
            }
        }
        return out;
    }

    /** The files of a run that are not event files (the projector's), relative to the log directory. */
    private static java.util.SortedSet<String> otherFiles(Path logDir) throws IOException {
        try (Stream<Path> files = Files.walk(logDir)) {
            return files.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith("events.out.tfevents."))
                    .map(f -> logDir.relativize(f).toString()).collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
        }
    }

    private static List<byte[]> records(byte[] file) {
        List<byte[]> r = new ArrayList<>();
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            int n = (int) b.getLong(b.position());
            byte[] rec = new byte[12 + n + 4];
            b.get(rec);
            r.add(rec);
        }
        return r;
    }

    @Test
    void theFirstEventNamesTheFileVersionAndFilesAreNamedAsTensorFlows() throws IOException {
        try (SummaryWriter w = SummaryWriter.builder().logDir(dir).filenameSuffix(".v2").build()) {
            String name = w.eventFile().getFileName().toString();
            assertTrue(name.matches("events\\.out\\.tfevents\\.\\d{10}\\..+\\.\\d+\\.\\d+\\.v2"), name);
            byte[] first = records(Files.readAllBytes(w.eventFile())).get(0);
            Map<Integer, List<Object>> e = Proto.parse(payload(first));
            assertEquals("brain.Event:2", new String(field(e, 3)));
            double wall = Double.longBitsToDouble((Long) e.get(1).get(0));
            assertTrue(Math.abs(wall - System.currentTimeMillis() / 1e3) < 60, "wall time " + wall);
        }
    }

    @Test
    void eventsWaitForTheQueueOrAFlush() throws IOException {
        SummaryWriter w = SummaryWriter.builder().logDir(dir).maxQueue(3).build();
        Path f = w.eventFile();
        long header = Files.size(f);
        w.addScalar("a", 1, 1);
        w.addScalar("a", 2, 2);
        assertEquals(header, Files.size(f), "two events wait");
        w.addScalar("a", 3, 3);
        long three = Files.size(f);
        assertTrue(three > header, "the third fills the queue");
        w.addScalar("a", 4, 4);
        w.flush();
        assertTrue(Files.size(f) > three);
        w.close();
        w.addScalar("a", 5, 5); // as PyTorch's: a closed writer opens a new file
        w.close();
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(2, files.count());
        }
    }

    @Test
    void badInputIsRefusedWithPyTorchsMessages() {
        try (SummaryWriter w = new SummaryWriter(dir)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> w.addImage("x", Torch.rand(3, 4, 5), 0, "HWC", WALL));
            assertEquals("an image needs 1, 3 or 4 channels, got 5", e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> w.addImage("x", Torch.rand(3, 4), 0, "CHW", WALL));
            assertEquals("size of input tensor and input format are different. tensor shape: (3, 4), input_format: CHW", e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> w.addImage("x", Torch.rand(3, 4, 4), 0, "CHH", WALL));
            assertEquals("You can not use the same dimension shorthand twice. input_format: CHH", e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> w.addHistogram("h", Torch.zeros(0), 0));
            assertEquals("The input has no element.", e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> w.addHistogram("h", Torch.tensor(new double[] {1, Double.NaN}), 0, 5));
            assertEquals("autodetected range of [nan, nan] is not finite", e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> w.addScalar("s", Torch.ones(2), 0));
            assertTrue(e.getMessage().startsWith("Tensor should contain one element"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> w.addAudio("a", Torch.rand(2, 3), 0, 8000));
            assertEquals("input tensor should be 1 dimensional.", e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> w.addHparams(Map.of("lr", 0.1), Map.of(), Map.of("lr", List.of(1, 2)), "t"));
            assertEquals("parameter: hparam_domain_discrete[lr] should be a list of same type as hparam_dict[lr].", e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> w.addVideo("v", Torch.rand(2, 3, 4, 5), 0));
            assertEquals("not enough values to unpack (expected 5, got 4)", e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> w.addMesh("m", Torch.rand(4, 3), null, null, null, 0));
            assertEquals("Tensor shape should be of shape BxNx3, but got torch.Size([4, 3]).", e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> w.addMesh("m", Torch.rand(1, 4, 3), null, null, Map.of("x", Torch.ones(1)), 0));
            assertEquals("Object of type Tensor is not JSON serializable", e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> w.addGraph(new GraphNet(), Torch.zeros(2, 4), Torch.zeros(2, 4)));
            assertEquals("GraphNet has no public call or forward taking 2 tensors", e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> w.addCustomScalarsMarginchart(List.of("a", "b")));
            assertTrue(e.getMessage().startsWith("assert len(tags) == 3"), e.getMessage());
        }
    }

    /**
     * add_video: the tiling and 8-bit values of PyTorch's {@code _prepare_video} and its image fields, read back from
     * our GIF with ImageIO's decoder: exactly where the video has at most 256 colours, within the 3-3-2 palette's
     * rounding where it has more.
     */
    @Test
    void videosArePyTorchsTiledFramesAsGifs() throws IOException {
        for (Map<String, Object> c : Reference.cases("tensorboard/video.json")) {
            String name = (String) c.get("name");
            Path logDir = dir.resolve("video_" + name);
            try (SummaryWriter w = new SummaryWriter(logDir)) {
                w.addVideo(name, Reference.tensor(c.get("input")), 5, ((Number) c.get("fps")).doubleValue(), WALL);
            }
            byte[] event = payload(runFiles(logDir).get(".").get(0));
            Map<Integer, List<Object>> e = Proto.parse(event), v = Proto.parse(field(Proto.parse(field(e, 5)), 1));
            assertEquals(name, new String(field(v, 1)));
            Map<Integer, List<Object>> image = Proto.parse(field(v, 4));
            int h = ((Number) c.get("height")).intValue(), w = ((Number) c.get("width")).intValue();
            int channels = ((Number) c.get("colorspace")).intValue();
            assertEquals(List.of((long) h), image.get(1), name + ": height");
            assertEquals(List.of((long) w), image.get(2), name + ": width");
            assertEquals(List.of((long) channels), image.get(3), name + ": colorspace");
            byte[] gif = field(image, 4);
            int delay = (int) Math.round(100 / ((Number) c.get("fps")).doubleValue());
            assertTrue(indexOf(gif, new byte[] {0x21, (byte) 0xF9, 4, 4, (byte) delay, 0}) > 0, name + ": frame delay " + delay);
            Tensor frames = Reference.tensor(c.get("frames"));
            long[] want = frames.toLongArray();
            int t = (int) frames.shape()[0];
            javax.imageio.ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
            reader.setInput(ImageIO.createImageInputStream(new ByteArrayInputStream(gif)));
            assertEquals(t, reader.getNumImages(true), name + ": frames");
            boolean exact = !name.equals("many");
            for (int f = 0; f < t; f++) {
                BufferedImage im = reader.read(f);
                assertEquals(w, im.getWidth());
                assertEquals(h, im.getHeight());
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        int rgb = im.getRGB(x, y);
                        for (int k = 0; k < 3; k++) {
                            long expected = want[((f * h + y) * w + x) * channels + (channels == 1 ? 0 : k)];
                            int got = rgb >> (16 - 8 * k) & 0xFF;
                            int tolerance = exact ? 0 : k == 2 ? 43 : 19; // half a step of 4 or 8 levels
                            assertTrue(Math.abs(got - expected) <= tolerance, name + " frame " + f + " (" + y + ", " + x + ") channel " + k
                                    + ": " + got + " for " + expected);
                        }
                    }
                }
            }
        }
    }

    private static int indexOf(byte[] data, byte[] part) {
        for (int i = 0; i + part.length <= data.length; i++) {
            if (java.util.Arrays.equals(data, i, i + part.length, part, 0, part.length)) return i;
        }
        return -1;
    }

    /** The MLP of gen_tensorboard_reference.py's graph case. */
    static final class GraphNet extends org.torch4j.nn.Module {
        final org.torch4j.nn.Linear fc1 = registerModule("fc1", new org.torch4j.nn.Linear(4, 8));
        final org.torch4j.nn.Linear fc2 = registerModule("fc2", new org.torch4j.nn.Linear(8, 3));

        @Override
        public Tensor forward(Tensor x) {
            return fc2.call(fc1.call(x).relu());
        }
    }

    /** The CNN of gen_tensorboard_reference.py's graph case: a Sequential inside, a convolution head, an add. */
    static final class GraphCnn extends org.torch4j.nn.Module {
        final org.torch4j.nn.Sequential features = registerModule("features", new org.torch4j.nn.Sequential(
                new org.torch4j.nn.Conv2d(1, 4, 3, 1, 1), new org.torch4j.nn.ReLU(), new org.torch4j.nn.MaxPool2d(2)));
        final org.torch4j.nn.Conv2d head = registerModule("head", new org.torch4j.nn.Conv2d(4, 5, 4));

        @Override
        public Tensor forward(Tensor x) {
            return head.call(features.call(x)).add(1.0);
        }
    }

    /** The model of two inputs of gen_tensorboard_reference.py's graph case (its call found by reflection). */
    static final class GraphTwo extends org.torch4j.nn.Module {
        final org.torch4j.nn.Linear fc = registerModule("fc", new org.torch4j.nn.Linear(3, 2));

        public Tensor call(Tensor x, Tensor y) {
            return callWithHooks(args -> forward((Tensor) args.get(0), (Tensor) args.get(1)), x, y);
        }

        public Tensor forward(Tensor x, Tensor y) {
            return fc.call(x).mul(y);
        }
    }

    /**
     * add_graph: the nodes PyTorch's GraphDef has for the same model (IO nodes, aten ops, parameters' GetAttr), each
     * by scope, op type, output shape and attr, with the same edges among them; then PyTorch's RunMetadata.
     */
    @Test
    void graphsHavePyTorchsScopesOpsShapesAndEdges() throws IOException {
        for (Map<String, Object> c : Reference.cases("tensorboard/graph.json")) {
            String name = (String) c.get("name");
            org.torch4j.nn.Module model = switch (name) {
                case "mlp" -> new GraphNet();
                case "cnn" -> new GraphCnn();
                default -> new GraphTwo();
            };
            Tensor[] inputs = ((List<?>) c.get("input_shapes")).stream()
                    .map(s -> Torch.zeros(((List<?>) s).stream().mapToLong(o -> ((Number) o).longValue()).toArray())).toArray(Tensor[]::new);
            Path logDir = dir.resolve("graph_" + name.replace(' ', '_'));
            try (SummaryWriter w = new SummaryWriter(logDir)) {
                w.addGraph(model, inputs);
            }
            assertTrue(model.isTraining(), "the training mode is restored");
            List<byte[]> records = runFiles(logDir).get(".");
            assertEquals(2, records.size());
            Map<Integer, List<Object>> graph = Proto.parse(field(Proto.parse(payload(records.get(0))), 4));
            assertEquals(List.of(((Number) c.get("producer")).longValue()), Proto.parse((byte[]) graph.get(4).get(0)).get(1));
            List<Map<String, Object>> ours = new ArrayList<>();
            for (Object n : graph.get(1)) ours.add(nodeOf(Proto.parse((byte[]) n)));
            List<Map<String, Object>> theirs = new ArrayList<>();
            for (Object n : (List<?>) c.get("nodes")) theirs.add(CheckpointFixtures.map(n));
            assertEquals(structure(theirs, true), structure(ours, false), name);
            Map<Integer, List<Object>> tagged = Proto.parse(field(Proto.parse(payload(records.get(1))), 8));
            assertEquals("step1", new String(field(tagged, 1)));
            assertArrayEquals(Base64.getDecoder().decode((String) c.get("run_metadata")), field(tagged, 2), name + ": run metadata");
        }
    }

    /** A NodeDef as gen_tensorboard_reference.py's graph_structure reads one, inputs by name. */
    private static Map<String, Object> nodeOf(Map<Integer, List<Object>> n) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", new String(field(n, 1)));
        out.put("op", new String(field(n, 2)));
        out.put("inputs", n.getOrDefault(3, List.of()).stream().map(i -> new String((byte[]) i)).toList());
        out.put("shape", null);
        for (Object entry : n.getOrDefault(5, List.of())) {
            Map<Integer, List<Object>> e = Proto.parse((byte[]) entry);
            Map<Integer, List<Object>> value = Proto.parse(field(e, 2));
            if (new String(field(e, 1)).equals("attr")) {
                out.put("attr", new String(field(value, 2)));
            } else {
                Map<Integer, List<Object>> shape = Proto.parse(field(Proto.parse(field(value, 1)), 7));
                out.put("shape", shape.getOrDefault(2, List.of()).stream().map(d -> Proto.parse((byte[]) d).getOrDefault(1, List.of(0L)).get(0))
                        .toList());
            }
        }
        return out;
    }

    /**
     * The nodes that are IO nodes, aten ops or GetAttr, each as "scope | op | shape | attr <- its inputs among them",
     * sorted (value names differ between the two graphs; the keys are unique in these models).
     */
    private static List<String> structure(List<Map<String, Object>> nodes, boolean inputsByIndex) {
        List<Map<String, Object>> kept = new ArrayList<>();
        Map<String, Integer> index = new java.util.HashMap<>();
        for (Map<String, Object> n : nodes) {
            String op = (String) n.get("op");
            if (op.equals("IO Node") || op.equals("prim::GetAttr") || op.startsWith("aten::")) {
                if (n.containsKey("name")) index.put((String) n.get("name"), kept.size());
                kept.add(n);
            }
        }
        List<String> keys = new ArrayList<>();
        for (Map<String, Object> n : kept) {
            String scope = n.containsKey("scope") ? (String) n.get("scope") : ((String) n.get("name")).substring(0, ((String) n.get("name")).lastIndexOf('/'));
            Object shape = n.get("shape") == null ? null : ((List<?>) n.get("shape")).stream().map(d -> ((Number) d).longValue()).toList();
            keys.add(scope + " | " + n.get("op") + " | " + shape + " | " + n.get("attr"));
        }
        assertEquals(keys.size(), new java.util.HashSet<>(keys).size(), "unique keys " + keys);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < kept.size(); i++) {
            List<String> inputs = new ArrayList<>();
            for (Object in : (List<?>) kept.get(i).get("inputs")) {
                Integer j = inputsByIndex ? Integer.valueOf(((Number) in).intValue()) : index.get((String) in);
                if (j != null) inputs.add(keys.get(j));
            }
            out.add(keys.get(i) + " <- " + inputs);
        }
        java.util.Collections.sort(out);
        return out;
    }

    /** Writes a run for {@code gen_tensorboard_reference.py --check target/torch4j-tensorboard}. */
    @Test
    void aTrainingRunForTensorBoard() throws IOException {
        Path target = Path.of("target");
        Path logDir = Files.isDirectory(target) ? target.resolve("torch4j-tensorboard") : dir.resolve("run");
        if (Files.isDirectory(logDir)) {
            try (Stream<Path> old = Files.walk(logDir)) {
                old.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Torch.manualSeed(0);
        org.torch4j.nn.Linear model = new org.torch4j.nn.Linear(4, 1);
        org.torch4j.optim.SGD sgd = new org.torch4j.optim.SGD(model.parameters(), org.torch4j.optim.SGD.options(0.1));
        Tensor x = Torch.randn(32, 4), y = x.sum(1, true);
        double first = 0, last = 0;
        try (SummaryWriter w = new SummaryWriter(logDir)) {
            for (int step = 0; step < 20; step++) {
                sgd.zeroGrad();
                Tensor loss = org.torch4j.nn.F.mseLoss(model.forward(x), y);
                loss.backward();
                sgd.step();
                w.addScalar("loss/train", loss, step);
                if (step == 0) first = loss.item();
                last = loss.item();
            }
            w.addScalars("lr", Map.of("sgd", 0.1), 19);
            w.addHistogram("weight", model.weight, 19);
            w.addImage("input", x.reshape(1, 32, 4), 19);
            w.addText("config", "SGD lr 0.1", 0);
            w.addAudio("sine", Torch.arange(800).mul(0.1).sin(), 0, 8000);
            w.addPrCurve("pr", Torch.tensor(new long[] {0, 1, 1, 0}), Torch.tensor(new float[] {0.1f, 0.8f, 0.6f, 0.3f}), 0);
            w.addHparams(Map.of("lr", 0.1, "optimizer", "sgd"), Map.of("hparam/final_loss", last), Map.of(), "hparams");
            w.addGraph(new GraphCnn(), Torch.rand(2, 1, 8, 8));
            w.addVideo("video", Torch.rand(3, 4, 3, 8, 8), 0);
            w.addMesh("mesh", Torch.rand(1, 4, 3), Torch.tensor(new long[] {255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 0, 255}).reshape(1, 4, 3),
                    Torch.tensor(new long[] {0, 2, 3, 0, 3, 1, 0, 1, 2, 1, 3, 2}).reshape(1, 4, 3), null, 0);
            w.addCustomScalarsMultilinechart(List.of("loss/train", "hparam/final_loss"));
        }
        assertTrue(last < first, "the loss went down: " + first + " -> " + last);
        assertEquals(3, runFiles(logDir).size());
    }

    /** A protobuf reader for the test: fields by number, varints and fixed values as Long, the rest as bytes. */
    static final class Proto {
        static Map<Integer, List<Object>> parse(byte[] b) {
            Map<Integer, List<Object>> m = new TreeMap<>();
            ByteBuffer in = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
            while (in.hasRemaining()) {
                long key = varint(in);
                int field = (int) (key >>> 3);
                Object v = switch ((int) (key & 7)) {
                    case 0 -> varint(in);
                    case 1 -> in.getLong();
                    case 5 -> (long) in.getInt();
                    case 2 -> {
                        byte[] d = new byte[(int) varint(in)];
                        in.get(d);
                        yield d;
                    }
                    default -> throw new IllegalArgumentException("wire type " + (key & 7));
                };
                m.computeIfAbsent(field, k -> new ArrayList<>()).add(v);
            }
            return m;
        }

        static String describe(Map<Integer, List<Object>> m) {
            StringBuilder s = new StringBuilder();
            m.forEach((k, l) -> l.forEach(v -> s.append(k).append('=').append(v instanceof byte[] d ? java.util.HexFormat.of().formatHex(d) : v).append(' ')));
            return s.toString();
        }

        private static long varint(ByteBuffer in) {
            long v = 0;
            for (int shift = 0;; shift += 7) {
                byte x = in.get();
                v |= (long) (x & 0x7F) << shift;
                if (x >= 0) return v;
            }
        }
    }

}
