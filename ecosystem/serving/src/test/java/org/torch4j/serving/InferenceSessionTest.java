package org.torch4j.serving;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.io.SafeTensors;
import org.torch4j.nn.Linear;
import org.torch4j.nn.Module;
import org.torch4j.nn.ReLU;
import org.torch4j.nn.Sequential;
import org.torch4j.onnx.Onnx;

class InferenceSessionTest {

    private static Map<String, Tensor> in(Tensor x) {
        return Map.of(ServableModel.INPUT, x);
    }

    private static Tensor out(CompletableFuture<Map<String, Tensor>> f) {
        return f.join().get(ServableModel.OUTPUT);
    }

    @Test
    void concurrentCallersGetExactlyTheirOwnRowsFromSharedBatches() throws Exception {
        Linear model = TestModels.linear();
        int callers = 32;
        List<Tensor> xs = new ArrayList<>();
        for (int i = 0; i < callers; i++) xs.add(Torch.randn(1, 4).add(i));
        try (InferenceSession s = InferenceSession.builder(ServableModel.of(model)).maxBatchSize(8).maxWait(Duration.ofMillis(200)).build();
             ExecutorService pool = Executors.newFixedThreadPool(callers)) {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Tensor>> results = new ArrayList<>();
            for (Tensor x : xs) results.add(pool.submit(() -> {
                go.await();
                return s.predict(x);
            }));
            go.countDown();
            for (int i = 0; i < callers; i++) {
                Tensor y = results.get(i).get(30, TimeUnit.SECONDS);
                assertArrayEquals(new long[] {1, 3}, y.shape());
                assertTrue(y.allclose(TestModels.direct(model, xs.get(i)), 1e-6, 1e-6), "caller " + i + " got another's rows");
            }
            Map<Integer, Long> sizes = s.metrics().batchSizes();
            assertEquals(callers, sizes.entrySet().stream().mapToLong(e -> e.getKey() * e.getValue()).sum(), "every request ran once: " + sizes);
            assertTrue(sizes.keySet().stream().allMatch(n -> n >= 1 && n <= 8), "no batch above 8 rows: " + sizes);
            assertTrue(s.metrics().batches() < callers, "requests were batched: " + sizes);
            assertEquals(callers, s.metrics().requests());
            assertEquals(0, s.metrics().failures());
        }
    }

    @Test
    void requestsOfSeveralRowsAreSplitBackByRows() {
        Linear model = TestModels.linear();
        try (InferenceSession s = InferenceSession.builder(ServableModel.of(model)).maxBatchSize(16).maxWait(Duration.ofMillis(100)).build()) {
            Tensor a = Torch.randn(1, 4), b = Torch.randn(3, 4), c = Torch.randn(2, 4);
            var fa = s.submit(in(a));
            var fb = s.submit(in(b));
            var fc = s.submit(in(c));
            assertTrue(out(fb).allclose(TestModels.direct(model, b), 1e-6, 1e-6));
            assertTrue(out(fa).allclose(TestModels.direct(model, a), 1e-6, 1e-6));
            assertTrue(out(fc).allclose(TestModels.direct(model, c), 1e-6, 1e-6));
            assertEquals(Map.of(3, 1L), s.metrics().batchSizes(), "one forward pass of 6 rows");
        }
    }

