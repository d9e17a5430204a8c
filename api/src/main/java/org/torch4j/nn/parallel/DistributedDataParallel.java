package org.torch4j.nn.parallel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.torch4j.Autograd;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.distributed.Dist;
import org.torch4j.distributed.ProcessGroup;
import org.torch4j.distributed.ReduceOp;
import org.torch4j.distributed.Work;
import org.torch4j.nn.Module;
import org.torch4j.nn.Parameter;

/**
 * {@code torch.nn.parallel.DistributedDataParallel}: the wrapped {@code module} trained in several processes, each
 * on its own data, with gradients averaged across the ranks so that every replica takes the same optimizer step.
 *
 * <ul>
 *   <li>At construction the ranks check that their parameters have the same shapes, and rank 0's parameters and
 *       buffers are broadcast to all, so every replica starts alike.</li>
 *   <li>Each {@code forward} in training mode first broadcasts rank 0's buffers ({@code broadcastBuffers}, true
 *       by default: BatchNorm's running statistics follow rank 0).</li>
 *   <li>Backward: gradients are grouped in buckets of at most {@code bucketCapMb} MB in reverse parameter order.
 *       Each parameter's gradient hook marks it ready; once all of a bucket's parameters are, the bucket's
 *       gradients, scaled by 1 / world size, start their asynchronous all-reduce (buckets in index order),
 *       overlapping the rest of backward. The hook also queues ({@link Autograd#queueCallback}) the end of the
 *       reduction, which runs when the pass ends: it waits for the buckets and copies the averages into
 *       {@code .grad}.</li>
 *   <li>{@link #noSync()} turns the reduction off: gradients accumulate locally, and the next synchronised
 *       backward reduces the accumulated {@code .grad}.</li>
 *   <li>A parameter that got no gradient makes the next forward fail with PyTorch's "Expected to have finished
 *       reduction in the prior iteration ..." unless {@code findUnusedParameters}: then such parameters count as
 *       zeros on their rank, and a parameter no rank used keeps its {@code .grad} as it was.</li>
 * </ul>
 *
 * <p>State-dict keys and the print form carry the {@code module.} prefix, as PyTorch's. Differences: unused parameters are
 * those whose gradient hook did not run (PyTorch walks the autograd graph after forward), and with
 * {@code findUnusedParameters} the buckets are reduced when backward ends, not during it; sparse gradients are
 * refused.
 */
public final class DistributedDataParallel extends Module {
    /** PyTorch's default bucket size, 25 MB. */
    public static final double DEFAULT_BUCKET_CAP_MB = 25;

    private final Module module;
    private final ProcessGroup group;
    private final boolean broadcastBuffers;
    private final boolean findUnusedParameters;
    private final List<Parameter> params = new ArrayList<>();
    private final List<int[]> buckets = new ArrayList<>();
    private final boolean[] ready;
    private boolean requireSync = true;
    private boolean reductionQueued;
    private int[] bucketOf;
    private int[] pending;
    private Tensor[] flats;
    private Work[] works;
    private int nextBucket;
    private String pendingError;

    /**
     * {@code DistributedDataParallel(module)} over the default process group, with PyTorch's defaults.
     *
     * @param module the model to replicate
     */
    public DistributedDataParallel(Module module) {
        this(module, null, true, DEFAULT_BUCKET_CAP_MB, false);
    }

    /**
     * {@code DistributedDataParallel(module, process_group=..., broadcast_buffers=..., bucket_cap_mb=...,
     * find_unused_parameters=...)}.
     *
     * @param module the model to replicate
     * @param processGroup the group to reduce over, or null for the default one
     * @param broadcastBuffers whether each forward first broadcasts rank 0's buffers
     * @param bucketCapMb the largest bucket of gradients reduced at once, in MB
     * @param findUnusedParameters whether parameters that got no gradient are allowed (counted as zeros)
     */
    public DistributedDataParallel(Module module, ProcessGroup processGroup, boolean broadcastBuffers, double bucketCapMb,
                                   boolean findUnusedParameters) {
        this.module = registerModule("module", module);
        this.group = processGroup == null ? Dist.worldGroup() : processGroup;
        this.broadcastBuffers = broadcastBuffers;
        this.findUnusedParameters = findUnusedParameters;
        for (Parameter p : module.parameters()) if (p.requiresGrad()) params.add(p);
        if (params.isEmpty()) {
            throw new IllegalArgumentException("DistributedDataParallel is not needed when a module doesn't have any parameter that requires a gradient.");
        }
        this.ready = new boolean[params.size()];
        verifyShapes();
        syncModuleStates();
        makeBuckets((long) (bucketCapMb * 1024 * 1024));
        bucketOf = new int[params.size()];
        for (int b = 0; b < buckets.size(); b++) for (int i : buckets.get(b)) bucketOf[i] = b;
        pending = new int[buckets.size()];
        flats = new Tensor[buckets.size()];
        works = new Work[buckets.size()];
        for (int i = 0; i < params.size(); i++) {
            int index = i;
            params.get(i).registerHook(g -> {
                markReady(index, g);
                return null;
            });
        }
    }

