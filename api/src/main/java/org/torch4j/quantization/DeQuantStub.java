package org.torch4j.quantization;

import org.torch4j.Tensor;
import org.torch4j.nn.Module;

/**
 * Marks where a quantized model's values become float again ({@code torch.ao.quantization.DeQuantStub}): the identity
 * until {@link StaticQuantization#convert convert} replaces it by a {@link DeQuantize}.
 */
public class DeQuantStub extends Module {
    /** A stub. */
    public DeQuantStub() {}

    @Override
    public Tensor forward(Tensor x) {
        return x;
    }
}
