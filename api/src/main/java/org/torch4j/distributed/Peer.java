package org.torch4j.distributed;

import java.io.EOFException;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SocketChannel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One connection of the mesh: frames to one other rank go through a writer thread (so a rank can send and receive
 * at once), frames from it are read by a reader thread into one queue per tag. A frame is a header (tag, payload
 * length, operation, dtype, element count of the whole operation, for the mismatch checks) and its payload.
 */
final class Peer implements AutoCloseable {
    static final int HEADER = 4 + 8 + 4 + 4 + 8;
    /** The tag of the last frame a rank sends when it destroys its group in order. */
    static final int BYE = Integer.MIN_VALUE + 1;
    private static final int CHUNK = 1 << 20;
    private static final Frame POISON = new Frame(0, 0, 0, null, null);

    /**
     * A received frame: its payload is read straight into a pooled direct buffer, handed back by
     * {@link #release}; {@code payload} is null for the end-of-connection marker.
     */
    record Frame(int op, int dtype, long count, MemorySegment payload, ByteBuffer buffer) {}

    private final java.util.concurrent.ConcurrentLinkedQueue<ByteBuffer> pool = new java.util.concurrent.ConcurrentLinkedQueue<>();

    final int rank;
    private final SocketChannel channel;
    private final Mesh mesh;
    private final ConcurrentHashMap<Integer, LinkedBlockingQueue<Frame>> inbox = new ConcurrentHashMap<>();
    private final ExecutorService writer;
    private volatile DistributedException failure;

    Peer(int rank, SocketChannel channel, Mesh mesh) throws IOException {
        this.rank = rank;
        this.channel = channel;
        this.mesh = mesh;
        channel.socket().setTcpNoDelay(true);
        String name = "torch4j-dist rank " + mesh.rank + " -> " + rank;
        writer = Executors.newSingleThreadExecutor(r -> daemon(r, name + " writer"));
        daemon(this::readLoop, name + " reader").start();
    }

    static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private LinkedBlockingQueue<Frame> queue(int tag) {
        return inbox.computeIfAbsent(tag, k -> new LinkedBlockingQueue<>());
    }

    /**
     * Queues a frame of {@code n} elements of {@code array} from {@code from}, written in {@code layout}; the
     * future completes once it is on the wire. The array must not change until then.
     */
    CompletableFuture<Void> send(int tag, int op, int dtype, long count, Object array, int from, int n, ValueLayout layout) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            writer.execute(() -> {
                try {
                    write(tag, op, dtype, count, array, from, n, layout);
                    done.complete(null);
                } catch (Throwable e) {
                    DistributedException f = fail(e);
                    done.completeExceptionally(f);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            done.completeExceptionally(failure != null ? failure : new DistributedException("the process group was destroyed"));
        }
        return done;
    }

    private final ThreadLocal<ByteBuffer> buffers = ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(CHUNK).order(ByteOrder.LITTLE_ENDIAN));

    private void write(int tag, int op, int dtype, long count, Object array, int from, int n, ValueLayout layout) throws IOException {
        ByteBuffer buf = buffers.get();
        buf.clear();
        MemorySegment seg = MemorySegment.ofBuffer(buf); // the whole buffer: segments start at the buffer's position
        long bytes = (long) n * layout.byteSize();
        buf.putInt(tag).putLong(bytes).putInt(op).putInt(dtype).putLong(count);
        int item = (int) layout.byteSize();
        int done = 0;
        while (true) {
            int room = (buf.capacity() - buf.position()) / item;
            int k = Math.min(room, n - done);
            if (k > 0) {
                MemorySegment.copy(array, from + done, seg, layout, buf.position(), k);
                buf.position(buf.position() + k * item);
                done += k;
            }
            buf.flip();
            while (buf.hasRemaining()) channel.write(buf);
            buf.clear();
            if (done == n) return;
        }
    }

    /**
     * Tells the peer that this rank leaves in order, after the frames queued before: the peer then fails only what
     * still waits for this rank, instead of taking the end of the connection for a crash and aborting its mesh.
     */
    CompletableFuture<Void> bye() {
        return send(BYE, 0, 0, 0, new byte[0], 0, 0, ValueLayout.JAVA_BYTE);
    }

    private void readLoop() {
        ByteBuffer buf = ByteBuffer.allocateDirect(HEADER).order(ByteOrder.LITTLE_ENDIAN);
        try {
            while (true) {
                buf.clear().limit(HEADER);
                readFully(buf);
                buf.flip();
                int tag = buf.getInt();
                long len = buf.getLong();
                int op = buf.getInt(), dtype = buf.getInt();
                long count = buf.getLong();
                if (tag == BYE) {
                    left();
                    return;
                }
                int n = Math.toIntExact(len);
                ByteBuffer payload = n <= Collectives.SEGMENT_BYTES ? pool.poll() : null;
                if (payload == null) payload = ByteBuffer.allocateDirect(Math.max(n, Collectives.SEGMENT_BYTES));
                payload.clear().limit(n);
                readFully(payload);
                queue(tag).add(new Frame(op, dtype, count, MemorySegment.ofBuffer(payload.flip()), payload));
            }
        } catch (Throwable e) {
            fail(e);
        }
    }

    private void readFully(ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) {
            if (channel.read(buf) < 0) throw new EOFException();
        }
    }

    /** The peer destroyed its group: what waits for it fails, the rest of the mesh goes on. */
    private synchronized void left() {
        if (failure == null) {
            failure = new DistributedException("rank " + rank + " destroyed its process group");
            for (LinkedBlockingQueue<Frame> q : inbox.values()) q.add(POISON);
        }
    }

    /** Records the connection's end, wakes every receiver, and aborts the rest of the mesh. */
    private DistributedException fail(Throwable e) {
        synchronized (this) {
            if (failure == null) {
                String addr;
                try {
                    addr = String.valueOf(channel.getRemoteAddress());
                } catch (IOException | RuntimeException x) {
                    addr = "rank " + rank;
                }
                failure = mesh.closed() ? new DistributedException("the process group was destroyed")
                        : new DistributedException("Connection closed by peer " + addr + " (rank " + rank + ")", e);
                for (LinkedBlockingQueue<Frame> q : inbox.values()) q.add(POISON);
            }
        }
        mesh.abort();
        return failure;
    }

    /**
     * The next frame with {@code tag}, waiting at most {@code timeoutMs}.
     *
     * @throws DistributedException when the peer is gone or the timeout passes
     */
    Frame receive(int tag, long timeoutMs) {
        LinkedBlockingQueue<Frame> q = queue(tag);
        long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new DistributedException("Timed out waiting " + timeoutMs + "ms for recv operation to complete");
                }
                Frame f = q.poll(Math.min(left, 50_000_000L), TimeUnit.NANOSECONDS);
                if (f == POISON || (f == null && failure != null && q.isEmpty())) {
                    q.add(POISON);
                    throw new DistributedException(failure.getMessage(), failure);
                }
                if (f != null) return f;
            }
        } catch (InterruptedException e) {
            throw HashStore.interrupted(e);
        }
    }

    /** Hands a consumed frame's buffer back to the pool. */
    void release(Frame f) {
        if (f.buffer() != null && f.buffer().capacity() == Collectives.SEGMENT_BYTES) pool.offer(f.buffer());
    }

    @Override
    public void close() {
        writer.shutdown();
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
