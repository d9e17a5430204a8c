package org.torch4j.quantization;

/** PyTorch's quantization schemes ({@code torch.qscheme}). */
public enum QScheme {
    /** One scale and zero point for the whole tensor. */
    PER_TENSOR_AFFINE,
    /** Per channel scales and zero points along an axis. */
    PER_CHANNEL_AFFINE,
    /** Per tensor, with the zero point at the middle of the range (observers only). */
    PER_TENSOR_SYMMETRIC,
    /** Per channel, with zero points at the middle of the range (observers only). */
    PER_CHANNEL_SYMMETRIC,
    /** Per channel with floating-point zero points (observers only). */
    PER_CHANNEL_AFFINE_FLOAT_QPARAMS;

    /** Whether this scheme has one scale per channel. */
    public boolean isPerChannel() {
        return this == PER_CHANNEL_AFFINE || this == PER_CHANNEL_SYMMETRIC || this == PER_CHANNEL_AFFINE_FLOAT_QPARAMS;
    }

    /** Whether this is a symmetric scheme. */
    public boolean isSymmetric() {
        return this == PER_TENSOR_SYMMETRIC || this == PER_CHANNEL_SYMMETRIC;
    }

    /** PyTorch's name: {@code torch.per_tensor_affine}. */
    @Override
    public String toString() {
        return "torch." + name().toLowerCase(java.util.Locale.ROOT);
    }
}
