package org.torch4j.onnx.export.symbolics;

import static org.torch4j.onnx.export.GraphBuilder.attr;

import java.util.ArrayList;
import java.util.List;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.onnx.export.Call;
import org.torch4j.onnx.export.GraphBuilder;
import org.torch4j.onnx.export.SymbolicTable;

/**
 * Elementwise ops: unary math and activations ({@code aten::relu}, {@code aten::gelu}, ...),
 * binary arithmetic and comparisons with PyTorch's type promotion made explicit by Casts, where,
 * clamp/hardtanh, dtype conversion and the identity-like ops. In-place forms ({@code aten::add_})
 * export as their out-of-place form rebinding the tensor.
 */
public final class ElementwiseSymbolics {
    private ElementwiseSymbolics() {}

    /** Registers the family. */
    public static void register(SymbolicTable t) {
        for (String[] p : new String[][] {{"neg", "Neg"}, {"abs", "Abs"}, {"sign", "Sign"}, {"relu", "Relu"}, {"floor", "Floor"},
                {"ceil", "Ceil"}, {"round", "Round"}, {"exp", "Exp"}, {"log", "Log"}, {"sqrt", "Sqrt"}, {"reciprocal", "Reciprocal"},
                {"sin", "Sin"}, {"cos", "Cos"}, {"tan", "Tan"}, {"asin", "Asin"}, {"acos", "Acos"}, {"atan", "Atan"},
                {"sinh", "Sinh"}, {"cosh", "Cosh"}, {"tanh", "Tanh"}, {"asinh", "Asinh"}, {"acosh", "Acosh"}, {"atanh", "Atanh"},
                {"sigmoid", "Sigmoid"}, {"erf", "Erf"}, {"logical_not", "Not"}, {"isnan", "IsNaN"}}) {
            String onnx = p[1];
            unary(t, p[0], (c, g, x) -> g.node(onnx, List.of(x)));
        }
        unary(t, "rsqrt", (c, g, x) -> g.node("Reciprocal", List.of(g.node("Sqrt", List.of(x)))));
        unary(t, "expm1", (c, g, x) -> g.node("Sub", List.of(g.node("Exp", List.of(x)), one(c, g))));
        unary(t, "log2", (c, g, x) -> g.node("Div", List.of(g.node("Log", List.of(x)), k(c, g, Math.log(2)))));
        unary(t, "log1p", (c, g, x) -> g.node("Log", List.of(g.node("Add", List.of(x, one(c, g))))));
        unary(t, "log_sigmoid", (c, g, x) -> g.node("Log", List.of(g.node("Sigmoid", List.of(x)))));
        unary(t, "silu", (c, g, x) -> g.node("Mul", List.of(x, g.node("Sigmoid", List.of(x)))));
        unary(t, "mish", (c, g, x) -> g.node("Mul", List.of(x, g.node("Tanh", List.of(g.node("Softplus", List.of(x)))))));
        unary(t, "hardswish", (c, g, x) -> g.node("HardSwish", List.of(x)));
        unary(t, "hardsigmoid", (c, g, x) -> g.node("HardSigmoid", List.of(x), attr("alpha", 1.0 / 6), attr("beta", 0.5)));
        unary(t, "leaky_relu", (c, g, x) -> g.node("LeakyRelu", List.of(x), attr("alpha", c.doubles(1)[0])));
        unary(t, "gelu", (c, g, x) -> {
            if (g.opset() >= 20) return g.node("Gelu", List.of(x));
            // x * 0.5 * (1 + erf(x / sqrt 2)), as torch.onnx writes it before opset 20
            String erf = g.node("Erf", List.of(g.node("Div", List.of(x, k(c, g, Math.sqrt(2))))));
            return g.node("Mul", List.of(g.node("Mul", List.of(x, k(c, g, 0.5))), g.node("Add", List.of(erf, one(c, g)))));
        });
        unary(t, "gelu_tanh", (c, g, x) -> {
            if (g.opset() >= 20) return g.node("Gelu", List.of(x), attr("approximate", "tanh"));
            String x3 = g.node("Mul", List.of(g.node("Mul", List.of(x, x)), x));
            String inner = g.node("Mul", List.of(g.node("Add", List.of(x, g.node("Mul", List.of(x3, k(c, g, 0.044715))))),
                    k(c, g, Math.sqrt(2 / Math.PI))));
            return g.node("Mul", List.of(g.node("Mul", List.of(x, k(c, g, 0.5))),
                    g.node("Add", List.of(g.node("Tanh", List.of(inner)), one(c, g)))));
        });
        unary(t, "softplus", (c, g, x) -> {
            double beta = c.doubles(1)[0], threshold = c.doubles(1)[1];
            String bx = beta == 1 ? x : g.node("Mul", List.of(x, k(c, g, beta)));
            String sp = g.node("Softplus", List.of(bx));
            if (beta != 1) sp = g.node("Div", List.of(sp, k(c, g, beta)));
            // PyTorch returns x itself where beta * x > threshold
            return g.node("Where", List.of(g.node("Greater", List.of(bx, k(c, g, threshold))), x, sp));
        });
        unary(t, "elu", (c, g, x) -> {
            double alpha = c.doubles(1)[0], scale = c.doubles(1)[1], inputScale = c.doubles(1)[2];
            if (scale == 1 && inputScale == 1) return g.node("Elu", List.of(x), attr("alpha", alpha));
            if (Math.abs(alpha - 1.6732632423543772) < 1e-12 && Math.abs(scale - 1.0507009873554805) < 1e-12 && inputScale == 1) {
                return g.node("Selu", List.of(x));
            }
            String neg = g.node("Mul", List.of(g.node("Sub", List.of(g.node("Exp", List.of(g.node("Mul", List.of(x, k(c, g, inputScale))))),
                    one(c, g))), k(c, g, alpha)));
            String r = g.node("Where", List.of(g.node("Greater", List.of(x, k(c, g, 0))), x, neg));
            return g.node("Mul", List.of(r, k(c, g, scale)));
        });
        unary(t, "clamp", (c, g, x) -> clip(g, x, c.out().dtype(), c.doubles(1)[0], c.doubles(1)[1]));
        t.put("aten::hardtanh", (c, g) -> g.result(c, clip(g, g.value(c.tensor(0)), c.out().dtype(), c.dbl(1), c.dbl(2))));

        for (String[] p : new String[][] {{"add", "Add"}, {"sub", "Sub"}, {"mul", "Mul"}, {"div", "Div"}, {"pow", "Pow"},
                {"maximum", "Max"}, {"minimum", "Min"}, {"eq", "Equal"}, {"lt", "Less"}, {"le", "LessOrEqual"}, {"gt", "Greater"},
                {"ge", "GreaterOrEqual"}, {"logical_and", "And"}, {"logical_or", "Or"}, {"logical_xor", "Xor"}, {"ne", "Equal"},
                {"div_trunc", "Div"}, {"div_floor", "Div"}, {"remainder", "Mod"}}) {
            String name = p[0], onnx = p[1];
            t.put("aten::" + name, (c, g) -> g.result(c, binary(c, g, name, onnx)));
            t.put("aten::" + name + "_", (c, g) -> g.result(c.tensor(0), binary(c, g, name, onnx), g.dyn(c.tensor(0))));
        }
        t.put("aten::where", (c, g) -> {
            DType d = c.out().dtype();
            g.result(c, g.node("Where", List.of(g.value(c.tensor(0), DType.BOOL), g.value(c.tensor(1), d), g.value(c.tensor(2), d))));
        });
        t.put("aten::masked_fill_", (c, g) -> {
            Tensor self = c.tensor(0);
            g.result(self, g.node("Where", List.of(g.value(c.tensor(1), DType.BOOL), g.value(c.tensor(2), self.dtype()), g.value(self))),
                    g.dyn(self));
        });
        t.put("aten::to", (c, g) -> {
            Tensor x = c.tensor(0);
            g.result(c.out(), x.dtype() == c.out().dtype() ? g.node("Identity", List.of(g.value(x))) : g.value(x, c.out().dtype()),
                    g.dyn(x));
        });
        for (String op : new String[] {"aten::clone", "aten::detach"}) {
            t.put(op, (c, g) -> g.result(c.out(), g.node("Identity", List.of(g.value(c.tensor(0)))), g.dyn(c.tensor(0))));
        }
    }

