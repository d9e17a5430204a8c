package org.torch4j.conformance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.torch4j.distributed.HashStore;
import org.torch4j.distributed.PrefixStore;
import org.torch4j.distributed.ProcessGroup;
import org.torch4j.distributed.Store;

/** Runs the ranks of a process group as threads of this JVM (explicit groups over one HashStore, on 127.0.0.1). */
final class DistributedRanks {
    private DistributedRanks() {}

    private static final Store STORE = new HashStore();
    private static final AtomicInteger JOBS = new AtomicInteger();

    /** What one rank runs. */
    @FunctionalInterface
    interface Body<T> {
        T run(ProcessGroup group) throws Exception;
    }

    /** Runs {@code body} on {@code n} ranks (timeout 20 s) and returns each rank's result, rethrowing the first failure. */
    static <T> List<T> run(int n, Body<T> body) {
        return run(n, Duration.ofSeconds(20), body);
    }

    static <T> List<T> run(int n, Duration timeout, Body<T> body) {
        List<Object> outcomes = outcomes(n, timeout, body);
        List<T> results = new ArrayList<>();
        for (Object o : outcomes) {
            if (o instanceof Failure f) {
                if (f.error instanceof RuntimeException r) throw r;
                if (f.error instanceof Error e) throw e;
                throw new IllegalStateException(f.error);
            }
            @SuppressWarnings("unchecked")
            T t = (T) o;
            results.add(t);
        }
        return results;
    }

    /** A rank's failure, for tests that expect some. */
    record Failure(Throwable error) {}

    /** Each rank's result or {@link Failure}. */
    static List<Object> outcomes(int n, Duration timeout, Body<?> body) {
        Store store = new PrefixStore("job" + JOBS.incrementAndGet(), STORE);
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<Object>> fs = new ArrayList<>();
            for (int r = 0; r < n; r++) {
                int rank = r;
                fs.add(pool.submit(() -> {
                    ProcessGroup g = new ProcessGroup(store, rank, n, timeout);
                    try {
                        return (Object) body.run(g);
                    } catch (Throwable e) {
                        return new Failure(e);
                    } finally {
                        g.close();
                    }
                }));
            }
            List<Object> out = new ArrayList<>();
            for (Future<Object> f : fs) {
                try {
                    out.add(f.get(60, TimeUnit.SECONDS));
                } catch (ExecutionException e) {
                    out.add(new Failure(e.getCause()));
                }
            }
            return out;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            pool.shutdownNow();
        }
    }
}
