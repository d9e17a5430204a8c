package org.torch4j.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.torch4j.conformance.CheckpointFixtures.assertMatches;
import static org.torch4j.conformance.CheckpointFixtures.assertSameTensor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.io.SafeTensors;
import org.torch4j.nn.Linear;
import org.torch4j.nn.Module;
import org.torch4j.nn.ReLU;
import org.torch4j.nn.Sequential;
import org.torch4j.optim.Adam;
import org.torch4j.optim.SGD;

/**
 * {@link SafeTensors} against the format's reference: round trips of every dtype and layout, the
 * Python-written fixture read and re-written byte for byte, atomic writes under a failure part way,
 * and model and optimizer state dicts. Hostile headers are in {@code org.torch4j.io.SafeTensorsValidationTest}.
 */
class SafeTensorsTest {

    @TempDir
    Path dir;

    private static Tensor sample(DType dtype, long... shape) {
        long n = 1;
        for (long s : shape) n *= s;
        Tensor base = Torch.arange(n).reshape(shape);
        return switch (dtype) {
            case BOOL -> base.remainder(3.0).eq(0.0);
            case FLOAT32, FLOAT64, FLOAT16, BFLOAT16 -> base.to(DType.FLOAT64).mul(-0.75).add(0.5).to(dtype);
            case UINT8 -> base.mul(37L).remainder(256.0).to(DType.UINT8);
            default -> base.sub(n / 2).mul(3L).to(dtype);
        };
    }

    @Test
    void roundTripsEveryDtype() {
        LinkedHashMap<String, Tensor> in = new LinkedHashMap<>();
        for (DType d : DType.values()) {
            if (d.isComplex()) continue; // not saved (docs/complex.md); ComplexTest checks the refusal
            in.put(d.torchName(), sample(d, 2, 3));
            in.put(d.torchName() + ".scalar", sample(d, 1).reshape());
            in.put(d.torchName() + ".empty", Torch.zeros(new long[] {0, 3}, d));
        }
        Path p = dir.resolve("all.safetensors");
        SafeTensors.save(in, p);
        LinkedHashMap<String, Tensor> out = SafeTensors.load(p);
        assertEquals(in.keySet(), out.keySet());
        for (String k : in.keySet()) {
            assertSameTensor(in.get(k), out.get(k), k);
            assertTrue(out.get(k).isContiguous());
        }
        assertEquals(0, out.get("float32.scalar").dim());
        // the byte form is the same file
        byte[] bytes = SafeTensors.serialize(in, null);
        assertArrayEquals(bytes, readAll(p));
        LinkedHashMap<String, Tensor> back = SafeTensors.deserialize(bytes);
        for (String k : in.keySet()) assertSameTensor(in.get(k), back.get(k), k);
    }

    @Test
    void specialValuesSurviveBitForBit() {
        Tensor f = Torch.tensor(new float[] {Float.NaN, -0.0f, Float.POSITIVE_INFINITY, Float.MIN_VALUE, -Float.MAX_VALUE});
        Tensor d = Torch.tensor(new double[] {Double.NaN, -0.0, Double.NEGATIVE_INFINITY, Double.MIN_VALUE});
        Tensor l = Torch.tensor(new long[] {Long.MIN_VALUE, Long.MAX_VALUE});
        Map<String, Tensor> in = Map.of("f", f, "d", d, "l", l, "h", f.to(DType.FLOAT16), "b", f.to(DType.BFLOAT16));
        Map<String, Tensor> out = SafeTensors.deserialize(SafeTensors.serialize(in, null));
        for (String k : in.keySet()) assertSameTensor(in.get(k), out.get(k), k);
    }

