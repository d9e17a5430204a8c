package org.torch4j.nn;

import org.torch4j.Tensor;

/** x * sigmoid(x) (swish). ({@code torch.nn.SiLU}) */
public class SiLU extends Module {
    /** Whether forward overwrites its input ({@code inplace=True}). */
    public final boolean inplace;

    /** {@code nn.SiLU()}. */
    public SiLU() {
        this(false);
    }

    /** {@code nn.SiLU(inplace)}: with {@code inplace} the result is written into the input. */
    public SiLU(boolean inplace) {
        this.inplace = inplace;
    }

    @Override
    public Tensor forward(Tensor input) {
        return InPlace.apply(inplace, input, x -> x.silu());
    }

    @Override
    protected String extraRepr() {
        return inplace ? "inplace=True" : "";
    }
}