    /**
     * The wrapped model ({@code ddp.module}).
     *
     * @return the module
     */
    public Module module() {
        return module;
    }

    /**
     * The group the gradients are reduced over.
     *
     * @return the process group
     */
    public ProcessGroup processGroup() {
        return group;
    }

    private void verifyShapes() {
        List<Object> shapes = new ArrayList<>();
        for (Parameter p : params) shapes.add(p.shape());
        List<Object> all = new ArrayList<>();
        for (int r = 0; r < group.size(); r++) all.add(null);
        Dist.allGatherObject(all, new ArrayList<>(shapes), group);
        @SuppressWarnings("unchecked")
        List<long[]> first = (List<long[]>) all.get(0);
        for (int r = 1; r < all.size(); r++) {
            @SuppressWarnings("unchecked")
            List<long[]> other = (List<long[]>) all.get(r);
            if (other.size() != first.size()) {
                throw new IllegalStateException("DDP expects same model across all ranks, but Rank " + group.rank() + " has " + shapes.size()
                        + " params, while rank " + r + " has inconsistent " + other.size() + " params.");
            }
        }
        for (int i = 0; i < shapes.size(); i++) {
            if (!Arrays.equals((long[]) shapes.get(i), first.get(i))) {
                throw new IllegalStateException("[" + group.rank() + "]: params[" + i + "] in this process with sizes "
                        + Arrays.toString((long[]) shapes.get(i)) + " appears not to match sizes of the same param in process 0.");
            }
        }
    }

    /** {@code _sync_module_states}: rank 0's parameters and buffers to every rank. */
    private void syncModuleStates() {
        if (group.size() == 1) return;
        List<Work> works = new ArrayList<>();
        for (Tensor t : module.stateDict().values()) works.add(group.broadcast(t, 0));
        for (Work w : works) w.waitFor();
    }

    private void makeBuckets(long capBytes) {
        List<Integer> current = new ArrayList<>();
        long bytes = 0;
        DType dtype = null;
        long cap = Math.min(capBytes, 1024 * 1024); // PyTorch's first bucket holds at most 1 MB
        for (int i = params.size() - 1; i >= 0; i--) {
            Parameter p = params.get(i);
            long size = p.numel() * p.dtype().itemSize();
            if (!current.isEmpty() && (bytes + size > cap || p.dtype() != dtype)) {
                buckets.add(current.stream().mapToInt(Integer::intValue).toArray());
                current.clear();
                bytes = 0;
                cap = capBytes;
            }
            current.add(i);
            bytes += size;
            dtype = p.dtype();
        }
        if (!current.isEmpty()) buckets.add(current.stream().mapToInt(Integer::intValue).toArray());
    }

    /**
     * {@code no_sync()}: while open, backward passes accumulate gradients locally without reducing them.
     *
     * <pre>{@code
     * try (var ignored = ddp.noSync()) {
     *     loss(ddp.call(x1)).backward();   // local only
     * }
     * loss(ddp.call(x2)).backward();       // reduces the accumulated gradients
     * }</pre>
     *
     * @return the scope; closing it turns synchronisation back on
     */
    public NoSync noSync() {
        boolean old = requireSync;
        requireSync = false;
        return () -> requireSync = old;
    }

    /** The scope returned by {@link #noSync()}. */
    @FunctionalInterface
    public interface NoSync extends AutoCloseable {
        /** Turns synchronisation back to what it was. */
        @Override
        void close();
    }

    /** Runs the module, after broadcasting rank 0's buffers in training mode. */
    @Override
    public Tensor forward(Tensor input) {
        return forward(m -> m.call(input));
    }

    /**
     * DDP's forward for a module called another way (several inputs, other outputs): broadcasts rank 0's buffers in
     * training mode, readies the gradient reduction of the next backward, then runs {@code call} on the wrapped
     * module, e.g. {@code ddp.forward(m -> ((MyModel) m).call(x, mask))}.
     *
     * @param call what to run on the wrapped module
     * @param <R> the result type
     * @return what {@code call} returned
     */
    public <R> R forward(java.util.function.Function<Module, R> call) {
        if (pendingError != null) throw new IllegalStateException(pendingError);
        if (training && broadcastBuffers && group.size() > 1) {
            List<Work> works = new ArrayList<>();
            for (Tensor b : module.buffers()) if (b != null) works.add(group.broadcast(b, 0));
            for (Work w : works) w.waitFor();
        }
        Arrays.fill(ready, false);
        reductionQueued = false;
        nextBucket = 0;
        for (int b = 0; b < buckets.size(); b++) pending[b] = buckets.get(b).length;
        Arrays.fill(flats, null);
        Arrays.fill(works, null);
        return call.apply(module);
    }

