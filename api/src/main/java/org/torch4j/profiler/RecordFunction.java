package org.torch4j.profiler;

import org.torch4j.internal.ProfilerHook;

/**
 * A named range of user code, PyTorch's {@code torch.profiler.record_function}: made by
 * {@link Profiler#recordFunction}, it records from its creation to {@link #close()} while a profiler records, and
 * does nothing otherwise.
 */
public final class RecordFunction implements AutoCloseable {
    private final ProfilerHook.Range range;

    RecordFunction(ProfilerHook.Range range) {
        this.range = range;
    }

    /** Ends the range (once; later calls do nothing). */
    @Override
    public void close() {
        if (range != null) range.close();
    }
}
