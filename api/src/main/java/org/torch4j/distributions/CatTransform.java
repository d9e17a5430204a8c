package org.torch4j.distributions;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.BiFunction;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * Transforms applied to consecutive blocks along {@code dim}, the i-th to {@code lengths.get(i)} entries, the results
 * joined as {@code torch.cat} joins them ({@code torch.distributions.transforms.CatTransform}). Its event dims are the
 * largest of its parts'; the log-Jacobians of parts with fewer are summed up to them.
 */
public final class CatTransform implements Transform {
    private final List<Transform> parts;
    private final int dim;
    private final List<Long> lengths;

    /**
     * {@code parts.get(i)} on the i-th block along {@code dim}.
     *
     * @param lengths the block lengths, one per transform (null: 1 each)
     * @throws IllegalArgumentException when lengths and transforms differ in number
     */
    public CatTransform(List<Transform> parts, int dim, List<Long> lengths) {
        this.parts = List.copyOf(parts);
        this.dim = dim;
        this.lengths = lengths == null ? Collections.nCopies(parts.size(), 1L) : List.copyOf(lengths);
        if (this.lengths.size() != this.parts.size()) {
            throw new IllegalArgumentException("CatTransform: " + this.lengths.size() + " lengths for " + this.parts.size() + " transforms");
        }
    }

    private int eventDim() {
        return parts.stream().mapToInt(t -> t.domain().eventDim()).max().orElse(0);
    }

    private long length() {
        return lengths.stream().mapToLong(Long::longValue).sum();
    }

    /** Each part applied to its block of {@code t} (and of {@code u}, for the log-Jacobian). */
    private List<Tensor> map(Tensor t, Tensor u, BiFunction<Integer, Tensor[], Tensor> f) {
        for (Tensor v : u == null ? List.of(t) : List.of(t, u)) {
            if (dim < -v.dim() || dim >= v.dim()) throw new IndexOutOfBoundsException("CatTransform: dim " + dim + " out of range for " + v.dim() + " dims");
            if (v.size(dim) != length()) {
                throw new IllegalArgumentException("CatTransform: expected size " + length() + " at dim " + dim + " but got " + v.size(dim));
            }
        }
        List<Tensor> out = new ArrayList<>();
        long start = 0;
        for (int i = 0; i < parts.size(); i++) {
            long n = lengths.get(i);
            out.add(f.apply(i, new Tensor[] {t.narrow(dim, start, n), u == null ? null : u.narrow(dim, start, n)}));
            start += n;
        }
        return out;
    }

    @Override
    public Tensor forward(Tensor x) {
        return Torch.cat(map(x, null, (i, s) -> parts.get(i).forward(s[0])), dim);
    }

    @Override
    public Tensor inverse(Tensor y) {
        return Torch.cat(map(y, null, (i, s) -> parts.get(i).inverse(s[0])), dim);
    }

    /** Joined along dim where dim lies outside the event, else summed. */
    @Override
    public Tensor logAbsDetJacobian(Tensor x, Tensor y) {
        int eventDim = eventDim();
        List<Tensor> terms = map(x, y, (i, s) -> {
            Transform t = parts.get(i);
            return Util.sumRightmost(t.logAbsDetJacobian(s[0], s[1]), eventDim - t.domain().eventDim());
        });
        int d = (dim >= 0 ? dim - x.dim() : dim) + eventDim;
        if (d < 0) return Torch.cat(terms, d);
        Tensor sum = terms.get(0);
        for (int i = 1; i < terms.size(); i++) sum = sum.add(terms.get(i));
        return sum;
    }

    /** Whether every part is bijective. */
    @Override
    public boolean bijective() {
        return parts.stream().allMatch(Transform::bijective);
    }

    @Override
    public Constraint domain() {
        return Constraint.cat(parts.stream().map(Transform::domain).toList(), dim, lengths);
    }

    @Override
    public Constraint codomain() {
        return Constraint.cat(parts.stream().map(Transform::codomain).toList(), dim, lengths);
    }

    /** {@code CatTransform()}, PyTorch's repr. */
    @Override
    public String toString() {
        return "CatTransform()";
    }
}
