package org.torch4j.profiler;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.torch4j.internal.ProfilerHook;
import org.torch4j.spi.Backend;

/**
 * One trace being recorded: the sink the api reports to, with a stack of open ranges per thread. A range's time
 * inside its children and the memory allocated below it are added to it when each child closes.
 */
final class Recorder implements ProfilerHook.Sink {
    private final boolean recordShapes;
    private final boolean profileMemory;
    private final boolean withModules;
    private final long originNs = System.nanoTime();
    private final AtomicLong ids = new AtomicLong();
    private final List<ProfilerEvent> done = new ArrayList<>();
    private final ThreadLocal<ArrayDeque<Open>> stacks = ThreadLocal.withInitial(ArrayDeque::new);
    private final Map<Backend, Backend> wrapped = new ConcurrentHashMap<>();
    private volatile boolean stopped;

    Recorder(boolean recordShapes, boolean profileMemory, boolean withModules) {
        this.recordShapes = recordShapes;
        this.profileMemory = profileMemory;
        this.withModules = withModules;
    }

    boolean recordsShapes() {
        return recordShapes;
    }

    boolean profilesMemory() {
        return profileMemory;
    }

    @Override
    public Backend backend(Backend backend) {
        return wrapped.computeIfAbsent(backend, b -> new RecordingBackend(b, this));
    }

    @Override
    public ProfilerHook.Range begin(ProfilerEvent.Kind kind, String name) {
        return open(kind, name, List.of());
    }

    @Override
    public boolean recordsModules() {
        return withModules;
    }

    /** Opens a range on the current thread. */
    Open open(ProfilerEvent.Kind kind, String name, List<List<Long>> shapes) {
        ArrayDeque<Open> stack = stacks.get();
        Open parent = stack.peek();
        Open o = new Open(this, ids.getAndIncrement(), parent == null ? -1 : parent.id, name, kind, shapes, stack);
        stack.push(o);
        return o;
    }

    /** Stops recording: ranges still open are dropped, later ones are ignored. */
    void stop() {
        stopped = true;
    }

    /** The finished events, in the order they started. */
    List<ProfilerEvent> events() {
        synchronized (done) {
            List<ProfilerEvent> r = new ArrayList<>(done);
            r.sort(Comparator.comparingLong(ProfilerEvent::startNs).thenComparingLong(ProfilerEvent::id));
            return r;
        }
    }

    /** An open range; closing it (on its own thread) records the event. */
    static final class Open implements ProfilerHook.Range {
        private final Recorder recorder;
        private final long id;
        private final long parentId;
        private final String name;
        private final ProfilerEvent.Kind kind;
        private final List<List<Long>> shapes;
        private final ArrayDeque<Open> stack;
        private final long start = System.nanoTime();
        private long childNs;
        private long selfBytes;
        private long childBytes;
        private boolean closed;

        private Open(Recorder recorder, long id, long parentId, String name, ProfilerEvent.Kind kind,
                List<List<Long>> shapes, ArrayDeque<Open> stack) {
            this.recorder = recorder;
            this.id = id;
            this.parentId = parentId;
            this.name = name;
            this.kind = kind;
            this.shapes = shapes;
            this.stack = stack;
        }

        /** Counts {@code bytes} as allocated by this range itself. */
        void allocated(long bytes) {
            selfBytes += bytes;
        }

        @Override
        public void close() {
            finish(true);
        }

        /** Ends the range without an event (a kernel the backend declined). */
        void discard() {
            finish(false);
        }

        private void finish(boolean record) {
            if (closed) return;
            closed = true;
            long duration = System.nanoTime() - start;
            // ranges close in order; one left open by an exception is closed with its parent
            while (!stack.isEmpty() && stack.peek() != this && stack.contains(this)) stack.pop().close();
            stack.remove(this);
            if (!record || recorder.stopped) return;
            Open parent = stack.peek();
            if (parent != null) {
                parent.childNs += duration;
                parent.childBytes += selfBytes + childBytes;
            }
            ProfilerEvent e = new ProfilerEvent(id, parentId, name, kind, Thread.currentThread().threadId(),
                    start - recorder.originNs, duration, duration - childNs, shapes, selfBytes + childBytes, selfBytes);
            synchronized (recorder.done) {
                recorder.done.add(e);
            }
        }
    }
}
