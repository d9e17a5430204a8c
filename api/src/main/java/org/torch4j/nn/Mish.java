package org.torch4j.nn;

import org.torch4j.Tensor;

/** x * tanh(softplus(x)). ({@code torch.nn.Mish}) */
public class Mish extends Module {
    /** {@code nn.Mish()}: no options. */
    public Mish() {}

    @Override
    public Tensor forward(Tensor input) {
        return input.mish();
    }
}
