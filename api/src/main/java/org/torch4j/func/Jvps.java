package org.torch4j.func;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * functorch's {@code jvp} without forward-mode AD, by the double-backward trick: the backward pass
 * {@code u -> J^T u} is linear in {@code u}, so differentiating it with respect to {@code u} along a tangent
 * {@code v} gives {@code J v}. Two reverse passes instead of one forward pass; equal results.
 */
final class Jvps {
    private Jvps() {}

    /** {@code jvp(f, primals, tangents, has_aux)}; f's outputs and aux come as a {@link WithAux} (aux null without has_aux). */
    static <A> JvpWithAux<A> jvp(Function<List<Tensor>, WithAux<A>> f, List<Tensor> primals, List<Tensor> tangents) {
        check(primals, tangents);
        return Level.run(() -> {
            List<Tensor> prepared = Level.prepare(primals);
            WithAux<A> r = f.apply(prepared);
            if (r == null) {
                throw new IllegalArgumentException("jvp(f, primals, tangents): output of function f should be a tuple: (output, aux) if"
                        + " has_aux is True");
            }
            List<Tensor> outs = r.outputs();
            Level.checkOutputs("jvp(f, primals, tangents)", outs);
            boolean keep = Level.keepGraph(primals, prepared, outs) || (Level.outerGrad() && Level.anyRequiresGrad(tangents));
            return new JvpWithAux<>(Level.unwrap(outs, keep), Level.unwrap(products(outs, prepared, tangents, keep), keep),
                    Level.unwrapAux(r.aux(), keep));
        });
    }

    /** {@code J v} for each output, given the outputs' graph over {@code inputs}. */
    static List<Tensor> products(List<Tensor> outs, List<Tensor> inputs, List<Tensor> tangents, boolean createGraph) {
        List<Tensor> u = new ArrayList<>();
        // any values will do: they do not appear in the graph of the (linear) backward
        for (Tensor o : outs) u.add(Torch.zerosLike(o).requiresGrad_());
        List<Tensor> back = Level.grad(outs, inputs, u, true);
        List<Tensor> used = new ArrayList<>(), vs = new ArrayList<>();
        for (int i = 0; i < back.size(); i++) {
            if (back.get(i).requiresGrad()) {
                used.add(back.get(i));
                vs.add(tangents.get(i));
            }
        }
        return Level.grad(used, u, vs, createGraph);
    }

    /** functorch's checks: as many tangents as primals, floating primals, each tangent of its primal's shape. */
    private static void check(List<Tensor> primals, List<Tensor> tangents) {
        if (primals.size() != tangents.size()) {
            throw new IllegalArgumentException("jvp(f, primals, tangents): Expected primals and tangents to have the same python"
                    + " structure. For example, if primals is a tuple of 3 tensors, tangents also must be. Got primals with structure "
                    + Level.treeSpec(primals.size()) + " and tangents with structure " + Level.treeSpec(tangents.size()));
        }
        for (int i = 0; i < primals.size(); i++) {
            Tensor p = primals.get(i), t = tangents.get(i);
            if (!p.isFloatingPoint() && !p.isComplex()) {
                throw new IllegalArgumentException("Expected primal to be floating point or complex, but got: " + p.dtype());
            }
            if (!Arrays.equals(p.shape(), t.shape())) {
                throw new IllegalArgumentException("Trying to set a forward gradient that has a different size than that of the"
                        + " original Tensor, this is not supported. Tensor is of size " + Arrays.toString(p.shape())
                        + " while the given forward gradient is of size " + Arrays.toString(t.shape()) + ".");
            }
        }
    }
}
