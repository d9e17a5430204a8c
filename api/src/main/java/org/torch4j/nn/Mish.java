package org.torch4j.nn;

import org.torch4j.Tensor;

/** x * tanh(softplus(x)). ({@code torch.nn.Mish}) */
public class Mish extends Module {
    /** Whether forward overwrites its input ({@code inplace=True}). */
    public final boolean inplace;

    /** {@code nn.Mish()}. */
    public Mish() {
        this(false);
    }

    /** {@code nn.Mish(inplace)}: with {@code inplace} the result is written into the input. */
    public Mish(boolean inplace) {
        this.inplace = inplace;
    }

    @Override
    public Tensor forward(Tensor input) {
        return InPlace.apply(inplace, input, x -> x.mish());
    }

    @Override
    protected String extraRepr() {
        return inplace ? "inplace=True" : "";
    }
}
