package org.torch4j.internal;

import org.torch4j.profiler.ProfilerEvent;
import org.torch4j.spi.Backend;

/**
 * Where the api's hot paths meet the profiler ({@code org.torch4j.profiler}): backend lookups, autograd nodes
 * and module calls read {@link #sink()} (one volatile read) and report to the running profiler's
 * {@link Sink} only while one records.
 */
public final class ProfilerHook {
    private ProfilerHook() {}

    /** What a running profiler receives. */
    public interface Sink {
        /** The backend to hand to kernels while recording: {@code backend} itself or a recording wrapper. */
        Backend backend(Backend backend);

        /** Opens a range (an autograd node, a module call) on the current thread; closing it ends the range. */
        Range begin(ProfilerEvent.Kind kind, String name);

        /** True when module calls should be recorded as ranges. */
        boolean recordsModules();
    }

    /** An open range; {@link #close} ends it (ranges close in the reverse order of opening, per thread). */
    public interface Range extends AutoCloseable {
        /** Ends the range. */
        @Override
        void close();
    }

    private static volatile Sink sink;

    /** The running profiler's sink, or null. */
    public static Sink sink() {
        return sink;
    }

    /** Installs (or, with null, removes) the recording profiler's sink. */
    public static void install(Sink s) {
        sink = s;
    }

    /** {@code backend}, wrapped for recording while a profiler records. */
    public static Backend backend(Backend backend) {
        Sink s = sink;
        return s == null ? backend : s.backend(backend);
    }
}
