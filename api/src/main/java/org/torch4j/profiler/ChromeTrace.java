package org.torch4j.profiler;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.torch4j.internal.AtomicWrite;
import org.torch4j.io.Json;

/** Writes events in the Chrome trace format ({@code chrome://tracing}, Perfetto), as PyTorch's export does. */
final class ChromeTrace {
    private ChromeTrace() {}

    static String json(List<ProfilerEvent> events) {
        long pid = ProcessHandle.current().pid();
        StringBuilder sb = new StringBuilder("{\n  \"traceEvents\": [");
        boolean first = true;
        for (ProfilerEvent e : events) {
            sb.append(first ? "\n    " : ",\n    ");
            first = false;
            sb.append("{\"ph\": \"X\", \"cat\": ");
            Json.quote(sb, category(e.kind()));
            sb.append(", \"name\": ");
            Json.quote(sb, e.name());
            sb.append(", \"pid\": ").append(pid).append(", \"tid\": ").append(e.threadId());
            sb.append(String.format(Locale.ROOT, ", \"ts\": %.3f, \"dur\": %.3f", e.startNs() / 1e3, e.durationNs() / 1e3));
            sb.append(", \"args\": {\"External id\": ").append(e.id());
            if (!e.inputShapes().isEmpty()) sb.append(", \"Input Dims\": ").append(e.inputShapes());
            if (e.selfCpuMemoryUsage() != 0) sb.append(", \"Self CPU Mem\": ").append(e.selfCpuMemoryUsage());
            sb.append("}}");
        }
        return sb.append("\n  ],\n  \"displayTimeUnit\": \"ms\"\n}\n").toString();
    }

    /** Writes the trace atomically: a failure leaves no half file and the previous one in place. */
    static void write(Path path, List<ProfilerEvent> events) {
        byte[] json = json(events).getBytes(StandardCharsets.UTF_8);
        AtomicWrite.write(path, ch -> {
            ByteBuffer b = ByteBuffer.wrap(json);
            while (b.hasRemaining()) ch.write(b);
        });
    }

    private static String category(ProfilerEvent.Kind kind) {
        return switch (kind) {
            case KERNEL, AUTOGRAD -> "cpu_op";
            case MODULE -> "python_function";
            case USER -> "user_annotation";
        };
    }
}
