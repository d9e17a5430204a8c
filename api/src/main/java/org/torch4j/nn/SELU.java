package org.torch4j.nn;

import org.torch4j.Tensor;

/** Scaled ELU with the self-normalising constants ({@code torch.nn.SELU}). */
public class SELU extends Module {
    /** The module; it has no options. */
    public SELU() {}

    @Override
    public Tensor forward(Tensor input) {
        return F.selu(input);
    }
}
