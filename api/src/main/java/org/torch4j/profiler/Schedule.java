package org.torch4j.profiler;

/**
 * Which {@link ProfilerAction} the profiler takes at each step ({@link Profiler#step()} counts them), PyTorch's
 * {@code schedule} callable.
 */
@FunctionalInterface
public interface Schedule {

    /** The action at step {@code step} (0 before the first {@code step()} call). */
    ProfilerAction action(long step);

    /** {@link #of(int, int, int, int, int)} without skipped first steps. */
    static Schedule of(int wait, int warmup, int active, int repeat) {
        return of(wait, warmup, active, repeat, 0);
    }

    /**
     * PyTorch's {@code torch.profiler.schedule(wait, warmup, active, repeat, skip_first)}: after
     * {@code skipFirst} steps, cycles of {@code wait} idle steps, {@code warmup} warm-up steps and {@code active}
     * recorded steps (the last one {@link ProfilerAction#RECORD_AND_SAVE}), {@code repeat} times (0: forever).
     *
     * @throws IllegalArgumentException for a negative count or no active step
     */
    static Schedule of(int wait, int warmup, int active, int repeat, int skipFirst) {
        if (wait < 0 || warmup < 0 || active <= 0 || repeat < 0 || skipFirst < 0) {
            throw new IllegalArgumentException("Invalid profiler schedule arguments");
        }
        long cycle = (long) wait + warmup + active;
        return step -> {
            if (step < skipFirst) return ProfilerAction.NONE;
            long s = step - skipFirst;
            if (repeat > 0 && s / cycle >= repeat) return ProfilerAction.NONE;
            long m = s % cycle;
            if (m < wait) return ProfilerAction.NONE;
            if (m < wait + warmup) return ProfilerAction.WARMUP;
            return m < cycle - 1 ? ProfilerAction.RECORD : ProfilerAction.RECORD_AND_SAVE;
        };
    }
}
