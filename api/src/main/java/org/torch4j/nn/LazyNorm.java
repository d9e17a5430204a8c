package org.torch4j.nn;

import org.torch4j.DType;
import org.torch4j.Device;
import org.torch4j.Torch;

/** The shared part of the lazy batch and instance norms ({@code _LazyNormBase}). */
final class LazyNorm {
    private LazyNorm() {}

    /** Makes the affine parameters and the running mean and variance of a 0-feature norm uninitialised. */
    static void uninitialize(Module m, Parameter weight, Parameter bias) {
        if (weight != null) weight.uninitialize();
        if (bias != null) bias.uninitialize();
        if (m.buffer("running_mean") != null) {
            m.setBuffer("running_mean", new UninitializedBuffer(DType.FLOAT32, Device.CPU));
            m.setBuffer("running_var", new UninitializedBuffer(DType.FLOAT32, Device.CPU));
        }
    }

    /**
     * Materialises the uninitialised tensors with {@code features} entries and resets them as PyTorch's
     * {@code _NormBase.reset_parameters}: running mean 0, variance 1, batch count 0, weight 1, bias 0.
     */
    static void initialize(Module m, Parameter weight, Parameter bias, long features) {
        if (weight != null) weight.materialize(features);
        if (bias != null) bias.materialize(features);
        if (m.buffer("running_mean") instanceof UninitializedBuffer mean) {
            mean.materialize(features);
            ((UninitializedBuffer) m.buffer("running_var")).materialize(features);
        }
        try (var g = Torch.noGrad()) {
            if (m.buffer("running_mean") != null) {
                m.buffer("running_mean").zero_();
                m.buffer("running_var").fill_(1.0);
                m.buffer("num_batches_tracked").zero_();
            }
            if (weight != null) weight.fill_(1.0);
            if (bias != null) bias.zero_();
        }
    }
}
