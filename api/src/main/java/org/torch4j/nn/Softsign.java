package org.torch4j.nn;

import org.torch4j.Tensor;

/** {@code x / (1 + |x|)} elementwise ({@code torch.nn.Softsign}). */
public class Softsign extends Module {
    /** The module; it has no options. */
    public Softsign() {}

    @Override
    public Tensor forward(Tensor input) {
        return F.softsign(input);
    }
}
