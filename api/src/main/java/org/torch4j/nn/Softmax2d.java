package org.torch4j.nn;

import org.torch4j.Tensor;

/** softmax over the channels (dim -3) of [N, C, H, W] or [C, H, W] ({@code torch.nn.Softmax2d}). */
public class Softmax2d extends Module {
    /** The module; it has no options. */
    public Softmax2d() {}

    @Override
    public Tensor forward(Tensor input) {
        if (input.dim() != 3 && input.dim() != 4) {
            throw new IllegalArgumentException("Softmax2d requires a 3D or 4D tensor as input");
        }
        return F.softmax(input, -3);
    }
}
