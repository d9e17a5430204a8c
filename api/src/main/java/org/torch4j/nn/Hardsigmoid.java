package org.torch4j.nn;

import org.torch4j.Tensor;

/** relu6(x + 3) / 6. ({@code torch.nn.Hardsigmoid}) */
public class Hardsigmoid extends Module {
    /** {@code nn.Hardsigmoid()}: no options. */
    public Hardsigmoid() {}

    @Override
    public Tensor forward(Tensor input) {
        return F.hardsigmoid(input);
    }
}
