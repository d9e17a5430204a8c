package org.torch4j.distributed;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * {@code torch.distributed}: the default process group of this JVM and the collectives, with PyTorch's names,
 * defaults and messages. Only the {@code "gloo"} backend exists (CPU tensors; tensors on other devices are staged
 * through host memory).
 *
 * <pre>{@code
 * Dist.initProcessGroup("gloo");                 // env://: MASTER_ADDR, MASTER_PORT, RANK, WORLD_SIZE
 * Tensor t = Torch.ones(4).mul(Dist.getRank() + 1);
 * Dist.allReduce(t);                             // the sum over the ranks, on every rank
 * Dist.destroyProcessGroup();
 * }</pre>
 *
 * <p>Every collective has a form with an explicit {@link ProcessGroup} and {@code asyncOp} (null for the default
 * group): with {@code asyncOp} it returns a {@link Work} at once, else it waits and returns null, as PyTorch's
 * {@code async_op}. Ranks given to these functions ({@code src}, {@code dst}) are global ranks, as in PyTorch.
 * Groups made directly (several ranks in one JVM) work with these forms without any default group.
 */
public final class Dist {
    private Dist() {}

    private static volatile ProcessGroup world;

    // ---- setup ------------------------------------------------------------------------------------------

    /**
     * {@code is_available()}: true, the package exists.
     *
     * @return true
     */
    public static boolean isAvailable() {
        return true;
    }

    /**
     * {@code is_gloo_available()}: true.
     *
     * @return true
     */
    public static boolean isGlooAvailable() {
        return true;
    }

    /**
     * {@code is_nccl_available()}: false, torch4j has no NCCL backend.
     *
     * @return false
     */
    public static boolean isNcclAvailable() {
        return false;
    }

    /**
     * {@code is_mpi_available()}: false, torch4j has no MPI backend.
     *
     * @return false
     */
    public static boolean isMpiAvailable() {
        return false;
    }

    /**
     * {@code init_process_group(backend)}: the {@code env://} rendezvous (MASTER_ADDR, MASTER_PORT, RANK and
     * WORLD_SIZE from the environment, as {@code torchrun} and {@link Run} set them).
     *
     * @param backend {@code "gloo"}
     */
    public static void initProcessGroup(String backend) {
        initProcessGroup(backend, "env://", -1, -1, ProcessGroup.DEFAULT_TIMEOUT);
    }

    /**
     * {@code init_process_group(backend, init_method, world_size, rank, timeout)}.
     *
     * @param backend {@code "gloo"}
     * @param initMethod {@code "env://"} or {@code "tcp://host:port"}
     * @param worldSize the number of processes, or -1 to take it from the init method
     * @param rank this process's rank, or -1 to take it from the init method
     * @param timeout how long operations wait for the other ranks
     */
    public static void initProcessGroup(String backend, String initMethod, int worldSize, int rank, Duration timeout) {
        checkBackend(backend);
        checkNotInitialized();
        Rendezvous.Result r = Rendezvous.of(initMethod, rank, worldSize, timeout, System::getenv);
        start(r.store(), r.rank(), r.worldSize(), timeout);
    }

    /**
     * {@code init_process_group(backend, store=store, rank=rank, world_size=world_size)}.
     *
     * @param backend {@code "gloo"}
     * @param store the store the ranks meet in
     * @param rank this process's rank
     * @param worldSize the number of processes
     */
    public static void initProcessGroup(String backend, Store store, int rank, int worldSize) {
        initProcessGroup(backend, store, rank, worldSize, ProcessGroup.DEFAULT_TIMEOUT);
    }

    /**
     * {@code init_process_group(backend, store=store, rank=rank, world_size=world_size, timeout=timeout)}.
     *
     * @param backend {@code "gloo"}
     * @param store the store the ranks meet in
     * @param rank this process's rank
     * @param worldSize the number of processes
     * @param timeout how long operations wait for the other ranks
     */
    public static void initProcessGroup(String backend, Store store, int rank, int worldSize, Duration timeout) {
        checkBackend(backend);
        checkNotInitialized();
        if (rank < 0) throw new IllegalArgumentException("rank must be set when store is given");
        if (worldSize <= 0) throw new IllegalArgumentException("world_size must be positive if using store");
        start(store, rank, worldSize, timeout);
    }

