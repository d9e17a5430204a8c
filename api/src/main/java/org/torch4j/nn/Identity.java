package org.torch4j.nn;

import org.torch4j.Tensor;

/** Returns its input ({@code torch.nn.Identity}). */
public class Identity extends Module {
    /** {@code nn.Identity()}: returns its input unchanged. */
    public Identity() {}

    @Override
    public Tensor forward(Tensor input) {
        return input;
    }
}
