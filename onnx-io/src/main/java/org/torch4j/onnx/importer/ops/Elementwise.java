package org.torch4j.onnx.importer.ops;

import java.util.List;
import java.util.function.BinaryOperator;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.onnx.importer.OpCall;
import org.torch4j.onnx.importer.OpRegistry;

/** Elementwise math, comparisons, logic and bitwise operators, with numpy broadcasting. */
public final class Elementwise {
    private Elementwise() {}

    public static void register(OpRegistry.Builder r) {
        r.unary("Abs", Tensor::abs);
        r.unary("Neg", Tensor::neg);
        r.unary("Sign", Tensor::sign);
        r.unary("Ceil", Tensor::ceil);
        r.unary("Floor", Tensor::floor);
        r.unary("Round", Tensor::round); // half to even, as ONNX asks
        r.unary("Exp", Tensor::exp);
        r.unary("Log", Tensor::log);
        r.unary("Sqrt", Tensor::sqrt);
        r.unary("Reciprocal", Tensor::reciprocal);
        r.unary("Sin", Tensor::sin);
        r.unary("Cos", Tensor::cos);
        r.unary("Tan", Tensor::tan);
        r.unary("Asin", Tensor::asin);
        r.unary("Acos", Tensor::acos);
        r.unary("Atan", Tensor::atan);
        r.unary("Sinh", Tensor::sinh);
        r.unary("Cosh", Tensor::cosh);
        r.unary("Asinh", Tensor::asinh);
        r.unary("Acosh", Tensor::acosh);
        r.unary("Atanh", Tensor::atanh);
        r.unary("Tanh", Tensor::tanh);
        r.unary("Sigmoid", Tensor::sigmoid);
        r.unary("Erf", Tensor::erf);
        r.unary("Not", Tensor::logicalNot);
        r.unary("BitwiseNot", Tensor::bitwiseNot);
        r.unary("IsNaN", Tensor::isnan);
        r.single("IsInf", c -> {
            Tensor x = c.in(0);
            boolean pos = c.i("detect_positive", 1) != 0, neg = c.i("detect_negative", 1) != 0;
            return pos && neg ? x.isinf() : pos ? x.isposinf() : neg ? x.isneginf() : x.isinf().logicalAnd(x.isnan());
        });

        binary(r, "Add", Tensor::add);
        binary(r, "Sub", Tensor::sub);
        binary(r, "Mul", Tensor::mul);
        binary(r, "Div", (a, b) -> Util.isFloat(a) ? a.div(b) : a.div(b, "trunc"));
        r.single("Pow", c -> pow(c.in(0), legacyBroadcast(c, c.in(0), c.in(1))));
        r.single("Mod", c -> c.i("fmod", 0) != 0 ? c.in(0).fmod(c.in(1)) : c.in(0).remainder(c.in(1)));
        binary(r, "And", Tensor::logicalAnd);
        binary(r, "Or", Tensor::logicalOr);
        binary(r, "Xor", Tensor::logicalXor);
        binary(r, "Equal", Tensor::eq);
        binary(r, "Greater", Tensor::gt);
        binary(r, "Less", Tensor::lt);
        binary(r, "GreaterOrEqual", Tensor::ge);
        binary(r, "LessOrEqual", Tensor::le);
        binary(r, "BitwiseAnd", Tensor::bitwiseAnd);
        binary(r, "BitwiseOr", Tensor::bitwiseOr);
        binary(r, "BitwiseXor", Tensor::bitwiseXor);
        r.single("BitShift", c -> c.s("direction", "").equals("LEFT")
                ? c.in(0).bitwiseLeftShift(c.in(1)) : c.in(0).bitwiseRightShift(c.in(1)));

        variadic(r, "Max", Tensor::maximum);
        variadic(r, "Min", Tensor::minimum);
        variadic(r, "Sum", Tensor::add);
        r.single("Mean", c -> {
            List<Tensor> xs = c.ins(0);
            return fold(xs, Tensor::add).div(xs.size());
        });
    }

    /** A binary operator; opset 1-6 models may ask for the legacy {@code broadcast}/{@code axis} form. */
    private static void binary(OpRegistry.Builder r, String name, BinaryOperator<Tensor> f) {
        r.single(name, c -> f.apply(c.in(0), legacyBroadcast(c, c.in(0), c.in(1))));
    }

    /**
     * Before opset 7, {@code broadcast=1} with {@code axis} aligned B's dimensions with A's starting
     * at {@code axis}, rather than at the end as numpy does.
     */
    static Tensor legacyBroadcast(OpCall c, Tensor a, Tensor b) {
        if (c.opset() >= 7 || c.i("broadcast", 0) == 0 || !c.hasAttr("axis")) return b;
        int axis = Util.axis(c.i("axis"), a.dim());
        int trailing = a.dim() - axis - b.dim();
        if (trailing <= 0) return b;
        long[] shape = java.util.Arrays.copyOf(b.shape(), b.dim() + trailing);
        java.util.Arrays.fill(shape, b.dim(), shape.length, 1);
        return b.reshape(shape);
    }

    private static void variadic(OpRegistry.Builder r, String name, BinaryOperator<Tensor> f) {
        r.single(name, c -> fold(c.ins(0), f));
    }

    private static Tensor fold(List<Tensor> xs, BinaryOperator<Tensor> f) {
        if (xs.isEmpty()) throw new IllegalArgumentException("needs at least one input");
        Tensor acc = xs.get(0);
        for (int i = 1; i < xs.size(); i++) acc = f.apply(acc, xs.get(i));
        return xs.size() == 1 ? acc.clone() : acc;
    }

    /** ONNX's Pow keeps the base's type, whatever the exponent's. */
    static Tensor pow(Tensor base, Tensor exponent) {
        DType bt = base.dtype();
        if (bt == exponent.dtype()) return base.pow(exponent);
        if (bt.isFloatingPoint()) return base.pow(exponent.to(bt));
        if (exponent.dtype().isFloatingPoint()) return base.to(DType.FLOAT64).pow(exponent.to(DType.FLOAT64)).to(bt);
        return base.to(DType.INT64).pow(exponent.to(DType.INT64)).to(bt);
    }
}
