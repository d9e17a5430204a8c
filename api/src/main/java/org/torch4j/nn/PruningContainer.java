package org.torch4j.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.torch4j.Tensor;

/**
 * Iterative pruning of one parameter ({@code torch.nn.utils.prune.PruningContainer}): the methods applied to it
 * in turn. Its mask is the last method's, computed only on what the earlier ones left (the entries still 1 for
 * an unstructured method, the slices not entirely 0 for a structured one), so masks multiply and an amount is a
 * fraction of the remaining units. {@link Prune} makes one when a pruned parameter is pruned again.
 */
public final class PruningContainer extends PruningMethod {
    private final List<PruningMethod> methods = new ArrayList<>();

    /** A container holding {@code first}, on its parameter. */
    public PruningContainer(PruningMethod first) {
        this.tensorName = first.tensorName;
        add(first);
    }

    /** A container for the parameter {@code tensorName} holding {@code methods} ({@code global_unstructured} uses "temp"). */
    PruningContainer(String tensorName) {
        this.tensorName = tensorName;
    }

    /** Adds the next method ({@code add_pruning_method}); it must act on the same parameter. */
    public void add(PruningMethod method) {
        if (method.tensorName != null && !method.tensorName.equals(tensorName)) {
            throw new IllegalArgumentException("Can only add pruning methods acting on the parameter named '" + tensorName
                    + "' to PruningContainer " + this + ". Found '" + method.tensorName + "'");
        }
        methods.add(method);
    }

    /** Drops the last method again (its mask could not be computed). */
    void removeLast() {
        methods.remove(methods.size() - 1);
    }

    /** The methods in the order applied. */
    public List<PruningMethod> methods() {
        return Collections.unmodifiableList(methods);
    }

    @Override
    public Type type() {
        return Type.UNSTRUCTURED;
    }

    /** The last method's mask, computed on the part of {@code t} the mask so far leaves ({@code _combine_masks}). */
    @Override
    public Tensor computeMask(Tensor t, Tensor defaultMask) {
        PruningMethod method = methods.get(methods.size() - 1);
        Tensor mask = defaultMask.to(t.dtype()).contiguous();
        double[] m = mask.toDoubleArray();
        switch (method.type()) {
            case UNSTRUCTURED -> {
                double[] values = t.contiguous().toDoubleArray();
                List<Integer> kept = new ArrayList<>();
                for (int i = 0; i < m.length; i++) if (m[i] == 1) kept.add(i);
                double[] sub = new double[kept.size()], ones = new double[kept.size()];
                for (int i = 0; i < sub.length; i++) {
                    sub[i] = values[kept.get(i)];
                    ones[i] = 1;
                }
                Tensor part = method.computeMask(Masks.of(sub, t, kept.size()), Masks.of(ones, t, kept.size()));
                double[] p = part.contiguous().toDoubleArray();
                for (int i = 0; i < p.length; i++) m[kept.get(i)] = p[i];
            }
            case STRUCTURED -> {
                int dim = method.dim() < 0 ? method.dim() + t.dim() : method.dim();
                if (dim < 0) throw new IndexOutOfBoundsException("Index is out of bounds for tensor with dimensions " + t.dim());
                Masks.Slices s = new Masks.Slices(t.shape(), dim);
                List<Long> kept = new ArrayList<>();
                for (long c = 0; c < s.channels(); c++) if (s.sum(m, c) != 0) kept.add(c);
                Tensor index = org.torch4j.Torch.tensor(kept.stream().mapToLong(Long::longValue).toArray(), kept.size());
                Tensor part = method.computeMask(t.indexSelect(dim, index), mask.indexSelect(dim, index));
                s.write(m, kept, part.contiguous().toDoubleArray());
            }
            case GLOBAL -> m = method.computeMask(t, mask).to(t.dtype()).contiguous().toDoubleArray();
        }
        return Masks.of(m, t, t.shape());
    }
}
