package org.torch4j.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.torch4j.Device;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.io.SafeTensors;
import org.torch4j.nn.Linear;
import org.torch4j.nn.Module;
import org.torch4j.onnx.Onnx;
import org.torch4j.platform.Catalog;
import org.torch4j.platform.ModelProvider;

class ModelRegistryTest {

    @Test
    void theLatestVersionIsTheHighestComparingNumbersAsNumbers() {
        List<String> sorted = List.of("10", "2", "1.10", "1.2", "1", "1.2.1", "beta").stream().sorted(ModelRegistry.VERSIONS).toList();
        assertEquals(List.of("1", "1.2", "1.2.1", "1.10", "2", "10", "beta"), sorted);
        try (ModelRegistry r = new ModelRegistry()) {
            InferenceSession v2 = InferenceSession.of(TestModels.linear()), v10 = InferenceSession.of(TestModels.linear());
            r.register("m", "10", v10);
            r.register("m", "2", v2);
            assertSame(v10, r.find("m").orElseThrow());
            assertSame(v2, r.find("m", "2").orElseThrow());
            assertTrue(r.find("m", "3").isEmpty());
            assertTrue(r.find("other").isEmpty());
            assertEquals(List.of("2", "10"), r.entries().stream().map(ModelRegistry.Entry::version).toList());
        }
    }

    @Test
    void unloadingAndReplacingCloseTheOldSession() {
        try (ModelRegistry r = new ModelRegistry()) {
            InferenceSession a = InferenceSession.of(TestModels.linear()), b = InferenceSession.of(TestModels.linear());
            r.register("m", "1", a);
            r.register("m", "1", b);
            assertTrue(a.isClosed(), "the replaced session was closed");
            assertSame(b, r.find("m").orElseThrow());
            assertTrue(r.unload("m", "1"));
            assertTrue(b.isClosed());
            assertFalse(r.unload("m", "1"));
            assertTrue(r.entries().isEmpty());
        }
    }

    @Test
    void namesMustFitInAUrl() {
        try (ModelRegistry r = new ModelRegistry(); InferenceSession s = InferenceSession.of(TestModels.linear())) {
            var e = assertThrows(IllegalArgumentException.class, () -> r.register("a/b", "1", s));
            assertEquals("model name 'a/b' must be letters, digits, '.', '_' or '-'", e.getMessage());
        }
    }

    @Test
    void aConfigurationLoadsAnOnnxFile(@TempDir Path dir) throws Exception {
        Linear linear = TestModels.linear();
        Path file = dir.resolve("lin.onnx");
        Onnx.export(linear, Torch.randn(1, 4), file);
        try (ModelRegistry r = new ModelRegistry()) {
            InferenceSession s = r.load(ModelConfig.fromProperties(Map.of("name", "lin", "version", "3", "path", file.toString(),
                    "batchSize", "4", "maxWaitMs", "2", "service.pid", "ignored")));
            assertSame(s, r.find("lin", "3").orElseThrow());
            assertEquals(4, s.maxBatchSize());
            Tensor x = Torch.randn(3, 4);
            assertTrue(s.predict(x).allclose(TestModels.direct(linear, x), 1e-5, 1e-6));
        }
        ModelConfig defaults = ModelConfig.of(file);
        assertEquals(new ModelConfig("lin", "1", file, "onnx", null, Device.CPU, 8, Duration.ofMillis(5), 1024), defaults);
    }

    @Test
    void aConfigurationLoadsSafetensorsIntoAnInstalledArchitecture(@TempDir Path dir) throws Exception {
        Linear trained = TestModels.linear();
        Path weights = dir.resolve("w.safetensors");
        SafeTensors.save(trained.stateDict(), weights);
        ModelProvider provider = new ModelProvider() {
            @Override
            public String name() {
                return "serving-test-linear";
            }

            @Override
            public String domain() {
                return "test";
            }

            @Override
            public String description() {
                return "Linear(4, 3)";
            }

            @Override
            public Module create(Map<String, Object> options) {
                return new Linear(4, 3);
            }
        };
        Catalog.add(provider);
        try (ModelRegistry r = new ModelRegistry()) {
            InferenceSession s = r.load(ModelConfig.fromProperties(Map.of("name", "lin", "path", weights.toString(), "architecture", "serving-test-linear")));
            Tensor x = Torch.randn(2, 4);
            assertTrue(s.predict(x).allclose(TestModels.direct(trained, x), 1e-6, 1e-6), "the file's weights, not fresh ones");
            var unknown = assertThrows(IllegalArgumentException.class,
                    () -> r.load(ModelConfig.fromProperties(Map.of("name", "x", "path", weights.toString(), "architecture", "nope"))));
            assertEquals("model 'x': no installed model called 'nope' (torch4j models lists them)", unknown.getMessage());
        } finally {
            Catalog.remove(provider);
        }
    }

    @Test
    void badConfigurationsSayWhatIsWrong(@TempDir Path dir) {
        assertEquals("model 'm': the property 'path' is required",
                assertThrows(IllegalArgumentException.class, () -> ModelConfig.fromProperties(Map.of("name", "m"))).getMessage());
        assertEquals("model 'm': a safetensors file needs 'architecture', the installed model it holds the weights of",
                assertThrows(IllegalArgumentException.class, () -> ModelConfig.fromProperties(Map.of("name", "m", "path", "w.safetensors"))).getMessage());
        assertEquals("model 'm': format must be onnx or safetensors, got 'pt'",
                assertThrows(IllegalArgumentException.class, () -> ModelConfig.fromProperties(Map.of("name", "m", "path", "w.pt", "format", "pt"))).getMessage());
        assertEquals("model 'm': batchSize must be an integer, got 'many'",
                assertThrows(IllegalArgumentException.class, () -> ModelConfig.fromProperties(Map.of("name", "m", "path", "a.onnx", "batchSize", "many"))).getMessage());
        Path missing = dir.resolve("missing.onnx");
        try (ModelRegistry r = new ModelRegistry()) {
            IOException e = assertThrows(IOException.class, () -> r.load(ModelConfig.of(missing)));
            assertEquals("model 'missing': no such file " + missing, e.getMessage());
            assertTrue(r.entries().isEmpty());
        }
    }
}
