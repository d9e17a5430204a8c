package org.torch4j.distributed;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code torch.distributed.TCPStore}: a store served over TCP by one process (the master, usually rank 0, on the
 * master port) to clients in every process. Each {@code TCPStore} object is a client; the master's object also
 * runs the server (one thread per connected client) until it is {@linkplain #close closed}. The wire protocol is
 * torch4j's own (not PyTorch's), so a Java job cannot share a store with Python processes.
 *
 * <p>As in PyTorch, a master constructed with a world size waits until that many clients have connected
 * ({@code wait_for_workers}); a key missing after the timeout gives PyTorch's {@code "Socket Timeout"}.
 */
public final class TCPStore extends Store implements AutoCloseable {
    private static final String INIT_KEY = "init/";
    private static final byte SET = 0, GET = 1, ADD = 2, CAS = 3, WAIT = 4, CHECK = 5, DELETE = 6, NUM_KEYS = 7;

    private final ServerSocket server;
    private final Socket socket;
    private final DataInputStream in;
    private final DataOutputStream out;
    private final String host;
    private final int port;

    /**
     * {@code TCPStore(host_name, port, world_size, is_master, timeout)}, waiting for the workers.
     *
     * @param hostName the master's address
     * @param port the master's port (0 on the master: any free port, see {@link #port()})
     * @param worldSize how many clients the master waits for, or -1 for none ({@code None})
     * @param isMaster whether this process runs the server
     * @param timeout how long to wait for the server, the workers and keys
     */
    public TCPStore(String hostName, int port, int worldSize, boolean isMaster, Duration timeout) {
        this(hostName, port, worldSize, isMaster, timeout, true);
    }

