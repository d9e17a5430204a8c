package org.torch4j.nn;

import org.torch4j.Tensor;

/** Rectified linear unit. ({@code torch.nn.ReLU}) */
public class ReLU extends Module {
    /** {@code nn.ReLU()}: no options. */
    public ReLU() {}

    @Override
    public Tensor forward(Tensor input) {
        return F.relu(input);
    }
}
