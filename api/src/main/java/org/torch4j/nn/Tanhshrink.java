package org.torch4j.nn;

import org.torch4j.Tensor;

/** {@code x - tanh(x)} elementwise ({@code torch.nn.Tanhshrink}). */
public class Tanhshrink extends Module {
    /** The module; it has no options. */
    public Tanhshrink() {}

    @Override
    public Tensor forward(Tensor input) {
        return F.tanhshrink(input);
    }
}
