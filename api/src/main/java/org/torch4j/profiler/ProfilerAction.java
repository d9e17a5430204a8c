package org.torch4j.profiler;

/** What the profiler does at a step, PyTorch's {@code torch.profiler.ProfilerAction}. */
public enum ProfilerAction {
    /** Not recording. */
    NONE,
    /** Getting ready to record; nothing is recorded (PyTorch warms its tracer up here). */
    WARMUP,
    /** Recording. */
    RECORD,
    /** Recording the last step of a cycle: the trace is handed to {@code onTraceReady} when the step ends. */
    RECORD_AND_SAVE
}
