package org.torch4j.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.torch4j.conformance.CheckpointFixtures.assertMatches;
import static org.torch4j.conformance.CheckpointFixtures.longs;
import static org.torch4j.conformance.CheckpointFixtures.map;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.io.CheckpointException;
import org.torch4j.io.PyTorchCheckpoint;
import org.torch4j.io.SafeTensors;
import org.torch4j.io.UnsafeCheckpointException;
import org.torch4j.nn.Linear;
import org.torch4j.nn.Module;
import org.torch4j.nn.ReLU;
import org.torch4j.nn.Sequential;

/**
 * {@link PyTorchCheckpoint} on files written by PyTorch 1.13's {@code torch.save}
 * ({@code tools/gen_checkpoint_reference.py}): a model's state dict loaded into a torch4j model gives
 * PyTorch's outputs, every dtype and shared-storage views come back as saved, a training checkpoint's
 * nested values are read, and the hostile pickles are refused without running anything.
 */
class TorchSaveTest {

    @TempDir
    Path dir;

    @Test
    void aPyTorchStateDictDrivesATorch4jModel() {
        Map<String, Object> exp = CheckpointFixtures.expected("model_state");
        LinkedHashMap<String, Tensor> sd = PyTorchCheckpoint.load(CheckpointFixtures.copy("model_state.pt", dir));
        assertEquals(exp.get("keys"), new ArrayList<>(sd.keySet()));
        Map<String, Object> tensors = map(exp.get("tensors"));
        for (String k : tensors.keySet()) assertMatches(tensors.get(k), sd.get(k), k);

        Module model = Sequential.of(new Linear(4, 3), new ReLU(), new Linear(3, 2));
        var result = model.loadStateDict(sd);
        assertTrue(result.missingKeys().isEmpty() && result.unexpectedKeys().isEmpty());
        Tensor out = model.forward(CheckpointFixtures.tensor(exp.get("input")));
        float[] want = CheckpointFixtures.tensor(exp.get("output")).toFloatArray();
        assertArrayEquals(want, out.toFloatArray(), 1e-6f);

        // and on to safetensors: the converted file loads into another model
        Path st = dir.resolve("converted.safetensors");
        SafeTensors.save(sd, st);
        Module again = Sequential.of(new Linear(4, 3), new ReLU(), new Linear(3, 2));
        again.loadStateDict(SafeTensors.load(st));
        assertArrayEquals(out.toFloatArray(), again.forward(CheckpointFixtures.tensor(exp.get("input"))).toFloatArray());
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyDtypeAndSharedStorageViews() {
        Map<String, Object> exp = CheckpointFixtures.expected("mixed");
        LinkedHashMap<String, Tensor> sd = PyTorchCheckpoint.load(CheckpointFixtures.copy("mixed.pt", dir));
        assertEquals(exp.get("keys"), new ArrayList<>(sd.keySet()));
        Map<String, Object> tensors = map(exp.get("tensors"));
        for (String k : tensors.keySet()) {
            Map<String, Object> e = map(tensors.get(k));
            Tensor t = sd.get(k);
            assertMatches(e, t, k);
            if (t.numel() > 0) {
                assertArrayEquals(longs(e.get("stride")), t.stride(), k + ": stride");
                assertEquals(((Number) e.get("storage_offset")).longValue(), t.storageOffset(), k + ": storage offset");
            }
            assertEquals(e.get("requires_grad"), t.requiresGrad(), k + ": requires_grad");
            for (Object other : (List<Object>) e.get("shares_storage_with")) {
                assertTrue(t.sharesStorageWith(sd.get((String) other)), k + " shares its storage with " + other);
            }
        }
        assertFalse(sd.get("base_t").isContiguous());
        assertFalse(sd.get("f64").sharesStorageWith(sd.get("base")));
        assertEquals(0, sd.get("scalar").dim());
        assertEquals(2.75, sd.get("scalar").item());
        // a view writes through to its storage, as in PyTorch
        sd.get("base").select(0, 1).select(0, 2).fill_(100.0);
        assertEquals(100.0, sd.get("base_row").toDoubleArray()[2]);
        assertEquals(100.0, sd.get("base_col").toDoubleArray()[1]);
        assertEquals(100.0, sd.get("base_t").select(0, 2).toDoubleArray()[1]);
    }

    /** ComplexFloatStorage and ComplexDoubleStorage: complex tensors, views of one storage, a complex parameter. */
    @Test
    @SuppressWarnings("unchecked")
    void complexTensorsAndTheirViews() {
        Map<String, Object> exp = CheckpointFixtures.expected("complex");
        LinkedHashMap<String, Tensor> sd = PyTorchCheckpoint.load(CheckpointFixtures.copy("complex.pt", dir));
        assertEquals(exp.get("keys"), new ArrayList<>(sd.keySet()));
        Map<String, Object> tensors = map(exp.get("tensors"));
        for (String k : tensors.keySet()) {
            Map<String, Object> e = map(tensors.get(k));
            Tensor t = sd.get(k);
            assertEquals(org.torch4j.DType.of((String) e.get("dtype")), t.dtype(), k + ": dtype");
            assertArrayEquals(longs(e.get("shape")), t.shape(), k + ": shape");
            // the bytes are the interleaved (re, im) pairs of the row-major elements
            assertArrayEquals(java.util.Base64.getDecoder().decode((String) e.get("b64")),
                    CheckpointFixtures.toBytes(Torch.viewAsReal(t)), k + ": bytes");
            assertArrayEquals(longs(e.get("stride")), t.stride(), k + ": stride");
            assertEquals(((Number) e.get("storage_offset")).longValue(), t.storageOffset(), k + ": storage offset");
            assertEquals(e.get("requires_grad"), t.requiresGrad(), k + ": requires_grad");
            for (Object other : (List<Object>) e.get("shares_storage_with")) {
                assertTrue(t.sharesStorageWith(sd.get((String) other)), k + " shares its storage with " + other);
            }
        }
        // a view writes through to its storage, as in PyTorch
        sd.get("c64").select(0, 1).select(0, 2).imag().fill_(7.0);
        assertEquals(7.0f, Torch.viewAsReal(sd.get("c64_row")).toFloatArray()[5]);
        assertEquals(7.0f, Torch.viewAsReal(sd.get("c64_t")).select(0, 2).toFloatArray()[3]);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aTrainingCheckpointWithNestedValues() {
        Map<String, Object> exp = CheckpointFixtures.expected("checkpoint");
        Path p = CheckpointFixtures.copy("checkpoint.pt", dir);
        Map<String, Object> ckpt = PyTorchCheckpoint.loadDict(p);
        assertEquals(exp.get("keys"), new ArrayList<>(ckpt.keySet()));
        assertEquals(3L, ckpt.get("epoch"));
        assertEquals(0.01, ckpt.get("lr"));
        assertEquals("run-1", ckpt.get("name"));
        assertEquals(new BigInteger((String) exp.get("big")), ckpt.get("big"));
        assertEquals(-1234567890123L, ckpt.get("neg"));
        List<Object> history = (List<Object>) ckpt.get("history");
        assertEquals(1.5, history.get(0));
        assertNull(history.get(1));
        assertEquals(true, history.get(2));
        assertEquals(List.of(0.9, 0.999), ckpt.get("betas"));

        LinkedHashMap<String, Tensor> model = PyTorchCheckpoint.tensors(ckpt.get("model"));
        assertEquals(exp.get("model_keys"), new ArrayList<>(model.keySet()));
        Map<String, Object> mt = map(exp.get("model_tensors"));
        for (String k : mt.keySet()) assertMatches(mt.get(k), model.get(k), "model." + k);
        Sequential.of(new Linear(4, 3), new ReLU(), new Linear(3, 2)).loadStateDict(model);

        Map<String, Object> opt = map(ckpt.get("optimizer"));
        Map<String, Object> eopt = map(exp.get("optimizer"));
        Map<String, Object> state = map(opt.get("state"));
        assertEquals(eopt.get("state_keys"), new ArrayList<>(state.keySet()));
        assertMatches(eopt.get("exp_avg_0"), (Tensor) map(state.get("0")).get("exp_avg"), "exp_avg");
        assertMatches(eopt.get("step_0"), (Tensor) map(state.get("0")).get("step"), "step");
        List<Object> groups = (List<Object>) opt.get("param_groups");
        Map<String, Object> g = map(groups.get(0)), eg = map(((List<Object>) eopt.get("param_groups")).get(0));
        assertEquals(eg.keySet(), g.keySet());
        for (String k : eg.keySet()) {
            Object want = eg.get(k), got = g.get(k);
            if (want instanceof Number n && got instanceof Number m) assertEquals(n.doubleValue(), m.doubleValue(), k);
            else if (want instanceof List<?> wl) assertEquals(wl.size(), ((List<?>) got).size(), k);
            else assertEquals(want, got, k);
        }

        CheckpointException e = assertThrows(CheckpointException.class, () -> PyTorchCheckpoint.load(p));
        assertTrue(e.getMessage().contains("use PyTorchCheckpoint.loadDict"), e.getMessage());
        assertInstanceOf(LinkedHashMap.class, PyTorchCheckpoint.loadObject(p));
    }

    @Test
    void hostilePicklesAreRefusedAndNothingRuns() throws Exception {
        Path marker = Path.of((String) CheckpointFixtures.expected("marker"));
        Files.deleteIfExists(marker);
        Map<String, Object> hostile = CheckpointFixtures.expected("hostile");
        for (String name : hostile.keySet()) {
            Path p = CheckpointFixtures.copy(name, dir);
            UnsafeCheckpointException e = assertThrows(UnsafeCheckpointException.class, () -> PyTorchCheckpoint.load(p));
            assertTrue(e.getMessage().contains("refusing to load global '" + hostile.get(name) + "'"), e.getMessage());
            assertTrue(e.getMessage().contains("nothing from the file was executed"), e.getMessage());
        }
        assertFalse(Files.exists(marker), "a hostile pickle ran its command");
    }
}
