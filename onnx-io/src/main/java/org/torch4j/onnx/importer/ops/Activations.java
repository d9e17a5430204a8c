package org.torch4j.onnx.importer.ops;

import java.util.function.BiFunction;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.F;
import org.torch4j.onnx.importer.OpCall;
import org.torch4j.onnx.importer.OpRegistry;

/** Activation functions, Clip, and the softmax family. */
public final class Activations {
    private Activations() {}

    public static void register(OpRegistry.Builder r) {
        r.unary("Relu", Tensor::relu);
        r.single("LeakyRelu", c -> F.leakyRelu(c.in(0), c.f("alpha", 0.01)));
        r.single("Elu", c -> F.elu(c.in(0), c.f("alpha", 1.0)));
        r.single("Celu", c -> F.celu(c.in(0), c.f("alpha", 1.0)));
        r.single("Selu", c -> {
            Tensor x = c.in(0);
            double alpha = c.f("alpha", 1.67326319217681884765625), gamma = c.f("gamma", 1.05070102214813232421875);
            return Torch.where(x.gt(0), x, x.exp().sub(1.0).mul(alpha)).mul(gamma);
        });
        r.single("ThresholdedRelu", c -> {
            Tensor x = c.in(0);
            return Torch.where(x.gt(c.f("alpha", 1.0)), x, Torch.zerosLike(x));
        });
        r.single("HardSigmoid", c -> c.in(0).mul(c.f("alpha", 0.2)).add(c.f("beta", 0.5)).clamp(0.0, 1.0));
        r.single("HardSwish", c -> c.in(0).mul(c.in(0).div(6.0).add(0.5).clamp(0.0, 1.0)));
        r.single("Shrink", c -> {
            Tensor x = c.in(0);
            double bias = c.f("bias", 0.0), lambd = c.f("lambd", 0.5);
            Tensor zero = Torch.zerosLike(x);
            return Torch.where(x.lt(-lambd), x.add(Util.scalar(bias, x)), Torch.where(x.gt(lambd), x.sub(Util.scalar(bias, x)), zero));
        });
        r.unary("Softplus", x -> x.exp().log1p());
        r.unary("Softsign", x -> x.div(x.abs().add(1.0)));
        r.unary("Mish", x -> x.mul(x.exp().log1p().tanh()));
        r.single("Gelu", c -> c.in(0).gelu(c.s("approximate", "none")));
        r.single("PRelu", c -> {
            Tensor x = c.in(0), slope = preluSlope(x, c.in(1));
            return Torch.where(x.lt(0), x.mul(slope), x);
        });
        r.single("Clip", Activations::clip);
        r.single("Softmax", c -> softmaxLike(c, F::softmax));
        r.single("LogSoftmax", c -> softmaxLike(c, F::logSoftmax));
        r.single("Hardmax", c -> softmaxLike(c, (x, axis) -> {
            Tensor idx = x.argmax(axis, true);
            return Torch.zerosLike(x).scatter(axis, idx, Torch.onesLike(idx).to(x.dtype()));
        }));
    }

    /** A slope of shape [C] meets an input [N, C, ...] along the channels (old exporters wrote that). */
    private static Tensor preluSlope(Tensor x, Tensor slope) {
        if (slope.dim() == 1 && x.dim() > 2 && slope.size(0) == x.size(1) && slope.size(0) != x.size(x.dim() - 1)) {
            long[] s = Util.fill(x.dim() - 1, 1);
            s[0] = slope.size(0);
            return slope.reshape(s);
        }
        return slope;
    }

    private static Tensor clip(OpCall c) {
        Tensor x = c.in(0);
        if (c.opset() < 11) {
            return x.clamp(c.hasF("min") ? Double.valueOf(c.f("min", 0)) : null, c.hasF("max") ? Double.valueOf(c.f("max", 0)) : null);
        }
        Tensor y = x;
        if (c.has(1)) y = y.maximum(c.in(1).to(x.dtype()));
        if (c.has(2)) y = y.minimum(c.in(2).to(x.dtype()));
        return y == x ? x.clone() : y;
    }

    /**
     * Softmax, LogSoftmax and Hardmax: along {@code axis} since opset 13; before, over the input
     * flattened to 2-D at {@code axis} (default 1).
     */
    private static Tensor softmaxLike(OpCall c, BiFunction<Tensor, Integer, Tensor> f) {
        Tensor x = c.in(0);
        if (c.opset() >= 13) return f.apply(x, Util.axis(c.i("axis", -1), x.dim()));
        int axis = x.dim() == 0 ? 0 : Util.axis(c.i("axis", 1), x.dim());
        long[] shape = x.shape();
        long outer = Util.prod(shape, 0, axis), inner = Util.prod(shape, axis, shape.length);
        return f.apply(x.reshape(outer, inner), 1).reshape(shape);
    }
}
