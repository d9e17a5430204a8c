package org.torch4j.func;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.torch4j.Tensor;

/**
 * functorch's {@code vjp}: the function run once on stand-ins for the primals, and a pullback that runs a
 * backward pass of that recorded graph for each cotangent it is given.
 */
final class Vjps {
    private Vjps() {}

    /** {@code vjp(f, *primals, has_aux)}; f's outputs and aux come as a {@link WithAux} (aux null without has_aux). */
    static <A> VjpWithAux<A> vjp(Function<List<Tensor>, WithAux<A>> f, List<Tensor> primals) {
        return Level.run(() -> {
            List<Tensor> prepared = Level.prepare(primals);
            WithAux<A> r = f.apply(prepared);
            if (r == null) {
                throw new IllegalArgumentException("vjp(f, *primals): output of function f should be a tuple: (output, aux) if"
                        + " has_aux is True");
            }
            Level.checkOutputs("vjp(f, *primals)", r.outputs());
            List<Tensor> outputs = List.copyOf(r.outputs());
            Level.checkFloatingOutputs(outputs);
            boolean keep = Level.keepGraph(primals, prepared, outputs);
            Function<List<Tensor>, List<Tensor>> pullback = cotangents -> Level.run(() -> {
                check(cotangents, outputs);
                boolean create = keep || Level.nested() || (Level.outerGrad() && Level.anyRequiresGrad(cotangents));
                return Level.unwrap(Level.grad(outputs, prepared, cotangents, create), create);
            });
            return new VjpWithAux<>(Level.unwrap(outputs, keep), pullback, Level.unwrapAux(r.aux(), keep));
        });
    }

    /** One cotangent per output, each of its output's shape, with PyTorch's messages. */
    private static void check(List<Tensor> cotangents, List<Tensor> outputs) {
        if (cotangents.size() != outputs.size()) {
            throw new IllegalArgumentException("Expected pytree structure of cotangents to be the same as pytree structure of"
                    + " outputs to the function. cotangents: " + Level.treeStr(cotangents.size()) + ", primal output: "
                    + Level.treeStr(outputs.size()));
        }
        for (int i = 0; i < outputs.size(); i++) {
            if (!Arrays.equals(cotangents.get(i).shape(), outputs.get(i).shape())) {
                throw new IllegalArgumentException("Mismatch in shape: grad_output[" + i + "] has a shape of "
                        + size(cotangents.get(i)) + " and output[" + i + "] has a shape of " + size(outputs.get(i)) + ".");
            }
        }
    }

    static String size(Tensor t) {
        return "torch.Size(" + Arrays.toString(t.shape()) + ")";
    }
}
