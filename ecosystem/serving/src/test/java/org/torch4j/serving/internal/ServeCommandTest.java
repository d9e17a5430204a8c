package org.torch4j.serving.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.Linear;
import org.torch4j.nn.Module;
import org.torch4j.onnx.Onnx;
import org.torch4j.serving.TensorJson;

class ServeCommandTest {

    @Test
    void servesAnOnnxFileUnderItsFileName(@TempDir Path dir) throws Exception {
        Torch.manualSeed(5);
        Module model = new Linear(3, 2);
        Path file = dir.resolve("tiny-linear.onnx");
        Onnx.export(model, Torch.randn(1, 3), file);
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        try (var running = ServeCommand.start(List.of("--port", "0", "--batch-size", "4", file.toString()), new PrintStream(text, true, StandardCharsets.UTF_8))) {
            String url = running.server().uri() + "predictions/tiny-linear";
            assertTrue(text.toString(StandardCharsets.UTF_8).contains("model 'tiny-linear' (inputs [input]) at " + url), text.toString(StandardCharsets.UTF_8));
            Tensor x = Torch.randn(2, 3);
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(java.net.URI.create(url))
                    .POST(HttpRequest.BodyPublishers.ofString(TensorJson.encode(Map.of("input", x), "inputs"))).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            Tensor expected;
            try (var g = Torch.noGrad()) {
                expected = model.forward(x);
            }
            assertTrue(TensorJson.decode(r.body(), "outputs").get("output").allclose(expected, 1e-5, 1e-6));
            assertEquals(4, running.registry().find("tiny-linear").orElseThrow().maxBatchSize());
            HttpResponse<String> bad = HttpClient.newHttpClient().send(HttpRequest.newBuilder(java.net.URI.create(url))
                    .POST(HttpRequest.BodyPublishers.ofString(TensorJson.encode(Map.of("input", Torch.ones(1, 5)), "inputs"))).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(400, bad.statusCode(), "an ONNX node's shape error is the client's: " + bad.body());
            assertTrue(bad.body().contains("mat1 and mat2 shapes cannot be multiplied (1x5 and 3x2)"), bad.body());
        }
    }

    @Test
    void usageErrorsExitWith2() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        assertEquals(2, new ServeCommand().run(List.of(), System.out, e));
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("torch4j serve: give at least one model FILE or --config-dir"));
        err.reset();
        assertEquals(2, new ServeCommand().run(List.of("--port", "x", "a.onnx"), System.out, e));
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("torch4j serve: option --port needs an integer, got 'x'"));
        err.reset();
        assertEquals(2, new ServeCommand().run(List.of("--bogus", "1", "a.onnx"), System.out, e));
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("torch4j serve: unknown option '--bogus'"));
        err.reset();
        assertEquals(1, new ServeCommand().run(List.of("--port", "0", "/nonexistent/m.onnx"), System.out, e));
        assertEquals("torch4j serve: model 'm': no such file /nonexistent/m.onnx\n", err.toString(StandardCharsets.UTF_8));
    }
}
