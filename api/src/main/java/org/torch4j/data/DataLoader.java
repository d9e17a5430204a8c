package org.torch4j.data;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.torch4j.Generator;

/**
 * Batches a dataset ({@code torch.utils.data.DataLoader}): a sampler orders the indices (sequential,
 * shuffled, or custom), batches of {@code batchSize} are collated, and with {@code numWorkers > 0}
 * worker threads load whole batches in parallel, {@code prefetchFactor} batches each ahead, handed
 * out in order.
 *
 * <pre>{@code
 * DataLoader<List<Tensor>> loader = DataLoader.of(new TensorDataset(x, y)).batchSize(64).shuffle(true).build();
 * for (List<Tensor> batch : loader) { ... batch.get(0), batch.get(1) ... }
 * }</pre>
 *
 * <p>Iteration that stops early leaves no busy threads: workers finish the batches already requested
 * and exit when idle; {@link Batches#close()} cancels them at once. A worker's exception reaches the
 * caller of {@code next()} as a {@link WorkerException} whose cause is the worker's exception.
 *
 * @param <B> the batch type
 */
public final class DataLoader<B> implements Iterable<B> {

    /** A worker failed while loading a batch; the cause is its exception. */
    public static final class WorkerException extends RuntimeException {
        /** A failure of a worker thread, carrying the worker's exception as the cause. */
        public WorkerException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final Dataset<?> dataset;
    private final IterableDataset<?> iterable;
    private final Iterable<long[]> batchSampler;
    private final Function<List<Object>, B> collate;
    private final int batchSize;
    private final boolean dropLast;
    private final int numWorkers;
    private final int prefetchFactor;

    private DataLoader(Builder<?, B> b) {
        this.dataset = b.dataset;
        this.iterable = b.iterable;
        this.collate = b.collate;
        this.batchSize = b.batchSize;
        this.dropLast = b.dropLast;
        this.numWorkers = b.numWorkers;
        this.prefetchFactor = b.prefetchFactor;
        if (b.dataset != null) {
            Sampler sampler = b.sampler != null ? b.sampler
                    : b.shuffle ? Samplers.random(b.dataset.size(), b.generator) : Samplers.sequential(b.dataset.size());
            this.batchSampler = b.batchSampler != null ? b.batchSampler : new BatchSampler(sampler, b.batchSize, b.dropLast);
        } else {
            this.batchSampler = null;
        }
    }

    /** A loader builder over a map-style dataset; the default collate keeps the item structure. */
    @SuppressWarnings("unchecked")
    public static <T> Builder<T, T> of(Dataset<T> dataset) {
        return new Builder<>(dataset, null, items -> (T) Collate.collate(items));
    }

    /** A loader builder over an iterable dataset (batched in order; no sampler, no shuffle). */
    @SuppressWarnings("unchecked")
    public static <T> Builder<T, T> of(IterableDataset<T> dataset) {
        return new Builder<>(null, dataset, items -> (T) Collate.collate(items));
    }

    /** The number of batches per pass (map-style datasets). */
    public long size() {
        if (batchSampler instanceof BatchSampler bs) return bs.size();
        if (dataset != null) {
            long n = dataset.size();
            return dropLast ? n / batchSize : (n + batchSize - 1) / batchSize;
        }
        throw new UnsupportedOperationException("an IterableDataset has no length");
    }

    @Override
    public Batches<B> iterator() {
        if (iterable != null) return new IterableBatches();
        return numWorkers == 0 ? new SerialBatches() : new ParallelBatches();
    }

    /** An iteration over the batches; close it when stopping early to cancel prefetched work. */
    public interface Batches<B> extends Iterator<B>, AutoCloseable {
        @Override
        void close();
    }

    @SuppressWarnings("unchecked")
    private B load(long[] indices) {
        List<Object> items = new ArrayList<>(indices.length);
        for (long i : indices) items.add(dataset.get(i));
        return collate.apply(items);
    }

    private final class SerialBatches implements Batches<B> {
        private final Iterator<long[]> order = batchSampler.iterator();

        @Override
        public boolean hasNext() {
            return order.hasNext();
        }

        @Override
        public B next() {
            return load(order.next());
        }

        @Override
        public void close() {}
    }

    private final class IterableBatches implements Batches<B> {
        private final Iterator<?> items = iterable.iterator();
        private List<Object> pending = fill();

        private List<Object> fill() {
            List<Object> b = new ArrayList<>(batchSize);
            while (b.size() < batchSize && items.hasNext()) b.add(items.next());
            return b.isEmpty() || (dropLast && b.size() < batchSize) ? null : b;
        }

        @Override
        public boolean hasNext() {
            return pending != null;
        }

        @Override
        public B next() {
            if (pending == null) throw new NoSuchElementException();
            B out = collate.apply(pending);
            pending = fill();
            return out;
        }

        @Override
        public void close() {}
    }

    private static final AtomicInteger LOADERS = new AtomicInteger();

    private final class ParallelBatches implements Batches<B> {
        private final Iterator<long[]> order = batchSampler.iterator();
        private final ArrayDeque<Future<B>> inFlight = new ArrayDeque<>();
        private final ThreadPoolExecutor workers;
        private boolean closed;

        ParallelBatches() {
            int id = LOADERS.incrementAndGet();
            AtomicInteger n = new AtomicInteger();
            // idle workers exit after a second: an abandoned iteration leaves no threads behind
            workers = new ThreadPoolExecutor(numWorkers, numWorkers, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
                Thread t = new Thread(r, "torch4j-dataloader-" + id + "-worker-" + n.getAndIncrement());
                t.setDaemon(true);
                return t;
            });
            workers.allowCoreThreadTimeOut(true);
            refill();
        }

