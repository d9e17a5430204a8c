package org.torch4j.distributed;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.torch4j.DType;

/**
 * The algorithms of the collectives over a {@link Mesh}, run on the group's worker thread so that every rank runs
 * them in the same order. Data moves in frames of at most {@link #SEGMENT_BYTES}; every frame carries the
 * operation, dtype and element count its sender meant, and a receiver that expected something else fails with both
 * descriptions. All-reduce of at least {@link #RING_MIN_BYTES} is a ring (reduce-scatter then all-gather, each
 * chunk in segments, sends overlapping receives and reductions); smaller ones send everything to everyone and
 * reduce in rank order, so every rank gets the same bits either way.
 */
final class Collectives {
    static final int TAG = Integer.MIN_VALUE;
    static final int SEGMENT_BYTES = 256 << 10;
    static final int RING_MIN_BYTES = 64 << 10;
    /** Two ranks send the same bytes either way; the direct exchange saves a round trip up to this size. */
    static final int PAIR_RING_MIN_BYTES = 256 << 10;

    /** The operations, for the frames' headers and the mismatch messages. */
    enum Op { ALL_REDUCE, BROADCAST, REDUCE, ALL_GATHER, GATHER, SCATTER, REDUCE_SCATTER, ALL_TO_ALL, BARRIER, SEND }

    /** What to do with a received segment: {@code (payload, byteOffset, at, n)}. */
    @FunctionalInterface
    interface Sink {
        void accept(MemorySegment payload, long byteOffset, int at, int n);
    }

    private final Mesh mesh;

    Collectives(Mesh mesh) {
        this.mesh = mesh;
    }

    // ---- frames -----------------------------------------------------------------------------------

    private static int segment(HostBuffer b) {
        return Math.max(1, SEGMENT_BYTES / (int) b.layout.byteSize());
    }

    /** Sends elements [lo, hi) of {@code b} to {@code peer} in segments (at least one frame, maybe empty). */
    List<CompletableFuture<Void>> send(int peer, int tag, Op op, HostBuffer b, long count, int lo, int hi) {
        List<CompletableFuture<Void>> fs = new ArrayList<>();
        int seg = segment(b);
        int at = lo;
        do {
            int n = Math.min(seg, hi - at);
            fs.add(mesh.peer(peer).send(tag, op.ordinal(), b.tensor.dtype().ordinal(), count, b.array, b.offset + at, n, b.layout));
            at += n;
        } while (at < hi);
        return fs;
    }

    /** Receives elements [lo, hi) from {@code peer}, segment by segment, handing each to {@code sink}. */
    void recv(int peer, int tag, Op op, HostBuffer b, long count, int lo, int hi, Sink sink) {
        recv(peer, tag, op, b, count, lo, hi, sink, mesh.timeoutMs);
    }

    /** {@link #recv} waiting at most {@code timeoutMs} for each frame. */
    void recv(int peer, int tag, Op op, HostBuffer b, long count, int lo, int hi, Sink sink, long timeoutMs) {
        int seg = segment(b);
        int at = lo;
        long item = b.layout.byteSize();
        do {
            int n = Math.min(seg, hi - at);
            Peer.Frame f = mesh.peer(peer).receive(tag, timeoutMs);
            if (f.op() != op.ordinal() || f.dtype() != b.tensor.dtype().ordinal() || f.count() != count || f.payload().byteSize() != n * item) {
                throw new DistributedException("ranks disagree about the operation: rank " + peer + " sent "
                        + describe(f.op(), DType.values()[f.dtype()], f.count()) + " while rank " + mesh.rank + " runs "
                        + describe(op.ordinal(), b.tensor.dtype(), count));
            }
            sink.accept(f.payload(), 0, at, n);
            mesh.peer(peer).release(f);
            at += n;
        } while (at < hi);
    }

    private static String describe(int op, DType dtype, long count) {
        String name = op >= 0 && op < Op.values().length ? Op.values()[op].name().toLowerCase(java.util.Locale.ROOT) : "op " + op;
        return name + " of " + count + " " + dtype.torchName() + " element" + (count == 1 ? "" : "s");
    }

    static void await(List<CompletableFuture<Void>> fs) {
        for (CompletableFuture<Void> f : fs) {
            try {
                f.get();
            } catch (InterruptedException e) {
                throw HashStore.interrupted(e);
            } catch (ExecutionException e) {
                throw Work.rethrown(e.getCause());
            }
        }
    }

