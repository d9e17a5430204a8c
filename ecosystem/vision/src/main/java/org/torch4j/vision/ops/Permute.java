package org.torch4j.vision.ops;

import org.torch4j.Tensor;
import org.torch4j.nn.Module;

/**
 * Permutes the input's dimensions ({@code torchvision.ops.Permute}), as a module so that it can sit in a
 * {@code Sequential} (ConvNeXt's blocks switch between channels-first and channels-last with it).
 */
public class Permute extends Module {
    private final int[] dims;

    /** A module returning {@code input.permute(dims)}. */
    public Permute(int... dims) {
        this.dims = dims.clone();
    }

    /** The input with its dimensions reordered. */
    @Override
    public Tensor forward(Tensor input) {
        return input.permute(dims);
    }
}