    private static synchronized void start(Store store, int rank, int worldSize, Duration timeout) {
        checkNotInitialized();
        world = new ProcessGroup(new PrefixStore("default_pg", store), rank, worldSize, timeout);
    }

    private static void checkBackend(String backend) {
        String b = backend.toLowerCase(java.util.Locale.ROOT);
        switch (b) {
            case "gloo" -> { }
            case "nccl" -> throw new IllegalArgumentException("Distributed package doesn't have NCCL built in");
            case "mpi" -> throw new IllegalArgumentException("Distributed package doesn't have MPI built in. MPI is only included if you "
                    + "build PyTorch from source on a host that has MPI installed.");
            default -> throw new IllegalArgumentException("Invalid backend: '" + backend + "'");
        }
    }

    private static void checkNotInitialized() {
        if (world != null) throw new IllegalStateException("trying to initialize the default process group twice!");
    }

    /**
     * {@code is_initialized()}: whether the default process group exists.
     *
     * @return true between {@code initProcessGroup} and {@code destroyProcessGroup}
     */
    public static boolean isInitialized() {
        return world != null;
    }

    /**
     * The default process group ({@code GroupMember.WORLD}).
     *
     * @return the default group
     * @throws IllegalStateException when it was not initialized
     */
    public static ProcessGroup worldGroup() {
        ProcessGroup w = world;
        if (w == null) {
            throw new IllegalStateException("Default process group has not been initialized, please make sure to call init_process_group.");
        }
        return w;
    }

    private static ProcessGroup group(ProcessGroup g) {
        return g == null ? worldGroup() : g;
    }

    /**
     * {@code get_rank()}: this process's rank in the default group.
     *
     * @return the rank
     */
    public static int getRank() {
        return worldGroup().rank();
    }

    /**
     * {@code get_rank(group)}: this process's rank in {@code group}.
     *
     * @param group the group, or null for the default one
     * @return the rank
     */
    public static int getRank(ProcessGroup group) {
        return group(group).rank();
    }

    /**
     * {@code get_world_size()}: the default group's size.
     *
     * @return the number of ranks
     */
    public static int getWorldSize() {
        return worldGroup().size();
    }

    /**
     * {@code get_world_size(group)}.
     *
     * @param group the group, or null for the default one
     * @return the number of ranks
     */
    public static int getWorldSize(ProcessGroup group) {
        return group(group).size();
    }

    /**
     * {@code get_backend()}: {@code "gloo"}.
     *
     * @return the default group's backend
     */
    public static String getBackend() {
        return worldGroup().backend();
    }

    /**
     * {@code get_backend(group)}.
     *
     * @param group the group, or null for the default one
     * @return its backend
     */
    public static String getBackend(ProcessGroup group) {
        return group(group).backend();
    }

    /**
     * {@code new_group(ranks)}: a group of some of the default group's ranks. Every process must call it, members
     * or not, in the same order as its other {@code newGroup} calls.
     *
     * @param ranks the global ranks of the members
     * @return the group, or null on a process that is not a member
     */
    public static ProcessGroup newGroup(int... ranks) {
        return worldGroup().newGroup(ranks);
    }

    /** {@code destroy_process_group()}: closes the default group; collectives on it fail afterwards. */
    public static synchronized void destroyProcessGroup() {
        ProcessGroup w = worldGroup();
        world = null;
        w.close();
    }

    /**
     * {@code destroy_process_group(group)}: closes one group (the default one when null).
     *
     * @param group the group
     */
    public static void destroyProcessGroup(ProcessGroup group) {
        if (group == null || group == world) destroyProcessGroup();
        else group.close();
    }

    // ---- collectives ---------------------------------------------------------------------------------------

