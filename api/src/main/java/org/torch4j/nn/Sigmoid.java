package org.torch4j.nn;

import org.torch4j.Tensor;

/** Logistic sigmoid. ({@code torch.nn.Sigmoid}) */
public class Sigmoid extends Module {
    /** {@code nn.Sigmoid()}: no options. */
    public Sigmoid() {}

    @Override
    public Tensor forward(Tensor input) {
        return input.sigmoid();
    }
}
