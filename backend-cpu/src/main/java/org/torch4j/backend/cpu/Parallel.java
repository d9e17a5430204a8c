package org.torch4j.backend.cpu;

import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

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
    private static volatile WorkerPool pool;
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
        WorkerPool old = pool;
        pool = null;
        if (old != null) old.stop();
    }

    /**
     * Runs {@code body} over {@code [0, n)}, split into at most {@link #threads()} contiguous chunks of
     * at least {@code grain} indices each. Chunks are claimed in order by whichever thread is free: the
     * calling thread takes the first and goes on with any a worker has not claimed yet, so a worker that
     * wakes late (or a core busy with other work) never keeps the caller waiting for more than one chunk.
     * Which thread runs a chunk never changes what the chunk computes.
     */
    public static void forRange(int n, int grain, Body body) {
        if (n <= 0) return;
        int t = threads;
        int chunks = t <= 1 || n <= grain ? 1 : Math.min(t, (int) ((n + (long) grain - 1) / Math.max(1, grain)));
        if (chunks <= 1) {
            body.run(0, n);
            return;
        }
        Thread caller = Thread.currentThread();
        WorkerPool p = shutDown || ForkJoinTask.inForkJoinPool() ? null : pool();
        Chunks work = new Chunks(body, n, chunks, caller);
        // not offered (a call from inside a job, or the pool busy with another caller's job): the caller runs
        // the same chunks one after another, so the result does not depend on which path ran
        boolean offered = p != null && !p.isWorker(caller) && p.offer(work);
        try {
            work.drain();
            if (offered) work.awaitAll();
        } finally {
            if (offered) p.release();
        }
        Throwable failure = work.failure;
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
        WorkerPool p = pool;
        pool = null;
        if (p != null) p.stop();
    }

    private static int bound(int n, int chunks, int c) {
        return (int) ((long) n * c / chunks);
    }

    private static WorkerPool pool() {
        WorkerPool p = pool;
        if (p == null) {
            synchronized (Parallel.class) {
                p = pool;
                if (p == null && !shutDown) {
                    p = new WorkerPool(Math.max(1, threads - 1));
                    pool = p;
                }
            }
        }
        return p;
    }

    /**
     * The chunks of one {@link #forRange} call, claimed in order by the caller and the workers. It keeps what a
     * chunk throws instead of letting the pool rethrow it: the pool's join rethrows a copy made by reflection, which
     * loses the message (an index error would reach the user as {@code IndexOutOfBoundsException: null}).
     */
    private static final class Chunks implements WorkerPool.Job {
        /** Spins before the caller parks: a worker's last chunk often ends within microseconds. */
        private static final int SPINS = 2000;
        private final Body body;
        private final int n, count;
        private final Thread caller;
        private final AtomicInteger next = new AtomicInteger(), finished = new AtomicInteger();
        /** The first failure, later ones suppressed in it (read by the caller once all chunks finished). */
        Throwable failure;

        Chunks(Body body, int n, int count, Thread caller) {
            this.body = body;
            this.n = n;
            this.count = count;
            this.caller = caller;
        }

        @Override
        public void run() {
            drain();
        }

        /** Runs chunks until none is left unclaimed. */
        void drain() {
            for (int c; (c = next.getAndIncrement()) < count; ) {
                try {
                    body.run(bound(n, count, c), bound(n, count, c + 1));
                } catch (Throwable e) {
                    fail(e);
                }
                if (finished.incrementAndGet() == count) LockSupport.unpark(caller);
            }
        }

        private synchronized void fail(Throwable e) {
            if (failure == null) failure = e; else failure.addSuppressed(e);
        }

        /** Waits until every chunk, including those workers claimed, has finished. */
        void awaitAll() {
            for (int spins = 0; finished.get() < count; spins++) {
                if (spins < SPINS) Thread.onSpinWait(); else LockSupport.park(this);
            }
        }
    }
}
