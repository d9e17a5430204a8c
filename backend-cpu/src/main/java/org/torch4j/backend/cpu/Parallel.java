package org.torch4j.backend.cpu;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.RecursiveAction;

/**
 * The CPU backend's intra-op thread pool. Work below a grain size, and work started from inside the
 * pool, runs on the calling thread: small tensors never pay for a thread hand-off.
 */
public final class Parallel {

    /** A body over the index range {@code [start, end)}. */
    @FunctionalInterface
    public interface Body {
        void run(int start, int end);
    }

    private static volatile int threads = Runtime.getRuntime().availableProcessors();
    private static volatile ForkJoinPool pool;
    /** Set when the backend bundle stops: late callers run inline and no new pool is made. */
    private static volatile boolean shutDown;

    private Parallel() {}

    /** The number of threads an op may use (the caller included). */
    public static int threads() {
        return threads;
    }

    /** Sets the number of threads ops use, as {@code torch.set_num_threads}. */
    public static synchronized void setThreads(int n) {
        if (n < 1) throw new IllegalArgumentException("Number of threads must be positive, got " + n);
        if (n == threads) return;
        threads = n;
        ForkJoinPool old = pool;
        pool = null;
        if (old != null) old.shutdown();
    }

    /**
     * Runs {@code body} over {@code [0, n)}, split into at most {@link #threads()} contiguous chunks of
     * at least {@code grain} indices each. The calling thread runs the first chunk itself.
     */
    public static void forRange(int n, int grain, Body body) {
        if (n <= 0) return;
        int t = threads;
        int chunks = t <= 1 || n <= grain ? 1 : Math.min(t, (int) ((n + (long) grain - 1) / Math.max(1, grain)));
        if (chunks <= 1 || shutDown || ForkJoinTask.inForkJoinPool()) {
            body.run(0, n);
            return;
        }
        ForkJoinPool p = pool();
        Chunk[] tasks = new Chunk[chunks - 1];
        for (int c = 1; c < chunks; c++) {
            tasks[c - 1] = new Chunk(body, bound(n, chunks, c), bound(n, chunks, c + 1));
            p.execute(tasks[c - 1]);
        }
        Throwable failure = null;
        try {
            body.run(0, bound(n, chunks, 1));
        } catch (Throwable e) {
            failure = e;
        }
        for (Chunk task : tasks) {
            task.join();
            Throwable e = task.failure;
            if (e != null) {
                if (failure == null) failure = e; else failure.addSuppressed(e);
            }
        }
        if (failure instanceof RuntimeException re) throw re;
        if (failure instanceof Error err) throw err;
        if (failure != null) throw new RuntimeException(failure);
    }

    /**
     * Stops the worker threads (the backend bundle is stopping): in OSGi they would otherwise keep
     * this bundle's class loader alive after an uninstall.
     */
    public static synchronized void shutdown() {
        shutDown = true;
        ForkJoinPool p = pool;
        pool = null;
        if (p != null) p.shutdown();
    }

    private static int bound(int n, int chunks, int c) {
        return (int) ((long) n * c / chunks);
    }

    private static ForkJoinPool pool() {
        ForkJoinPool p = pool;
        if (p == null) {
            synchronized (Parallel.class) {
                p = pool;
                if (p == null) {
                    p = new ForkJoinPool(Math.max(1, threads - 1), Parallel::newWorker, null, false);
                    pool = p;
                }
            }
        }
        return p;
    }

    private static java.util.concurrent.ForkJoinWorkerThread newWorker(ForkJoinPool p) {
        var w = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(p);
        w.setName("torch4j-cpu-" + w.getPoolIndex());
        w.setDaemon(true);
        return w;
    }

    /**
     * One chunk on a worker thread. It keeps what it throws instead of letting the pool rethrow it: the pool's
     * join rethrows a copy made by reflection, which loses the message (an index error would reach the user
     * as {@code IndexOutOfBoundsException: null}).
     */
    private static final class Chunk extends RecursiveAction {
        private final Body body;
        private final int start, end;
        /** What the body threw (read after join, which orders it). */
        Throwable failure;

        Chunk(Body body, int start, int end) {
            this.body = body;
            this.start = start;
            this.end = end;
        }

        @Override
        protected void compute() {
            try {
                body.run(start, end);
            } catch (Throwable e) {
                failure = e;
            }
        }
    }
}
