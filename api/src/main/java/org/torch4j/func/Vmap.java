package org.torch4j.func;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import org.torch4j.Generator;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.internal.Internals;
import org.torch4j.internal.RandomDraws;
import org.torch4j.spi.Storage;

/**
 * functorch's {@code vmap} as a loop: the function runs once per index of the mapped dimension, on the
 * inputs' slices there ({@code select}, so gradients flow back into the batched inputs), and each output's
 * results are stacked at its out dim. Values and gradients equal functorch's batching rules; the cost is that
 * of the loop. Because each slice is an ordinary call, code that functorch refuses under vmap (data-dependent
 * control flow, {@code item()}) runs here.
 */
final class Vmap {
    private Vmap() {}

    /** The randomness modes functorch 1.13 knows. */
    static void checkRandomness(String randomness) {
        if (!List.of("error", "different", "same").contains(randomness)) {
            throw new IllegalArgumentException("Only allowed values for randomness are 'error', 'different', or 'same'. Got "
                    + randomness);
        }
    }

    /** functorch's error for a random op under randomness "error" (also jacfwd's, which runs under vmap there). */
    static IllegalStateException randomOpRefused() {
        return new IllegalStateException("vmap: called random operation while in randomness error mode. Please either use the"
                + " 'same' or 'different' randomness flags on vmap or perform the randomness operation out of vmap");
    }

