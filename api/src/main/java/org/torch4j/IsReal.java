package org.torch4j;

/** {@code torch.isreal}: whether each element has a zero imaginary part. */
final class IsReal {
    private IsReal() {}

    /** {@code torch.isreal}: true where the imaginary part is 0; everywhere for non-complex tensors. */
    static Tensor of(Tensor x) {
        if (!x.isComplex()) return Torch.ones(x.shape, DType.BOOL, x.device());
        return x.imag().eq(0.0);
    }
}