    private static Work finish(Work w, boolean asyncOp) {
        if (asyncOp) return w;
        w.waitFor();
        return null;
    }

    /** The group rank of a global rank, or PyTorch's message when it is not a member. */
    private static int local(ProcessGroup g, int global) {
        int r = g.groupRank(global);
        if (r < 0) throw new IllegalArgumentException("The global rank " + global + " is not part of the group " + g);
        return r;
    }

    /** {@code barrier()}: waits until every rank of the default group reached it. */
    public static void barrier() {
        barrier(null, false);
    }

    /**
     * {@code barrier(group, async_op)}.
     *
     * @param group the group, or null for the default one
     * @param asyncOp whether to return at once
     * @return the work when {@code asyncOp}, else null
     */
    public static Work barrier(ProcessGroup group, boolean asyncOp) {
        return finish(group(group).barrier(), asyncOp);
    }

    /**
     * {@code monitored_barrier(group, timeout, wait_all_ranks)}: see {@link ProcessGroup#monitoredBarrier}.
     *
     * @param group the group, or null for the default one
     * @param timeout how long rank 0 waits, or null for the group's timeout
     * @param waitAllRanks whether rank 0 names every late rank
     */
    public static void monitoredBarrier(ProcessGroup group, Duration timeout, boolean waitAllRanks) {
        ProcessGroup g = group(group);
        g.monitoredBarrier(timeout == null ? g.timeout() : timeout, waitAllRanks);
    }

    /**
     * {@code all_reduce(tensor)}: the sum over the ranks, in place.
     *
     * @param tensor the input and result
     */
    public static void allReduce(Tensor tensor) {
        allReduce(tensor, ReduceOp.SUM, null, false);
    }

    /**
     * {@code all_reduce(tensor, op)}.
     *
     * @param tensor the input and result
     * @param op how to combine
     */
    public static void allReduce(Tensor tensor, ReduceOp op) {
        allReduce(tensor, op, null, false);
    }

    /**
     * {@code all_reduce(tensor, op, group, async_op)}.
     *
     * @param tensor the input and result
     * @param op how to combine
     * @param group the group, or null for the default one
     * @param asyncOp whether to return at once
     * @return the work when {@code asyncOp}, else null
     */
    public static Work allReduce(Tensor tensor, ReduceOp op, ProcessGroup group, boolean asyncOp) {
        return finish(group(group).allReduce(tensor, op), asyncOp);
    }

    /**
     * {@code reduce(tensor, dst)}: the sum over the ranks, on rank {@code dst}.
     *
     * @param tensor the input, and the result on dst
     * @param dst the global rank that receives
     */
    public static void reduce(Tensor tensor, int dst) {
        reduce(tensor, dst, ReduceOp.SUM, null, false);
    }

    /**
     * {@code reduce(tensor, dst, op, group, async_op)}.
     *
     * @param tensor the input, and the result on dst
     * @param dst the global rank that receives
     * @param op how to combine
     * @param group the group, or null for the default one
     * @param asyncOp whether to return at once
     * @return the work when {@code asyncOp}, else null
     */
    public static Work reduce(Tensor tensor, int dst, ReduceOp op, ProcessGroup group, boolean asyncOp) {
        ProcessGroup g = group(group);
        return finish(g.reduce(tensor, local(g, dst), op), asyncOp);
    }

    /**
     * {@code broadcast(tensor, src)}.
     *
     * @param tensor the data on src, overwritten elsewhere
     * @param src the global rank that sends
     */
    public static void broadcast(Tensor tensor, int src) {
        broadcast(tensor, src, null, false);
    }

    /**
     * {@code broadcast(tensor, src, group, async_op)}.
     *
     * @param tensor the data on src, overwritten elsewhere
     * @param src the global rank that sends
     * @param group the group, or null for the default one
     * @param asyncOp whether to return at once
     * @return the work when {@code asyncOp}, else null
     */
    public static Work broadcast(Tensor tensor, int src, ProcessGroup group, boolean asyncOp) {
        ProcessGroup g = group(group);
        return finish(g.broadcast(tensor, local(g, src)), asyncOp);
    }

