package org.torch4j.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.torch4j.Generator;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.data.BatchSampler;
import org.torch4j.data.Collate;
import org.torch4j.data.ConcatDataset;
import org.torch4j.data.DataLoader;
import org.torch4j.data.Dataset;
import org.torch4j.data.Datasets;
import org.torch4j.data.IterableDataset;
import org.torch4j.data.Samplers;
import org.torch4j.data.Subset;
import org.torch4j.data.TensorDataset;

/** DataLoader: batching, shuffling, samplers, collation, and parallel workers (speed, order, failures, early stop). */
class DataLoaderTest {

    /** Items that cost about 2 ms each, like reading a file. */
    static final class SlowDataset implements Dataset<Tensor> {
        final long n;

        SlowDataset(long n) {
            this.n = n;
        }

        @Override
        public Tensor get(long index) {
            // waiting, as on a file read: a CPU-bound item would measure how busy the 2-core machine's other
            // threads (GC, JIT) are rather than the loader
            java.util.concurrent.locks.LockSupport.parkNanos(2_000_000);
            return Torch.full(new long[] {4}, (double) index);
        }

        @Override
        public long size() {
            return n;
        }
    }

    private static long timeAll(DataLoader<Tensor> loader, List<Long> firsts) {
        long t0 = System.nanoTime();
        for (Tensor b : loader) firsts.add((long) b.get(0, 0).item());
        return System.nanoTime() - t0;
    }

    @Test
    void twoWorkersLoadInParallelAndInOrder() {
        SlowDataset ds = new SlowDataset(200);
        List<Long> serialOrder = new ArrayList<>(), parallelOrder = new ArrayList<>();
        timeAll(DataLoader.of(ds).batchSize(10).build(), new ArrayList<>()); // warm up
        // best of three: a background GC or JIT burst on a 2-core machine would otherwise decide the figure
        long serial = Long.MAX_VALUE, parallel = Long.MAX_VALUE;
        for (int run = 0; run < 3; run++) {
            serialOrder.clear();
            parallelOrder.clear();
            serial = Math.min(serial, timeAll(DataLoader.of(ds).batchSize(10).build(), serialOrder));
            parallel = Math.min(parallel, timeAll(DataLoader.of(ds).batchSize(10).numWorkers(2).build(), parallelOrder));
        }
        double speedup = (double) serial / parallel;
        System.out.printf("DataLoader over 200 items of 2 ms: 0 workers %.0f ms, 2 workers %.0f ms, speed-up %.2fx%n",
                serial / 1e6, parallel / 1e6, speedup);
        assertEquals(serialOrder, parallelOrder, "workers hand out batches in order");
        assertTrue(speedup >= 1.7, "2 workers should be at least 1.7x faster, got " + speedup);
    }

    @Test
    void aWorkersExceptionReachesTheCallerWithItsCause() {
        Dataset<Tensor> failing = new Dataset<>() {
            @Override
            public Tensor get(long index) {
                if (index == 13) throw new IllegalStateException("corrupt item 13");
                return Torch.zeros(2);
            }

            @Override
            public long size() {
                return 40;
            }
        };
        DataLoader<Tensor> loader = DataLoader.of(failing).batchSize(4).numWorkers(2).build();
        DataLoader.WorkerException e = assertThrows(DataLoader.WorkerException.class, () -> {
            for (Tensor b : loader) b.sum();
        });
        assertInstanceOf(IllegalStateException.class, e.getCause());
        assertEquals("corrupt item 13", e.getCause().getMessage());
    }

    @Test
    void stoppingEarlyLeavesNoWorkerThreads() throws Exception {
        DataLoader<Tensor> loader = DataLoader.of(new SlowDataset(400)).batchSize(4).numWorkers(2).build();
        try (DataLoader.Batches<Tensor> it = loader.iterator()) {
            it.next();
            it.next();
        }
        for (int i = 0; i < 50 && workerThreads() > 0; i++) Thread.sleep(100);
        assertEquals(0, workerThreads(), "closing an iteration stops its workers");
        DataLoader.Batches<Tensor> abandoned = loader.iterator();
        abandoned.next();
        for (int i = 0; i < 60 && workerThreads() > 0; i++) Thread.sleep(100);
        assertEquals(0, workerThreads(), "an abandoned iteration's idle workers exit");
    }

