package org.torch4j.func;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * functorch's {@code jacrev} and {@code jacfwd} for a function with one tensor output: the Jacobian with
 * respect to each chosen argument, of shape {@code output.shape + argument.shape}. jacrev runs one backward
 * pass per output element (a row each); jacfwd one double-backward product per argument element (a column
 * each, see {@link Jvps}). functorch vectorises these passes with vmap; here they are a loop.
 */
final class Jacobians {
    private Jacobians() {}

    static List<Tensor> jacrev(Function<List<Tensor>, Tensor> f, int[] argnums, List<Tensor> args) {
        return jacobian(f, argnums, args, false);
    }

    static List<Tensor> jacfwd(Function<List<Tensor>, Tensor> f, int[] argnums, List<Tensor> args) {
        return jacobian(f, argnums, args, true);
    }

    private static List<Tensor> jacobian(Function<List<Tensor>, Tensor> f, int[] argnums, List<Tensor> args, boolean forward) {
        int[] nums = Grads.checkArgnums(argnums, args.size());
        return Level.run(() -> {
            Level.Prepared p = Level.prepare(args, nums);
            List<Tensor> chosen = p.chosen(), prepared = p.standIns(), call = p.call();
            Tensor out = f.apply(call);
            if (out == null) {
                throw new IllegalArgumentException((forward ? "jacfwd" : "jacrev") + "(f): Expected f to return a Tensor, got <class"
                        + " 'NoneType'>");
            }
            boolean keep = Level.keepGraph(chosen, prepared, List.of(out));
            List<Tensor> jac = forward ? columns(out, prepared, keep) : rows(out, prepared, keep);
            return Level.unwrap(jac, keep);
        });
    }

    /** One backward pass per element of the output: the Jacobians' rows, stacked. */
    private static List<Tensor> rows(Tensor out, List<Tensor> inputs, boolean createGraph) {
        Tensor flat = out.reshape(-1);
        List<List<Tensor>> rows = new ArrayList<>();
        for (int k = 0; k < inputs.size(); k++) rows.add(new ArrayList<>());
        for (long j = 0; j < flat.numel(); j++) {
            List<Tensor> g = Level.grad(List.of(flat.select(0, j)), inputs, null, createGraph);
            for (int k = 0; k < inputs.size(); k++) rows.get(k).add(g.get(k));
        }
        List<Tensor> r = new ArrayList<>();
        for (int k = 0; k < inputs.size(); k++) r.add(assemble(rows.get(k), 0, out, inputs.get(k)));
        return r;
    }

    /** One Jacobian-vector product per element of each input (the double-backward trick): the columns, stacked. */
    private static List<Tensor> columns(Tensor out, List<Tensor> inputs, boolean createGraph) {
        Tensor u = Torch.zerosLike(out).requiresGrad_();
        List<Tensor> back = Level.grad(List.of(out), inputs, List.of(u), true);
        List<Tensor> r = new ArrayList<>();
        for (int k = 0; k < inputs.size(); k++) {
            Tensor in = inputs.get(k), b = back.get(k);
            List<Tensor> cols = new ArrayList<>();
            for (long e = 0; e < in.numel(); e++) {
                cols.add(b.requiresGrad() ? Level.grad(List.of(b), List.of(u), List.of(oneHot(in, e)), createGraph).get(0)
                        : Torch.zerosLike(out));
            }
            r.add(assemble(cols, out.dim(), out, in));
        }
        return r;
    }

    /** Zeros shaped as {@code like}, with a 1 at flat index {@code e}: the tangent of one input element. */
    private static Tensor oneHot(Tensor like, long e) {
        Tensor t = Torch.zeros(like.shape(), like.dtype(), like.device());
        t.view(-1).select(0, e).fill_(1);
        return t;
    }

    /** The pieces stacked at {@code dim} and shaped {@code out.shape + in.shape} (zeros when there are none). */
    private static Tensor assemble(List<Tensor> pieces, int dim, Tensor out, Tensor in) {
        long[] shape = new long[out.dim() + in.dim()];
        System.arraycopy(out.shape(), 0, shape, 0, out.dim());
        System.arraycopy(in.shape(), 0, shape, out.dim(), in.dim());
        if (pieces.isEmpty()) return Torch.zeros(shape, in.dtype(), in.device());
        return Torch.stack(pieces, dim).reshape(shape);
    }
}