    @Test
    void nonContiguousTensorsAreSavedContiguous() {
        Tensor base = sample(DType.FLOAT32, 4, 6);
        LinkedHashMap<String, Tensor> in = new LinkedHashMap<>();
        in.put("transposed", base.t());
        in.put("sliced", base.slice(1, 1, 6, 2));
        in.put("row", base.select(0, 2));
        in.put("column", base.select(1, 3));
        in.put("expanded", Torch.tensor(new long[] {1, 2, 3}).unsqueeze(0).expand(4, 3));
        in.put("permuted", sample(DType.INT16, 2, 3, 4).permute(2, 0, 1));
        in.put("flags", sample(DType.BOOL, 3, 4).t());
        for (Tensor t : in.values()) assertFalse(t.isContiguous() && t.storageOffset() == 0 && t.numel() == t.strided().storage().size());
        Map<String, Tensor> out = SafeTensors.deserialize(SafeTensors.serialize(in, null));
        long expectedBytes = 0;
        for (String k : in.keySet()) {
            Tensor want = in.get(k).contiguous();
            assertSameTensor(want, out.get(k), k);
            assertArrayEquals(want.toDoubleArray(), out.get(k).toDoubleArray(), k);
            expectedBytes += want.numel() * want.elementSize();
        }
        // only the viewed elements are written, not the whole storage
        byte[] bytes = SafeTensors.serialize(in, null);
        long header = java.nio.ByteBuffer.wrap(bytes, 0, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(8 + header + expectedBytes, bytes.length);
    }

    @Test
    void metadataRoundTrips() {
        Path p = dir.resolve("meta.safetensors");
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", "pt");
        meta.put("note", "quotes \" backslash \\ newline \n tab \t bell \u0007 \u00e9\u4e2d\ud83d\ude00");
        SafeTensors.save(Map.of("w", sample(DType.FLOAT32, 2)), meta, p);
        assertEquals(meta, SafeTensors.loadMetadata(p));
        assertEquals(List.of("format", "note"), List.copyOf(SafeTensors.loadMetadata(p).keySet()));
        SafeTensors.save(Map.of("w", sample(DType.FLOAT32, 2)), p);
        assertEquals(Map.of(), SafeTensors.loadMetadata(p));
        assertTrue(new String(readAll(p), java.nio.charset.StandardCharsets.UTF_8).startsWith("{\"w\":", 8));
        // an empty map is written as an empty "__metadata__", as Python's save_file(..., metadata={}) does
        SafeTensors.save(Map.of("w", sample(DType.FLOAT32, 2)), Map.of(), p);
        assertEquals(Map.of(), SafeTensors.loadMetadata(p));
        assertTrue(new String(readAll(p), java.nio.charset.StandardCharsets.UTF_8).startsWith("{\"__metadata__\":{},\"w\":", 8));
    }

    @Test
    void readsTheFileWrittenByPython() {
        Map<String, Object> exp = CheckpointFixtures.expected("safetensors");
        Path p = CheckpointFixtures.copy("python.safetensors", dir);
        LinkedHashMap<String, Tensor> got = SafeTensors.load(p);
        assertEquals(exp.get("order"), new ArrayList<>(got.keySet()));
        Map<String, Object> tensors = CheckpointFixtures.map(exp.get("tensors"));
        for (String k : tensors.keySet()) assertMatches(tensors.get(k), got.get(k), k);
        assertEquals(exp.get("metadata"), SafeTensors.loadMetadata(p));
        assertEquals(0, got.get("scalar").dim());
        assertEquals(3.5, got.get("scalar").item());
        assertArrayEquals(new long[] {0, 4}, got.get("empty").shape());
        assertArrayEquals(new boolean[] {true, false, false, true}, got.get("flags").toBooleanArray());
        assertEquals(Long.MIN_VALUE, got.get("i64").toLongArray()[0]);
        assertEquals(255, got.get("u8").toLongArray()[2]);
        // the same through the byte form
        Map<String, Tensor> viaBytes = SafeTensors.deserialize(CheckpointFixtures.bytes("python.safetensors"));
        for (String k : tensors.keySet()) assertMatches(tensors.get(k), viaBytes.get(k), k);
    }

    /**
     * torch4j writes exactly the bytes Python's safetensors writes for the same tensors and metadata.
     * The file also goes to target/torch4j-io/ for {@code tools/gen_checkpoint_reference.py --check}.
     */
    @Test
    void writesTheSameBytesAsPython() throws IOException {
        Map<String, Object> exp = CheckpointFixtures.expected("safetensors");
        Map<String, Object> tensors = CheckpointFixtures.map(exp.get("tensors"));
        LinkedHashMap<String, Tensor> in = new LinkedHashMap<>();
        for (String k : tensors.keySet()) in.put(k, CheckpointFixtures.tensor(tensors.get(k)));
        @SuppressWarnings("unchecked")
        Map<String, String> meta = (Map<String, String>) exp.get("metadata");
        Path p = dir.resolve("torch4j.safetensors");
        SafeTensors.save(in, meta, p);
        byte[] reference = CheckpointFixtures.bytes("python.safetensors");
        assertArrayEquals(reference, readAll(p));
        Path target = Path.of("target");
        if (Files.isDirectory(target)) {
            Path out = target.resolve("torch4j-io");
            Files.createDirectories(out);
            SafeTensors.save(in, meta, out.resolve("torch4j_written.safetensors"));
        }
    }

    @Test
    void aWriteThatFailsHalfwayLeavesThePreviousFile() throws IOException {
        Path p = dir.resolve("model.safetensors");
        SafeTensors.save(Map.of("w", sample(DType.FLOAT32, 3)), p);
        byte[] before = readAll(p);

        Tensor big = Torch.zeros(new long[] {3_000_000}, DType.FLOAT32); // 12 MB: written out before the failure
        Tensor broken = Torch.ones(new long[] {4}, DType.FLOAT32);
        broken.close(); // its data can no longer be read: the write fails after the header and 'a'
        LinkedHashMap<String, Tensor> in = new LinkedHashMap<>();
        in.put("a", big);
        in.put("b", broken);
        assertThrows(IllegalStateException.class, () -> SafeTensors.save(in, p));

        assertArrayEquals(before, readAll(p), "the previous file must be intact");
        assertEquals(List.of(p), list(dir), "no temporary file may be left behind");

        // a failure before anything is written, and a write into a missing directory, leave nothing either
        assertThrows(IllegalArgumentException.class, () -> SafeTensors.save(java.util.Collections.singletonMap("x", null), p));
        assertThrows(java.io.UncheckedIOException.class, () -> SafeTensors.save(Map.of("w", big), dir.resolve("no/such/dir.safetensors")));
        assertEquals(List.of(p), list(dir));
        assertArrayEquals(before, readAll(p));

        // and the next successful save replaces the file whole
        SafeTensors.save(Map.of("a", big), p);
        assertEquals(List.of(p), list(dir));
        assertArrayEquals(new long[] {3_000_000}, SafeTensors.load(p).get("a").shape());
    }

    @Test
    void aModelStateDictLoadsIntoAFreshModel() {
        Torch.manualSeed(1);
        Module model = Sequential.of(new Linear(4, 3), new ReLU(), new Linear(3, 2));
        Path p = dir.resolve("model.safetensors");
        SafeTensors.save(model.stateDict(), Map.of("format", "pt"), p);

        Torch.manualSeed(2);
        Module fresh = Sequential.of(new Linear(4, 3), new ReLU(), new Linear(3, 2));
        Tensor x = Torch.randn(5, 4);
        assertFalse(java.util.Arrays.equals(model.forward(x).toFloatArray(), fresh.forward(x).toFloatArray()));
        var result = fresh.loadStateDict(SafeTensors.load(p));
        assertTrue(result.missingKeys().isEmpty() && result.unexpectedKeys().isEmpty());
        assertArrayEquals(model.forward(x).toFloatArray(), fresh.forward(x).toFloatArray());
        for (var e : model.stateDict().entrySet()) assertSameTensor(e.getValue(), fresh.stateDict().get(e.getKey()), e.getKey());
    }

    @Test
    void anOptimizerStateRoundTrips() {
        Torch.manualSeed(3);
        Module model = Sequential.of(new Linear(4, 3), new ReLU(), new Linear(3, 2));
        Adam opt = new Adam(model.parameters(), Adam.options(0.01).weightDecay(0.1));
        Tensor x = Torch.randn(6, 4);
        for (int i = 0; i < 3; i++) step(model, opt, x);
        Path mp = dir.resolve("model.safetensors"), op = dir.resolve("adam.safetensors");
        SafeTensors.save(model.stateDict(), mp);
        SafeTensors.saveOptimizerState(opt.stateDict(), op);
        assertEquals("torch4j.optimizer", SafeTensors.loadMetadata(op).get("format"));
        assertTrue(SafeTensors.load(op).containsKey("state.0.exp_avg"));

        Torch.manualSeed(4);
        Module model2 = Sequential.of(new Linear(4, 3), new ReLU(), new Linear(3, 2));
        Adam opt2 = new Adam(model2.parameters(), 0.5);
        model2.loadStateDict(SafeTensors.load(mp));
        Map<String, Object> loaded = SafeTensors.loadOptimizerState(op);
        opt2.loadStateDict(loaded);

        Map<String, Object> a = opt.stateDict(), b = opt2.stateDict();
        assertEquals(CheckpointFixtures.map(((List<?>) a.get("param_groups")).get(0)), ((List<?>) b.get("param_groups")).get(0));
        Map<?, ?> sa = (Map<?, ?>) a.get("state"), sb = (Map<?, ?>) b.get("state");
        assertEquals(List.copyOf(sa.keySet()), List.copyOf(sb.keySet()));
        for (Object k : sa.keySet()) {
            Map<String, Object> pa = CheckpointFixtures.map(sa.get(k)), pb = CheckpointFixtures.map(sb.get(k));
            assertEquals(pa.keySet(), pb.keySet());
            for (String n : pa.keySet()) assertSameTensor((Tensor) pa.get(n), (Tensor) pb.get(n), k + "." + n);
        }
        // training goes on identically
        step(model, opt, x);
        step(model2, opt2, x);
        for (var e : model.stateDict().entrySet()) assertSameTensor(e.getValue(), model2.stateDict().get(e.getKey()), e.getKey());
    }

    @Test
    void optimizerStateWithNonTensorValues() {
        Path p = dir.resolve("sgd.safetensors");
        Map<String, Object> state = new LinkedHashMap<>();
        Map<String, Object> s0 = new LinkedHashMap<>();
        s0.put("momentum_buffer", null);
        s0.put("count", 7L);
        s0.put("buf", sample(DType.FLOAT32, 2));
        state.put("0", s0);
        Map<String, Object> group = new LinkedHashMap<>();
        group.put("lr", 0.1);
        group.put("momentum", 0.0);
        group.put("nesterov", false);
        group.put("betas", List.of(0.9, 0.999));
        group.put("params", List.of(0));
        Map<String, Object> dict = new LinkedHashMap<>();
        dict.put("state", state);
        dict.put("param_groups", List.of(group));
        SafeTensors.saveOptimizerState(dict, p);
        Map<String, Object> back = SafeTensors.loadOptimizerState(p);
        assertEquals(List.of(group), back.get("param_groups"));
        Map<String, Object> b0 = CheckpointFixtures.map(((Map<?, ?>) back.get("state")).get(0));
        assertEquals(List.of("momentum_buffer", "count", "buf"), List.copyOf(b0.keySet()));
        assertEquals(null, b0.get("momentum_buffer"));
        assertEquals(7L, b0.get("count"));
        assertSameTensor((Tensor) s0.get("buf"), (Tensor) b0.get("buf"), "buf");
        assertInstanceOf(Double.class, CheckpointFixtures.map(((List<?>) back.get("param_groups")).get(0)).get("momentum"));

        // an SGD with momentum, end to end
        Module m = Sequential.of(new Linear(2, 2));
        SGD sgd = new SGD(m.parameters(), SGD.options(0.1).momentum(0.9));
        step(m, sgd, Torch.ones(3, 2));
        SafeTensors.saveOptimizerState(sgd.stateDict(), p);
        SGD sgd2 = new SGD(m.parameters(), SGD.options(0.1).momentum(0.9));
        sgd2.loadStateDict(SafeTensors.loadOptimizerState(p));
        assertEquals(((Map<?, ?>) sgd.stateDict().get("state")).keySet(), ((Map<?, ?>) sgd2.stateDict().get("state")).keySet());

        // a model file is not an optimizer file
        SafeTensors.save(m.stateDict(), p);
        assertThrows(org.torch4j.io.CheckpointException.class, () -> SafeTensors.loadOptimizerState(p));
    }

    private static void step(Module model, org.torch4j.optim.Optimizer opt, Tensor x) {
        opt.zeroGrad();
        model.forward(x).pow(2.0).sum().backward();
        opt.step();
    }

    private static byte[] readAll(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<Path> list(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.sorted().toList();
        }
    }
}
