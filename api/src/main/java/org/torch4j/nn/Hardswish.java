package org.torch4j.nn;

import org.torch4j.Tensor;

/** x * relu6(x + 3) / 6. ({@code torch.nn.Hardswish}) */
public class Hardswish extends Module {
    /** Whether forward overwrites its input ({@code inplace=True}). */
    public final boolean inplace;

    /** {@code nn.Hardswish()}. */
    public Hardswish() {
        this(false);
    }

    /** {@code nn.Hardswish(inplace)}: with {@code inplace} the result is written into the input. */
    public Hardswish(boolean inplace) {
        this.inplace = inplace;
    }

    @Override
    public Tensor forward(Tensor input) {
        return InPlace.apply(inplace, input, x -> F.hardswish(x));
    }
}