    /**
     * {@code all_gather(tensor_list, tensor)}.
     *
     * @param tensorList one output per rank
     * @param tensor this rank's input
     */
    public static void allGather(List<Tensor> tensorList, Tensor tensor) {
        allGather(tensorList, tensor, null, false);
    }

    /**
     * {@code all_gather(tensor_list, tensor, group, async_op)}.
     *
     * @param tensorList one output per rank
     * @param tensor this rank's input
     * @param group the group, or null for the default one
     * @param asyncOp whether to return at once
     * @return the work when {@code asyncOp}, else null
     */
    public static Work allGather(List<Tensor> tensorList, Tensor tensor, ProcessGroup group, boolean asyncOp) {
        return finish(group(group).allGather(tensorList, tensor), asyncOp);
    }

    /**
     * {@code all_gather_into_tensor(output_tensor, input_tensor)} (1.13's {@code _all_gather_base}).
     *
     * @param output world size times the input's elements
     * @param input this rank's input
     */
    public static void allGatherIntoTensor(Tensor output, Tensor input) {
        allGatherIntoTensor(output, input, null, false);
    }

    /**
     * {@code all_gather_into_tensor(output_tensor, input_tensor, group, async_op)}.
     *
     * @param output world size times the input's elements
     * @param input this rank's input
     * @param group the group, or null for the default one
     * @param asyncOp whether to return at once
     * @return the work when {@code asyncOp}, else null
     */
    public static Work allGatherIntoTensor(Tensor output, Tensor input, ProcessGroup group, boolean asyncOp) {
        return finish(group(group).allGatherIntoTensor(output, input), asyncOp);
    }

    /**
     * {@code gather(tensor, gather_list, dst)}.
     *
     * @param tensor this rank's input
     * @param gatherList on dst one output per rank, elsewhere null
     * @param dst the global rank that receives
     */
    public static void gather(Tensor tensor, List<Tensor> gatherList, int dst) {
        gather(tensor, gatherList, dst, null, false);
    }

    /**
     * {@code gather(tensor, gather_list, dst, group, async_op)}.
     *
     * @param tensor this rank's input
     * @param gatherList on dst one output per rank, elsewhere null
     * @param dst the global rank that receives
     * @param group the group, or null for the default one
     * @param asyncOp whether to return at once
     * @return the work when {@code asyncOp}, else null
     */
    public static Work gather(Tensor tensor, List<Tensor> gatherList, int dst, ProcessGroup group, boolean asyncOp) {
        ProcessGroup g = group(group);
        return finish(g.gather(gatherList, tensor, local(g, dst)), asyncOp);
    }

    /**
     * {@code scatter(tensor, scatter_list, src)}.
     *
     * @param tensor this rank's output
     * @param scatterList on src one input per rank, elsewhere null
     * @param src the global rank that sends
     */
    public static void scatter(Tensor tensor, List<Tensor> scatterList, int src) {
        scatter(tensor, scatterList, src, null, false);
    }

    /**
     * {@code scatter(tensor, scatter_list, src, group, async_op)}.
     *
     * @param tensor this rank's output
     * @param scatterList on src one input per rank, elsewhere null
     * @param src the global rank that sends
     * @param group the group, or null for the default one
     * @param asyncOp whether to return at once
     * @return the work when {@code asyncOp}, else null
     */
    public static Work scatter(Tensor tensor, List<Tensor> scatterList, int src, ProcessGroup group, boolean asyncOp) {
        ProcessGroup g = group(group);
        return finish(g.scatter(tensor, scatterList, local(g, src)), asyncOp);
    }

    /**
     * {@code reduce_scatter(output, input_list)}: the sum.
     *
     * @param output this rank's result
     * @param inputList one input per rank
     */
    public static void reduceScatter(Tensor output, List<Tensor> inputList) {
        reduceScatter(output, inputList, ReduceOp.SUM, null, false);
    }

