package org.torch4j.nn;

/**
 * The output projection of {@link MultiheadAttention}: a {@link Linear} under the name PyTorch gives
 * it ({@code torch.nn.modules.linear.NonDynamicallyQuantizableLinear}), so that print forms agree.
 */
public class NonDynamicallyQuantizableLinear extends Linear {
    /**
     * A {@link Linear} from {@code (*, inFeatures)} to {@code (*, outFeatures)}.
     *
     * @param inFeatures the input size
     * @param outFeatures the output size
     * @param bias whether to learn an additive bias
     */
    public NonDynamicallyQuantizableLinear(long inFeatures, long outFeatures, boolean bias) {
        super(inFeatures, outFeatures, bias);
    }
}
