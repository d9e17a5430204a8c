package org.torch4j.func;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.torch4j.Generator;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.internal.Internals;
import org.torch4j.internal.RandomDraws;

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
        Randomness random = new Randomness(randomness);
        Consumer<Generator> outer = RandomDraws.setListener(random.chain(RandomDraws.listener()));
        try {
            for (long b = 0; b < Math.max(size, 1); b++) {
                random.startSlice(b);
                results.add(checkOutputs(f.apply(slices(inputs, dims, b, size == 0))));
            }
        } finally {
            RandomDraws.setListener(outer);
        }
        return stack(results, size, outDims, outDimsRepr);
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
     * What random ops may do inside the loop: "error" refuses them with functorch's message, "different" lets
     * each slice draw its own numbers, "same" gives every slice the numbers the first slice drew (each generator
     * is set back, before each slice, to its state when the first slice first drew from it).
     */
    private static final class Randomness {
        private final String mode;
        private final Map<Generator, byte[]> start = new IdentityHashMap<>();

        Randomness(String mode) {
            this.mode = mode;
        }

        /** The listener: this mode's check after that of an enclosing vmap (whose "error" wins). */
        Consumer<Generator> chain(Consumer<Generator> outer) {
            return g -> {
                if (outer != null) outer.accept(g);
                if (mode.equals("error")) {
                    throw new IllegalStateException("vmap: called random operation while in randomness error mode. Please either use"
                            + " the 'same' or 'different' randomness flags on vmap or perform the randomness operation out of vmap");
                }
                if (mode.equals("same")) start.computeIfAbsent(g, Generator::getState);
            };
        }

        void startSlice(long b) {
            if (b > 0) start.forEach(Generator::setState);
        }
    }
}