    private static long workerThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("torch4j-dataloader-")).count();
    }

    @Test
    void batchesSamplersAndDropLast() {
        TensorDataset ds = new TensorDataset(Torch.arange(10), Torch.arange(10).mul(2L));
        List<long[]> batches = new ArrayList<>();
        for (List<Tensor> b : DataLoader.of(ds).batchSize(4).dropLast(true).build()) batches.add(b.get(1).toLongArray());
        assertEquals(2, batches.size());
        assertArrayEquals(new long[] {8, 10, 12, 14}, batches.get(1));
        assertEquals(3, DataLoader.of(ds).batchSize(4).build().size());
        List<Long> seen = new ArrayList<>();
        for (List<Tensor> b : DataLoader.of(ds).batchSize(3).shuffle(true).generator(new Generator().manualSeed(1)).build()) {
            for (long v : b.get(0).toLongArray()) seen.add(v);
        }
        assertEquals(10, seen.size());
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L), seen.stream().sorted().toList());
        List<long[]> custom = new ArrayList<>();
        new BatchSampler(Samplers.sequential(5), 2, false).forEach(custom::add);
        assertArrayEquals(new long[] {4}, custom.get(2));
        Subset<List<Tensor>> sub = new Subset<>(ds, new long[] {9, 0});
        assertEquals(9, sub.get(0).get(0).itemLong());
        ConcatDataset<List<Tensor>> both = new ConcatDataset<>(List.of(ds, sub));
        assertEquals(12, both.size());
        assertEquals(0, both.get(11).get(0).itemLong());
        var parts = Datasets.randomSplit(ds, new double[] {0.7, 0.3}, new Generator().manualSeed(0));
        assertEquals(7, parts.get(0).size());
        assertEquals(3, parts.get(1).size());
    }

    record Pair(Tensor image, Tensor label) {}

    record Named(Tensor x, long id) {}

    @Test
    void defaultCollateHandlesNumbersArraysMapsAndRecords() {
        Object numbers = Collate.collate(List.of(1, 2, 3));
        assertArrayEquals(new long[] {1, 2, 3}, ((Tensor) numbers).toLongArray());
        Object doubles = Collate.collate(List.of(0.5, 1.5));
        assertEquals(org.torch4j.DType.FLOAT64, ((Tensor) doubles).dtype());
        Object arrays = Collate.collate(List.of(new float[] {1, 2}, new float[] {3, 4}));
        assertArrayEquals(new long[] {2, 2}, ((Tensor) arrays).shape());
        @SuppressWarnings("unchecked")
        Map<String, Object> maps = (Map<String, Object>) Collate.collate(List.of(Map.of("a", 1, "b", Torch.ones(2)), Map.of("a", 2, "b", Torch.zeros(2))));
        assertArrayEquals(new long[] {2, 2}, ((Tensor) maps.get("b")).shape());
        Pair p = (Pair) Collate.collate(List.of(new Pair(Torch.ones(3), Torch.scalarTensor(1L)), new Pair(Torch.zeros(3), Torch.scalarTensor(0L))));
        assertArrayEquals(new long[] {2, 3}, p.image().shape());
        assertArrayEquals(new long[] {1, 0}, p.label().toLongArray());
        @SuppressWarnings("unchecked")
        Map<String, Object> named = (Map<String, Object>) Collate.collate(List.of(new Named(Torch.ones(1), 7), new Named(Torch.ones(1), 8)));
        assertArrayEquals(new long[] {7, 8}, ((Tensor) named.get("id")).toLongArray());
    }

    @Test
    void iterableDatasetsBatchInOrder() {
        IterableDataset<Tensor> stream = () -> java.util.stream.LongStream.range(0, 7).mapToObj(i -> Torch.full(new long[] {1}, (double) i)).iterator();
        List<Long> sizes = new ArrayList<>();
        for (Tensor b : DataLoader.of(stream).batchSize(3).build()) sizes.add(b.size(0));
        assertEquals(List.of(3L, 3L, 1L), sizes);
        DataLoader<List<String>> custom = DataLoader.of(new TensorDataset(Torch.arange(4))).batchSize(2)
                .collate(items -> items.stream().map(r -> "item" + r.get(0).itemLong()).toList()).build();
        List<List<String>> out = new ArrayList<>();
        custom.forEach(out::add);
        assertEquals(List.of(List.of("item0", "item1"), List.of("item2", "item3")), out);
    }
}
