package org.torch4j.distributed;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * The full mesh of TCP connections between the ranks of one process group. Each rank listens on a free port and
 * publishes {@code host:port} in the group's store; rank i connects to every rank below it and accepts the ranks
 * above it. A hello (rank, world size) on each connection checks that the ranks agree on the size.
 */
final class Mesh implements AutoCloseable {
    final int rank, size;
    final long timeoutMs;
    private final Peer[] peers;
    private volatile boolean closed;

    Mesh(Store store, int rank, int size, Duration timeout, InetAddress bind) {
        this.rank = rank;
        this.size = size;
        this.timeoutMs = timeout.toMillis();
        this.peers = new Peer[size];
        long deadline = System.nanoTime() + timeout.toNanos();
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress(bind, 0), size);
            server.configureBlocking(false);
            store.set("mesh/" + rank, bind.getHostAddress() + ":" + server.socket().getLocalPort());
            for (int j = 0; j < rank; j++) {
                store.waitFor(List.of("mesh/" + j), timeout);
                String[] addr = new String(store.get("mesh/" + j), StandardCharsets.UTF_8).split(":");
                SocketChannel ch = SocketChannel.open(new InetSocketAddress(addr[0], Integer.parseInt(addr[1])));
                ByteBuffer hello = ByteBuffer.allocate(8).putInt(rank).putInt(size).flip();
                while (hello.hasRemaining()) ch.write(hello);
                peers[j] = new Peer(j, ch, this);
            }
            for (int accepted = 0; accepted < size - 1 - rank; ) {
                SocketChannel ch = server.accept();
                if (ch == null) {
                    if (System.nanoTime() > deadline) {
                        throw new DistributedException("Timed out after " + timeoutMs + "ms waiting for rank(s) above " + rank
                                + " to connect to the process group's mesh");
                    }
                    Thread.sleep(1);
                    continue;
                }
                ch.configureBlocking(true);
                ByteBuffer hello = ByteBuffer.allocate(8);
                while (hello.hasRemaining()) if (ch.read(hello) < 0) throw new IOException("connection closed during the hello");
                hello.flip();
                int peer = hello.getInt(), peerSize = hello.getInt();
                if (peerSize != size) {
                    ch.close();
                    throw new DistributedException("rank " + peer + " joined the process group with world size " + peerSize
                            + ", but rank " + rank + " has world size " + size);
                }
                if (peer <= rank || peer >= size || peers[peer] != null) {
                    ch.close();
                    throw new DistributedException("rank " + rank + " got a connection from rank " + peer + " twice or out of range");
                }
                peers[peer] = new Peer(peer, ch, this);
                accepted++;
            }
        } catch (IOException e) {
            close();
            throw new DistributedException("could not connect the process group's mesh (rank " + rank + "): " + e, e);
        } catch (InterruptedException e) {
            close();
            throw HashStore.interrupted(e);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    Peer peer(int r) {
        return peers[r];
    }

    boolean closed() {
        return closed;
    }

    /** Closes every connection after one failed, so the other ranks learn of it instead of waiting for a timeout. */
    void abort() {
        for (Peer p : peers) if (p != null) p.close();
    }

    /** Says goodbye to every peer (waiting at most 2 s for the frames before it to go out), then closes. */
    @Override
    public void close() {
        closed = true;
        long deadline = System.nanoTime() + 2_000_000_000L;
        java.util.List<java.util.concurrent.CompletableFuture<Void>> byes = new java.util.ArrayList<>();
        for (Peer p : peers) if (p != null) byes.add(p.bye());
        for (java.util.concurrent.CompletableFuture<Void> f : byes) {
            try {
                f.get(Math.max(1, deadline - System.nanoTime()), java.util.concurrent.TimeUnit.NANOSECONDS);
            } catch (Exception e) {
                // the peer is gone or slow: close anyway
            }
        }
        abort();
    }
}
