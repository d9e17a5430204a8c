package org.torch4j.func;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.torch4j.Generator;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.internal.RandomDraws;

/**
 * functorch's {@code jacrev} and {@code jacfwd}: the Jacobian of each output with respect to each chosen
 * argument, of shape {@code output.shape + argument.shape}, indexed {@code [output][argnum]} as functorch's
 * nested tuples are. jacrev runs one backward pass per output element (a row each); jacfwd one double-backward
 * product per argument element (a column each, see {@link Jvps}). functorch vectorises these passes with vmap;
 * here they are a loop, one pass at a time (so functorch 2.0's {@code chunk_size}, which bounds how many passes
 * vmap batches, would change nothing; 1.13 does not have it).
 */
final class Jacobians {
    private Jacobians() {}

    /** {@code jacrev(f, argnums, has_aux)(*args)}; f's outputs and aux come as a {@link WithAux} (aux null without has_aux). */
    static <A> JacobiansWithAux<A> jacrev(Function<List<Tensor>, WithAux<A>> f, int[] argnums, List<Tensor> args) {
        return jacobians(f, argnums, args, false, null);
    }

    /**
     * {@code jacfwd(f, argnums, has_aux, randomness)(*args)}. functorch runs jacfwd's products under vmap, whose
     * randomness applies: "error" refuses random ops in f, "same" gives every column the numbers of one call (here
     * there is one call), "different" gives each column its own (here f runs once per column).
     */
    static <A> JacobiansWithAux<A> jacfwd(Function<List<Tensor>, WithAux<A>> f, int[] argnums, List<Tensor> args, String randomness) {
        Vmap.checkRandomness(randomness);
        return jacobians(f, argnums, args, true, randomness);
    }

    private static <A> JacobiansWithAux<A> jacobians(Function<List<Tensor>, WithAux<A>> f, int[] argnums, List<Tensor> args,
                                                    boolean forward, String randomness) {
        int[] nums = Grads.checkArgnums(argnums, args.size());
        String prefix = forward ? "jvp(f, primals, tangents)" : "vjp(f, *primals)";
        return Level.run(() -> {
            Level.Prepared p = Level.prepare(args, nums);
            List<Tensor> chosen = p.chosen(), prepared = p.standIns();
            Supplier<List<Tensor>> again = () -> call(f, p.call(), randomness, prefix).outputs();
            WithAux<A> r = call(f, p.call(), randomness, prefix);
            List<Tensor> outs = r.outputs();
            if (!forward) Level.checkFloatingOutputs(outs);
            boolean keep = Level.keepGraph(chosen, prepared, outs);
            List<List<Tensor>> jac = !forward ? rows(outs, prepared, keep)
                    : "different".equals(randomness) ? columnsPerCall(outs, again, prepared, keep) : columns(outs, prepared, keep);
            List<List<Tensor>> unwrapped = new ArrayList<>();
            for (List<Tensor> perOutput : jac) unwrapped.add(Level.unwrap(perOutput, keep));
            return new JacobiansWithAux<>(unwrapped, Level.unwrapAux(r.aux(), keep));
        });
    }

    /** f called on {@code args}, its result checked; under randomness "error", random ops refused (an enclosing vmap's check first). */
    private static <A> WithAux<A> call(Function<List<Tensor>, WithAux<A>> f, List<Tensor> args, String randomness, String prefix) {
        Consumer<Generator> outer = RandomDraws.listener();
        if ("error".equals(randomness)) {
            RandomDraws.setListener(g -> {
                if (outer != null) outer.accept(g);
                throw Vmap.randomOpRefused();
            });
        }
        WithAux<A> r;
        try {
            r = f.apply(args);
        } finally {
            RandomDraws.setListener(outer);
        }
        if (r == null) {
            throw new IllegalArgumentException(prefix + ": output of function f should be a tuple: (output, aux) if has_aux is True");
        }
        Level.checkOutputs(prefix, r.outputs());
        return r;
    }