    /**
     * {@code reduce_scatter(output, input_list, op, group, async_op)}.
     *
     * @param output this rank's result
     * @param inputList one input per rank
     * @param op how to combine
     * @param group the group, or null for the default one
     * @param asyncOp whether to return at once
     * @return the work when {@code asyncOp}, else null
     */
    public static Work reduceScatter(Tensor output, List<Tensor> inputList, ReduceOp op, ProcessGroup group, boolean asyncOp) {
        return finish(group(group).reduceScatter(output, inputList, op), asyncOp);
    }

    /**
     * {@code all_to_all_single(output, input)}: equal parts of dim 0.
     *
     * @param output the result
     * @param input this rank's data
     */
    public static void allToAllSingle(Tensor output, Tensor input) {
        allToAllSingle(output, input, null, null, null, false);
    }

    /**
     * {@code all_to_all_single(output, input, output_split_sizes, input_split_sizes, group, async_op)}.
     *
     * @param output the result
     * @param input this rank's data
     * @param outputSplitSizes dim-0 rows received from each rank, or null for equal parts
     * @param inputSplitSizes dim-0 rows sent to each rank, or null for equal parts
     * @param group the group, or null for the default one
     * @param asyncOp whether to return at once
     * @return the work when {@code asyncOp}, else null
     */
    public static Work allToAllSingle(Tensor output, Tensor input, long[] outputSplitSizes, long[] inputSplitSizes,
                                      ProcessGroup group, boolean asyncOp) {
        return finish(group(group).allToAllSingle(output, input, outputSplitSizes, inputSplitSizes), asyncOp);
    }

    /**
     * {@code all_to_all(output_tensor_list, input_tensor_list)}.
     *
     * @param outputTensorList one result per rank
     * @param inputTensorList one input per rank
     */
    public static void allToAll(List<Tensor> outputTensorList, List<Tensor> inputTensorList) {
        allToAll(outputTensorList, inputTensorList, null, false);
    }

    /**
     * {@code all_to_all(output_tensor_list, input_tensor_list, group, async_op)}.
     *
     * @param outputTensorList one result per rank
     * @param inputTensorList one input per rank
     * @param group the group, or null for the default one
     * @param asyncOp whether to return at once
     * @return the work when {@code asyncOp}, else null
     */
    public static Work allToAll(List<Tensor> outputTensorList, List<Tensor> inputTensorList, ProcessGroup group, boolean asyncOp) {
        return finish(group(group).allToAll(outputTensorList, inputTensorList), asyncOp);
    }

    // ---- point to point ---------------------------------------------------------------------------------------

    /**
     * {@code send(tensor, dst)}: waits until the data is sent.
     *
     * @param tensor the data
     * @param dst the global rank that receives
     */
    public static void send(Tensor tensor, int dst) {
        isend(tensor, dst, null, 0).waitFor();
    }

    /**
     * {@code isend(tensor, dst, group, tag)}.
     *
     * @param tensor the data (unchanged until the work completes)
     * @param dst the global rank that receives
     * @param group the group, or null for the default one
     * @param tag matches the receiver's tag
     * @return the running send
     */
    public static Work isend(Tensor tensor, int dst, ProcessGroup group, int tag) {
        ProcessGroup g = group(group);
        return g.send(tensor, local(g, dst), tag);
    }

    /**
     * {@code recv(tensor, src)}: waits for the data.
     *
     * @param tensor the result
     * @param src the global rank that sends
     * @return {@code src}, as PyTorch returns the sender's rank
     */
    public static int recv(Tensor tensor, int src) {
        irecv(tensor, src, null, 0).waitFor();
        return src;
    }

    /**
     * {@code irecv(tensor, src, group, tag)}.
     *
     * @param tensor the result
     * @param src the global rank that sends
     * @param group the group, or null for the default one
     * @param tag matches the sender's tag
     * @return the running receive
     */
    public static Work irecv(Tensor tensor, int src, ProcessGroup group, int tag) {
        ProcessGroup g = group(group);
        return g.recv(tensor, local(g, src), tag);
    }

