package org.torch4j.serving;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.Linear;

/** The HTTP routes on an ephemeral localhost port, through java.net.http. */
class InferenceServerTest {

    private final HttpClient client = HttpClient.newHttpClient();
    private ModelRegistry registry;
    private InferenceServer server;
    private Linear linear;

    @BeforeEach
    void start() throws Exception {
        registry = new ModelRegistry();
        linear = TestModels.linear();
        registry.register("linear", "1", InferenceSession.of(linear));
        registry.register("linear", "2", InferenceSession.of(new TestModels.NoNegatives()));
        server = InferenceServer.start(registry, new InetSocketAddress("127.0.0.1", 0), 4096, Duration.ofSeconds(20));
    }

    @AfterEach
    void stop() {
        server.close();
        registry.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(server.uri().resolve(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return client.send(HttpRequest.newBuilder(server.uri().resolve(path)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String body(Tensor x) {
        return TensorJson.encode(Map.of("input", x), "inputs");
    }

    @Test
    void pingAndModels() throws Exception {
        var ping = get("ping");
        assertEquals(200, ping.statusCode());
        assertEquals("{\"status\": \"Healthy\"}", ping.body());
        assertEquals("application/json; charset=utf-8", ping.headers().firstValue("Content-Type").orElseThrow());
        var models = get("models");
        assertEquals(200, models.statusCode());
        assertEquals("{\"models\": [{\"name\": \"linear\", \"version\": \"1\", \"inputs\": [\"input\"], \"device\": \"cpu\", \"maxBatchSize\": 8}, "
                + "{\"name\": \"linear\", \"version\": \"2\", \"inputs\": [\"input\"], \"device\": \"cpu\", \"maxBatchSize\": 8}]}", models.body());
    }

    @Test
    void aPredictionRoundTripsThroughJson() throws Exception {
        Tensor x = Torch.randn(2, 4);
        var r = post("predictions/linear/1", body(x));
        assertEquals(200, r.statusCode(), r.body());
        Tensor y = TensorJson.decode(r.body(), "outputs").get("output");
        assertArrayEquals(new long[] {2, 3}, y.shape());
        assertTrue(y.allclose(TestModels.direct(linear, x), 1e-6, 1e-6));

        var latest = post("predictions/linear", body(Torch.tensor(new float[] {1, 2}, 1, 2)));
        assertEquals(200, latest.statusCode(), "version 2 is the latest");
        assertArrayEquals(new float[] {3, 5}, TensorJson.decode(latest.body(), "outputs").get("output").toFloatArray());
    }

    @Test
    void badInputIs400WithTheMessage() throws Exception {
        var malformed = post("predictions/linear/1", "{\"inputs\": {\"input\": {\"data\": [1,}}}");
        assertEquals(400, malformed.statusCode());
        assertEquals("{\"code\": 400, \"type\": \"BadRequest\", \"message\": \"malformed JSON: unexpected character '}' at offset 33\"}", malformed.body());
        var shape = post("predictions/linear/1", body(Torch.ones(1, 5)));
        assertEquals(400, shape.statusCode());
        assertTrue(shape.body().contains("cannot be multiplied"), shape.body());
        var refused = post("predictions/linear/2", body(Torch.ones(1, 2).neg()));
        assertEquals(400, refused.statusCode());
        assertTrue(refused.body().contains("negative values are not allowed"), refused.body());
        var names = post("predictions/linear/1", TensorJson.encode(Map.of("x", Torch.ones(1, 4)), "inputs"));
        assertEquals(400, names.statusCode());
        assertTrue(names.body().contains("the model takes the inputs [input], got [x]"), names.body());
    }

    @Test
    void unknownModelsVersionsAndPathsAre404() throws Exception {
        var model = post("predictions/nope", body(Torch.ones(1, 4)));
        assertEquals(404, model.statusCode());
        assertTrue(model.body().contains("no model 'nope'"), model.body());
        var version = post("predictions/linear/7", body(Torch.ones(1, 4)));
        assertEquals(404, version.statusCode());
        assertTrue(version.body().contains("model 'linear' has no version '7'"), version.body());
        assertEquals(404, get("nowhere").statusCode());
        assertEquals(405, get("predictions/linear").statusCode());
        assertEquals(405, post("ping", "").statusCode());
    }

    @Test
    void aBodyOverTheLimitIs413() throws Exception {
        var r = post("predictions/linear/1", body(Torch.ones(1000, 4)));
        assertEquals(413, r.statusCode());
        assertTrue(r.body().contains("larger than the limit of 4096 bytes"), r.body());
    }

    @Test
    void aFullQueueIs503() throws Exception {
        TestModels.Gate gate = new TestModels.Gate();
        registry.register("gate", "1", InferenceSession.builder(ServableModel.of(gate)).maxBatchSize(1).queueCapacity(1).build());
        String one = body(Torch.ones(1, 1));
        CompletableFuture<HttpResponse<String>> running = client.sendAsync(
                HttpRequest.newBuilder(server.uri().resolve("predictions/gate")).POST(HttpRequest.BodyPublishers.ofString(one)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(gate.entered.await(10, TimeUnit.SECONDS));
        CompletableFuture<HttpResponse<String>> queued = client.sendAsync(
                HttpRequest.newBuilder(server.uri().resolve("predictions/gate")).POST(HttpRequest.BodyPublishers.ofString(one)).build(),
                HttpResponse.BodyHandlers.ofString());
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (registry.find("gate").orElseThrow().metrics().requests() < 2 && System.nanoTime() < deadline) Thread.sleep(5);
        var full = post("predictions/gate", one);
        assertEquals(503, full.statusCode());
        assertTrue(full.body().contains("model 'gate': the queue is full (1 requests waiting)"), full.body());
        gate.open.countDown();
        assertEquals(200, running.get(10, TimeUnit.SECONDS).statusCode());
        assertEquals(200, queued.get(10, TimeUnit.SECONDS).statusCode());
    }

    @Test
    void metricsAreInPrometheusText() throws Exception {
        for (int i = 0; i < 3; i++) assertEquals(200, post("predictions/linear/1", body(Torch.ones(1, 4))).statusCode());
        assertEquals(400, post("predictions/linear/1", body(Torch.ones(1, 5))).statusCode());
        var r = get("metrics");
        assertEquals(200, r.statusCode());
        assertEquals("text/plain; version=0.0.4; charset=utf-8", r.headers().firstValue("Content-Type").orElseThrow());
        String text = r.body();
        for (String line : new String[] {
                "# TYPE torch4j_serving_requests_total counter",
                "torch4j_serving_requests_total{model=\"linear\",version=\"1\"} 4",
                "torch4j_serving_failures_total{model=\"linear\",version=\"1\"} 1",
                "torch4j_serving_rejected_total{model=\"linear\",version=\"1\"} 0",
                "torch4j_serving_batches_total{model=\"linear\",version=\"1\"} 4",
                "# TYPE torch4j_serving_batch_size histogram",
                "torch4j_serving_batch_size_bucket{model=\"linear\",version=\"1\",le=\"1\"} 4",
                "torch4j_serving_batch_size_bucket{model=\"linear\",version=\"1\",le=\"+Inf\"} 4",
                "torch4j_serving_batch_size_sum{model=\"linear\",version=\"1\"} 4",
                "# TYPE torch4j_serving_latency_seconds summary",
                "torch4j_serving_latency_seconds_count{model=\"linear\",version=\"1\"} 4",
                "torch4j_serving_requests_total{model=\"linear\",version=\"2\"} 0",
                "torch4j_serving_latency_seconds{model=\"linear\",version=\"2\",quantile=\"0.5\"} NaN",
                "torch4j_http_responses_total{code=\"200\"} 3",
                "torch4j_http_responses_total{code=\"400\"} 1"}) {
            assertTrue(text.lines().anyMatch(line::equals), "missing line: " + line + "\n" + text);
        }
        for (String q : new String[] {"0.5", "0.9", "0.99"}) {
            String prefix = "torch4j_serving_latency_seconds{model=\"linear\",version=\"1\",quantile=\"" + q + "\"} ";
            String line = text.lines().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow(() -> new AssertionError("no quantile " + q));
            double seconds = Double.parseDouble(line.substring(prefix.length()));
            assertTrue(seconds > 0 && seconds < 20, line);
        }
    }

    @Test
    void theUriNamesTheBoundPort() {
        assertEquals(URI.create("http://127.0.0.1:" + server.port() + "/"), server.uri());
    }
}