    /** One backward pass per element of each output: the Jacobians' rows, stacked. */
    private static List<List<Tensor>> rows(List<Tensor> outs, List<Tensor> inputs, boolean createGraph) {
        List<List<Tensor>> r = new ArrayList<>();
        for (Tensor out : outs) {
            Tensor flat = out.reshape(-1);
            List<List<Tensor>> rows = new ArrayList<>();
            for (int k = 0; k < inputs.size(); k++) rows.add(new ArrayList<>());
            for (long j = 0; j < flat.numel(); j++) {
                List<Tensor> g = Level.grad(List.of(flat.select(0, j)), inputs, null, createGraph);
                for (int k = 0; k < inputs.size(); k++) rows.get(k).add(g.get(k));
            }
            List<Tensor> perInput = new ArrayList<>();
            for (int k = 0; k < inputs.size(); k++) perInput.add(assemble(rows.get(k), 0, out, inputs.get(k)));
            r.add(perInput);
        }
        return r;
    }

    /**
     * One Jacobian-vector product per element of each input (the double-backward trick), giving that column for
     * every output at once: the columns, stacked.
     */
    private static List<List<Tensor>> columns(List<Tensor> outs, List<Tensor> inputs, boolean createGraph) {
        List<Tensor> us = new ArrayList<>();
        for (Tensor o : outs) us.add(Torch.zerosLike(o).requiresGrad_());
        List<Tensor> back = Level.grad(outs, inputs, us, true);
        List<List<Tensor>> r = new ArrayList<>();
        for (int o = 0; o < outs.size(); o++) r.add(new ArrayList<>());
        for (int k = 0; k < inputs.size(); k++) {
            Tensor in = inputs.get(k), b = back.get(k);
            List<List<Tensor>> cols = new ArrayList<>();
            for (int o = 0; o < outs.size(); o++) cols.add(new ArrayList<>());
            for (long e = 0; e < in.numel(); e++) {
                List<Tensor> jv = b.requiresGrad() ? Level.grad(List.of(b), us, List.of(oneHot(in, e)), createGraph) : zerosLike(outs);
                for (int o = 0; o < outs.size(); o++) cols.get(o).add(jv.get(o));
            }
            for (int o = 0; o < outs.size(); o++) r.get(o).add(assemble(cols.get(o), outs.get(o).dim(), outs.get(o), in));
        }
        return r;
    }

    /**
     * jacfwd under randomness "different": f runs again for every column (the first reuses {@code outs}), each
     * column being the Jacobian-vector product of that call with one input element's unit tangent.
     */
    private static List<List<Tensor>> columnsPerCall(List<Tensor> outs, Supplier<List<Tensor>> again, List<Tensor> inputs,
                                                     boolean createGraph) {
        List<List<List<Tensor>>> cols = new ArrayList<>(); // [output][input][column]
        for (int o = 0; o < outs.size(); o++) {
            cols.add(new ArrayList<>());
            for (int k = 0; k < inputs.size(); k++) cols.get(o).add(new ArrayList<>());
        }
        boolean first = true;
        for (int k = 0; k < inputs.size(); k++) {
            for (long e = 0; e < inputs.get(k).numel(); e++) {
                List<Tensor> call = first ? outs : again.get();
                first = false;
                List<Tensor> tangents = zerosLike(inputs);
                tangents.set(k, oneHot(inputs.get(k), e));
                List<Tensor> column = Jvps.products(call, inputs, tangents, createGraph);
                for (int o = 0; o < outs.size(); o++) cols.get(o).get(k).add(column.get(o));
            }
        }
        List<List<Tensor>> r = new ArrayList<>();
        for (int o = 0; o < outs.size(); o++) {
            List<Tensor> perInput = new ArrayList<>();
            for (int k = 0; k < inputs.size(); k++) perInput.add(assemble(cols.get(o).get(k), outs.get(o).dim(), outs.get(o), inputs.get(k)));
            r.add(perInput);
        }
        return r;
    }

    private static List<Tensor> zerosLike(List<Tensor> ts) {
        List<Tensor> r = new ArrayList<>();
        for (Tensor t : ts) r.add(Torch.zerosLike(t));
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
