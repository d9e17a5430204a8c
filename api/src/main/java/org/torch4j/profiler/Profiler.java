package org.torch4j.profiler;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.torch4j.internal.ProfilerHook;

/**
 * PyTorch's {@code torch.profiler.profile}: records what the api runs, on every thread, while it is open (or in
 * the recorded steps of its {@link Schedule}), then reports the trace through {@link #events()},
 * {@link #keyAverages()} and {@link #exportChromeTrace}.
 *
 * <pre>{@code
 * try (Profiler prof = Profiler.builder().schedule(Schedule.of(1, 1, 3, 1))
 *         .onTraceReady(p -> System.out.println(p.keyAverages().table("self_cpu_time_total", 10))).start()) {
 *     for (int step = 0; step < 8; step++) {
 *         trainStep();
 *         prof.step();
 *     }
 * }
 * }</pre>
 *
 * <p>One profiler records at a time in a JVM. Recording costs a few hundred nanoseconds per kernel; without a
 * recording profiler the api pays one volatile read per kernel.
 */
public final class Profiler implements AutoCloseable {
    private final boolean recordShapes;
    private final boolean profileMemory;
    private final boolean withModules;
    private final boolean recordSteps;
    private final Schedule schedule;
    private final Consumer<Profiler> onTraceReady;
    private long stepNum;
    private ProfilerAction action;
    private Recorder recorder;
    private RecordFunction stepRange;
    private List<ProfilerEvent> trace;
    private boolean closed;

    private Profiler(Builder options) {
        this.recordShapes = options.recordShapes;
        this.profileMemory = options.profileMemory;
        this.withModules = options.withModules;
        this.recordSteps = options.schedule != null;
        this.schedule = recordSteps ? options.schedule : step -> ProfilerAction.RECORD;
        this.onTraceReady = options.onTraceReady;
    }

    /** A builder of a profiler, PyTorch's {@code profile(...)} arguments. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A named range of user code ({@code record_function}); it records only while a profiler records, and must
     * be closed on the thread that made it.
     */
    public static RecordFunction recordFunction(String name) {
        ProfilerHook.Sink sink = ProfilerHook.sink();
        return new RecordFunction(sink == null ? null : sink.begin(ProfilerEvent.Kind.USER, name));
    }

    /** True while some profiler records. */
    public static boolean isRecording() {
        return ProfilerHook.sink() != null;
    }

    private void begin() {
        action = schedule.action(stepNum);
        if (recording(action)) startRecording();
    }

    /**
     * Ends the current step ({@code prof.step()}): with a schedule, the next step's action starts or stops
     * recording, and the end of a {@link ProfilerAction#RECORD_AND_SAVE} step hands the trace to
     * {@code onTraceReady}. Without one, steps only count.
     */
    public void step() {
        if (closed) throw new IllegalStateException("the profiler is closed");
        ProfilerAction previous = action;
        stepNum++;
        action = schedule.action(stepNum);
        if (stepRange != null) {
            stepRange.close();
            stepRange = null;
        }
        if (previous == ProfilerAction.RECORD_AND_SAVE || (recording(previous) && !recording(action))) {
            stopRecording();
        }
        if (recording(action)) startRecording();
    }

    /** The number of {@link #step()} calls so far. */
    public long stepNum() {
        return stepNum;
    }

    /** The action of the current step. */
    public ProfilerAction currentAction() {
        return action;
    }

    /** Stops recording; a trace being recorded is finished and handed to {@code onTraceReady}. */
    @Override
    public void close() {
        if (closed) return;
        if (stepRange != null) {
            stepRange.close();
            stepRange = null;
        }
        if (recorder != null) stopRecording();
        closed = true;
    }

    private static boolean recording(ProfilerAction a) {
        return a == ProfilerAction.RECORD || a == ProfilerAction.RECORD_AND_SAVE;
    }

    private void startRecording() {
        if (recorder == null) {
            Recorder r = new Recorder(recordShapes, profileMemory, withModules);
            synchronized (Profiler.class) {
                if (ProfilerHook.sink() != null) {
                    throw new IllegalStateException("Profiler is already enabled: only one profiler records at a time");
                }
                ProfilerHook.install(r);
            }
            recorder = r;
        }
        if (recordSteps) stepRange = recordFunction("ProfilerStep#" + stepNum);
    }

    private void stopRecording() {
        Recorder r = recorder;
        recorder = null;
        synchronized (Profiler.class) {
            if (ProfilerHook.sink() == r) ProfilerHook.install(null);
        }
        r.stop();
        trace = r.events();
        if (onTraceReady != null) onTraceReady.accept(this);
    }

    /**
     * The last finished trace's events in the order they started ({@code prof.events()}).
     *
     * @throws IllegalStateException before a trace has finished
     */
    public List<ProfilerEvent> events() {
        if (trace == null) {
            throw new IllegalStateException("no trace has finished yet: read it after close(), or in onTraceReady");
        }
        return trace;
    }

    /** The last trace's events summed per name ({@code prof.key_averages()}). */
    public KeyAverages keyAverages() {
        return keyAverages(false);
    }

    /** The last trace's events summed per name, and per input shapes when asked ({@code group_by_input_shape}). */
    public KeyAverages keyAverages(boolean groupByInputShape) {
        return new KeyAverages(events(), groupByInputShape, profileMemory);
    }

    /**
     * Writes the last trace in the Chrome trace format ({@code prof.export_chrome_trace(path)}), for
     * {@code chrome://tracing} or Perfetto; a file already at {@code path} is replaced only once the new one is
     * complete.
     *
     * @throws UncheckedIOException when the file cannot be written
     */
    public void exportChromeTrace(Path path) {
        ChromeTrace.write(path, events());
    }

    /** The options of a profiler; {@link #start()} makes and starts it. */
    public static final class Builder {
        private boolean recordShapes;
        private boolean profileMemory;
        private boolean withModules;
        private Schedule schedule;
        private Consumer<Profiler> onTraceReady;

        private Builder() {}

        /** Records the shapes of each kernel's operands ({@code record_shapes}; default false). */
        public Builder recordShapes(boolean on) {
            recordShapes = on;
            return this;
        }

        /** Records the memory each kernel allocates ({@code profile_memory}; default false). */
        public Builder profileMemory(boolean on) {
            profileMemory = on;
            return this;
        }

        /** Records each module call as a range {@code nn.Module: ClassName} ({@code with_modules}; default false). */
        public Builder withModules(boolean on) {
            withModules = on;
            return this;
        }

        /** The steps to record ({@code schedule}); without one, everything until {@link Profiler#close()}. */
        public Builder schedule(Schedule s) {
            schedule = s;
            return this;
        }

        /** Called with the profiler each time a trace is finished ({@code on_trace_ready}). */
        public Builder onTraceReady(Consumer<Profiler> handler) {
            onTraceReady = handler;
            return this;
        }

        /**
         * Makes the profiler and starts it (PyTorch's {@code __enter__}).
         *
         * @throws IllegalStateException when another profiler records
         */
        public Profiler start() {
            Profiler p = new Profiler(this);
            p.begin();
            return p;
        }
    }
}