    /**
     * Runs {@code f} over the mapped dimension.
     *
     * @param inDimsRepr how the in_dims print in messages (functorch prints what the user passed)
     */
    static List<Tensor> run(Function<List<Tensor>, List<Tensor>> f, List<Tensor> inputs, List<Integer> inDims, String inDimsRepr,
                            List<Integer> outDims, String outDimsRepr, String randomness) {
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("vmap(f)(<inputs>): got no inputs. Maybe you forgot to add inputs, or you are trying"
                    + " to vmap over a function with no inputs. The latter is unsupported.");
        }
        String prefix = "vmap(f, in_dims=" + inDimsRepr + ", ...)(<inputs>): ";
        if (inDims.size() != inputs.size()) {
            throw new IllegalArgumentException(prefix + "in_dims is not compatible with the structure of `inputs`. in_dims has"
                    + " structure " + Level.treeSpec(inDims.size()) + " but inputs has structure " + Level.treeSpec(inputs.size()) + ".");
        }
        int[] dims = new int[inputs.size()];
        long size = -1;
        List<Long> sizes = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            Integer d = inDims.get(i);
            if (d == null) {
                dims[i] = -1;
                continue;
            }
            int rank = inputs.get(i).dim();
            if (d < -rank || d >= rank) {
                throw new IllegalArgumentException(prefix + "Got in_dim=" + d + " for some input, but that input is a Tensor of"
                        + " dimensionality " + rank + " so expected in_dim to satisfy -" + rank + " <= in_dim < " + rank + ".");
            }
            dims[i] = d < 0 ? d + rank : d;
            sizes.add(inputs.get(i).size(dims[i]));
        }
        if (sizes.isEmpty()) throw new IllegalArgumentException("vmap: Expected at least one Tensor to vmap over");
        for (long s : sizes) {
            if (s != sizes.get(0)) {
                throw new IllegalArgumentException("vmap: Expected all tensors to have the same size in the mapped dimension, got"
                        + " sizes " + sizes + " for the mapped dimension");
            }
        }
        size = sizes.get(0);
        List<List<Tensor>> results = new ArrayList<>();
        Randomness random = new Randomness(randomness, mappedStorages(inputs, dims));
        Consumer<Generator> outer = RandomDraws.setListener(random.chain(RandomDraws.listener()));
        Consumer<Tensor> outerInPlace = RandomDraws.setInPlaceListener(random.chainInPlace(RandomDraws.inPlaceListener()));
        try {
            for (long b = 0; b < Math.max(size, 1); b++) {
                random.startSlice(b);
                results.add(checkOutputs(f.apply(slices(inputs, dims, b, size == 0))));
            }
        } finally {
            RandomDraws.setListener(outer);
            RandomDraws.setInPlaceListener(outerInPlace);
        }
        return stack(results, size, outDims, outDimsRepr);
    }

    /** The memory of the mapped inputs, which their slices (and views of those) share. */
    private static Set<Storage> mappedStorages(List<Tensor> inputs, int[] dims) {
        Set<Storage> r = Collections.newSetFromMap(new IdentityHashMap<>());
        for (int i = 0; i < inputs.size(); i++) if (dims[i] >= 0) r.add(Internals.get().storage(inputs.get(i)));
        return r;
    }

    /** The inputs at index {@code b} of their mapped dims; zeros shaped as a slice when the mapped size is 0. */
    private static List<Tensor> slices(List<Tensor> inputs, int[] dims, long b, boolean empty) {
        List<Tensor> r = new ArrayList<>(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            Tensor t = inputs.get(i);
            if (dims[i] < 0) r.add(t);
            else if (empty) r.add(Torch.zeros(sliceShape(t, dims[i]), t.dtype(), t.device()));
            else r.add(t.select(dims[i], b));
        }
        return r;
    }

    private static long[] sliceShape(Tensor t, int dim) {
        long[] s = new long[t.dim() - 1];
        for (int i = 0, k = 0; i < t.dim(); i++) if (i != dim) s[k++] = t.size(i);
        return s;
    }

    private static List<Tensor> checkOutputs(List<Tensor> outs) {
        if (outs == null || outs.stream().anyMatch(java.util.Objects::isNull)) {
            throw new IllegalArgumentException("vmap(f, ...): `f` must only return Tensors, got type <class 'NoneType'> as a return.");
        }
        return outs;
    }

    /** Each output's per-slice results stacked at its out dim (an empty batch keeps the shape the probe call gave). */
    private static List<Tensor> stack(List<List<Tensor>> results, long size, List<Integer> outDims, String outDimsRepr) {
        int n = results.get(0).size();
        List<Integer> od = outDims == null ? java.util.Collections.nCopies(n, 0) : outDims;
        if (od.size() != n) {
            throw new IllegalArgumentException("vmap(f, ..., out_dims=" + outDimsRepr + ")(<inputs>): out_dims is not compatible with"
                    + " the structure of `outputs`. out_dims has structure " + Level.treeSpec(od.size()) + " but outputs has structure "
                    + Level.treeSpec(n) + ".");
        }
        List<Tensor> r = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            List<Tensor> per = new ArrayList<>();
            for (List<Tensor> slice : results) per.add(slice.get(i));
            Tensor first = per.get(0);
            if (od.get(i) == null) {
                r.add(unmapped(per));
                continue;
            }
            int dim = Internals.get().wrapDim(od.get(i), first.dim() + 1);
            Tensor stacked;
            if (size == 0) {
                long[] shape = new long[first.dim() + 1];
                System.arraycopy(first.shape(), 0, shape, 1, first.dim());
                stacked = Torch.zeros(shape, first.dtype(), first.device());
            } else {
                stacked = Torch.stack(per, 0);
            }
            r.add(stacked.movedim(0, dim));
        }
        return r;
    }

    /**
     * An output whose out dim is null (PyTorch 2's {@code out_dims=None}): it must not vary over the mapped
     * dimension, and comes back as one call returned it. functorch refuses an output computed from the mapped
     * inputs (a BatchedTensor) even when its values happen not to vary; the loop sees values, not where they came
     * from, so it refuses only results that differ between calls (or are not the same tensor in every call while
     * also differing in shape or dtype).
     */
    private static Tensor unmapped(List<Tensor> per) {
        Tensor first = per.get(0);
        for (Tensor t : per) {
            if (t != first && (t.dtype() != first.dtype() || !Arrays.equals(t.shape(), first.shape()) || !t.equal(first))) {
                throw new IllegalArgumentException("vmap(f, ...): `f` can not return a BatchedTensor when out_dim is None");
            }
        }
        return first;
    }

    /**
     * What random ops may do inside the loop: "error" refuses them with functorch's message, "different" lets
     * each slice draw its own numbers, "same" gives every slice the numbers the first slice drew (each generator
     * is set back, before each slice, to its state when the first slice first drew from it).
     */
    private static final class Randomness {
        private final String mode;
        private final Map<Generator, byte[]> start = new IdentityHashMap<>();
        private final Set<Storage> mapped;
        /** The last storage made before the current slice's call: later ones were made by the call. */
        private long sliceStart;

        Randomness(String mode, Set<Storage> mapped) {
            this.mode = mode;
            this.mapped = mapped;
        }

        /**
         * The in-place listener: under "different", functorch refuses to draw in place into a tensor that is not
         * batched (the draws would be the same for every slice). Here a tensor counts as batched when it shares
         * memory with a mapped input (a slice, or a view of one) or was made by the current call; what refuses is a
         * draw into an unmapped input or a tensor f captured. (functorch also refuses tensors that f makes without
         * using the mapped inputs, such as {@code torch.empty(3).normal_()}; the loop cannot tell those from the
         * mapped ones, and lets each call draw its own numbers into them.)
         */
        Consumer<Tensor> chainInPlace(Consumer<Tensor> outer) {
            return t -> {
                if (outer != null) outer.accept(t);
                if (!mode.equals("different")) return;
                Storage s = Internals.get().storage(t);
                if (!mapped.contains(s) && s.serial() <= sliceStart) {
                    throw new IllegalStateException("vmap: Cannot ask for different inplace randomness on an unbatched tensor. This"
                            + " will appear like same randomness. If this is necessary for your usage, please file an issue with"
                            + " functorch.");
                }
            };
        }

        /** The listener: this mode's check after that of an enclosing vmap (whose "error" wins). */
        Consumer<Generator> chain(Consumer<Generator> outer) {
            return g -> {
                if (outer != null) outer.accept(g);
                if (mode.equals("error")) {
                    throw randomOpRefused();
                }
                if (mode.equals("same")) start.computeIfAbsent(g, Generator::getState);
            };
        }

        void startSlice(long b) {
            if (b > 0) start.forEach(Generator::setState);
            sliceStart = Storage.lastSerial();
        }
    }
}