    private static Sink copyInto(HostBuffer b) {
        return b::copyIn;
    }

    private static Sink reduceInto(HostBuffer b, ReduceOp op) {
        return (p, off, at, n) -> ReduceKernels.reduce(op, b, p, off, at, n);
    }

    /** The elements [lo, hi) of a buffer as little-endian bytes. */
    private static MemorySegment bytes(HostBuffer b, int lo, int hi) {
        byte[] r = new byte[Math.toIntExact((long) (hi - lo) * b.layout.byteSize())];
        MemorySegment.copy(b.array, b.offset + lo, MemorySegment.ofArray(r), b.layout, 0, hi - lo);
        return MemorySegment.ofArray(r);
    }

    private static void copyLocal(HostBuffer from, int fromAt, HostBuffer to, int toAt, int n) {
        System.arraycopy(from.array, from.offset + fromAt, to.array, to.offset + toAt, n);
    }

    // ---- collectives ------------------------------------------------------------------------------

    void allReduce(HostBuffer b, ReduceOp op) {
        int n = mesh.size;
        if (n > 1) {
            if ((long) b.count * b.layout.byteSize() < (n == 2 ? PAIR_RING_MIN_BYTES : RING_MIN_BYTES) || b.count < n) inRankOrder(b, op, Op.ALL_REDUCE, -1);
            else ring(b, op);
        }
        if (op == ReduceOp.AVG) divide(b, n);
    }

    /**
     * Everyone's buffer to {@code root} (to everyone when root is -1), reduced in rank order: rank 0's values
     * first, then op with rank 1's, and so on.
     */
    private void inRankOrder(HostBuffer b, ReduceOp op, Op kind, int root) {
        List<CompletableFuture<Void>> sent = new ArrayList<>();
        for (int r = 0; r < mesh.size; r++) {
            if (r != mesh.rank && (root < 0 || r == root)) sent.addAll(send(r, TAG, kind, b, b.count, 0, b.count));
        }
        await(sent);
        if (root >= 0 && root != mesh.rank) return;
        MemorySegment own = bytes(b, 0, b.count);
        for (int r = 0; r < mesh.size; r++) {
            Sink sink = r == 0 ? copyInto(b) : reduceInto(b, op);
            if (r == mesh.rank) sink.accept(own, 0, 0, b.count);
            else recv(r, TAG, kind, b, b.count, 0, b.count, sink);
        }
    }

    private void ring(HostBuffer b, ReduceOp op) {
        int n = mesh.size, rank = mesh.rank;
        int right = (rank + 1) % n, left = (rank - 1 + n) % n;
        int[] bound = new int[n + 1];
        for (int c = 0; c <= n; c++) bound[c] = (int) ((long) c * b.count / n);
        for (int s = 0; s < n - 1; s++) {
            int out = Math.floorMod(rank - s, n), in = Math.floorMod(rank - s - 1, n);
            List<CompletableFuture<Void>> sent = send(right, TAG, Op.ALL_REDUCE, b, b.count, bound[out], bound[out + 1]);
            recv(left, TAG, Op.ALL_REDUCE, b, b.count, bound[in], bound[in + 1], reduceInto(b, op));
            await(sent);
        }
        for (int s = 0; s < n - 1; s++) {
            int out = Math.floorMod(rank + 1 - s, n), in = Math.floorMod(rank - s, n);
            List<CompletableFuture<Void>> sent = send(right, TAG, Op.ALL_REDUCE, b, b.count, bound[out], bound[out + 1]);
            recv(left, TAG, Op.ALL_REDUCE, b, b.count, bound[in], bound[in + 1], copyInto(b));
            await(sent);
        }
    }

    /** AVG's division by the group size (floating values; complex as their real pairs). */
    static void divide(HostBuffer b, int n) {
        switch (b.dtype) {
            case FLOAT32 -> { float[] a = (float[]) b.array; for (int i = 0; i < b.count; i++) a[b.offset + i] /= n; }
            case FLOAT64 -> { double[] a = (double[]) b.array; for (int i = 0; i < b.count; i++) a[b.offset + i] /= n; }
            case FLOAT16, BFLOAT16 -> {
                short[] a = (short[]) b.array;
                boolean bf = b.dtype == DType.BFLOAT16;
                for (int i = 0; i < b.count; i++) a[b.offset + i] = ReduceKernels.fromFloat(ReduceKernels.toFloat(a[b.offset + i], bf) / n, bf);
            }
            default -> throw new IllegalArgumentException("Cannot use ReduceOp.AVG with " + b.dtype.torchName() + " tensors");
        }
    }