    // ---- objects --------------------------------------------------------------------------------------------

    /**
     * {@code broadcast_object_list(object_list, src)}: the list's elements on every rank become src's (Java
     * serialization in place of pickle).
     *
     * @param objectList the objects on src; elsewhere a list of the same size, overwritten
     * @param src the global rank that sends
     * @param group the group, or null for the default one
     */
    public static void broadcastObjectList(List<Object> objectList, int src, ProcessGroup group) {
        ProcessGroup g = group(group);
        int root = local(g, src);
        int n = objectList.size();
        Tensor sizes = Torch.zeros(new long[] {n}, DType.INT64);
        byte[][] data = new byte[n][];
        if (g.rank() == root) {
            long[] s = new long[n];
            for (int i = 0; i < n; i++) {
                data[i] = serialize(objectList.get(i));
                s[i] = data[i].length;
            }
            sizes = Torch.tensor(s);
        }
        g.broadcast(sizes, root).waitFor();
        long[] s = sizes.toLongArray();
        long total = 0;
        for (long v : s) total += v;
        Tensor bytes;
        if (g.rank() == root) {
            byte[] all = new byte[(int) total];
            int at = 0;
            for (byte[] d : data) {
                System.arraycopy(d, 0, all, at, d.length);
                at += d.length;
            }
            bytes = Torch.frombuffer(all.length == 0 ? new byte[1] : all, DType.UINT8).narrow(0, 0, all.length);
        } else {
            bytes = Torch.zeros(new long[] {total}, DType.UINT8);
        }
        g.broadcast(bytes, root).waitFor();
        if (g.rank() == root) return;
        byte[] all = bytesOf(bytes);
        int at = 0;
        for (int i = 0; i < n; i++) {
            objectList.set(i, deserialize(all, at, (int) s[i]));
            at += (int) s[i];
        }
    }

    /**
     * {@code all_gather_object(object_list, obj)}: {@code objectList.get(r)} becomes rank r's object.
     *
     * @param objectList a list of the group's size, overwritten
     * @param obj this rank's object (serializable)
     * @param group the group, or null for the default one
     */
    public static void allGatherObject(List<Object> objectList, Object obj, ProcessGroup group) {
        ProcessGroup g = group(group);
        int n = g.size();
        if (objectList.size() != n) {
            throw new IllegalArgumentException("ProcessGroupGloo::allgather: invalid output tensor list at index 0 (expected length "
                    + n + ", got " + objectList.size() + ")");
        }
        byte[] mine = serialize(obj);
        List<Tensor> sizes = new ArrayList<>();
        for (int r = 0; r < n; r++) sizes.add(Torch.zeros(new long[] {1}, DType.INT64));
        g.allGather(sizes, Torch.tensor(new long[] {mine.length})).waitFor();
        long max = 0;
        for (Tensor t : sizes) max = Math.max(max, t.itemLong());
        byte[] padded = java.util.Arrays.copyOf(mine, (int) Math.max(max, 1));
        List<Tensor> outs = new ArrayList<>();
        for (int r = 0; r < n; r++) outs.add(Torch.zeros(new long[] {padded.length}, DType.UINT8));
        g.allGather(outs, Torch.frombuffer(padded, DType.UINT8)).waitFor();
        for (int r = 0; r < n; r++) objectList.set(r, deserialize(bytesOf(outs.get(r)), 0, (int) sizes.get(r).itemLong()));
    }

    private static byte[] bytesOf(Tensor uint8) {
        int[] v = uint8.toIntArray();
        byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; i++) b[i] = (byte) v[i];
        return b;
    }

    private static byte[] serialize(Object o) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot serialize " + o + ": " + e, e);
        }
        return bytes.toByteArray();
    }

    private static Object deserialize(byte[] b, int from, int length) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(b, from, length))) {
            return in.readObject();
        } catch (IOException | ClassNotFoundException e) {
            throw new DistributedException("cannot deserialize an object from another rank: " + e, e);
        }
    }
}