        private void refill() {
            while (!closed && inFlight.size() < numWorkers * prefetchFactor && order.hasNext()) {
                long[] indices = order.next();
                inFlight.add(workers.submit(() -> load(indices)));
            }
        }

        @Override
        public boolean hasNext() {
            boolean more = !closed && !inFlight.isEmpty();
            if (!more) close();
            return more;
        }

        @Override
        public B next() {
            if (!hasNext()) throw new NoSuchElementException();
            Future<B> head = inFlight.poll();
            try {
                B batch = head.get();
                refill();
                return batch;
            } catch (ExecutionException e) {
                close();
                Throwable cause = e.getCause();
                throw new WorkerException("DataLoader worker failed while loading a batch: " + cause, cause);
            } catch (InterruptedException e) {
                close();
                Thread.currentThread().interrupt();
                throw new WorkerException("interrupted while waiting for a DataLoader worker", e);
            }
        }

        @Override
        public void close() {
            if (closed) return;
            closed = true;
            for (Future<B> f : inFlight) f.cancel(true);
            inFlight.clear();
            workers.shutdownNow();
        }
    }

    /**
     * Options of a {@link DataLoader}, with PyTorch's defaults: batch size 1, no shuffle, no workers,
     * prefetch factor 2.
     */
    public static final class Builder<T, B> {
        private final Dataset<T> dataset;
        private final IterableDataset<T> iterable;
        private Function<List<Object>, B> collate;
        private int batchSize = 1;
        private boolean shuffle, dropLast;
        private Sampler sampler;
        private Iterable<long[]> batchSampler;
        private Generator generator;
        private int numWorkers;
        private int prefetchFactor = 2;

        private Builder(Dataset<T> dataset, IterableDataset<T> iterable, Function<List<Object>, B> collate) {
            this.dataset = dataset;
            this.iterable = iterable;
            this.collate = collate;
        }

        /**
         * Items per batch ({@code batch_size}, default 1).
         *
         * @throws IllegalArgumentException if not positive
         */
        public Builder<T, B> batchSize(int batchSize) {
            if (batchSize <= 0) throw new IllegalArgumentException("batch_size should be a positive integer value, but got batch_size=" + batchSize);
            this.batchSize = batchSize;
            return this;
        }

        /** Whether each pass visits the items in a new random order ({@code shuffle}, default false). */
        public Builder<T, B> shuffle(boolean shuffle) {
            this.shuffle = shuffle;
            return this;
        }

        /**
         * Whether a last batch smaller than {@code batchSize} is left out ({@code drop_last}, default false).
         */
        public Builder<T, B> dropLast(boolean dropLast) {
            this.dropLast = dropLast;
            return this;
        }

        /** A custom index order (exclusive with shuffle). */
        public Builder<T, B> sampler(Sampler sampler) {
            this.sampler = sampler;
            return this;
        }

        /** Whole batches of indices (exclusive with batchSize, shuffle, sampler and dropLast). */
        public Builder<T, B> batchSampler(Iterable<long[]> batchSampler) {
            this.batchSampler = batchSampler;
            return this;
        }

        /** The generator shuffling draws from. */
        public Builder<T, B> generator(Generator generator) {
            this.generator = generator;
            return this;
        }

        /**
         * The number of worker threads loading batches in parallel ({@code num_workers}, default 0: batches
         * are loaded on the caller's thread). Threads, not processes as in PyTorch.
         *
         * @throws IllegalArgumentException if negative
         */
        public Builder<T, B> numWorkers(int numWorkers) {
            if (numWorkers < 0) throw new IllegalArgumentException("num_workers option should be non-negative; use num_workers=0 to disable multiprocessing.");
            this.numWorkers = numWorkers;
            return this;
        }

        /**
         * Batches each worker loads ahead ({@code prefetch_factor}, default 2); used only with workers.
         *
         * @throws IllegalArgumentException if less than 1
         */
        public Builder<T, B> prefetchFactor(int prefetchFactor) {
            if (prefetchFactor < 1) throw new IllegalArgumentException("prefetch_factor must be positive");
            this.prefetchFactor = prefetchFactor;
            return this;
        }

        /**
         * Accepted for PyTorch compatibility and without effect: PyTorch needs pinned batches (and
         * {@code non_blocking=True}) for uploads that do not stall the host, while torch4j's CUDA backend
         * stages every upload through its own page-locked buffers, so {@code batch.to("cuda")} never waits
         * for the GPU's queued work, pinned or not (see {@code docs/cuda.md}, "Streams and synchronisation").
         */
        public Builder<T, B> pinMemory(boolean pinMemory) {
            return this;
        }

        /** A custom collate from the list of items of a batch. */
        @SuppressWarnings("unchecked")
        public <C> Builder<T, C> collate(Function<List<T>, C> fn) {
            Builder<T, C> b = (Builder<T, C>) this;
            b.collate = items -> fn.apply((List<T>) (List<?>) items);
            return b;
        }

        /**
         * The loader.
         *
         * @throws IllegalArgumentException for PyTorch's exclusive options: a sampler with shuffle, a batch
         * sampler with any of batch size, shuffle, sampler or drop_last, and shuffle or a sampler with an
         * iterable dataset
         */
        public DataLoader<B> build() {
            if (sampler != null && shuffle) throw new IllegalArgumentException("sampler option is mutually exclusive with shuffle");
            if (batchSampler != null && (sampler != null || shuffle || dropLast || batchSize != 1)) {
                throw new IllegalArgumentException("batch_sampler option is mutually exclusive with batch_size, shuffle, sampler, and drop_last");
            }
            if (iterable != null && (shuffle || sampler != null)) {
                throw new IllegalArgumentException("DataLoader with IterableDataset: expected unspecified shuffle and sampler options");
            }
            return new DataLoader<>(this);
        }
    }
}
