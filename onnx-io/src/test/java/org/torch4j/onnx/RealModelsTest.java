package org.torch4j.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.torch4j.onnx.ConformanceRunner.Result;
import org.torch4j.onnx.ConformanceRunner.Status;
import org.torch4j.onnx.ConformanceRunner.Summary;

/**
 * Models exported by PyTorch (ResNet, MobileNet, DenseNet, a transformer encoder, LSTM/GRU, ...),
 * when {@code tools/gen_onnx_models.py} has written them to {@code onnx-io/target/onnx-models}
 * (or the folder named by {@code -Dtorch4j.onnx.models}); skipped otherwise.
 */
class RealModelsTest {

    @Test
    void exportedModelsMatchPyTorch() throws Exception {
        Path dir = Path.of(System.getProperty("torch4j.onnx.models", "target/onnx-models"));
        assumeTrue(Files.isDirectory(dir), "no exported models in " + dir.toAbsolutePath()
                + " (run /usr/bin/python3 tools/gen_onnx_models.py to make them)");
        ByteArrayOutputStream lines = new ByteArrayOutputStream();
        Summary s = new ConformanceRunner(ConformanceRunner.Options.defaults())
                .run(List.of(dir), new PrintStream(lines, true, StandardCharsets.UTF_8));
        for (Result r : s.results()) System.out.println(r);
        assertEquals(0, s.count(Status.FAIL), s.line());
    }
}
