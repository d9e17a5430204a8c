package org.torch4j;

/** {@code torch.heaviside(x, values)}: 0 for {@code x < 0}, {@code values} at 0, 1 for {@code x > 0}; one dtype for both. */
final class Heaviside {
    private Heaviside() {}

    static Tensor heaviside(Tensor x, Tensor values) {
        Device d = Pointwise.device(x, values);
        x = Pointwise.on(d, x);
        values = Pointwise.on(d, values);
        if (x.isComplex() || values.isComplex()) {
            throw new IllegalArgumentException("heaviside is not yet implemented for complex tensors.");
        }
        if (x.dtype() != values.dtype()) {
            throw new IllegalArgumentException("heaviside is not yet implemented for tensors with different dtypes.");
        }
        Tensor zero = Torch.zerosLike(x);
        return Torch.where(x.eq(zero), values, x.gt(zero).to(x.dtype()));
    }

    static Tensor heavisideInPlace(Tensor self, Tensor values) {
        heaviside(self, values); // the checks, before anything is written
        return Pointwise.inPlace(self, s -> heaviside(s, values), self.dtype(), values.shape);
    }
}