    void broadcast(HostBuffer b, int root) {
        if (mesh.rank == root) {
            List<CompletableFuture<Void>> sent = new ArrayList<>();
            for (int r = 0; r < mesh.size; r++) if (r != root) sent.addAll(send(r, TAG, Op.BROADCAST, b, b.count, 0, b.count));
            await(sent);
        } else {
            recv(root, TAG, Op.BROADCAST, b, b.count, 0, b.count, copyInto(b));
        }
    }

    void reduce(HostBuffer b, int root, ReduceOp op) {
        inRankOrder(b, op, Op.REDUCE, root);
        if (op == ReduceOp.AVG && mesh.rank == root) divide(b, mesh.size);
    }

    void allGather(HostBuffer[] outs, HostBuffer in) {
        List<CompletableFuture<Void>> sent = new ArrayList<>();
        for (int r = 0; r < mesh.size; r++) if (r != mesh.rank) sent.addAll(send(r, TAG, Op.ALL_GATHER, in, in.count, 0, in.count));
        copyLocal(in, 0, outs[mesh.rank], 0, in.count);
        for (int r = 0; r < mesh.size; r++) {
            if (r != mesh.rank) recv(r, TAG, Op.ALL_GATHER, outs[r], outs[r].count, 0, outs[r].count, copyInto(outs[r]));
        }
        await(sent);
    }

    /** All-gather into one tensor: rank r's input lands at elements [r * n, (r + 1) * n) of {@code out}. */
    void allGatherInto(HostBuffer out, HostBuffer in) {
        int n = in.count;
        List<CompletableFuture<Void>> sent = new ArrayList<>();
        for (int r = 0; r < mesh.size; r++) if (r != mesh.rank) sent.addAll(send(r, TAG, Op.ALL_GATHER, in, n, 0, n));
        copyLocal(in, 0, out, mesh.rank * n, n);
        for (int r = 0; r < mesh.size; r++) {
            if (r != mesh.rank) recv(r, TAG, Op.ALL_GATHER, out, n, r * n, (r + 1) * n, copyInto(out));
        }
        await(sent);
    }

    void gather(HostBuffer[] outs, HostBuffer in, int root) {
        if (mesh.rank != root) {
            await(send(root, TAG, Op.GATHER, in, in.count, 0, in.count));
            return;
        }
        copyLocal(in, 0, outs[root], 0, in.count);
        for (int r = 0; r < mesh.size; r++) {
            if (r != root) recv(r, TAG, Op.GATHER, outs[r], outs[r].count, 0, outs[r].count, copyInto(outs[r]));
        }
    }

    void scatter(HostBuffer out, HostBuffer[] ins, int root) {
        if (mesh.rank != root) {
            recv(root, TAG, Op.SCATTER, out, out.count, 0, out.count, copyInto(out));
            return;
        }
        List<CompletableFuture<Void>> sent = new ArrayList<>();
        for (int r = 0; r < mesh.size; r++) if (r != root) sent.addAll(send(r, TAG, Op.SCATTER, ins[r], ins[r].count, 0, ins[r].count));
        copyLocal(ins[root], 0, out, 0, out.count);
        await(sent);
    }

    /** Rank r's result is the reduction, in rank order, of every rank's {@code ins[r]}. */
    void reduceScatter(HostBuffer out, HostBuffer[] ins, ReduceOp op) {
        List<CompletableFuture<Void>> sent = new ArrayList<>();
        for (int r = 0; r < mesh.size; r++) {
            if (r != mesh.rank) sent.addAll(send(r, TAG, Op.REDUCE_SCATTER, ins[r], ins[r].count, 0, ins[r].count));
        }
        MemorySegment own = bytes(ins[mesh.rank], 0, ins[mesh.rank].count);
        await(sent);
        for (int q = 0; q < mesh.size; q++) {
            Sink sink = q == 0 ? copyInto(out) : reduceInto(out, op);
            if (q == mesh.rank) sink.accept(own, 0, 0, out.count);
            else recv(q, TAG, Op.REDUCE_SCATTER, out, out.count, 0, out.count, sink);
        }
        if (op == ReduceOp.AVG) divide(out, mesh.size);
    }

