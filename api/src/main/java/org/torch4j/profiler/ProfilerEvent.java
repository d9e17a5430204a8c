package org.torch4j.profiler;

import java.util.List;

/**
 * One recorded range, PyTorch's {@code FunctionEvent}: a backend kernel, an autograd node, a module call or a user
 * range, with its thread, times (nanoseconds since the trace started) and the memory allocated inside it.
 *
 * @param id the event's number in its trace
 * @param parentId the id of the event it ran inside (on the same thread), or -1 for a top-level event
 * @param name the key: {@code cpu::binary.add}, {@code autograd::engine::evaluate_function: MmBackward0},
 *     {@code nn.Module: Linear}, a {@link Profiler#recordFunction} name or {@code ProfilerStep#N}
 * @param kind what recorded it
 * @param threadId the id of the thread it ran on
 * @param startNs its start, in nanoseconds after the trace started
 * @param durationNs its length in nanoseconds (PyTorch's CPU total)
 * @param selfDurationNs its length less that of the events inside it (PyTorch's self CPU)
 * @param inputShapes a kernel's tensor operands' shapes in the kernel's argument order (outputs first for most
 *     kernels: {@code binary(out, a, b)}); empty
 *     without {@link Profiler.Builder#recordShapes} and for other kinds
 * @param cpuMemoryUsage bytes allocated inside it, including inside the events it contains (0 without
 *     {@link Profiler.Builder#profileMemory})
 * @param selfCpuMemoryUsage bytes allocated by the event itself
 */
public record ProfilerEvent(long id, long parentId, String name, Kind kind, long threadId, long startNs, long durationNs,
        long selfDurationNs, List<List<Long>> inputShapes, long cpuMemoryUsage, long selfCpuMemoryUsage) {

    /** Copies the shapes, so that the record is immutable. */
    public ProfilerEvent {
        inputShapes = inputShapes.isEmpty() ? List.of() : inputShapes.stream().map(List::copyOf).toList();
    }

    /** What recorded an event. */
    public enum Kind {
        /** A backend kernel (PyTorch's operator events). */
        KERNEL,
        /** A node of a backward pass. */
        AUTOGRAD,
        /** A module's call. */
        MODULE,
        /** A {@link Profiler#recordFunction} range or a {@code ProfilerStep#N}. */
        USER
    }
}
