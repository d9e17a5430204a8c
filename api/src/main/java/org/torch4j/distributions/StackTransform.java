package org.torch4j.distributions;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * Transforms applied to the slices along {@code dim}, the i-th to slice i, the results joined as {@code torch.stack}
 * joins them ({@code torch.distributions.transforms.StackTransform}); the log-Jacobians are stacked the same way.
 */
public final class StackTransform implements Transform {
    private final List<Transform> parts;
    private final int dim;

    /** One transform per slice along {@code dim}. */
    public StackTransform(List<Transform> parts, int dim) {
        this.parts = List.copyOf(parts);
        this.dim = dim;
    }

    /** Each part applied to its slice of {@code t} (and of {@code u}, for the log-Jacobian). */
    private Tensor map(Tensor t, Tensor u, BiFunction<Integer, Tensor[], Tensor> f) {
        for (Tensor v : u == null ? List.of(t) : List.of(t, u)) {
            if (dim < -v.dim() || dim >= v.dim()) throw new IndexOutOfBoundsException("StackTransform: dim " + dim + " out of range for " + v.dim() + " dims");
            if (v.size(dim) != parts.size()) {
                throw new IllegalArgumentException("StackTransform: expected size " + parts.size() + " at dim " + dim + " but got " + v.size(dim));
            }
        }
        List<Tensor> out = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            out.add(f.apply(i, new Tensor[] {t.select(dim, i), u == null ? null : u.select(dim, i)}));
        }
        return Torch.stack(out, dim);
    }

    @Override
    public Tensor forward(Tensor x) {
        return map(x, null, (i, s) -> parts.get(i).forward(s[0]));
    }

    @Override
    public Tensor inverse(Tensor y) {
        return map(y, null, (i, s) -> parts.get(i).inverse(s[0]));
    }

    @Override
    public Tensor logAbsDetJacobian(Tensor x, Tensor y) {
        return map(x, y, (i, s) -> parts.get(i).logAbsDetJacobian(s[0], s[1]));
    }

    /** Whether every part is bijective. */
    @Override
    public boolean bijective() {
        return parts.stream().allMatch(Transform::bijective);
    }

    @Override
    public Constraint domain() {
        return Constraint.stack(parts.stream().map(Transform::domain).toList(), dim);
    }

    @Override
    public Constraint codomain() {
        return Constraint.stack(parts.stream().map(Transform::codomain).toList(), dim);
    }

    /** {@code StackTransform()}, PyTorch's repr. */
    @Override
    public String toString() {
        return "StackTransform()";
    }
}
