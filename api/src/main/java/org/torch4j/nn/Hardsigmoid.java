package org.torch4j.nn;

import org.torch4j.Tensor;

/** relu6(x + 3) / 6. ({@code torch.nn.Hardsigmoid}) */
public class Hardsigmoid extends Module {
    /** Whether forward overwrites its input ({@code inplace=True}). */
    public final boolean inplace;

    /** {@code nn.Hardsigmoid()}. */
    public Hardsigmoid() {
        this(false);
    }

    /** {@code nn.Hardsigmoid(inplace)}: with {@code inplace} the result is written into the input. */
    public Hardsigmoid(boolean inplace) {
        this.inplace = inplace;
    }

    @Override
    public Tensor forward(Tensor input) {
        return InPlace.apply(inplace, input, x -> F.hardsigmoid(x));
    }
}
