package org.torch4j.serving;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import org.torch4j.Tensor;
import org.torch4j.io.Json;
import org.torch4j.serving.internal.PrometheusText;

/**
 * TorchServe's inference API over a {@link ModelRegistry}, on the JDK's {@code com.sun.net.httpserver}:
 * <ul>
 * <li>{@code GET /ping}: {@code {"status": "Healthy"}};</li>
 * <li>{@code GET /models}: the deployed models, versions and inputs;</li>
 * <li>{@code POST /predictions/{model}[/{version}]}: a body {@code {"inputs": {name: tensor}}} in the
 *     form of {@link TensorJson}, answered with {@code {"outputs": {name: tensor}}};</li>
 * <li>{@code GET /metrics}: Prometheus text.</li>
 * </ul>
 * Errors are JSON {@code {"code": 400, "type": "BadRequest", "message": "..."}}: 400 for input the model
 * refuses (with its message), 404 for an unknown model, version or path, 405 for a wrong method, 413
 * for a body over the limit, 503 when the model's queue is full, 504 when a prediction takes longer
 * than the timeout. Each exchange runs on a virtual thread, which waits for its batch.
 */
public final class InferenceServer implements AutoCloseable {

    /** The default largest request body: 16 MiB. */
    public static final int DEFAULT_MAX_BODY_BYTES = 16 << 20;

    private final ModelRegistry registry;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final int maxBodyBytes;
    private final Duration timeout;
    private final Map<Integer, LongAdder> responses = new ConcurrentHashMap<>();

