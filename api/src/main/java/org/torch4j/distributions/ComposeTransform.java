package org.torch4j.distributions;

import java.util.ArrayList;
import java.util.List;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * Transforms applied one after another ({@code torch.distributions.transforms.ComposeTransform}); with no parts it
 * is the identity ({@link Transforms#identity()}). Its domain and codomain carry the largest event dims the chain
 * needs (an elementwise map after {@link StickBreakingTransform} acts on vectors), and its log-Jacobian sums each
 * part's over the event dims the part does not itself reduce. Two compositions are equal when their parts are.
 */
public final class ComposeTransform implements Transform {
    private final List<Transform> parts;

    /** {@code parts}, applied in order. */
    public ComposeTransform(List<Transform> parts) {
        this.parts = List.copyOf(parts);
    }

    /** The transforms, in the order they are applied. */
    public List<Transform> parts() {
        return parts;
    }

    @Override
    public Tensor forward(Tensor x) {
        for (Transform p : parts) x = p.forward(x);
        return x;
    }

    @Override
    public Tensor inverse(Tensor y) {
        for (int i = parts.size() - 1; i >= 0; i--) y = parts.get(i).inverse(y);
        return y;
    }

    @Override
    public Tensor logAbsDetJacobian(Tensor x, Tensor y) {
        if (parts.isEmpty()) return Torch.zerosLike(x);
        List<Tensor> xs = new ArrayList<>(List.of(x));
        for (int i = 0; i < parts.size() - 1; i++) xs.add(parts.get(i).forward(xs.get(i)));
        xs.add(y);
        Tensor sum = null;
        int eventDim = domain().eventDim();
        for (int i = 0; i < parts.size(); i++) {
            Transform p = parts.get(i);
            Tensor term = Util.sumRightmost(p.logAbsDetJacobian(xs.get(i), xs.get(i + 1)), eventDim - p.domain().eventDim());
            sum = sum == null ? term : sum.add(term);
            eventDim += p.codomain().eventDim() - p.domain().eventDim();
        }
        return sum;
    }

    @Override
    public Tensor sign() {
        Tensor s = Torch.scalarTensor(1.0);
        for (Transform p : parts) s = s.mul(p.sign());
        return s;
    }

    /** The first part's domain, made independent over the event dims the whole chain needs. */
    @Override
    public Constraint domain() {
        if (parts.isEmpty()) return Constraint.REAL;
        Constraint domain = parts.get(0).domain();
        int eventDim = parts.get(parts.size() - 1).codomain().eventDim();
        for (int i = parts.size() - 1; i >= 0; i--) {
            Transform p = parts.get(i);
            eventDim = Math.max(eventDim + p.domain().eventDim() - p.codomain().eventDim(), p.domain().eventDim());
        }
        return eventDim > domain.eventDim() ? Constraint.independent(domain, eventDim - domain.eventDim()) : domain;
    }

    /** The last part's codomain, made independent over the event dims the whole chain produces. */
    @Override
    public Constraint codomain() {
        if (parts.isEmpty()) return Constraint.REAL;
        Constraint codomain = parts.get(parts.size() - 1).codomain();
        int eventDim = parts.get(0).domain().eventDim();
        for (Transform p : parts) {
            eventDim = Math.max(eventDim + p.codomain().eventDim() - p.domain().eventDim(), p.codomain().eventDim());
        }
        return eventDim > codomain.eventDim() ? Constraint.independent(codomain, eventDim - codomain.eventDim()) : codomain;
    }

    /** The inverses of the parts in reverse order. */
    @Override
    public Transform inv() {
        List<Transform> inverses = new ArrayList<>();
        for (int i = parts.size() - 1; i >= 0; i--) inverses.add(parts.get(i).inv());
        return new ComposeTransform(inverses);
    }

    /** Whether every part is bijective. */
    @Override
    public boolean bijective() {
        return parts.stream().allMatch(Transform::bijective);
    }

    @Override
    public long[] forwardShape(long[] shape) {
        for (Transform p : parts) shape = p.forwardShape(shape);
        return shape;
    }

    @Override
    public long[] inverseShape(long[] shape) {
        for (int i = parts.size() - 1; i >= 0; i--) shape = parts.get(i).inverseShape(shape);
        return shape;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ComposeTransform c && parts.equals(c.parts);
    }

    @Override
    public int hashCode() {
        return parts.hashCode();
    }

    /** PyTorch's repr: the parts one per line. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("ComposeTransform(\n    ");
        for (int i = 0; i < parts.size(); i++) b.append(i > 0 ? ",\n    " : "").append(parts.get(i));
        return b.append("\n)").toString();
    }
}
