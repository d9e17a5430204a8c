package org.torch4j.nn;

import org.torch4j.Tensor;

/** Hyperbolic tangent. ({@code torch.nn.Tanh}) */
public class Tanh extends Module {
    /** {@code nn.Tanh()}: no options. */
    public Tanh() {}

    @Override
    public Tensor forward(Tensor input) {
        return input.tanh();
    }
}
