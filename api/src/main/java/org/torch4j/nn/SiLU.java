package org.torch4j.nn;

import org.torch4j.Tensor;

/** x * sigmoid(x) (swish). ({@code torch.nn.SiLU}) */
public class SiLU extends Module {
    /** {@code nn.SiLU()}: no options. */
    public SiLU() {}

    @Override
    public Tensor forward(Tensor input) {
        return input.silu();
    }
}
