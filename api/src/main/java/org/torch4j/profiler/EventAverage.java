package org.torch4j.profiler;

import java.util.List;

/**
 * The events of one key summed, PyTorch's {@code FunctionEventAvg} (a row of {@link KeyAverages#table}).
 *
 * @param key the events' name
 * @param inputShapes the shapes the events were grouped by, or null when grouped by name only
 * @param count how many events
 * @param cpuTimeTotalNs their summed length (PyTorch's {@code cpu_time_total}, here in nanoseconds)
 * @param selfCpuTimeTotalNs their summed self time ({@code self_cpu_time_total})
 * @param cpuMemoryUsage bytes allocated inside them ({@code cpu_memory_usage})
 * @param selfCpuMemoryUsage bytes allocated by them directly ({@code self_cpu_memory_usage})
 */
public record EventAverage(String key, List<List<Long>> inputShapes, long count, long cpuTimeTotalNs,
        long selfCpuTimeTotalNs, long cpuMemoryUsage, long selfCpuMemoryUsage) {

    /** The mean length of one event in nanoseconds ({@code cpu_time}). */
    public double cpuTimeNs() {
        return count == 0 ? 0 : (double) cpuTimeTotalNs / count;
    }

    /** The value of PyTorch's attribute {@code name} (a {@code sort_by} key) as a number. */
    double attribute(String name) {
        return switch (name) {
            case "cpu_time_total" -> cpuTimeTotalNs;
            case "self_cpu_time_total" -> selfCpuTimeTotalNs;
            case "cpu_time" -> cpuTimeNs();
            case "count" -> count;
            case "cpu_memory_usage" -> cpuMemoryUsage;
            case "self_cpu_memory_usage" -> selfCpuMemoryUsage;
            default -> throw new IllegalArgumentException("'FunctionEventAvg' object has no attribute '" + name
                    + "' (sort by one of cpu_time_total, self_cpu_time_total, cpu_time, count, cpu_memory_usage,"
                    + " self_cpu_memory_usage)");
        };
    }
}
