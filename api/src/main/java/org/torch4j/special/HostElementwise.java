package org.torch4j.special;

import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.internal.Internals;

/**
 * Elementwise special functions that no backend kernel computes: the values are taken to the host,
 * computed in double precision, rounded to the result dtype and put back on the input's device. So they
 * work on every backend without a kernel each. The results carry no autograd history; the differentiable
 * ones wrap these in a {@link org.torch4j.Function}.
 */
final class HostElementwise {
    private HostElementwise() {}

    /** {@code f} of each element; integral and bool inputs give the default float dtype, as PyTorch. */
    static Tensor unary(String kernel, Tensor x, DoubleUnaryOperator f) {
        checkReal(kernel, x.dtype());
        double[] v = x.detach().toDoubleArray();
        for (int i = 0; i < v.length; i++) v[i] = f.applyAsDouble(v[i]);
        return fromHost(v, x.shape(), floating(x.dtype()), x);
    }

    /** {@code f} of each broadcast pair, in the floating type the two promote to. */
    static Tensor binary(String kernel, Tensor a, Tensor b, DoubleBinaryOperator f) {
        checkReal(kernel, a.dtype());
        checkReal(kernel, b.dtype());
        Tensor device = sameDevice(a, b);
        long[] shape = Internals.get().broadcastShapes(a.shape(), b.shape());
        double[] x = a.detach().expand(shape).toDoubleArray(), y = b.detach().expand(shape).toDoubleArray();
        for (int i = 0; i < x.length; i++) x[i] = f.applyAsDouble(x[i], y[i]);
        return fromHost(x, shape, floating(Torch.resultType(a, b)), device);
    }

    /**
     * A Java double as a 0-dim tensor that promotes as PyTorch's Python scalars do against {@code like}: it
     * takes like's floating dtype, or the default one for an integral tensor.
     */
    static Tensor scalar(double v, Tensor like) {
        return Torch.full(new long[0], v, floating(like.dtype()), like.device());
    }

    /** PyTorch's floating result type for an input of dtype t. */
    static DType floating(DType t) {
        return t.isFloatingPoint() ? t : Torch.getDefaultDtype();
    }

    private static Tensor fromHost(double[] v, long[] shape, DType dtype, Tensor like) {
        return Torch.tensor(v, v.length).reshape(shape).to(dtype).to(like.device());
    }

    private static void checkReal(String kernel, DType t) {
        if (t.isComplex()) {
            throw new IllegalArgumentException("\"" + kernel + "\" not implemented for '" + Internals.get().cppName(t) + "'");
        }
    }

    /** The operand whose device the result goes to: a CPU 0-dim operand follows the other, as in PyTorch. */
    private static Tensor sameDevice(Tensor a, Tensor b) {
        if (a.device().equals(b.device())) return a;
        if (b.dim() == 0 && b.device().isCpu()) return a;
        if (a.dim() == 0 && a.device().isCpu()) return b;
        throw new IllegalArgumentException("Expected all tensors to be on the same device, but found at least two devices, "
                + a.device() + " and " + b.device() + "!");
    }
}