    private InferenceServer(ModelRegistry registry, InetSocketAddress address, int maxBodyBytes, Duration timeout) throws IOException {
        if (maxBodyBytes < 1) throw new IllegalArgumentException("maxBodyBytes must be positive, got " + maxBodyBytes);
        this.registry = registry;
        this.maxBodyBytes = maxBodyBytes;
        this.timeout = timeout;
        server = HttpServer.create(address, 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** Serves {@code registry} on {@code address} (port 0 picks a free one) with a 16 MiB body limit and a 60 s timeout. */
    public static InferenceServer start(ModelRegistry registry, InetSocketAddress address) throws IOException {
        return start(registry, address, DEFAULT_MAX_BODY_BYTES, Duration.ofSeconds(60));
    }

    /** Serves {@code registry} on {@code address} with a body limit and a per-prediction timeout. */
    public static InferenceServer start(ModelRegistry registry, InetSocketAddress address, int maxBodyBytes, Duration timeout)
            throws IOException {
        return new InferenceServer(registry, address, maxBodyBytes, timeout);
    }

    /** The port it listens on. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** The base URL, e.g. {@code http://127.0.0.1:8080/}. */
    public URI uri() {
        InetSocketAddress a = server.getAddress();
        String host = a.getAddress().isAnyLocalAddress() ? "localhost" : a.getAddress().getHostAddress();
        if (host.contains(":")) host = "[" + host + "]";
        return URI.create("http://" + host + ":" + a.getPort() + "/");
    }

    /** Stops listening (exchanges in progress get a second to finish); the registry is left as it is. */
    @Override
    public void close() {
        server.stop(1);
        executor.shutdownNow();
    }

    /** An answer with its status code. */
    private record Reply(int code, String contentType, String body) {
        static Reply json(int code, String body) {
            return new Reply(code, "application/json", body);
        }

        static Reply error(int code, String type, String message) {
            StringBuilder sb = new StringBuilder("{\"code\": ").append(code).append(", \"type\": \"").append(type).append("\", \"message\": ");
            Json.quote(sb, message == null ? type : message);
            return json(code, sb.append('}').toString());
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        Reply reply;
        try {
            reply = route(ex);
        } catch (BodyTooLarge e) {
            reply = Reply.error(413, "PayloadTooLarge", e.getMessage());
        } catch (RuntimeException e) {
            reply = Reply.error(500, "InternalServerError", e.toString());
        }
        responses.computeIfAbsent(reply.code(), k -> new LongAdder()).increment();
        byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", reply.contentType() + "; charset=utf-8");
        ex.sendResponseHeaders(reply.code(), body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    private Reply route(HttpExchange ex) throws IOException {
        String method = ex.getRequestMethod();
        String[] parts = ex.getRequestURI().getPath().replaceAll("^/+|/+$", "").split("/");
        String first = parts[0];
        if (first.equals("predictions") && (parts.length == 2 || parts.length == 3)) {
            if (!method.equals("POST")) return Reply.error(405, "MethodNotAllowed", "use POST for predictions");
            return predict(ex, parts[1], parts.length == 3 ? parts[2] : null);
        }
        if (parts.length == 1 && (first.equals("ping") || first.equals("models") || first.equals("metrics"))) {
            if (!method.equals("GET")) return Reply.error(405, "MethodNotAllowed", "use GET for /" + first);
            return switch (first) {
                case "ping" -> Reply.json(200, "{\"status\": \"Healthy\"}");
                case "models" -> Reply.json(200, models());
                default -> new Reply(200, "text/plain; version=0.0.4", PrometheusText.write(registry, responseCounts()));
            };
        }
        return Reply.error(404, "NotFound", "no such path " + ex.getRequestURI().getPath()
                + "; the routes are GET /ping, GET /models, GET /metrics and POST /predictions/{model}[/{version}]");
    }

    private Reply predict(HttpExchange ex, String name, String version) throws IOException {
        Optional<InferenceSession> session = version == null ? registry.find(name) : registry.find(name, version);
        if (session.isEmpty()) {
            boolean known = registry.find(name).isPresent();
            return Reply.error(404, "ModelNotFound", known ? "model '" + name + "' has no version '" + version + "'"
                    : "no model '" + name + "'; GET /models lists them");
        }
        String body = readBody(ex);
        Map<String, Tensor> inputs;
        try {
            inputs = TensorJson.decode(body, "inputs");
        } catch (IllegalArgumentException e) {
            return Reply.error(400, "BadRequest", e.getMessage());
        }
        try {
            Map<String, Tensor> out = session.get().submit(inputs).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return Reply.json(200, TensorJson.encode(out, "outputs"));
        } catch (RejectedExecutionException e) {
            return Reply.error(503, "ServiceUnavailable", "model '" + name + "': " + e.getMessage());
        } catch (TimeoutException e) {
            return Reply.error(504, "GatewayTimeout", "model '" + name + "' gave no answer within " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Reply.error(503, "ServiceUnavailable", "the server is stopping");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            return badInput(cause) ? Reply.error(400, "BadRequest", cause.getMessage())
                    : Reply.error(500, "InternalServerError", "model '" + name + "' failed: " + cause);
        }
    }

    /**
     * Whether the model refused the input: torch4j's shape and dtype errors, also when an ONNX model
     * wraps them in an exception naming its node (whose message then says both).
     */
    private static boolean badInput(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof IllegalArgumentException || t instanceof IndexOutOfBoundsException) return true;
        }
        return false;
    }

    private String readBody(HttpExchange ex) throws IOException {
        String declared = ex.getRequestHeaders().getFirst("Content-Length");
        if (declared != null && declared.matches("\\d{1,18}") && Long.parseLong(declared) > maxBodyBytes) {
            throw new BodyTooLarge(Long.parseLong(declared));
        }
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (InputStream in = ex.getRequestBody()) {
            byte[] chunk = new byte[64 << 10];
            for (int n; (n = in.read(chunk)) > 0; ) {
                if (buf.size() + n > maxBodyBytes) throw new BodyTooLarge(buf.size() + n);
                buf.write(chunk, 0, n);
            }
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    /** A body over the limit (unchecked so that it passes through the handlers to {@link #handle}). */
    private final class BodyTooLarge extends RuntimeException {
        BodyTooLarge(long bytes) {
            super("the request body (" + (bytes > maxBodyBytes ? "at least " + bytes : "over " + maxBodyBytes) + " bytes) is larger than the limit of "
                    + maxBodyBytes + " bytes");
        }
    }

    private String models() {
        StringBuilder sb = new StringBuilder("{\"models\": [");
        boolean first = true;
        for (ModelRegistry.Entry e : registry.entries()) {
            if (!first) sb.append(", ");
            first = false;
            sb.append("{\"name\": ");
            Json.quote(sb, e.name());
            sb.append(", \"version\": ");
            Json.quote(sb, e.version());
            sb.append(", \"inputs\": [");
            for (int i = 0; i < e.session().inputNames().size(); i++) {
                if (i > 0) sb.append(", ");
                Json.quote(sb, e.session().inputNames().get(i));
            }
            sb.append("], \"device\": \"").append(e.session().device().type()).append("\", \"maxBatchSize\": ")
                    .append(e.session().maxBatchSize()).append('}');
        }
        return sb.append("]}").toString();
    }

    private Map<Integer, Long> responseCounts() {
        Map<Integer, Long> m = new TreeMap<>();
        responses.forEach((k, v) -> m.put(k, v.sum()));
        return m;
    }
}
