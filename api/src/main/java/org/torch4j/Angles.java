package org.torch4j;

/** {@code torch.deg2rad} and {@code rad2deg}: a product with a constant; integral inputs give the default float. */
final class Angles {
    private Angles() {}

    static Tensor convert(Tensor x, boolean toRadians) {
        if (x.isComplex()) {
            throw new IllegalArgumentException((toRadians ? "deg2rad" : "rad2deg") + " is not supported for complex tensors.");
        }
        Tensor f = Pointwise.as(x, Promotion.toFloating(x.dtype()));
        return f.mul(toRadians ? Math.PI / 180 : 180 / Math.PI);
    }

    static Tensor convertInPlace(Tensor self, boolean toRadians) {
        if (self.isComplex()) {
            throw new IllegalArgumentException((toRadians ? "deg2rad" : "rad2deg") + " is not supported for complex tensors.");
        }
        return Pointwise.inPlace(self, s -> convert(s, toRadians), Promotion.toFloating(self.dtype()), self.shape);
    }
}