    /** A unary op on its input converted to the result's dtype. */
    private interface Unary {
        String emit(Call c, GraphBuilder g, String x);
    }

    private static void unary(SymbolicTable t, String name, Unary u) {
        t.put("aten::" + name, (c, g) -> g.result(c, u.emit(c, g, g.value(c.tensor(0), c.out().dtype()))));
        t.put("aten::" + name + "_", (c, g) -> g.result(c.tensor(0), u.emit(c, g, g.value(c.tensor(0))), g.dyn(c.tensor(0))));
    }

    /** A constant of the result's dtype. */
    private static String k(Call c, GraphBuilder g, double v) {
        return g.scalar(v, c.out().dtype());
    }

    private static String one(Call c, GraphBuilder g) {
        return k(c, g, 1);
    }

    private static String clip(GraphBuilder g, String x, DType d, double lo, double hi) {
        List<String> in = new ArrayList<>(List.of(x, Double.isNaN(lo) ? "" : g.scalar(lo, d)));
        if (!Double.isNaN(hi)) in.add(g.scalar(hi, d));
        return g.node("Clip", in);
    }

    /**
     * A binary op: both operands in the op's compute dtype (argument 3), alpha folded into the
     * second operand, rounding divisions on floats then rounded, and the result cast back.
     */
    private static String binary(Call c, GraphBuilder g, String name, String onnx) {
        DType compute = (DType) c.args()[3];
        double alpha = c.dbl(2);
        boolean rounding = name.startsWith("div_") || name.equals("remainder");
        boolean logical = name.startsWith("logical_");
        DType in = logical ? DType.BOOL : rounding && !compute.isFloatingPoint() ? DType.FLOAT64 : compute;
        String a = g.value(c.tensor(0), in), b = g.value(c.tensor(1), in);
        if (alpha != 1 && (name.equals("add") || name.equals("sub"))) b = g.node("Mul", List.of(b, g.scalar(alpha, in)));
        String r;
        if (name.equals("remainder")) {
            // Python's remainder takes the divisor's sign: a - floor(a / b) * b
            String q = g.node("Floor", List.of(g.node("Div", List.of(a, b))));
            r = g.node("Sub", List.of(a, g.node("Mul", List.of(q, b))));
        } else {
            r = g.node(onnx, List.of(a, b));
        }
        if (name.equals("ne")) r = g.node("Not", List.of(r));
        if (name.equals("div_floor")) r = g.node("Floor", List.of(r));
        if (name.equals("div_trunc")) {
            // trunc(x) = sign(x) * floor(|x|)
            r = g.node("Mul", List.of(g.node("Sign", List.of(r)), g.node("Floor", List.of(g.node("Abs", List.of(r))))));
        }
        DType out = c.out().dtype();
        return in == out ? r : g.cast(r, out);
    }
}
