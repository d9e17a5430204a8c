package org.torch4j.benchmarks;

import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.Linear;
import org.torch4j.nn.Module;
import org.torch4j.nn.ReLU;
import org.torch4j.nn.Sequential;
import org.torch4j.serving.InferenceServer;
import org.torch4j.serving.InferenceSession;
import org.torch4j.serving.ModelRegistry;
import org.torch4j.serving.ServableModel;
import org.torch4j.serving.TensorJson;

/**
 * Requests per second that concurrent single-row clients get from an {@link InferenceSession}, with
 * dynamic batching (up to 32 rows, 2 ms wait) and without (batch size 1), in process and over HTTP.
 * The model is an MLP 256-1024-1024-10 (1.3 M parameters), where one 32-row GEMM costs far less than
 * 32 one-row ones; first the model alone at 1 and 32 rows per forward pass, which bounds what batching
 * can gain on the backend at hand. Each figure is the count over {@code seconds} after a one-second warm-up:
 *
 * <pre>java --add-modules=jdk.incubator.vector -cp benchmarks/target/benchmarks.jar org.torch4j.benchmarks.ServingThroughput 5 32</pre>
 */
@SuppressWarnings("try") // the no-grad guard and the scope are used only for their extent
public final class ServingThroughput {
    private ServingThroughput() {}

    /** {@code args[0]}: seconds per measurement (default 5); {@code args[1]}: concurrent clients (default 32). */
    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 5;
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        Torch.manualSeed(0);
        Module mlp = Sequential.of(new Linear(256, 1024), new ReLU(), new Linear(1024, 1024), new ReLU(), new Linear(1024, 10));
        System.out.printf(Locale.ROOT, "MLP 256-1024-1024-10, %d clients sending 1 row each, %d CPU threads%n", clients, Torch.getNumThreads());
        for (int rows : new int[] {1, 32}) {
            Tensor x = Torch.randn(rows, 256);
            double perSecond = measure(seconds, 1, () -> {
                try (var g = Torch.noGrad(); var scope = Torch.scope()) {
                    mlp.forward(x);
                }
            });
            System.out.printf(Locale.ROOT, "the model alone, %2d rows per forward: %8.0f rows/s (the bound for the session)%n", rows, rows * perSecond);
        }
        for (int batch : new int[] {1, 32}) {
            try (InferenceSession s = InferenceSession.builder(ServableModel.of(mlp)).maxBatchSize(batch).maxWait(Duration.ofMillis(2))
                    .queueCapacity(4 * clients).build()) {
                double rps = measure(seconds, clients, () -> s.predict(Torch.randn(1, 256)));
                System.out.printf(Locale.ROOT, "in process, max batch %2d: %8.0f requests/s, mean batch %.1f requests%n", batch, rps, meanBatch(s));
            }
        }
        HttpClient client = HttpClient.newBuilder().executor(Executors.newVirtualThreadPerTaskExecutor()).build();
        for (int batch : new int[] {1, 32}) {
            try (ModelRegistry registry = new ModelRegistry()) {
                registry.register("mlp", "1", InferenceSession.builder(ServableModel.of(mlp)).maxBatchSize(batch).maxWait(Duration.ofMillis(2))
                        .queueCapacity(4 * clients).build());
                try (InferenceServer server = InferenceServer.start(registry, new InetSocketAddress("127.0.0.1", 0))) {
                    HttpRequest request = HttpRequest.newBuilder(server.uri().resolve("predictions/mlp"))
                            .POST(HttpRequest.BodyPublishers.ofString(TensorJson.encode(Map.of("input", Torch.randn(1, 256)), "inputs"))).build();
                    double rps = measure(seconds, clients, () -> {
                        HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() != 200) throw new IllegalStateException(r.body());
                    });
                    System.out.printf(Locale.ROOT, "over HTTP,  max batch %2d: %8.0f requests/s, mean batch %.1f requests%n", batch, rps,
                            meanBatch(registry.find("mlp").orElseThrow()));
                }
            }
        }
        System.exit(0);
    }

    private interface Call {
        void run() throws Exception;
    }

    private static double meanBatch(InferenceSession s) {
        long requests = 0, batches = 0;
        for (var e : s.metrics().batchSizes().entrySet()) {
            requests += (long) e.getKey() * e.getValue();
            batches += e.getValue();
        }
        return (double) requests / batches;
    }

    /** Requests per second {@code clients} threads complete in {@code seconds}, after a one-second warm-up. */
    private static double measure(double seconds, int clients, Call call) throws Exception {
        AtomicBoolean counting = new AtomicBoolean(), stop = new AtomicBoolean();
        try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
            List<Future<Long>> done = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                done.add(pool.submit(() -> {
                    long n = 0;
                    while (!stop.get()) {
                        call.run();
                        if (counting.get()) n++;
                    }
                    return n;
                }));
            }
            Thread.sleep(1000);
            counting.set(true);
            long t0 = System.nanoTime();
            Thread.sleep((long) (seconds * 1000));
            counting.set(false);
            double elapsed = (System.nanoTime() - t0) / 1e9;
            stop.set(true);
            long total = 0;
            for (Future<Long> f : done) total += f.get();
            return total / elapsed;
        }
    }
}
