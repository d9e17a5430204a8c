package org.torch4j.trace;

import java.util.function.Supplier;
import org.torch4j.spi.Strided;

/**
 * Static entry points of the tracing hook. Op entry points start with
 *
 * <pre>{@code
 * if (Trace.recording()) return Trace.op("aten::layer_norm", () -> layerNorm(x, shape, w, b, eps), x, shape, w, b, eps);
 * }</pre>
 *
 * which re-enters the op with recording suspended, so its own building blocks are not reported, and
 * then hands the op and its result to the thread's {@link Tracer}. When no thread traces, the cost is
 * one volatile read per op.
 */
public final class Trace {
    private Trace() {}

    /** True while some thread traces; the fast path of every check. */
    private static volatile boolean active;
    private static int sessions;
    private static final ThreadLocal<Frame> FRAME = new ThreadLocal<>();

    private static final class Frame {
        final Tracer tracer;
        int depth;

        Frame(Tracer tracer) {
            this.tracer = tracer;
        }
    }

    /** An open tracing session on the current thread; closing it ends the trace. */
    public static final class Session implements AutoCloseable {
        private final Frame frame;
        private boolean closed;

        private Session(Frame frame) {
            this.frame = frame;
        }

        /** Ends tracing on this thread. */
        @Override
        public void close() {
            if (closed) return;
            closed = true;
            if (FRAME.get() == frame) FRAME.remove();
            synchronized (Trace.class) {
                if (--sessions == 0) active = false;
            }
        }
    }

    /**
     * Starts tracing the current thread's ops into {@code tracer}.
     *
     * @throws IllegalStateException when this thread already traces
     */
    public static Session start(Tracer tracer) {
        if (FRAME.get() != null) throw new IllegalStateException("this thread is already tracing; traces cannot nest");
        Frame f = new Frame(tracer);
        FRAME.set(f);
        synchronized (Trace.class) {
            sessions++;
            active = true;
        }
        return new Session(f);
    }

    /** True when the current thread traces and is not inside a recorded op: the caller should record itself. */
    public static boolean recording() {
        if (!active) return false;
        Frame f = FRAME.get();
        return f != null && f.depth == 0;
    }

    /**
     * Runs {@code body} (the op itself) with recording suspended, then reports it. Call only when
     * {@link #recording()} is true.
     *
     * @param name PyTorch's op name
     * @param body the op's computation (normally the same method, re-entered)
     * @param args the op's arguments, as {@link Tracer#record} documents them
     * @return the body's result
     */
    public static <T> T op(String name, Supplier<T> body, Object... args) {
        Frame f = FRAME.get();
        if (f == null) return body.get();
        f.depth++;
        try {
            T result = body.get();
            f.tracer.record(name, args, result);
            return result;
        } finally {
            f.depth--;
        }
    }

    /** Runs {@code body} with recording suspended on this thread (for a tracer's own tensor work). */
    public static <T> T suspended(Supplier<T> body) {
        Frame f = active ? FRAME.get() : null;
        if (f == null) return body.get();
        f.depth++;
        try {
            return body.get();
        } finally {
            f.depth--;
        }
    }

    /** Called by the api before a kernel touches {@code s}: lets the tracer refuse untraced uses of traced values. */
    public static void access(Strided s) {
        if (!active) return;
        Frame f = FRAME.get();
        if (f != null && f.depth == 0) f.tracer.access(s);
    }
}