    /**
     * A parameter's gradient hook: {@code g} is about to be accumulated into its {@code .grad}. Without
     * findUnusedParameters, a bucket whose parameters are all ready starts its all-reduce at once (buckets start in
     * index order on every rank, as PyTorch's), overlapping the rest of backward.
     */
    private void markReady(int index, Tensor g) {
        if (!requireSync) return;
        ready[index] = true;
        if (!reductionQueued) {
            reductionQueued = true;
            Autograd.queueCallback(this::finishBackward);
        }
        if (findUnusedParameters || --pending[bucketOf[index]] > 0) return;
        try (Torch.Mode m = Torch.noGrad()) {
            while (nextBucket < buckets.size() && pending[nextBucket] == 0) launch(nextBucket++, index, g);
        }
    }

    /**
     * Starts bucket {@code b}'s all-reduce of its gradients scaled by 1 / world size. The parameter {@code current}
     * (whose hook runs now) has not accumulated {@code g} yet; the others have (or have no gradient: zeros).
     */
    private void launch(int b, int current, Tensor g) {
        List<Tensor> parts = new ArrayList<>();
        for (int i : buckets.get(b)) {
            Parameter p = params.get(i);
            if (p.sparseGrad() != null) {
                throw new UnsupportedOperationException("DistributedDataParallel in torch4j does not reduce sparse gradients");
            }
            Tensor grad = i == current ? (p.grad() == null ? g : p.grad().add(g)) : p.grad();
            parts.add(grad == null ? Torch.zeros(new long[] {p.numel()}, p.dtype()) : grad.reshape(-1));
        }
        flats[b] = Torch.cat(parts).mul_(1.0 / group.size()); // averaged in place: no second bucket-sized buffer
        works[b] = group.allReduce(flats[b], ReduceOp.SUM);
    }

    /** The end of a synchronised backward pass: the remaining buckets, then the averaged gradients into {@code .grad}. */
    private void finishBackward() {
        try (Torch.Mode m = Torch.noGrad()) {
            boolean[] used = ready.clone();
            boolean[] globallyUsed = used;
            if (findUnusedParameters) {
                int[] flags = new int[used.length];
                for (int i = 0; i < used.length; i++) flags[i] = used[i] ? 1 : 0;
                Tensor map = Torch.tensor(flags);
                group.allReduce(map, ReduceOp.SUM).waitFor();
                int[] sums = map.toIntArray();
                globallyUsed = new boolean[used.length];
                for (int i = 0; i < used.length; i++) globallyUsed[i] = sums[i] > 0;
                while (nextBucket < buckets.size()) launch(nextBucket++, -1, null);
            } else if (nextBucket < buckets.size()) {
                List<Integer> missing = new ArrayList<>();
                for (int i = 0; i < used.length; i++) if (!used[i]) missing.add(i);
                pendingError = unusedMessage(missing);
                return;
            }
            for (int b = 0; b < buckets.size(); b++) {
                works[b].waitFor();
                long at = 0;
                for (int i : buckets.get(b)) {
                    Parameter p = params.get(i);
                    long n = p.numel();
                    if (globallyUsed[i]) {
                        Tensor reduced = flats[b].narrow(0, at, n).view(p.shape());
                        if (p.grad() == null) p.setGrad(reduced.clone());
                        else p.grad().copy_(reduced);
                    }
                    at += n;
                }
            }
        }
    }

    private String unusedMessage(List<Integer> missing) {
        StringBuilder idx = new StringBuilder();
        for (int i : missing) idx.append(idx.length() == 0 ? "" : " ").append(i);
        return "Expected to have finished reduction in the prior iteration before starting a new one. This error indicates that your "
                + "module has parameters that were not used in producing loss. You can enable unused parameter detection by passing the "
                + "keyword argument `find_unused_parameters=True` to `torch.nn.parallel.DistributedDataParallel`, and by \n"
                + "making sure all `forward` function outputs participate in calculating loss. \n"
                + "If you already have done the above, then the distributed data parallel module wasn't able to locate the output tensors "
                + "in the return value of your module's `forward` function. Please include the loss function and the structure of the "
                + "return value of `forward` of your module when reporting this issue (e.g. list, dict, iterable).\n"
                + "Parameter indices which did not receive grad for rank " + group.rank() + ": " + idx + "\n"
                + " In addition, you can set the environment variable TORCH_DISTRIBUTED_DEBUG to either INFO or DETAIL to print out "
                + "information about which particular parameters did not receive gradient on this rank as part of this error";
    }
}
