package org.torch4j.quantization;

import org.torch4j.Tensor;
import org.torch4j.nn.Module;

/**
 * Marks where a model's float input becomes quantized ({@code torch.ao.quantization.QuantStub}): the identity until
 * {@link StaticQuantization#prepare prepare} attaches an observer to it and {@link StaticQuantization#convert
 * convert} replaces it by a {@link Quantize} with the observed parameters.
 */
public class QuantStub extends Module {
    /** A stub. */
    public QuantStub() {}

    @Override
    public Tensor forward(Tensor x) {
        return x;
    }
}
