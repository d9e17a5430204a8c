package org.torch4j.quantization;

import org.torch4j.nn.BatchNorm2d;
import org.torch4j.nn.Conv2d;
import org.torch4j.nn.ReLU;
import org.torch4j.nn.Sequential;

/**
 * A Conv2d, BatchNorm2d and ReLU fused for quantization-aware training ({@code torch.ao.nn.intrinsic.ConvBnReLU2d}):
 * children {@code 0}, {@code 1} and {@code 2}, made by {@link QuantizationAwareTraining#fuseModulesQat fuseModulesQat};
 * {@link QuantizationAwareTraining#prepareQat prepareQat} makes it a {@link org.torch4j.quantization.qat.ConvBnReLU2d}.
 */
public class ConvBnReLU2d extends Sequential {
    /**
     * The triple.
     *
     * @param conv the convolution
     * @param bn the batch norm
     * @param relu the activation
     */
    public ConvBnReLU2d(Conv2d conv, BatchNorm2d bn, ReLU relu) {
        super(conv, bn, relu);
    }
}
