package org.torch4j.serving.internal;

import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.torch4j.serving.ModelRegistry;
import org.torch4j.serving.ServingMetrics;

/**
 * Writes serving metrics in Prometheus' text exposition format (version 0.0.4): per model and version,
 * requests, failures and rejections (counters), batch sizes (a histogram of requests per batch) and
 * latency (a summary with the 0.5, 0.9 and 0.99 quantiles of recent requests); plus the HTTP responses
 * by status code.
 */
public final class PrometheusText {

    private static final int[] BATCH_BUCKETS = {1, 2, 4, 8, 16, 32, 64, 128};
    private static final double[] QUANTILES = {0.5, 0.9, 0.99};

    private PrometheusText() {}

    /** The whole exposition: the models of {@code registry} and the HTTP status counts. */
    public static String write(ModelRegistry registry, Map<Integer, Long> httpResponses) {
        StringBuilder sb = new StringBuilder();
        var entries = registry.entries();
        counter(sb, entries, "torch4j_serving_requests_total", "Requests submitted to a model and not rejected.", ServingMetrics::requests);
        counter(sb, entries, "torch4j_serving_failures_total", "Accepted requests that failed.", ServingMetrics::failures);
        counter(sb, entries, "torch4j_serving_rejected_total", "Requests refused because the queue was full or the model closing.",
                ServingMetrics::rejections);
        counter(sb, entries, "torch4j_serving_batches_total", "Forward passes the model ran.", ServingMetrics::batches);

        header(sb, "torch4j_serving_batch_size", "Requests per forward pass.", "histogram");
        for (ModelRegistry.Entry e : entries) {
            Map<Integer, Long> sizes = e.session().metrics().batchSizes();
            long count = 0, sum = 0;
            for (int le : BATCH_BUCKETS) {
                long below = sizes.entrySet().stream().filter(s -> s.getKey() <= le).mapToLong(Map.Entry::getValue).sum();
                sample(sb, "torch4j_serving_batch_size_bucket", labels(e) + ",le=\"" + le + "\"", below);
            }
            for (Map.Entry<Integer, Long> s : sizes.entrySet()) {
                count += s.getValue();
                sum += (long) s.getKey() * s.getValue();
            }
            sample(sb, "torch4j_serving_batch_size_bucket", labels(e) + ",le=\"+Inf\"", count);
            sample(sb, "torch4j_serving_batch_size_sum", labels(e), sum);
            sample(sb, "torch4j_serving_batch_size_count", labels(e), count);
        }

        header(sb, "torch4j_serving_latency_seconds", "Time from submission to result, over the last 4096 requests for the quantiles.", "summary");
        for (ModelRegistry.Entry e : entries) {
            ServingMetrics m = e.session().metrics();
            for (double q : QUANTILES) sample(sb, "torch4j_serving_latency_seconds", labels(e) + ",quantile=\"" + q + "\"", m.latencyQuantile(q));
            sample(sb, "torch4j_serving_latency_seconds_sum", labels(e), m.latencySumSeconds());
            sample(sb, "torch4j_serving_latency_seconds_count", labels(e), m.completed());
        }

        header(sb, "torch4j_http_responses_total", "HTTP responses by status code.", "counter");
        httpResponses.forEach((code, n) -> sample(sb, "torch4j_http_responses_total", "code=\"" + code + "\"", n));
        return sb.toString();
    }

    private static void counter(StringBuilder sb, Iterable<ModelRegistry.Entry> entries, String name, String help,
                                ToDoubleFunction<ServingMetrics> value) {
        header(sb, name, help, "counter");
        for (ModelRegistry.Entry e : entries) sample(sb, name, labels(e), value.applyAsDouble(e.session().metrics()));
    }

    private static void header(StringBuilder sb, String name, String help, String type) {
        sb.append("# HELP ").append(name).append(' ').append(help).append('\n');
        sb.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    /** Names and versions are restricted to letters, digits, '.', '_' and '-', so they need no escaping. */
    private static String labels(ModelRegistry.Entry e) {
        return "model=\"" + e.name() + "\",version=\"" + e.version() + "\"";
    }

    private static void sample(StringBuilder sb, String name, String labels, double value) {
        sb.append(name).append('{').append(labels).append("} ");
        if (Double.isNaN(value)) sb.append("NaN");
        else if (value == Math.rint(value) && Math.abs(value) < 1e15) sb.append((long) value);
        else sb.append(String.format(Locale.ROOT, "%.6g", value));
        sb.append('\n');
    }
}
