package org.torch4j.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.Linear;
import org.torch4j.onnx.Onnx;

class ModelFolderTest {

    private static void await(Callable<Boolean> condition, String what) throws Exception {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!condition.call() && System.nanoTime() < deadline) Thread.sleep(10);
        assertTrue(condition.call(), what + " within 20 s");
    }

    @Test
    void droppingChangingAndDeletingAFileDeploysReloadsAndUnloads(@TempDir Path dir) throws Exception {
        Linear linear = TestModels.linear();
        Onnx.export(linear, Torch.randn(1, 4), dir.resolve("lin.onnx"));
        Files.writeString(dir.resolve("already.cfg"), "path=lin.onnx\n");
        List<String> log = new CopyOnWriteArrayList<>();
        try (ModelRegistry registry = new ModelRegistry(); ModelFolder folder = ModelFolder.watch(dir, registry, log::add)) {
            assertTrue(registry.find("already").isPresent(), "files present at the start deploy at once");

            Files.writeString(dir.resolve("org.torch4j.serving.model-lin.cfg"), "path=" + dir.resolve("lin.onnx") + "\nversion=2\nbatchSize=3\n");
            await(() -> registry.find("lin", "2").isPresent(), "the dropped file deployed lin version 2");
            assertEquals(3, registry.find("lin").orElseThrow().maxBatchSize());
            Tensor x = Torch.randn(2, 4);
            assertTrue(registry.find("lin").orElseThrow().predict(x).allclose(TestModels.direct(linear, x), 1e-5, 1e-6));

            Files.writeString(dir.resolve("org.torch4j.serving.model-lin.cfg"), "path=lin.onnx\nversion=2\nbatchSize=5\n");
            await(() -> registry.find("lin").map(s -> s.maxBatchSize() == 5).orElse(false), "the changed file reloaded the model");

            Files.writeString(dir.resolve("broken.cfg"), "path=missing.onnx\n");
            await(() -> log.stream().anyMatch(l -> l.startsWith("broken.cfg: deployed nothing: model 'broken': no such file")), "a bad file is reported: " + log);

            Files.delete(dir.resolve("org.torch4j.serving.model-lin.cfg"));
            await(() -> registry.find("lin").isEmpty(), "deleting the file unloaded the model");
            assertEquals(List.of("already"), registry.entries().stream().map(ModelRegistry.Entry::name).toList());
            await(() -> log.contains("org.torch4j.serving.model-lin.cfg: unloaded model 'lin' version 2"), "the unloading is reported: " + log);
        }
    }
}
