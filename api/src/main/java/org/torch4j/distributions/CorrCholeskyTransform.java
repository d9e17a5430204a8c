package org.torch4j.distributions;

import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * Real vectors of length {@code D(D-1)/2} onto Cholesky factors of {@code D x D} correlation matrices
 * ({@code torch.distributions.transforms.CorrCholeskyTransform}): the vector fills the strict lower triangle row by
 * row, each entry goes through tanh, and each row is then scaled, by a signed stick breaking, to unit norm with a
 * positive diagonal. Bijective; {@link Transforms#bijectTo} gives it for {@link Constraint#CORR_CHOLESKY}.
 */
public final class CorrCholeskyTransform implements Transform {

    /** The map from the last dim to the last two. */
    public CorrCholeskyTransform() {}

    @Override
    public Tensor forward(Tensor x) {
        double eps = Util.eps(x.dtype());
        Tensor r = Util.vecToTril(x.tanh().clamp(-1 + eps, 1 - eps), -1);
        // the share of each row's squared norm left after the entries to the left of it
        Tensor left = r.pow(2.0).neg().add(1.0).sqrt().cumprod(-1);
        long d = r.size(-1);
        Tensor withDiag = r.add(Torch.eye(d).to(r));
        return withDiag.mul(Torch.pad(left.narrow(-1, 0, d - 1), new long[] {1, 0}, "constant", 1.0));
    }

    @Override
    public Tensor inverse(Tensor y) {
        long d = y.size(-1);
        Tensor left = y.mul(y).cumsum(-1).neg().add(1.0);
        Tensor shifted = Torch.pad(left.narrow(-1, 0, d - 1), new long[] {1, 0}, "constant", 1.0);
        Tensor t = Util.trilToVec(y, -1).div(Util.trilToVec(shifted, -1).sqrt());
        return t.add(1.0).div(t.neg().add(1.0)).log().div(2.0);
    }

    /** The stick breaking's {@code 1/2 sum log(1 - cumsum(y²))} below the diagonal, plus tanh's log-derivatives. */
    @Override
    public Tensor logAbsDetJacobian(Tensor x, Tensor y) {
        Tensor left = y.mul(y).cumsum(-1).neg().add(1.0);
        Tensor stickBreaking = Util.trilToVec(left, -2).log().sum(-1).mul(0.5);
        Tensor tanh = x.add(x.mul(-2.0).softplus()).sub(Math.log(2.0)).sum(-1).mul(-2.0);
        return stickBreaking.add(tanh);
    }

    @Override
    public Constraint domain() {
        return Constraint.REAL_VECTOR;
    }

    @Override
    public Constraint codomain() {
        return Constraint.CORR_CHOLESKY;
    }

    /** {@code [..., D(D-1)/2]} to {@code [..., D, D]}, with PyTorch's messages. */
    @Override
    public long[] forwardShape(long[] shape) {
        if (shape.length < 1) throw new IllegalArgumentException("Too few dimensions on input");
        long n = shape[shape.length - 1];
        long d = Math.round(Math.sqrt(0.25 + 2 * n) + 0.5);
        if (d * (d - 1) / 2 != n) throw new IllegalArgumentException("Input is not a flattend lower-diagonal number");
        long[] r = java.util.Arrays.copyOf(shape, shape.length + 1);
        r[shape.length - 1] = d;
        r[shape.length] = d;
        return r;
    }

    /** {@code [..., D, D]} to {@code [..., D(D-1)/2]}, with PyTorch's messages. */
    @Override
    public long[] inverseShape(long[] shape) {
        if (shape.length < 2) throw new IllegalArgumentException("Too few dimensions on input");
        if (shape[shape.length - 2] != shape[shape.length - 1]) throw new IllegalArgumentException("Input is not square");
        long d = shape[shape.length - 1];
        long[] r = java.util.Arrays.copyOf(shape, shape.length - 1);
        r[r.length - 1] = d * (d - 1) / 2;
        return r;
    }

    /** {@code CorrCholeskyTransform()}. */
    @Override
    public String toString() {
        return "CorrCholeskyTransform()";
    }
}
