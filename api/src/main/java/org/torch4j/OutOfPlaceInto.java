package org.torch4j;

import java.util.Arrays;
import java.util.function.UnaryOperator;

/**
 * PyTorch's rule for the in-place form of an op that has no kernel of its own: the op runs out of place
 * and its result is written into self. The result must broadcast to self's shape and its dtype must cast
 * to self's ({@code x_long.sin_()} is "result type Float can't be cast to the desired output type Long");
 * comparisons and logic write their bool result as 0/1 in self's dtype. Under autograd the op runs on a
 * copy of self's old value and self takes over the result's history, as {@link InPlace} does.
 */
final class OutOfPlaceInto {
    private OutOfPlaceInto() {}

    /** Writes {@code op(self)} into self; {@code others} are the op's other tensor inputs. */
    static Tensor apply(Tensor self, UnaryOperator<Tensor> op, Tensor... others) {
        self.checkOpen();
        Pointwise.checkWritable(self);
        InPlace.checkLeaf(self);
        boolean grad = GradMode.isEnabled() && (self.requiresGrad || Arrays.stream(others).anyMatch(Tensor::requiresGrad));
        Tensor r = op.apply(grad ? self.clone() : self);
        long[] b = Shapes.broadcast(self.shape, r.shape);
        if (!Arrays.equals(b, self.shape)) {
            throw new IllegalArgumentException("output with shape " + Shapes.str(self.shape)
                    + " doesn't match the broadcast shape " + Shapes.str(b));
        }
        if (!Pointwise.canCast(r.dtype(), self.dtype())) {
            throw new IllegalArgumentException("result type " + Printer.cppName(r.dtype())
                    + " can't be cast to the desired output type " + Printer.cppName(self.dtype()));
        }
        if (r.storage == self.storage) r = r.clone();
        try (Torch.Mode m = GradMode.set(false, GradMode.isInference())) {
            Conversions.copyInto(self, r);
        }
        self.storage.bumpVersion();
        InPlace.replaceHistory(self, r);
        return self;
    }

    /**
     * A comparison or logical op in place: its bool result is written as 0/1 in self's dtype. As in PyTorch,
     * self keeps requiring grad through a node {@code name} whose gradient is zero.
     */
    static Tensor predicate(Tensor self, String name, UnaryOperator<Tensor> op, Tensor... others) {
        return apply(self, s -> {
            Tensor out = op.apply(s).to(s.dtype());
            if (Autograd.needed(s) && s.dtype().isFloatingPoint()) Autograd.unary(name, s, out, g -> g.mul(0.0));
            return out;
        }, others);
    }
}
