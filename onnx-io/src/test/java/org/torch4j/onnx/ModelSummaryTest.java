package org.torch4j.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads models of the ONNX conformance suite (Debian's libonnx-testdata, installed by ./torch4j test). */
class ModelSummaryTest {

    static final Path SUITE = Path.of("/usr/share/libonnx-testdata/data/node");

    @Test
    void readsAConformanceModel() throws IOException {
        Path model = SUITE.resolve("test_conv_with_strides_padding/model.onnx");
        assumeTrue(Files.exists(model), "libonnx-testdata is not installed (run ./torch4j test as root to install it)");
        ModelSummary s = ModelSummary.read(model);
        assertEquals(Map.of("Conv", 1), s.operators());
        assertEquals(List.of("x: float32[1, 1, 7, 5]", "W: float32[1, 1, 3, 3]"), s.inputs());
        assertEquals(List.of("y: float32[1, 1, 4, 3]"), s.outputs());
        assertTrue(s.opsets().containsKey(""), "the default ONNX domain is imported");
        assertTrue(s.irVersion() >= 3);
    }

    @Test
    void corruptFilesFailClearly(@TempDir Path dir) throws IOException {
        Path bad = dir.resolve("bad.onnx");
        Files.write(bad, new byte[] {0x0a, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x7f, 1, 2});
        IOException e = assertThrows(IOException.class, () -> ModelSummary.read(bad));
        assertTrue(e.getMessage().startsWith("not a valid ONNX model"), e.getMessage());
    }
}
