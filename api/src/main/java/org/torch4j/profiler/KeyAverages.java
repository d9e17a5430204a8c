package org.torch4j.profiler;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A trace's events summed per name (and per input shapes when asked), PyTorch's {@code prof.key_averages()}:
 * the rows in the order their keys first occurred, and {@link #table} to print them as PyTorch does.
 */
public final class KeyAverages {
    private static final int COLUMN = 12;
    private static final int MAX_NAME = 55;
    private static final int MAX_SHAPES = 80;

    private final List<EventAverage> rows;
    private final boolean profileMemory;
    private final boolean withShapes;

    KeyAverages(List<ProfilerEvent> events, boolean groupByInputShape, boolean profileMemory) {
        Map<String, List<ProfilerEvent>> groups = new LinkedHashMap<>();
        for (ProfilerEvent e : events) {
            String key = groupByInputShape ? e.name() + "\u0000" + e.inputShapes() : e.name();
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(e);
        }
        List<EventAverage> r = new ArrayList<>();
        for (List<ProfilerEvent> g : groups.values()) {
            long total = 0, self = 0, mem = 0, selfMem = 0;
            for (ProfilerEvent e : g) {
                total += e.durationNs();
                self += e.selfDurationNs();
                mem += e.cpuMemoryUsage();
                selfMem += e.selfCpuMemoryUsage();
            }
            ProfilerEvent first = g.get(0);
            r.add(new EventAverage(first.name(), groupByInputShape ? first.inputShapes() : null, g.size(), total, self,
                    mem, selfMem));
        }
        this.rows = List.copyOf(r);
        this.profileMemory = profileMemory;
        this.withShapes = groupByInputShape;
    }

    /** The rows, in the order their keys first occurred. */
    public List<EventAverage> rows() {
        return rows;
    }

    /** The row of {@code key} (the first, when grouped by input shapes), or null. */
    public EventAverage get(String key) {
        for (EventAverage a : rows) if (a.key().equals(key)) return a;
        return null;
    }

    /** {@link #table(String, int)} unsorted, at most 100 rows. */
    public String table() {
        return table(null, 100);
    }

    /**
     * PyTorch's {@code table(sort_by=..., row_limit=...)}: name, self CPU share and time, CPU total share and time,
     * mean time, (with memory profiling) CPU and self CPU memory, number of calls, (grouped by shapes) the input
     * shapes, then the total self time.
     *
     * @param sortBy an attribute to sort by, descending ({@code cpu_time_total}, {@code self_cpu_time_total},
     *     {@code cpu_time}, {@code count}, {@code cpu_memory_usage}, {@code self_cpu_memory_usage}), or null
     * @param rowLimit the most rows printed
     * @throws IllegalArgumentException for another {@code sortBy}
     */
    public String table(String sortBy, int rowLimit) {
        if (rows.isEmpty()) return "";
        List<EventAverage> sorted = new ArrayList<>(rows);
        if (sortBy != null) {
            sorted.get(0).attribute(sortBy); // an unknown key fails even for one row
            sorted.sort(Comparator.comparingDouble((EventAverage a) -> a.attribute(sortBy)).reversed());
        }
        int nameWidth = Math.min(sorted.stream().mapToInt(a -> a.key().length()).max().orElse(0) + 4, MAX_NAME);
        int shapesWidth = Math.min(sorted.stream().mapToInt(a -> shapes(a).length()).max().orElse(0) + 4, MAX_SHAPES);
        List<String> headers = new ArrayList<>(List.of("Name", "Self CPU %", "Self CPU", "CPU total %", "CPU total",
                "CPU time avg"));
        if (profileMemory) headers.addAll(List.of("CPU Mem", "Self CPU Mem"));
        headers.add("# of Calls");
        List<Integer> widths = new ArrayList<>();
        widths.add(nameWidth);
        for (int i = 1; i < headers.size(); i++) widths.add(COLUMN);
        if (withShapes) {
            headers.add("Input Shapes");
            widths.add(shapesWidth);
        }
        long selfTotal = 0;
        for (EventAverage a : sorted) selfTotal += a.selfCpuTimeTotalNs();

        StringBuilder sb = new StringBuilder();
        String separator = separator(widths);
        sb.append(separator).append('\n').append(row(widths, headers)).append('\n').append(separator).append('\n');
        int printed = 0;
        for (EventAverage a : sorted) {
            if (printed++ == rowLimit) break;
            String name = a.key().length() >= MAX_NAME - 3 ? a.key().substring(0, MAX_NAME - 3) + "..." : a.key();
            List<String> cells = new ArrayList<>(List.of(name, share(a.selfCpuTimeTotalNs(), selfTotal),
                    time(a.selfCpuTimeTotalNs()), share(a.cpuTimeTotalNs(), selfTotal), time(a.cpuTimeTotalNs()),
                    time(a.cpuTimeNs())));
            if (profileMemory) cells.addAll(List.of(memory(a.cpuMemoryUsage()), memory(a.selfCpuMemoryUsage())));
            cells.add(Long.toString(a.count()));
            if (withShapes) {
                String s = shapes(a);
                cells.add(s.length() > shapesWidth ? s.substring(0, shapesWidth) : s);
            }
            sb.append(row(widths, cells)).append('\n');
        }
        sb.append(separator).append('\n').append("Self CPU time total: ").append(time(selfTotal)).append('\n');
        return sb.toString();
    }

    @Override
    public String toString() {
        return table();
    }

    private static String shapes(EventAverage a) {
        return a.inputShapes() == null ? "" : a.inputShapes().toString();
    }

    private static String separator(List<Integer> widths) {
        StringBuilder sb = new StringBuilder();
        for (int w : widths) sb.append("-".repeat(w)).append("  ");
        return sb.toString();
    }

    private static String row(List<Integer> widths, List<String> cells) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String c = cells.get(i);
            sb.append(" ".repeat(Math.max(0, widths.get(i) - c.length()))).append(c).append("  ");
        }
        return sb.toString();
    }

    /** PyTorch's {@code _format_time} of a time in nanoseconds. */
    static String time(double ns) {
        double us = ns / 1000.0;
        if (us >= 1e6) return String.format(Locale.ROOT, "%.3fs", us / 1e6);
        if (us >= 1e3) return String.format(Locale.ROOT, "%.3fms", us / 1e3);
        return String.format(Locale.ROOT, "%.3fus", us);
    }

    /** PyTorch's {@code _format_time_share}. */
    static String share(long part, long total) {
        if (total == 0) return "NaN";
        return String.format(Locale.ROOT, "%.2f%%", part * 100.0 / total);
    }

    /** PyTorch's {@code _format_memory}. */
    static String memory(long bytes) {
        double kb = 1024, mb = 1024 * kb, gb = 1024 * mb;
        long abs = Math.abs(bytes);
        if (abs >= gb) return String.format(Locale.ROOT, "%.2f Gb", bytes / gb);
        if (abs >= mb) return String.format(Locale.ROOT, "%.2f Mb", bytes / mb);
        if (abs >= kb) return String.format(Locale.ROOT, "%.2f Kb", bytes / kb);
        return bytes + " b";
    }
}
