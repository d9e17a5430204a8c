package org.torch4j.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.torch4j.Device;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.Linear;
import org.torch4j.nn.Module;
import org.torch4j.nn.ReLU;
import org.torch4j.nn.Sequential;
import org.torch4j.onnx.Onnx;

/** The README's "## Serving" snippets, as written there (the file in a temporary folder, port 0 for 8080). */
class ReadmeExampleTest {

    @Test
    void readmeSnippetRuns(@TempDir Path dir) throws Exception {
        Torch.manualSeed(0);
        Module model = Sequential.of(new Linear(4, 8), new ReLU(), new Linear(8, 2));
        Path mlpFile = dir.resolve("mlp.onnx");
        Onnx.export(model, Torch.randn(1, 4), mlpFile);
        Tensor x = Torch.tensor(new float[] {1, 2, 3, 4}, 1, 4);

        InferenceSession session = InferenceSession.builder(ServableModel.onnx(mlpFile))
                .maxBatchSize(32).maxWait(Duration.ofMillis(2)).device(Device.CPU).build();
        Tensor y = session.predict(x);
        CompletableFuture<Map<String, Tensor>> f = session.submit(Map.of("input", x));

        ModelRegistry registry = new ModelRegistry();
        registry.load(ModelConfig.of(mlpFile));
        InferenceServer server = InferenceServer.start(registry, new InetSocketAddress("127.0.0.1", 0));

        try (session; registry; server) {
            Tensor expected = TestModels.direct(model, x);
            assertTrue(y.allclose(expected, 1e-5, 1e-6));
            assertTrue(f.join().get("output").allclose(expected, 1e-5, 1e-6));
            assertEquals(1, registry.entries().size());
            assertEquals("mlp", registry.entries().get(0).name());
            assertEquals("1", registry.entries().get(0).version());
            // the curl call of the README
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.uri().resolve("predictions/mlp"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"inputs\": {\"input\": {\"shape\": [1, 4], \"dtype\": \"float32\", \"data\": [1, 2, 3, 4]}}}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
            assertTrue(TensorJson.decode(r.body(), "outputs").get("output").allclose(expected, 1e-5, 1e-6));
        }
    }
}