    /** Elements [inLo[r], inHi[r]) of {@code ins[r]} go to rank r, landing at [outLo[q], outHi[q]) of its {@code outs[q]}. */
    void allToAll(HostBuffer[] outs, int[] outLo, int[] outHi, HostBuffer[] ins, int[] inLo, int[] inHi) {
        int n = mesh.size, me = mesh.rank;
        List<CompletableFuture<Void>> sent = new ArrayList<>();
        for (int r = 0; r < n; r++) {
            if (r != me) sent.addAll(send(r, TAG, Op.ALL_TO_ALL, ins[r], inHi[r] - inLo[r], inLo[r], inHi[r]));
        }
        if (inHi[me] - inLo[me] != outHi[me] - outLo[me]) {
            throw new IllegalArgumentException("Split sizes doesn't match total dim 0 size");
        }
        copyLocal(ins[me], inLo[me], outs[me], outLo[me], inHi[me] - inLo[me]);
        for (int q = 0; q < n; q++) {
            if (q != me) recv(q, TAG, Op.ALL_TO_ALL, outs[q], outHi[q] - outLo[q], outLo[q], outHi[q], copyInto(outs[q]));
        }
        await(sent);
    }

    void barrier(HostBuffer empty) {
        List<CompletableFuture<Void>> sent = new ArrayList<>();
        for (int r = 0; r < mesh.size; r++) if (r != mesh.rank) sent.addAll(send(r, TAG, Op.BARRIER, empty, 0, 0, 0));
        for (int r = 0; r < mesh.size; r++) if (r != mesh.rank) recv(r, TAG, Op.BARRIER, empty, 0, 0, 0, (p, o, a, k) -> { });
        await(sent);
    }

    /**
     * {@code monitored_barrier}: every other rank reports to rank 0 and waits for its answer; rank 0 names the
     * ranks that did not report within the timeout (the first, or all with {@code waitAllRanks}).
     */
    void monitoredBarrier(HostBuffer empty, long timeoutMs, boolean waitAllRanks) {
        int tag = Integer.MIN_VALUE + 2;
        Sink none = (p, o, a, k) -> { };
        if (mesh.rank != 0) {
            await(send(0, tag, Op.BARRIER, empty, 0, 0, 0));
            try {
                recv(0, tag, Op.BARRIER, empty, 0, 0, 0, none, timeoutMs);
            } catch (DistributedException e) {
                throw new DistributedException("Rank " + mesh.rank + " timed out in monitoredBarrier after " + timeoutMs + " ms", e);
            }
            return;
        }
        long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        List<Integer> failed = new ArrayList<>();
        for (int r = 1; r < mesh.size; r++) {
            try {
                recv(r, tag, Op.BARRIER, empty, 0, 0, 0, none, Math.max(1, (deadline - System.nanoTime()) / 1_000_000L));
            } catch (DistributedException e) {
                if (!waitAllRanks) throw new DistributedException("Rank " + r + " failed to pass monitoredBarrier in " + timeoutMs + " ms", e);
                failed.add(r);
            }
        }
        if (!failed.isEmpty()) {
            StringBuilder ranks = new StringBuilder();
            for (int r : failed) ranks.append(ranks.length() == 0 ? "" : ", ").append(r);
            throw new DistributedException("Ranks " + ranks + " failed to pass monitoredBarrier in " + timeoutMs + " ms");
        }
        List<CompletableFuture<Void>> sent = new ArrayList<>();
        for (int r = 1; r < mesh.size; r++) sent.addAll(send(r, tag, Op.BARRIER, empty, 0, 0, 0));
        await(sent);
    }

    List<CompletableFuture<Void>> sendTo(HostBuffer b, int dst, int tag) {
        return send(dst, tag, Op.SEND, b, b.count, 0, b.count);
    }

    void recvFrom(HostBuffer b, int src, int tag) {
        recv(src, tag, Op.SEND, b, b.count, 0, b.count, copyInto(b));
    }
}
