package org.torch4j.nn;

import org.torch4j.Tensor;

/** Scaled ELU with the self-normalising constants ({@code torch.nn.SELU}). */
public class SELU extends Module {
    /** Whether forward overwrites its input ({@code inplace=True}). */
    public final boolean inplace;

    /** {@code nn.SELU()}. */
    public SELU() {
        this(false);
    }

    /** {@code nn.SELU(inplace)}: with {@code inplace} the result is written into the input. */
    public SELU(boolean inplace) {
        this.inplace = inplace;
    }

    @Override
    public Tensor forward(Tensor input) {
        return InPlace.apply(inplace, input, x -> F.selu(x));
    }

    @Override
    protected String extraRepr() {
        return inplace ? "inplace=True" : "";
    }
}
