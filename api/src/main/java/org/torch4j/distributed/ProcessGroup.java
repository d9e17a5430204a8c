package org.torch4j.distributed;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * A process group of PyTorch's "gloo" backend ({@code ProcessGroupGloo}): {@link #size()} ranks connected by a full
 * mesh of TCP connections, found through a {@link Store}. Every operation returns a {@link Work} at once; the
 * collectives run one after another on the group's worker thread, in the order they were called (which must be the
 * same on every rank), while {@link #send}/{@link #recv} run beside them. Ranks here are the group's own ranks (the
 * {@link Dist} facade translates global ranks).
 *
 * <p>Several ranks may live in one JVM (each with its own {@code ProcessGroup} object over a shared store), which is
 * how the tests run them.
 */
public final class ProcessGroup implements AutoCloseable {
    /** PyTorch's default timeout of collectives, 30 minutes. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(30);

    private final Store store;
    private final int rank, size;
    private final Duration timeout;
    private final int[] globalRanks;
    private final Mesh mesh;
    private final Collectives ops;
    private final ExecutorService worker;
    private final ExecutorService receivers;
    private int groupCount;
    private volatile boolean destroyed;

    /**
     * {@code ProcessGroupGloo(store, rank, size)} with the default timeout: connects to the other ranks.
     *
     * @param store the store the ranks meet in (use one {@link PrefixStore} per group when groups share a store)
     * @param rank this process's rank in {@code [0, size)}
     * @param size the number of ranks
     */
    public ProcessGroup(Store store, int rank, int size) {
        this(store, rank, size, DEFAULT_TIMEOUT);
    }

    /**
     * {@code ProcessGroupGloo(store, rank, size, timeout)}: connects to the other ranks.
     *
     * @param store the store the ranks meet in
     * @param rank this process's rank in {@code [0, size)}
     * @param size the number of ranks
     * @param timeout how long an operation (and connecting) may wait for the other ranks
     */
    public ProcessGroup(Store store, int rank, int size, Duration timeout) {
        this(store, rank, size, timeout, null);
    }

    ProcessGroup(Store store, int rank, int size, Duration timeout, int[] globalRanks) {
        if (size <= 0) throw new IllegalArgumentException("Invalid world size: " + size);
        if (rank < 0 || rank >= size) throw new IllegalArgumentException("Invalid rank " + rank + " for world size " + size);
        this.store = store;
        this.rank = rank;
        this.size = size;
        this.timeout = timeout;
        this.globalRanks = globalRanks;
        this.mesh = new Mesh(store, rank, size, timeout, bindAddress(store));
        this.ops = new Collectives(mesh);
        String name = "torch4j-dist rank " + rank + "/" + size;
        this.worker = Executors.newSingleThreadExecutor(r -> Peer.daemon(r, name + " worker"));
        this.receivers = Executors.newCachedThreadPool(r -> Peer.daemon(r, name + " recv"));
    }

    /** Where peers reach this process: the address it reaches a TCP store from, else the loopback. */
    private static InetAddress bindAddress(Store store) {
        while (store instanceof PrefixStore p) store = p.underlyingStore();
        if (store instanceof TCPStore t) return t.localAddress();
        return InetAddress.getLoopbackAddress();
    }

    /**
     * {@code rank()}: this process's rank in the group.
     *
     * @return the group rank
     */
    public int rank() {
        return rank;
    }

    /**
     * {@code size()}: the number of ranks.
     *
     * @return the group size
     */
    public int size() {
        return size;
    }

    /**
     * The backend's name, {@code "gloo"}.
     *
     * @return {@code "gloo"}
     */
    public String backend() {
        return "gloo";
    }

    /**
     * The timeout of this group's operations.
     *
     * @return the timeout
     */
    public Duration timeout() {
        return timeout;
    }

    /**
     * The store the group was made with.
     *
     * @return the store
     */
    public Store store() {
        return store;
    }

    /** The global rank of group rank {@code r} (the same when this group is not a subgroup). */
    int globalRank(int r) {
        return globalRanks == null ? r : globalRanks[r];
    }

    /** The group rank of global rank {@code g}, or -1 when it is not a member (unchecked when the group is no subgroup). */
    int groupRank(int g) {
        if (globalRanks == null) return g;
        for (int i = 0; i < globalRanks.length; i++) if (globalRanks[i] == g) return i;
        return -1;
    }

