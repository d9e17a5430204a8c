package org.torch4j.serving;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What one {@link InferenceSession} counts, safely from many threads: requests, failures, rejections
 * (queue full or closed), batches and their sizes, and the latency of recent requests (from submission
 * to completion) for quantiles. The HTTP endpoint writes these in Prometheus' text format.
 */
public final class ServingMetrics {
    /** Metrics with every counter at zero. */
    public ServingMetrics() {}

    /** How many recent latencies the quantiles are computed over. */
    static final int WINDOW = 4096;

    private final LongAdder requests = new LongAdder();
    private final LongAdder failures = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final LongAdder batches = new LongAdder();
    private final LongAdder latencyNanos = new LongAdder();
    private final Map<Integer, LongAdder> batchSizes = new ConcurrentHashMap<>();
    private final long[] window = new long[WINDOW];
    private long recorded;

    void request() {
        requests.increment();
    }

    /** A request refused before it was queued (bad names or shapes): a request and a failure, but no latency. */
    void invalid() {
        requests.increment();
        failures.increment();
    }

    void rejected() {
        rejected.increment();
    }

    void batch(int requestsInBatch) {
        batches.increment();
        batchSizes.computeIfAbsent(requestsInBatch, k -> new LongAdder()).increment();
    }

    void completed(long nanos, boolean failed) {
        if (failed) failures.increment();
        latencyNanos.add(nanos);
        synchronized (window) {
            window[(int) (recorded++ % WINDOW)] = nanos;
        }
    }

    /** Requests submitted and not rejected (including those refused as invalid before queueing). */
    public long requests() {
        return requests.sum();
    }

    /** Requests that failed: refused as invalid, or completed with an error. */
    public long failures() {
        return failures.sum();
    }

    /** Requests refused because the queue was full or the session closed. */
    public long rejections() {
        return rejected.sum();
    }

    /** Batches the model ran (a request that had to be rerun alone counts as a batch of 1 more). */
    public long batches() {
        return batches.sum();
    }

    /** How many batches had each number of requests, by that number. */
    public Map<Integer, Long> batchSizes() {
        Map<Integer, Long> m = new TreeMap<>();
        batchSizes.forEach((k, v) -> m.put(k, v.sum()));
        return m;
    }

    /** Queued requests that completed (successful or not); those refused before queueing are not counted. */
    public long completed() {
        synchronized (window) {
            return recorded;
        }
    }

    /** The total latency of completed requests, in seconds. */
    public double latencySumSeconds() {
        return latencyNanos.sum() / 1e9;
    }

    /**
     * The latency quantile {@code q} (0 to 1) over the last {@value #WINDOW} completed requests, in
     * seconds; NaN before any completed.
     */
    public double latencyQuantile(double q) {
        long[] copy;
        synchronized (window) {
            copy = Arrays.copyOf(window, (int) Math.min(recorded, WINDOW));
        }
        if (copy.length == 0) return Double.NaN;
        Arrays.sort(copy);
        int i = (int) Math.ceil(q * copy.length) - 1;
        return copy[Math.max(0, Math.min(copy.length - 1, i))] / 1e9;
    }
}
