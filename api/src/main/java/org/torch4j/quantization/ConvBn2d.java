package org.torch4j.quantization;

import org.torch4j.nn.BatchNorm2d;
import org.torch4j.nn.Conv2d;
import org.torch4j.nn.Sequential;

/**
 * A Conv2d followed by a BatchNorm2d, fused for quantization-aware training ({@code torch.ao.nn.intrinsic.ConvBn2d}):
 * children {@code 0} and {@code 1}, made by {@link QuantizationAwareTraining#fuseModulesQat fuseModulesQat};
 * {@link QuantizationAwareTraining#prepareQat prepareQat} makes it a {@link org.torch4j.quantization.qat.ConvBn2d}.
 */
public class ConvBn2d extends Sequential {
    /**
     * The pair.
     *
     * @param conv the convolution
     * @param bn the batch norm
     */
    public ConvBn2d(Conv2d conv, BatchNorm2d bn) {
        super(conv, bn);
    }
}