    /**
     * {@code new_group(ranks)} below this group: a group of the given ranks of this group (in that order of group
     * ranks). Every rank of this group must call it with the same ranks, members or not, in the same order as other
     * {@code newGroup} calls.
     *
     * @param ranks this group's ranks that make up the new group
     * @return the new group, or null on a rank that is not a member ({@code GroupMember.NON_GROUP_MEMBER})
     */
    public synchronized ProcessGroup newGroup(int... ranks) {
        int[] sorted = ranks.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < sorted.length; i++) {
            if (sorted[i] < 0 || sorted[i] >= size) {
                throw new IllegalArgumentException("The new group's rank should be within the the world_size set by init_process_group");
            }
            if (i > 0 && sorted[i] == sorted[i - 1]) throw new IllegalArgumentException("ranks must be unique, got " + Arrays.toString(ranks));
        }
        String name = Integer.toString(++groupCount);
        int me = -1;
        for (int i = 0; i < ranks.length; i++) if (ranks[i] == rank) me = i;
        if (me < 0) return null;
        int[] global = new int[ranks.length];
        for (int i = 0; i < ranks.length; i++) global[i] = globalRank(ranks[i]);
        return new ProcessGroup(new PrefixStore(name, store), me, ranks.length, timeout, global);
    }

    // ---- running ------------------------------------------------------------------------------------

    private void checkOpen() {
        if (destroyed) throw new IllegalStateException("the process group was destroyed");
    }

    private Work submit(Supplier<List<Tensor>> body) {
        checkOpen();
        CompletableFuture<List<Tensor>> f = new CompletableFuture<>();
        try {
            worker.execute(() -> run(body, f));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            throw new IllegalStateException("the process group was destroyed");
        }
        return new Work(f);
    }

    private static void run(Supplier<List<Tensor>> body, CompletableFuture<List<Tensor>> f) {
        try {
            f.complete(body.get());
        } catch (Throwable e) {
            f.completeExceptionally(e);
        }
    }

    private static HostBuffer[] buffers(List<Tensor> ts) {
        HostBuffer[] r = new HostBuffer[ts.size()];
        for (int i = 0; i < r.length; i++) r[i] = HostBuffer.of(ts.get(i));
        return r;
    }

    private static void writeBack(HostBuffer... bs) {
        for (HostBuffer b : bs) b.writeBack();
    }

    // ---- checks (PyTorch's messages) ----------------------------------------------------------------

    private void checkRoot(String op, int root) {
        if (root < 0 || root >= size) throw new IllegalArgumentException("ProcessGroupGloo::" + op + ": invalid root rank: " + root);
    }

    private static void checkOp(String op, Tensor t, ReduceOp r) {
        if (t.isComplex() && r != ReduceOp.SUM && r != ReduceOp.AVG) {
            throw new IllegalArgumentException(op + " does not support " + r + " on complex tensors");
        }
        boolean integral = t.dtype().kind() == DType.Kind.INTEGRAL || t.dtype() == DType.BOOL;
        if ((r == ReduceOp.BAND || r == ReduceOp.BOR || r == ReduceOp.BXOR) && !integral) {
            throw new IllegalArgumentException("Cannot use " + r + " with non-integral dtype");
        }
        if (r == ReduceOp.AVG && integral) throw new IllegalArgumentException("Cannot use ReduceOp.AVG with " + t.dtype().torchName() + " tensors");
    }

    private static void checkDtypes(List<Tensor> ts, Tensor like) {
        for (Tensor t : ts) {
            if (t.dtype() != like.dtype()) {
                throw new IllegalArgumentException("Invalid usage of tensors with different dtypesFound torch." + t.dtype().torchName()
                        + " and  torch." + like.dtype().torchName());
            }
        }
    }

    private void checkListSize(String op, String what, List<Tensor> ts) {
        if (ts.size() != size) {
            throw new IllegalArgumentException("ProcessGroupGloo::" + op + ": invalid " + what + " tensor list at index 0 (expected length "
                    + size + ", got " + ts.size() + ")");
        }
    }

    private void checkPeer(String op, String what, int peer) {
        if (peer < 0 || peer >= size) throw new IllegalArgumentException("ProcessGroupGloo::" + op + ": invalid " + what + " rank: " + peer);
        if (peer == rank) throw new IllegalArgumentException("ProcessGroupGloo::" + op + ": " + what + " rank " + peer + " is this rank itself");
    }

    // ---- collectives --------------------------------------------------------------------------------

    /**
     * {@code allreduce}: every rank's {@code tensor} becomes the reduction of all ranks' tensors.
     *
     * @param tensor the input, overwritten with the result
     * @param op how to combine
     * @return the running operation
     */
    public Work allReduce(Tensor tensor, ReduceOp op) {
        checkOp("all_reduce", tensor, op);
        return submit(() -> {
            HostBuffer b = HostBuffer.of(tensor);
            ops.allReduce(b, op);
            b.writeBack();
            return List.of(tensor);
        });
    }

    /**
     * {@code broadcast}: every rank's {@code tensor} becomes {@code root}'s.
     *
     * @param tensor the data on root, overwritten elsewhere
     * @param root the group rank that sends
     * @return the running operation
     */
    public Work broadcast(Tensor tensor, int root) {
        checkRoot("broadcast", root);
        return submit(() -> {
            HostBuffer b = HostBuffer.of(tensor);
            ops.broadcast(b, root);
            b.writeBack();
            return List.of(tensor);
        });
    }

    /**
     * {@code reduce}: {@code root}'s tensor becomes the reduction of all ranks' tensors (the others keep theirs).
     *
     * @param tensor the input, overwritten with the result on root
     * @param root the group rank that receives
     * @param op how to combine
     * @return the running operation
     */
    public Work reduce(Tensor tensor, int root, ReduceOp op) {
        checkRoot("reduce", root);
        checkOp("reduce", tensor, op);
        return submit(() -> {
            HostBuffer b = HostBuffer.of(tensor);
            ops.reduce(b, root, op);
            if (rank == root) b.writeBack();
            return List.of(tensor);
        });
    }

    /**
     * {@code allgather}: {@code outputs.get(r)} becomes rank r's {@code input} on every rank.
     *
     * @param outputs one tensor per rank, of the input's size and dtype
     * @param input this rank's contribution
     * @return the running operation
     */
    public Work allGather(List<Tensor> outputs, Tensor input) {
        checkListSize("allgather", "output", outputs);
        checkDtypes(outputs, input);
        for (int i = 0; i < outputs.size(); i++) {
            if (outputs.get(i).numel() != input.numel()) {
                throw new IllegalArgumentException("ProcessGroupGloo::allgather: invalid tensor size at index " + i + " (expected "
                        + input.numel() + ", got " + outputs.get(i).numel() + ")");
            }
        }
        List<Tensor> outs = List.copyOf(outputs);
        return submit(() -> {
            HostBuffer[] o = buffers(outs);
            ops.allGather(o, HostBuffer.of(input));
            writeBack(o);
            return outs;
        });
    }

    /**
     * {@code _allgather_base} ({@code all_gather_into_tensor}): rank r's input lands in the r-th part of
     * {@code output}, whose size is the group size times the input's.
     *
     * @param output the result, {@code size()} times as many elements as the input
     * @param input this rank's contribution
     * @return the running operation
     */
    public Work allGatherIntoTensor(Tensor output, Tensor input) {
        checkDtypes(List.of(output), input);
        if (output.numel() != input.numel() * size) {
            throw new IllegalArgumentException("output tensor size must be equal to world_size times input tensor size");
        }
        return submit(() -> {
            HostBuffer o = HostBuffer.of(output);
            ops.allGatherInto(o, HostBuffer.of(input));
            o.writeBack();
            return List.of(output);
        });
    }

    /**
     * {@code gather}: on {@code root}, {@code outputs.get(r)} becomes rank r's input.
     *
     * @param outputs on root one tensor per rank; elsewhere an empty list (or null)
     * @param input this rank's contribution
     * @param root the group rank that receives
     * @return the running operation
     */
    public Work gather(List<Tensor> outputs, Tensor input, int root) {
        checkRoot("gather", root);
        List<Tensor> outs = outputs == null ? List.of() : List.copyOf(outputs);
        if (rank == root) {
            if (outs.size() != size) {
                throw new IllegalArgumentException("ProcessGroupGloo::gather: Incorrect output list size " + outs.size()
                        + ". Output list size should be " + size + ", same as size of the process group.");
            }
            checkDtypes(outs, input);
        } else if (!outs.isEmpty()) {
            throw new IllegalArgumentException("ProcessGroupGloo::gather: Incorrect output list size " + outs.size()
                    + ". Output list size should be 0, for the process group with non-root rank.");
        }
        return submit(() -> {
            HostBuffer[] o = buffers(outs);
            ops.gather(o, HostBuffer.of(input), root);
            writeBack(o);
            return outs;
        });
    }

    /**
     * {@code scatter}: rank r's {@code output} becomes {@code root}'s {@code inputs.get(r)}.
     *
     * @param output this rank's result
     * @param inputs on root one tensor per rank; elsewhere an empty list (or null)
     * @param root the group rank that sends
     * @return the running operation
     */
    public Work scatter(Tensor output, List<Tensor> inputs, int root) {
        checkRoot("scatter", root);
        List<Tensor> ins = inputs == null ? List.of() : List.copyOf(inputs);
        if (rank == root) {
            if (ins.size() != size) {
                throw new IllegalArgumentException("ProcessGroupGloo::scatter: Incorrect input list size " + ins.size()
                        + ". Input list size should be " + size + ", same as size of the process group.");
            }
            checkDtypes(ins, output);
        } else if (!ins.isEmpty()) {
            throw new IllegalArgumentException("ProcessGroupGloo::scatter: Incorrect input list size " + ins.size()
                    + ". Input list size should be 0, for the process group with non-root rank.");
        }
        return submit(() -> {
            HostBuffer o = HostBuffer.of(output);
            ops.scatter(o, buffers(ins), root);
            o.writeBack();
            return List.of(output);
        });
    }

    /**
     * {@code reduce_scatter}: rank r's {@code output} becomes the reduction of every rank's {@code inputs.get(r)}.
     * PyTorch's gloo has none ("ProcessGroupGloo does not support reduce_scatter"); this is NCCL's semantics.
     *
     * @param output this rank's result
     * @param inputs one tensor per rank, each of the output's size
     * @param op how to combine
     * @return the running operation
     */
    public Work reduceScatter(Tensor output, List<Tensor> inputs, ReduceOp op) {
        checkListSize("reduce_scatter", "input", inputs);
        checkDtypes(inputs, output);
        checkOp("reduce_scatter", output, op);
        for (Tensor t : inputs) {
            if (t.numel() != output.numel()) throw new IllegalArgumentException("reduce_scatter: every input must have the output's size");
        }
        List<Tensor> ins = List.copyOf(inputs);
        return submit(() -> {
            HostBuffer o = HostBuffer.of(output);
            ops.reduceScatter(o, buffers(ins), op);
            o.writeBack();
            return List.of(output);
        });
    }

    /**
     * {@code alltoall_base} ({@code all_to_all_single}): the input's dim-0 rows are split by {@code inputSplitSizes}
     * (equal parts when null), part r going to rank r; the parts received land, in rank order, in the output's rows
     * split by {@code outputSplitSizes}.
     *
     * @param output the result
     * @param input this rank's data
     * @param outputSplitSizes rows received from each rank, or null for equal parts
     * @param inputSplitSizes rows sent to each rank, or null for equal parts
     * @return the running operation
     */
    public Work allToAllSingle(Tensor output, Tensor input, long[] outputSplitSizes, long[] inputSplitSizes) {
        checkDtypes(List.of(output), input);
        int[][] in = bounds(input, inputSplitSizes), out = bounds(output, outputSplitSizes);
        return submit(() -> {
            HostBuffer o = HostBuffer.of(output), i = HostBuffer.of(input);
            HostBuffer[] os = new HostBuffer[size], is = new HostBuffer[size];
            Arrays.fill(os, o);
            Arrays.fill(is, i);
            ops.allToAll(os, out[0], out[1], is, in[0], in[1]);
            o.writeBack();
            return List.of(output);
        });
    }

    /** Element ranges [lo, hi) of each rank's part of {@code t}'s dim-0 rows. */
    private int[][] bounds(Tensor t, long[] splits) {
        long rows = t.dim() == 0 ? 1 : t.size(0);
        long row = rows == 0 ? 0 : t.numel() / rows;
        if (splits == null) {
            if (rows % size != 0) throw new IllegalArgumentException("Tensor's dim 0 does not divide equally across group size");
            splits = new long[size];
            Arrays.fill(splits, rows / size);
        } else {
            if (splits.length != size) throw new IllegalArgumentException("Number of tensor splits not equal to group size");
            if (Arrays.stream(splits).sum() != rows) throw new IllegalArgumentException("Split sizes doesn't match total dim 0 size");
        }
        int[][] r = new int[2][size];
        long at = 0;
        for (int i = 0; i < size; i++) {
            r[0][i] = Math.toIntExact(at * row);
            at += splits[i];
            r[1][i] = Math.toIntExact(at * row);
        }
        return r;
    }

    /**
     * {@code alltoall}: {@code outputs.get(q)} becomes rank q's {@code inputs.get(r)} on rank r. PyTorch's gloo has none
     * ("ProcessGroup gloo does not support alltoall"); this is NCCL's semantics.
     *
     * @param outputs one tensor per rank
     * @param inputs one tensor per rank
     * @return the running operation
     */
    public Work allToAll(List<Tensor> outputs, List<Tensor> inputs) {
        checkListSize("alltoall", "output", outputs);
        checkListSize("alltoall", "input", inputs);
        checkDtypes(outputs, inputs.get(0));
        checkDtypes(inputs, inputs.get(0));
        List<Tensor> outs = List.copyOf(outputs), ins = List.copyOf(inputs);
        return submit(() -> {
            HostBuffer[] o = buffers(outs), i = buffers(ins);
            int[] zeros = new int[size], oHi = new int[size], iHi = new int[size];
            for (int r = 0; r < size; r++) {
                oHi[r] = o[r].count;
                iHi[r] = i[r].count;
            }
            ops.allToAll(o, zeros, oHi, i, zeros, iHi);
            writeBack(o);
            return outs;
        });
    }

    /**
     * {@code barrier}: completes once every rank reached it.
     *
     * @return the running operation
     */
    public Work barrier() {
        return submit(() -> {
            ops.barrier(HostBuffer.of(Torch.empty(new long[] {0}, DType.UINT8)));
            return List.of();
        });
    }

    /**
     * {@code monitored_barrier(timeout, wait_all_ranks)}: a barrier that rank 0 watches; it fails on rank 0 naming
     * the rank (or, with {@code waitAllRanks}, every rank) that did not arrive within {@code timeout} ("Rank 1 failed
     * to pass monitoredBarrier in 1000 ms"), and on the others when rank 0 does not answer in time. It runs on the
     * calling thread, beside the queued collectives.
     *
     * @param timeout how long rank 0 waits for the others (and they for its answer)
     * @param waitAllRanks whether rank 0 waits for every rank before failing, to name them all
     */
    public void monitoredBarrier(Duration timeout, boolean waitAllRanks) {
        checkOpen();
        ops.monitoredBarrier(HostBuffer.of(Torch.empty(new long[] {0}, DType.UINT8)), timeout.toMillis(), waitAllRanks);
    }

    /**
     * {@code send}: sends {@code tensor} to rank {@code dst}; the work completes once it is on the wire.
     *
     * @param tensor the data (it must not change until the work completes)
     * @param dst the group rank that receives
     * @param tag matches the receiver's tag
     * @return the running operation
     */
    public Work send(Tensor tensor, int dst, int tag) {
        checkPeer("send", "destination", dst);
        checkOpen();
        HostBuffer b = HostBuffer.of(tensor);
        CompletableFuture<Void> all = CompletableFuture.allOf(ops.sendTo(b, dst, tag).toArray(CompletableFuture[]::new));
        return new Work(all.thenApply(v -> List.of(tensor)));
    }

    /**
     * {@code recv}: fills {@code tensor} with what rank {@code src} sent with the same tag.
     *
     * @param tensor the result, of the sent tensor's size and dtype
     * @param src the group rank that sends
     * @param tag matches the sender's tag
     * @return the running operation
     */
    public Work recv(Tensor tensor, int src, int tag) {
        checkPeer("recv", "source", src);
        checkOpen();
        CompletableFuture<List<Tensor>> f = new CompletableFuture<>();
        receivers.execute(() -> run(() -> {
            HostBuffer b = HostBuffer.of(tensor);
            ops.recvFrom(b, src, tag);
            b.writeBack();
            return List.of(tensor);
        }, f));
        return new Work(f);
    }

    /**
     * Whether {@link #close()} was called.
     *
     * @return true once destroyed
     */
    public boolean isDestroyed() {
        return destroyed;
    }

    /** {@code destroy_process_group(group)}: closes the connections; later operations fail. */
    @Override
    public void close() {
        if (destroyed) return;
        destroyed = true;
        worker.shutdown();
        try {
            // operations already started get a moment to finish; a hung one fails when the mesh closes
            worker.awaitTermination(Math.min(timeout.toMillis(), 5000), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        mesh.close();
        receivers.shutdownNow();
        worker.shutdownNow();
    }

    /** The group's print form, with its rank and size. */
    @Override
    public String toString() {
        return "ProcessGroupGloo(rank=" + rank + ", size=" + size + ")";
    }
}
