package org.torch4j.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.io.PyTorchCheckpoint;
import org.torch4j.nn.Linear;
import org.torch4j.nn.Module;
import org.torch4j.nn.Parameter;
import org.torch4j.nn.ReLU;
import org.torch4j.nn.Sequential;
import org.torch4j.optim.SGD;

/**
 * torch4j's {@code torch.save} ({@link PyTorchCheckpoint#save}, {@link PyTorchCheckpoint#saveObject}): for the
 * tensors of PyTorch 1.13's fixtures {@code mixed.pt} (every dtype, a 0-d and an empty tensor, views of one
 * storage, a Parameter) and {@code complex.pt}, the pickle and every storage entry are byte for byte PyTorch's, the
 * entries' data start at multiples of 64 as PyTorch aligns them, and what is saved reads back as it was.
 * {@code tools/gen_checkpoint_reference.py --check target/torch4j-io/torch4j_written.pt} loads the written file with
 * PyTorch's own {@code torch.load}.
 */
class TorchSaveWriteTest {

    @TempDir
    Path dir;

    /** A fixture as loaded, with its parameters (the keys PyTorch saved as nn.Parameter) made Parameters again. */
    private Object fixture(String name, String paramKey) {
        Path src = dir.resolve(name);
        Object obj = PyTorchCheckpoint.loadObject(Files.exists(src) ? src : CheckpointFixtures.copy(name, dir));
        @SuppressWarnings("unchecked")
        Map<Object, Object> m = (Map<Object, Object>) obj;
        Tensor t = (Tensor) m.get(paramKey);
        m.put(paramKey, new Parameter(t.detach(), true));
        return obj;
    }

    @Test
    void picklesAndStoragesAreByteForBytePyTorchs() throws IOException {
        for (String[] f : new String[][] {{"mixed", "param"}, {"complex", "c_param"}}) {
            Path out = dir.resolve("out").resolve(f[0] + ".pt");
            Files.createDirectories(out.getParent());
            PyTorchCheckpoint.saveObject(fixture(f[0] + ".pt", f[1]), out);
            Path ref = dir.resolve(f[0] + ".pt");
            try (ZipFile a = new ZipFile(ref.toFile()); ZipFile b = new ZipFile(out.toFile())) {
                List<String> names = names(a);
                assertEquals(names, names(b), f[0]);
                assertTrue(names.get(0).equals(f[0] + "/data.pkl"), names.toString()); // the archive is named after the file
                for (String n : names) {
                    assertArrayEquals(a.getInputStream(a.getEntry(n)).readAllBytes(), b.getInputStream(b.getEntry(n)).readAllBytes(), n);
                    assertEquals(ZipEntry.STORED, b.getEntry(n).getMethod(), n);
                }
            }
            for (long offset : dataOffsets(Files.readAllBytes(out))) assertEquals(0, offset % 64, f[0] + " entry at " + offset);
        }
        Path target = Path.of("target");
        if (Files.isDirectory(target)) {
            Files.createDirectories(target.resolve("torch4j-io"));
            PyTorchCheckpoint.saveObject(fixture("mixed.pt", "param"), target.resolve("torch4j-io").resolve("torch4j_written.pt"));
        }
    }

    @Test
    void aStateDictRoundTripsIntoAnotherModel() {
        Torch.manualSeed(3);
        Module a = new Sequential(new Linear(4, 3), new ReLU(), new Linear(3, 2));
        Module b = new Sequential(new Linear(4, 3), new ReLU(), new Linear(3, 2));
        Path p = dir.resolve("model.pt");
        PyTorchCheckpoint.save(a.stateDict(), p);
        LinkedHashMap<String, Tensor> loaded = PyTorchCheckpoint.load(p);
        assertEquals(new ArrayList<>(a.stateDict().keySet()), new ArrayList<>(loaded.keySet()));
        b.loadStateDict(loaded);
        Tensor x = Torch.randn(5, 4);
        assertArrayEquals(a.forward(x).toFloatArray(), b.forward(x).toFloatArray());
    }

    @Test
    void viewsStayViewsOfOneStorage() {
        Tensor base = Torch.arange(0.0, 12.0, 1.0).reshape(3, 4);
        Map<String, Tensor> sd = new LinkedHashMap<>();
        sd.put("base", base);
        sd.put("col", base.select(1, 2));
        sd.put("t", base.t());
        Path p = dir.resolve("views.pt");
        PyTorchCheckpoint.save(sd, p);
        LinkedHashMap<String, Tensor> back = PyTorchCheckpoint.load(p);
        assertTrue(back.get("col").sharesStorageWith(back.get("base")));
        assertArrayEquals(new long[] {1, 4}, back.get("t").stride());
        assertEquals(2, back.get("col").storageOffset());
        back.get("base").fill_(7.0);
        assertArrayEquals(new double[] {7, 7, 7}, back.get("col").toDoubleArray());
    }

