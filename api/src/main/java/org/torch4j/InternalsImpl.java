package org.torch4j;

import org.torch4j.internal.Internals;
import org.torch4j.spi.UnaryOp;

/** The implementation behind {@link Internals}, registered when {@link Tensor} loads. */
final class InternalsImpl implements Internals {

    static void register() {
        Internals.Holder.set(new InternalsImpl());
    }

    @Override
    public Tensor unary(UnaryOp op, Tensor x, double... params) {
        return Pointwise.unary(op, x, params);
    }

    @Override
    public Tensor softmax(Tensor x, int dim, boolean log) {
        return Softmax.softmax(x, dim, log);
    }
}