    @Test
    void aBatchLargerThanTheLimitIsCarriedToTheNextOne() {
        Linear model = TestModels.linear();
        try (InferenceSession s = InferenceSession.builder(ServableModel.of(model)).maxBatchSize(4).maxWait(Duration.ofMillis(100)).build()) {
            List<CompletableFuture<Map<String, Tensor>>> fs = new ArrayList<>();
            List<Tensor> xs = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                xs.add(Torch.randn(2, 4));
                fs.add(s.submit(in(xs.get(i))));
            }
            for (int i = 0; i < 6; i++) assertTrue(out(fs.get(i)).allclose(TestModels.direct(model, xs.get(i)), 1e-6, 1e-6));
            assertTrue(s.metrics().batchSizes().keySet().stream().allMatch(n -> n <= 2), "4 rows = 2 requests at most: " + s.metrics().batchSizes());
        }
    }

    @Test
    void aBadRequestFailsAloneAndTheOthersInItsBatchSucceed() {
        try (InferenceSession s = InferenceSession.builder(ServableModel.of(new TestModels.NoNegatives()))
                .maxBatchSize(8).maxWait(Duration.ofMillis(200)).build()) {
            var good1 = s.submit(in(Torch.tensor(new float[] {1, 2}, 1, 2)));
            var bad = s.submit(in(Torch.tensor(new float[] {-1, 2}, 1, 2)));
            var good2 = s.submit(in(Torch.tensor(new float[] {3, 4}, 1, 2)));
            var wrongShape = s.submit(in(Torch.ones(1, 3)));
            assertArrayEquals(new float[] {3, 5}, out(good1).toFloatArray());
            assertArrayEquals(new float[] {7, 9}, out(good2).toFloatArray());
            CompletionException e = assertThrows(CompletionException.class, bad::join);
            assertInstanceOf(IllegalArgumentException.class, e.getCause());
            assertEquals("negative values are not allowed", e.getCause().getMessage());
            assertArrayEquals(new float[] {3, 3, 3}, out(wrongShape).toFloatArray(), "another shape runs in its own group");
            assertEquals(1, s.metrics().failures());
            assertArrayEquals(new float[] {11}, s.predict(Torch.tensor(new float[] {5}, 1, 1)).toFloatArray(), "the session goes on");
        }
    }

    @Test
    void aModelErrorReachesTheCallerWithTheModelsMessage() {
        Linear model = TestModels.linear();
        try (InferenceSession s = InferenceSession.of(model)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.predict(Torch.ones(2, 5)));
            assertTrue(e.getMessage().contains("cannot be multiplied"), e.getMessage());
            IllegalArgumentException dtype = assertThrows(IllegalArgumentException.class, () -> s.predict(Torch.ones(new long[] {2, 4}, DType.FLOAT64)));
            assertFalse(dtype.getMessage().isBlank());
            assertEquals(3, s.predict(Torch.ones(1, 4)).size(1));
        }
    }

    @Test
    void inputsThatCannotBeBatchedAreRefusedBeforeQueueing() {
        try (InferenceSession s = InferenceSession.of(TestModels.linear())) {
            var names = assertThrows(CompletionException.class, () -> s.submit(Map.of("x", Torch.ones(1, 4))).join());
            assertEquals("the model takes the inputs [input], got [x]", names.getCause().getMessage());
            var scalar = assertThrows(CompletionException.class, () -> s.submit(in(Torch.scalarTensor(1.0))).join());
            assertEquals("input 'input' is a scalar; it needs the batch as its first dimension", scalar.getCause().getMessage());
            var empty = assertThrows(CompletionException.class, () -> s.submit(in(Torch.ones(0, 4))).join());
            assertEquals("the inputs have no rows (dimension 0 is 0)", empty.getCause().getMessage());
            assertEquals(3, s.metrics().failures());
        }
    }

    @Test
    void aFullQueueRejectsWithAClearMessage() throws Exception {
        TestModels.Gate gate = new TestModels.Gate();
        try (InferenceSession s = InferenceSession.builder(ServableModel.of(gate)).maxBatchSize(1).queueCapacity(2).build()) {
            var running = s.submit(in(Torch.zeros(1, 1)));
            assertTrue(gate.entered.await(10, TimeUnit.SECONDS));
            var q1 = s.submit(in(Torch.ones(1, 1)));
            var q2 = s.submit(in(Torch.ones(1, 1).mul(2)));
            RejectedExecutionException e = assertThrows(RejectedExecutionException.class, () -> s.submit(in(Torch.ones(1, 1))));
            assertEquals("the queue is full (2 requests waiting); try again later", e.getMessage());
            assertEquals(1, s.metrics().rejections());
            gate.open.countDown();
            assertArrayEquals(new float[] {1}, out(running).toFloatArray());
            assertArrayEquals(new float[] {2}, out(q1).toFloatArray());
            assertArrayEquals(new float[] {3}, out(q2).toFloatArray());
            assertArrayEquals(new float[] {5}, s.predict(Torch.ones(1, 1).mul(4)).toFloatArray(), "room again once drained");
        }
    }

    @Test
    void closeDrainsWhatWasAcceptedAndRefusesTheRest() throws Exception {
        TestModels.Gate gate = new TestModels.Gate();
        InferenceSession s = InferenceSession.builder(ServableModel.of(gate)).maxBatchSize(2).build();
        List<CompletableFuture<Map<String, Tensor>>> fs = new ArrayList<>();
        for (int i = 0; i < 5; i++) fs.add(s.submit(in(Torch.ones(1, 1).mul(i))));
        assertTrue(gate.entered.await(10, TimeUnit.SECONDS));
        Thread closer = new Thread(s::close);
        closer.start();
        while (!s.isClosed()) Thread.sleep(1);
        RejectedExecutionException e = assertThrows(RejectedExecutionException.class, () -> s.submit(in(Torch.ones(1, 1))));
        assertEquals("the session is closed", e.getMessage());
        gate.open.countDown();
        closer.join(10_000);
        assertFalse(closer.isAlive(), "close() returns once the queue is drained");
        for (int i = 0; i < 5; i++) assertArrayEquals(new float[] {i + 1}, out(fs.get(i)).toFloatArray(), "request " + i + " ran");
        s.close(); // again: nothing happens
    }

    @Test
    void everyTensorABatchCreatesIsFreedAndCallersKeepTheirCopies() {
        TestModels.Recording model = new TestModels.Recording();
        List<Tensor> results = new ArrayList<>();
        try (InferenceSession s = InferenceSession.builder(ServableModel.of(model)).maxBatchSize(4).maxWait(Duration.ofMillis(1)).build()) {
            List<CompletableFuture<Map<String, Tensor>>> fs = new ArrayList<>();
            for (int i = 0; i < 2000; i++) {
                fs.add(s.submit(in(Torch.randn(1, 4))));
                if (fs.size() == 8) {
                    for (var f : fs) results.add(out(f));
                    fs.clear();
                }
            }
            for (var f : fs) results.add(out(f));
        }
        assertEquals(2000, results.size());
        assertTrue(model.seen.size() >= 2 * 2000 / 4, "forward passes recorded: " + model.seen.size());
        long open = model.seen.stream().filter(t -> !t.isClosed()).count();
        assertEquals(0, open, "tensors of forward passes left open");
        assertTrue(results.stream().noneMatch(Tensor::isClosed), "the callers' outputs stay usable");
        assertEquals(3, results.get(1999).toFloatArray().length);
    }

    @Test
    void servesAnExportedOnnxModelAsTheModuleComputesIt(@TempDir Path dir) throws Exception {
        Torch.manualSeed(3);
        Module mlp = Sequential.of(new Linear(4, 8), new ReLU(), new Linear(8, 2));
        mlp.eval();
        Path file = dir.resolve("mlp.onnx");
        Onnx.export(mlp, Torch.randn(2, 4), file);
        try (InferenceSession s = InferenceSession.builder(ServableModel.onnx(file)).maxWait(Duration.ofMillis(50)).build()) {
            assertEquals(List.of("input"), s.inputNames());
            List<Tensor> xs = new ArrayList<>();
            List<CompletableFuture<Map<String, Tensor>>> fs = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                xs.add(Torch.randn(1 + i % 2, 4));
                fs.add(s.submit(in(xs.get(i))));
            }
            for (int i = 0; i < 5; i++) {
                assertTrue(out(fs.get(i)).allclose(TestModels.direct(mlp, xs.get(i)), 1e-5, 1e-6), "request " + i);
            }
            var dtype = assertThrows(IllegalArgumentException.class, () -> s.predict(Torch.ones(new long[] {1, 4}, DType.INT64)));
            assertEquals("input 'input' must be float32, got int64", dtype.getMessage(), "the declared dtype is checked before queueing");
            var shape = assertThrows(RuntimeException.class, () -> s.predict(Torch.ones(1, 5)));
            assertEquals("node 'Gemm' (Gemm, opset 17): mat1 and mat2 shapes cannot be multiplied (1x5 and 4x8)", shape.getMessage());
            assertInstanceOf(IllegalArgumentException.class, shape.getCause(), "the op's error is the cause");
        }
    }

    @Test
    void servesAModuleWithItsWeightsFromSafetensors(@TempDir Path dir) throws Exception {
        Linear trained = TestModels.linear();
        Path file = dir.resolve("linear.safetensors");
        SafeTensors.save(trained.stateDict(), file);
        Torch.manualSeed(99);
        try (InferenceSession s = InferenceSession.builder(ServableModel.of(new Linear(4, 3), file)).build()) {
            Tensor x = Torch.randn(2, 4);
            assertTrue(s.predict(x).allclose(TestModels.direct(trained, x), 1e-6, 1e-6));
        }
    }

    @Test
    void theModelRunsInEvalMode() {
        Module m = Sequential.of(new org.torch4j.nn.Dropout(0.9));
        m.train();
        try (InferenceSession s = InferenceSession.of(m)) {
            assertArrayEquals(new float[] {1, 1, 1, 1}, s.predict(Torch.ones(1, 4)).toFloatArray());
            assertFalse(m.isTraining());
        }
    }

    @Test
    void optionsAreChecked() {
        var b = InferenceSession.builder(ServableModel.of(TestModels.linear()));
        assertEquals("maxBatchSize must be at least 1, got 0", assertThrows(IllegalArgumentException.class, () -> b.maxBatchSize(0)).getMessage());
        assertEquals("queueCapacity must be at least 1, got 0", assertThrows(IllegalArgumentException.class, () -> b.queueCapacity(0)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> b.maxWait(Duration.ofMillis(-1)));
    }

    /** A forward pass counter around a Linear layer. */
    static final class Counting extends org.torch4j.nn.Module {
        final Linear linear = registerModule("linear", TestModels.linear());
        final java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();

        @Override
        public Tensor forward(Tensor x) {
            calls.incrementAndGet();
            return linear.forward(x);
        }
    }

    @Test
    void warmUpRunsTheSampleForItsTimeBeforeBuildReturnsAndCountsInNoMetric() {
        Counting model = new Counting();
        long t0 = System.nanoTime();
        try (InferenceSession s = InferenceSession.builder(ServableModel.of(model)).warmUp(Torch.randn(2, 4), Duration.ofMillis(200)).build()) {
            assertTrue(System.nanoTime() - t0 >= 200_000_000L, "build() returned before the warm-up time");
            int warm = model.calls.get();
            assertTrue(warm > 1, "the sample ran " + warm + " times");
            assertEquals(0, s.metrics().requests());
            assertEquals(0, s.metrics().batches());
            Tensor x = Torch.randn(1, 4);
            assertTrue(s.predict(x).allclose(TestModels.direct(model.linear, x), 1e-6, 1e-6));
            assertEquals(warm + 1, model.calls.get());
        }
        Counting once = new Counting();
        try (InferenceSession s = InferenceSession.builder(ServableModel.of(once)).warmUp(Torch.randn(1, 4), Duration.ZERO).build()) {
            assertEquals(1, once.calls.get(), "a zero warm-up time still runs the sample once");
        }
    }

    @Test
    void aWarmUpSampleThatDoesNotFitFailsBuildWithTheModelsMessage() {
        ServableModel model = ServableModel.of(TestModels.linear());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> InferenceSession.builder(model).warmUp(Torch.randn(1, 3), Duration.ofMillis(10)).build());
        assertTrue(e.getMessage().contains("mat1 and mat2 shapes cannot be multiplied"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> InferenceSession.builder(model).warmUp(Map.of("nope", Torch.randn(1, 4)), Duration.ofMillis(10)).build());
        assertThrows(IllegalArgumentException.class, () -> InferenceSession.builder(model).warmUp(Torch.randn(1, 4), Duration.ofMillis(-1)));
    }
}
