package org.torch4j.nn;

import org.torch4j.Tensor;

/** x * relu6(x + 3) / 6. ({@code torch.nn.Hardswish}) */
public class Hardswish extends Module {
    /** {@code nn.Hardswish()}: no options. */
    public Hardswish() {}

    @Override
    public Tensor forward(Tensor input) {
        return F.hardswish(input);
    }
}
