package org.torch4j.tensorboard;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32C;

/**
 * One TensorBoard event file ({@code events.out.tfevents.<seconds>.<host>.<pid>.<n><suffix>}): TFRecord-framed
 * serialized {@code Event}s (length, masked CRC-32C of the length, data, masked CRC-32C of the data). Records wait
 * in memory until {@code maxQueue} are pending or {@code flushSecs} have passed since the last write, as PyTorch's
 * asynchronous writer batches them; {@link #flush()} and {@link #close()} write them out at once.
 */
final class EventFile implements AutoCloseable {
    private static final AtomicInteger UID = new AtomicInteger();

    private final Path path;
    private final int maxQueue;
    private final long flushNanos;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private int pendingCount;
    private long lastFlush = System.nanoTime();
    private OutputStream out;

    EventFile(Path logDir, int maxQueue, double flushSecs, String filenameSuffix, double wallTime) {
        this.maxQueue = maxQueue;
        this.flushNanos = (long) (flushSecs * 1e9);
        String name = String.format("events.out.tfevents.%010d.%s.%d.%d", (long) wallTime, hostName(), ProcessHandle.current().pid(),
                UID.getAndIncrement()) + filenameSuffix;
        this.path = logDir.resolve(name);
        try {
            Files.createDirectories(logDir);
            out = Files.newOutputStream(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the event file " + path + ": " + e.getMessage(), e);
        }
        add(new ProtoWriter().always(1, wallTime).string(3, "brain.Event:2")
                .message(10, new ProtoWriter().string(1, "org.torch4j.tensorboard")).toBytes());
        flush();
    }

    Path path() {
        return path;
    }

    /** Queues one serialized Event. */
    synchronized void add(byte[] event) {
        if (out == null) throw new IllegalStateException("the event file " + path + " is closed");
        ByteBuffer record = ByteBuffer.allocate(16 + event.length).order(ByteOrder.LITTLE_ENDIAN);
        record.putLong(event.length).putInt(maskedCrc(record.array(), 0, 8)).put(event).putInt(maskedCrc(event, 0, event.length));
        pending.writeBytes(record.array());
        if (++pendingCount >= maxQueue || System.nanoTime() - lastFlush >= flushNanos) flush();
    }

    synchronized void flush() {
        if (out == null) return;
        try {
            pending.writeTo(out);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the event file " + path + ": " + e.getMessage(), e);
        }
        pending.reset();
        pendingCount = 0;
        lastFlush = System.nanoTime();
    }

    @Override
    public synchronized void close() {
        if (out == null) return;
        try {
            flush();
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the event file " + path + ": " + e.getMessage(), e);
        } finally {
            out = null;
        }
    }

    /** TFRecord's checksum: CRC-32C rotated right by 15 bits plus a constant. */
    static int maskedCrc(byte[] data, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(data, offset, length);
        int x = (int) crc.getValue();
        return ((x >>> 15) | (x << 17)) + 0xA282EAD8;
    }

    static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
