package org.torch4j.func;

import java.util.List;
import java.util.function.Function;
import org.torch4j.Tensor;

/**
 * functorch's {@code grad_and_value} (and so {@code grad}): the gradient of a function with a scalar output
 * with respect to some of its arguments, by one backward pass over fresh stand-ins for those arguments.
 */
final class Grads {
    private Grads() {}

    /** {@code grad_and_value(f, argnums, has_aux)(*args)}. */
    static <A> GradAndValue<A> gradAndValue(Function<List<Tensor>, WithAux<A>> f, int[] argnums, List<Tensor> args) {
        int[] nums = checkArgnums(argnums, args.size());
        return Level.run(() -> {
            Level.Prepared p = Level.prepare(args, nums);
            List<Tensor> chosen = p.chosen(), prepared = p.standIns(), call = p.call();
            WithAux<A> r = f.apply(call);
            if (r == null) {
                throw new IllegalArgumentException("grad_and_value(f)(*args): output of function f should be a tuple: (output, aux) if"
                        + " has_aux is True");
            }
            if (r.outputs().size() > 1) {
                throw new IllegalArgumentException("grad_and_value(f)(*args): Expected f(*args) to return a Tensor, got <class"
                        + " 'tuple'>");
            }
            Tensor out = r.output();
            if (out == null) {
                throw new IllegalArgumentException("grad_and_value(f)(*args): Expected f(*args) to return a Tensor, got <class"
                        + " 'NoneType'>");
            }
            if (out.dim() != 0) {
                throw new IllegalArgumentException("grad_and_value(f)(*args): Expected f(*args) to return a scalar Tensor, got tensor"
                        + " with " + out.dim() + " dims. Maybe you wanted to use the vjp or jacrev APIs instead?");
            }
            boolean keep = Level.keepGraph(chosen, prepared, List.of(out));
            List<Tensor> grads = Level.grad(List.of(out), prepared, null, keep);
            return new GradAndValue<>(Level.unwrap(grads, keep), Level.unwrap(out, keep), Level.unwrapAux(r.aux(), keep));
        });
    }

    /** argnums made non-negative, with functorch's messages for an empty or out-of-range choice. */
    static int[] checkArgnums(int[] argnums, int n) {
        if (argnums.length == 0) throw new IllegalArgumentException("argnums must be non-empty");
        int[] r = new int[argnums.length];
        for (int i = 0; i < argnums.length; i++) {
            int a = argnums[i];
            if (a < -n || a >= n) {
                throw new IndexOutOfBoundsException("Got argnum=" + a + ", but only " + n + " positional inputs");
            }
            r[i] = a < 0 ? a + n : a;
            for (int j = 0; j < i; j++) {
                if (r[j] == r[i]) throw new IllegalArgumentException("argnums elements must be unique, got " + tuple(argnums));
            }
        }
        return r;
    }

    /** A Python tuple's repr: {@code (0, 1)}, {@code (0,)}. */
    static String tuple(int[] values) {
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < values.length; i++) b.append(i == 0 ? "" : ", ").append(values[i]);
        return b.append(values.length == 1 ? ",)" : ")").toString();
    }
}
