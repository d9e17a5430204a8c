package org.torch4j;

/**
 * {@code torch.float_power}: {@code pow} computed in double precision whatever the inputs (float64, or
 * complex128 when either operand is complex); differentiable through {@code pow}.
 */
final class FloatPower {
    private FloatPower() {}

    static Tensor floatPower(Tensor base, Tensor exponent) {
        DType t = target(base.dtype(), exponent.dtype());
        return Pointwise.as(base, t).pow(Pointwise.as(exponent, t));
    }

    static Tensor floatPowerInPlace(Tensor self, Tensor exponent) {
        DType t = target(self.dtype(), exponent.dtype());
        if (self.dtype() != t) {
            throw new IllegalArgumentException("the base given to float_power_ has dtype " + Printer.cppName(self.dtype())
                    + " but the operation's result requires dtype " + Printer.cppName(t));
        }
        return Pointwise.inPlace(self, s -> floatPower(s, exponent), t, exponent.shape);
    }

    private static DType target(DType a, DType b) {
        return a.isComplex() || b.isComplex() ? DType.COMPLEX128 : DType.FLOAT64;
    }
}