    @Test
    void aCheckpointDictKeepsItsValues() {
        Map<String, Object> ckpt = new LinkedHashMap<>();
        ckpt.put("epoch", 3L);
        ckpt.put("lr", 0.125);
        ckpt.put("big", new BigInteger("123456789012345678901234567890"));
        ckpt.put("negative", -(1L << 40));
        ckpt.put("done", true);
        ckpt.put("none", null);
        ckpt.put("name", "résumé ✓");
        ckpt.put("history", List.of(1.5, 2.5));
        ckpt.put("betas", new Object[] {0.9, 0.999});
        ckpt.put("state", Map.of(0L, Map.of("step", Torch.tensor(new double[] {4}))));
        Path p = dir.resolve("ckpt.pt");
        PyTorchCheckpoint.saveObject(ckpt, p);
        Map<String, Object> back = PyTorchCheckpoint.loadDict(p);
        assertEquals(new ArrayList<>(ckpt.keySet()), new ArrayList<>(back.keySet()));
        assertEquals(3L, back.get("epoch"));
        assertEquals(0.125, back.get("lr"));
        assertEquals(ckpt.get("big"), back.get("big"));
        assertEquals(-(1L << 40), back.get("negative"));
        assertEquals(true, back.get("done"));
        assertEquals(null, back.get("none"));
        assertEquals("résumé ✓", back.get("name"));
        assertEquals(List.of(1.5, 2.5), back.get("history"));
        assertEquals(List.of(0.9, 0.999), back.get("betas"));
        Map<?, ?> state = (Map<?, ?>) ((Map<?, ?>) back.get("state")).get("0"); // integer keys load as strings
        assertArrayEquals(new double[] {4}, ((Tensor) state.get("step")).toDoubleArray());
    }

    @Test
    void anOptimizerStateDictKeysItsStateByIntsAsPyTorchLoadsIt() throws IOException {
        Torch.manualSeed(0);
        Linear m = new Linear(2, 2);
        SGD sgd = new SGD(m.parameters(), SGD.options(0.1).momentum(0.9));
        m.forward(Torch.ones(3, 2)).sum().backward();
        sgd.step();
        Path p = dir.resolve("sgd.pt");
        PyTorchCheckpoint.saveObject(sgd.stateDict(), p);
        byte[] pickle;
        try (ZipFile z = new ZipFile(p.toFile())) {
            pickle = z.getInputStream(z.getEntry("sgd/data.pkl")).readAllBytes();
        }
        // torch.save(sgd.state_dict()) of PyTorch 1.13 begins so: the state's key is BININT1 0, not the string "0"
        // (a string key would make PyTorch's load_state_dict drop the momentum buffer without a word)
        byte[] want = "\u0080\u0002}q\u0000(X\u0005\u0000\u0000\u0000stateq\u0001}q\u0002(K\u0000}q\u0003X\u000f\u0000\u0000\u0000momentum_bufferq\u0004"
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        assertArrayEquals(want, Arrays.copyOf(pickle, want.length));
        SGD back = new SGD(m.parameters(), SGD.options(0.1).momentum(0.9));
        back.loadStateDict(PyTorchCheckpoint.loadDict(p)); // loaded keys are strings: accepted too
        Map<?, ?> buf = (Map<?, ?>) ((Map<?, ?>) back.stateDict().get("state")).get(0);
        assertArrayEquals(m.weight.grad().toFloatArray(), ((Tensor) buf.get("momentum_buffer")).toFloatArray());
        Path target = Path.of("target");
        if (Files.isDirectory(target)) {
            Files.createDirectories(target.resolve("torch4j-io"));
            Map<String, Object> ckpt = new LinkedHashMap<>();
            ckpt.put("model", m.stateDict());
            ckpt.put("optimizer", sgd.stateDict());
            PyTorchCheckpoint.saveObject(ckpt, target.resolve("torch4j-io").resolve("torch4j_optimizer.pt"));
        }
    }

    @Test
    void aValueThatCannotBeSavedIsNamedAndTheOldFileKept() throws IOException {
        Path p = dir.resolve("keep.pt");
        PyTorchCheckpoint.save(Map.of("w", Torch.ones(2)), p);
        byte[] before = Files.readAllBytes(p);
        Map<String, Object> bad = Map.of("model", List.of(Torch.ones(1), new StringBuilder("x")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PyTorchCheckpoint.saveObject(bad, p));
        assertTrue(e.getMessage().startsWith("torch.save: cannot save java.lang.StringBuilder at ['model'][1]"), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(p));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count()); // no temporary file left
        }
        Map<String, Tensor> withNull = new LinkedHashMap<>();
        withNull.put("w", null);
        IllegalArgumentException n = assertThrows(IllegalArgumentException.class, () -> PyTorchCheckpoint.save(withNull, p));
        assertEquals("torch.save: tensor 'w' is null", n.getMessage());
    }

    @Test
    void bigTensorsKeepEveryElement() {
        Tensor big = Torch.arange(300_000).to(DType.INT32);
        Path p = dir.resolve("big.pt");
        PyTorchCheckpoint.save(Map.of("x", big, "y", big.mul(2L)), p);
        LinkedHashMap<String, Tensor> back = PyTorchCheckpoint.load(p);
        assertTrue(back.get("x").equal(big));
        assertTrue(back.get("y").equal(big.mul(2L)));
    }

    private static List<String> names(ZipFile z) {
        List<String> r = new ArrayList<>();
        z.stream().forEach(e -> r.add(e.getName()));
        return r;
    }

    /** Where each entry's data starts, read from the local file headers. */
    private static List<Long> dataOffsets(byte[] zip) {
        ByteBuffer b = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        List<Long> r = new ArrayList<>();
        int pos = 0;
        while (pos + 30 <= zip.length && b.getInt(pos) == 0x04034b50) {
            int nameLen = Short.toUnsignedInt(b.getShort(pos + 26));
            int extraLen = Short.toUnsignedInt(b.getShort(pos + 28));
            long size = Integer.toUnsignedLong(b.getInt(pos + 18));
            long data = pos + 30L + nameLen + extraLen;
            r.add(data);
            pos = (int) (data + size);
        }
        assertTrue(r.size() >= 3, "local headers found: " + r + " " + Arrays.toString(Arrays.copyOf(zip, 8)));
        return r;
    }
}
