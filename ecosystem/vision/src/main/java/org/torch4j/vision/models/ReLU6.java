package org.torch4j.vision.models;

import org.torch4j.Tensor;
import org.torch4j.nn.F;
import org.torch4j.nn.Module;

/** {@code min(max(0, x), 6)} ({@code torch.nn.ReLU6}), the activation of MobileNetV2. */
public class ReLU6 extends Module {
    /** {@code nn.ReLU6()}: no options. */
    public ReLU6() {}

    /** Applies ReLU6 element-wise. */
    @Override
    public Tensor forward(Tensor input) {
        return F.relu6(input);
    }
}