    /**
     * {@code TCPStore(host_name, port, world_size, is_master, timeout, wait_for_workers)}.
     *
     * @param hostName the master's address
     * @param port the master's port (0 on the master: any free port, see {@link #port()})
     * @param worldSize how many clients the master waits for, or -1 for none ({@code None})
     * @param isMaster whether this process runs the server
     * @param timeout how long to wait for the server, the workers and keys
     * @param waitForWorkers whether the master's constructor waits until {@code worldSize} clients connected
     */
    public TCPStore(String hostName, int port, int worldSize, boolean isMaster, Duration timeout, boolean waitForWorkers) {
        super(timeout);
        this.host = hostName;
        try {
            if (isMaster) {
                server = new ServerSocket();
                server.setReuseAddress(true);
                server.bind(new InetSocketAddress(InetAddress.getByName(hostName), port), 512);
                port = server.getLocalPort();
                Thread t = new Thread(this::serve, "TCPStore server :" + port);
                t.setDaemon(true);
                t.start();
            } else {
                server = null;
            }
            this.port = port;
            socket = connect(hostName, port, timeout);
            in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
            out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream()));
        } catch (IOException e) {
            throw new DistributedException("The server socket has failed to listen on (" + hostName + ", " + port + "): " + e.getMessage(), e);
        }
        add(INIT_KEY, 1);
        if (isMaster && waitForWorkers && worldSize > 0) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (add(INIT_KEY, 0) < worldSize) {
                if (System.nanoTime() > deadline) throw new DistributedException("Timed out waiting for clients. "
                        + add(INIT_KEY, 0) + "/" + worldSize + " clients joined.");
                sleep(10);
            }
        }
    }

    private static Socket connect(String host, int port, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                Socket s = new Socket();
                s.setTcpNoDelay(true);
                s.connect(new InetSocketAddress(host, port), (int) Math.max(1, Math.min(timeout.toMillis(), 10_000)));
                return s;
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw new DistributedException("The client socket has timed out after " + timeout.toSeconds()
                            + "s while trying to connect to (" + host + ", " + port + ").", e);
                }
                sleep(20);
            }
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            throw HashStore.interrupted(e);
        }
    }

    /**
     * The master's host name, as given.
     *
     * @return the host
     */
    public String host() {
        return host;
    }

    /**
     * The server's port (the one bound when 0 was asked for).
     *
     * @return the port
     */
    public int port() {
        return port;
    }

    /** The address this client reached the master from (where peers of this process can reach it too). */
    InetAddress localAddress() {
        return socket.getLocalAddress();
    }

    // ---- client ---------------------------------------------------------------------------------

    @Override
    public synchronized void set(String key, byte[] value) {
        call(o -> {
            o.writeByte(SET);
            bytes(o, key.getBytes(StandardCharsets.UTF_8));
            bytes(o, value);
        });
    }

    @Override
    public synchronized byte[] get(String key) {
        call(o -> {
            o.writeByte(GET);
            bytes(o, key.getBytes(StandardCharsets.UTF_8));
            o.writeLong(timeout().toMillis());
        });
        return read(() -> {
            if (in.readByte() != 0) throw new DistributedException("Socket Timeout");
            return bytes(in);
        });
    }

    @Override
    public synchronized long add(String key, long amount) {
        call(o -> {
            o.writeByte(ADD);
            bytes(o, key.getBytes(StandardCharsets.UTF_8));
            o.writeLong(amount);
        });
        return read(in::readLong);
    }

    @Override
    public synchronized byte[] compareSet(String key, byte[] expected, byte[] desired) {
        call(o -> {
            o.writeByte(CAS);
            bytes(o, key.getBytes(StandardCharsets.UTF_8));
            bytes(o, expected);
            bytes(o, desired);
        });
        return read(() -> bytes(in));
    }

    @Override
    public synchronized void waitFor(List<String> keys, Duration timeout) {
        call(o -> {
            o.writeByte(WAIT);
            keys(o, keys);
            o.writeLong(timeout.toMillis());
        });
        if (read(in::readByte) != 0) throw new DistributedException("Socket Timeout");
    }

    @Override
    public synchronized boolean check(List<String> keys) {
        call(o -> {
            o.writeByte(CHECK);
            keys(o, keys);
        });
        return read(in::readBoolean);
    }

    @Override
    public synchronized boolean deleteKey(String key) {
        call(o -> {
            o.writeByte(DELETE);
            bytes(o, key.getBytes(StandardCharsets.UTF_8));
        });
        return read(in::readBoolean);
    }

    @Override
    public synchronized long numKeys() {
        call(o -> o.writeByte(NUM_KEYS));
        // the server's bookkeeping key ("init/") is counted, as PyTorch's
        return read(in::readLong);
    }

    /** Closes this client, and on the master the server and its connections. */
    @Override
    public void close() {
        try {
            socket.close();
            if (server != null) server.close();
        } catch (IOException ignored) {
            // closing
        }
    }

    private interface Writes {
        void to(DataOutputStream o) throws IOException;
    }

    private interface Reads<T> {
        T get() throws IOException;
    }

    private void call(Writes w) {
        try {
            w.to(out);
            out.flush();
        } catch (IOException e) {
            throw lost(e);
        }
    }

    private <T> T read(Reads<T> r) {
        try {
            return r.get();
        } catch (IOException e) {
            throw lost(e);
        }
    }

    private DistributedException lost(IOException e) {
        return new DistributedException("Connection to the TCPStore at (" + host + ", " + port + ") failed: " + e, e);
    }

    private static void bytes(DataOutputStream o, byte[] b) throws IOException {
        o.writeInt(b.length);
        o.write(b);
    }

    private static byte[] bytes(DataInputStream i) throws IOException {
        byte[] b = new byte[i.readInt()];
        i.readFully(b);
        return b;
    }

    private static void keys(DataOutputStream o, List<String> keys) throws IOException {
        o.writeInt(keys.size());
        for (String k : keys) bytes(o, k.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> keys(DataInputStream i) throws IOException {
        int n = i.readInt();
        List<String> r = new ArrayList<>(n);
        for (int k = 0; k < n; k++) r.add(new String(bytes(i), StandardCharsets.UTF_8));
        return r;
    }

    // ---- server ---------------------------------------------------------------------------------

    private final KeyValueTable table = new KeyValueTable();

    private void serve() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                s.setTcpNoDelay(true);
                Thread t = new Thread(() -> serve(s), "TCPStore client " + s.getRemoteSocketAddress());
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            DataInputStream i = new DataInputStream(new BufferedInputStream(s.getInputStream()));
            DataOutputStream o = new DataOutputStream(new BufferedOutputStream(s.getOutputStream()));
            while (true) {
                byte op = i.readByte();
                switch (op) {
                    case SET -> table.set(new String(bytes(i), StandardCharsets.UTF_8), bytes(i));
                    case GET -> {
                        String key = new String(bytes(i), StandardCharsets.UTF_8);
                        byte[] v = table.get(key, i.readLong());
                        o.writeByte(v == null ? 1 : 0);
                        if (v != null) bytes(o, v);
                    }
                    case ADD -> o.writeLong(table.add(new String(bytes(i), StandardCharsets.UTF_8), i.readLong()));
                    case CAS -> bytes(o, table.compareSet(new String(bytes(i), StandardCharsets.UTF_8), bytes(i), bytes(i)));
                    case WAIT -> {
                        List<String> k = keys(i);
                        o.writeByte(table.waitFor(k, i.readLong()) ? 0 : 1);
                    }
                    case CHECK -> o.writeBoolean(table.check(keys(i)));
                    case DELETE -> o.writeBoolean(table.delete(new String(bytes(i), StandardCharsets.UTF_8)));
                    case NUM_KEYS -> o.writeLong(table.size());
                    default -> throw new IOException("unknown TCPStore request " + op);
                }
                o.flush();
            }
        } catch (EOFException | InterruptedException e) {
            // the client left
        } catch (IOException e) {
            // connection lost: the client sees it
        }
    }
}
