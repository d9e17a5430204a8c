package org.torch4j.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.torch4j.Autograd;
import org.torch4j.DType;
import org.torch4j.GradCheck;
import org.torch4j.Index;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * gradcheck and gradgradcheck (float64 finite differences, PyTorch's tolerances) for every
 * differentiable op of the tensor library, on contiguous, non-contiguous (transposed) and
 * broadcast inputs.
 */
class GradcheckTest {

    /** An op under test: how many inputs, the interval their values are drawn from, and the op. */
    record Op(String name, int arity, double lo, double hi, Function<Tensor[], Tensor> fn, boolean twice) {}

    private static Op op(String name, double lo, double hi, Function<Tensor[], Tensor> fn) {
        return new Op(name, fn == null ? 0 : arityOf(name), lo, hi, fn, true);
    }

    private static int arityOf(String name) {
        return name.startsWith("2:") ? 2 : name.startsWith("3:") ? 3 : 1;
    }

    /** Ops whose second derivative is not continuous where values land (kinks), checked once. */
    private static Op once(String name, double lo, double hi, Function<Tensor[], Tensor> fn) {
        return new Op(name, arityOf(name), lo, hi, fn, false);
    }

    static List<Op> ops() {
        List<Op> l = new ArrayList<>();
        // unary elementwise
        l.add(op("neg", -2, 2, x -> x[0].neg()));
        l.add(op("abs", 0.2, 2, x -> x[0].abs()));
        l.add(op("exp", -2, 2, x -> x[0].exp()));
        l.add(op("exp2", -2, 2, x -> x[0].exp2()));
        l.add(op("expm1", -2, 2, x -> x[0].expm1()));
        l.add(op("log", 0.5, 3, x -> x[0].log()));
        l.add(op("log2", 0.5, 3, x -> x[0].log2()));
        l.add(op("log10", 0.5, 3, x -> x[0].log10()));
        l.add(op("log1p", -0.5, 2, x -> x[0].log1p()));
        l.add(op("sqrt", 0.5, 3, x -> x[0].sqrt()));
        l.add(op("rsqrt", 0.5, 3, x -> x[0].rsqrt()));
        l.add(op("reciprocal", 0.5, 3, x -> x[0].reciprocal()));
        l.add(op("sin", -2, 2, x -> x[0].sin()));
        l.add(op("cos", -2, 2, x -> x[0].cos()));
        l.add(op("tan", -1, 1, x -> x[0].tan()));
        l.add(op("asin", -0.8, 0.8, x -> x[0].asin()));
        l.add(op("acos", -0.8, 0.8, x -> x[0].acos()));
        l.add(op("atan", -2, 2, x -> x[0].atan()));
        l.add(op("sinh", -2, 2, x -> x[0].sinh()));
        l.add(op("cosh", -2, 2, x -> x[0].cosh()));
        l.add(op("tanh", -2, 2, x -> x[0].tanh()));
        l.add(op("asinh", -2, 2, x -> x[0].asinh()));
        l.add(op("acosh", 1.5, 3, x -> x[0].acosh()));
        l.add(op("atanh", -0.8, 0.8, x -> x[0].atanh()));
        l.add(op("sigmoid", -3, 3, x -> x[0].sigmoid()));
        l.add(op("logsigmoid", -3, 3, x -> x[0].logSigmoid()));
        l.add(op("erf", -2, 2, x -> x[0].erf()));
        l.add(op("erfc", -2, 2, x -> x[0].erfc()));
        l.add(op("erfinv", -0.8, 0.8, x -> x[0].erfinv()));
        l.add(op("lgamma", 0.5, 4, x -> x[0].lgamma()));
        l.add(op("digamma", 0.5, 4, x -> x[0].digamma()));
        l.add(op("polygamma1", 0.5, 4, x -> x[0].polygamma(1)));
        l.add(op("polygamma2", 0.5, 4, x -> x[0].polygamma(2)));
        l.add(op("polygamma5", 1, 4, x -> x[0].polygamma(5)));
        l.add(op("mvlgamma3", 1.5, 4, x -> x[0].mvlgamma(3)));
        l.add(once("relu", -2, 2, x -> x[0].relu()));
        l.add(op("gelu", -3, 3, x -> x[0].gelu()));
        l.add(op("gelu_tanh", -3, 3, x -> x[0].gelu("tanh")));
        l.add(op("silu", -3, 3, x -> x[0].silu()));
        l.add(op("mish", -3, 3, x -> x[0].mish()));
        l.add(op("softplus", -3, 3, x -> x[0].softplus(2, 20)));
        l.add(once("clamp", -2, 2, x -> x[0].clamp(-1.0, 1.0)));
        l.add(op("frac", 0.1, 0.9, x -> x[0].frac()));
        l.add(op("pow_scalar", 0.5, 2, x -> x[0].pow(2.5)));
        l.add(op("square", -2, 2, x -> x[0].square()));
        // binary elementwise
        l.add(op("2:add", -2, 2, x -> x[0].add(x[1], 0.5)));
        l.add(op("2:sub", -2, 2, x -> x[0].sub(x[1], 2.0)));
        l.add(op("2:mul", -2, 2, x -> x[0].mul(x[1])));
        l.add(op("2:div", 0.5, 2, x -> x[0].div(x[1])));
        l.add(op("2:pow", 0.5, 2, x -> x[0].pow(x[1])));
        l.add(once("2:maximum", -2, 2, x -> x[0].maximum(x[1])));
        l.add(once("2:minimum", -2, 2, x -> x[0].minimum(x[1])));
        l.add(op("2:atan2", 0.5, 2, x -> x[0].atan2(x[1])));
        l.add(op("2:hypot", 0.5, 2, x -> x[0].hypot(x[1])));
        l.add(op("2:xlogy", 0.5, 2, x -> x[0].xlogy(x[1])));
        l.add(once("2:remainder", 1.5, 2, x -> x[0].mul(3.0).remainder(x[1])));
        l.add(once("2:fmod", 1.5, 2, x -> x[0].mul(3.0).fmod(x[1])));
        l.add(op("2:where", -2, 2, x -> Torch.where(x[0].gt(0.0), x[0], x[1])));
        l.add(op("3:lerp", -2, 2, x -> x[0].lerp(x[1], x[2])));
        l.add(op("3:addcmul", -2, 2, x -> x[0].addcmul(x[1], x[2], 0.5)));
        l.add(op("3:addcdiv", 0.5, 2, x -> x[0].addcdiv(x[1], x[2], 0.5)));
        // reductions
        l.add(op("sum", -2, 2, x -> x[0].sum()));
        l.add(op("sum_dim", -2, 2, x -> x[0].sum(new int[] {0}, true)));
        l.add(op("mean", -2, 2, x -> x[0].mean(1)));
        l.add(op("prod", 0.5, 1.5, x -> x[0].prod(1, false)));
        l.add(op("prod_all", 0.5, 1.5, x -> x[0].prod()));
        l.add(once("max", -2, 2, x -> x[0].max()));
        l.add(once("max_dim", -2, 2, x -> x[0].max(1).values()));
        l.add(once("amin", -2, 2, x -> x[0].amin(new int[] {0}, false)));
        l.add(op("var", -2, 2, x -> x[0].var(new int[] {1}, 1, false)));
        l.add(op("std", -2, 2, x -> x[0].std()));
        l.add(op("norm2", 0.5, 2, x -> x[0].norm()));
        l.add(op("norm3", 0.5, 2, x -> x[0].norm(3, new int[] {1}, false)));
        l.add(once("norm1", 0.5, 2, x -> x[0].norm(1)));
        l.add(op("logsumexp", -2, 2, x -> x[0].logsumexp(new int[] {1}, false)));
        l.add(op("cumsum", -2, 2, x -> x[0].cumsum(1)));
        l.add(op("cumprod", 0.5, 1.5, x -> x[0].cumprod(0)));
        l.add(op("logcumsumexp", -2, 2, x -> x[0].logcumsumexp(1)));
        l.add(once("topk", -2, 2, x -> x[0].topk(2, 1, true, true).values()));
        l.add(once("sort", -2, 2, x -> x[0].sort(0, true).values()));
        // linear algebra
        l.add(op("2:matmul", -2, 2, x -> x[0].matmul(x[1].mT())));
        l.add(op("2:mm", -2, 2, x -> x[0].t().mm(x[1])));
        l.add(op("2:einsum", -2, 2, x -> Torch.einsum("ij,kj->ik", x[0], x[1])));
        l.add(op("3:addmm", -2, 2, x -> Torch.addmm(x[0].sum(1).unsqueeze(1), x[1], x[2].t(), 0.5, 2.0)));
        l.add(op("2:outer", -2, 2, x -> x[0].reshape(-1).outer(x[1].reshape(-1))));
        // views and copies
        l.add(op("reshape", -2, 2, x -> x[0].reshape(2, -1).mul(x[0].reshape(2, -1))));
        l.add(op("permute_t", -2, 2, x -> x[0].t().mul(x[0].t())));
        l.add(op("narrow", -2, 2, x -> x[0].narrow(1, 1, 2).square()));
        l.add(op("select", -2, 2, x -> x[0].select(0, 1).square()));
        l.add(op("slice_step", -2, 2, x -> x[0].index(Index.ALL, Index.slice(0L, null, 2)).square()));
        l.add(op("expand", -2, 2, x -> x[0].unsqueeze(0).expand(2, -1, -1).square()));
        l.add(op("unfold", -2, 2, x -> x[0].unfold(1, 2, 1).square()));
        l.add(op("diagonal", -2, 2, x -> x[0].diagonal().square()));
        l.add(op("as_strided", -2, 2, x -> x[0].contiguous().asStrided(new long[] {2, 2}, new long[] {1, 2}).square()));
        l.add(op("flip", -2, 2, x -> x[0].flip(0, 1).mul(x[0])));
        l.add(op("roll", -2, 2, x -> x[0].roll(1, 1).mul(x[0])));
        l.add(op("repeat", -2, 2, x -> x[0].repeat(2, 1).square()));
        l.add(op("tril", -2, 2, x -> x[0].tril().square()));
        l.add(op("2:cat", -2, 2, x -> Torch.cat(List.of(x[0], x[1].mul(2.0)), 0)));
        l.add(op("2:stack", -2, 2, x -> Torch.stack(List.of(x[0], x[1]), 1)));
        l.add(op("pad_reflect", -2, 2, x -> Torch.pad(x[0], new long[] {1, 1}, "reflect", 0).square()));
        l.add(op("pad_replicate", -2, 2, x -> Torch.pad(x[0], new long[] {3, 2}, "replicate", 0).square()));
        l.add(op("pad_circular", -2, 2, x -> Torch.pad(x[0].unsqueeze(0), new long[] {-1, 2}, "circular", 0).square()));
        l.add(op("pad_constant", -2, 2, x -> Torch.pad(x[0], new long[] {1, 2, 0, 1}, "constant", 3.0).square()));
        l.add(op("to_float_and_back", -2, 2, x -> x[0].to(DType.FLOAT32).to(DType.FLOAT64).round(3)));
        // indexing
        Tensor idx = Torch.tensor(new long[] {2, 0, 2}, 3);
        l.add(op("index_select", -2, 2, x -> x[0].indexSelect(1, idx).square()));
        l.add(op("advanced_index", -2, 2, x -> x[0].index(Index.of(Torch.tensor(new long[] {1, -1}, 2)), Index.ALL).square()));
        l.add(op("gather", -2, 2, x -> x[0].gather(1, Torch.tensor(new long[] {0, 1, 1, 0, 2, 2}, 3, 2)).square()));
        l.add(op("2:scatter_add", -2, 2, x -> x[0].scatterAdd(0, Torch.zeros(new long[] {1, x[1].shape()[1]}, DType.INT64), x[1].narrow(0, 0, 1))));
        // scatter_reduce: duplicate targets (columns 0 and 3) and untouched positions; src the size of index, as
        // PyTorch's backward gives src's gradient index's shape (and fails for a larger src)
        Tensor sIdx = Torch.tensor(new long[] {0, 1, 0, 2, 0, 0, 1, 2}, 2, 4);
        for (String red : List.of("sum", "prod", "mean", "amax", "amin")) {
            double lo = red.equals("prod") ? 0.5 : -2, hi = red.equals("prod") ? 1.5 : 2;
            l.add(op("2:scatter_reduce_" + red, lo, hi, x -> x[0].scatterReduce(0, sIdx, x[1].narrow(0, 0, 2), red)));
            l.add(op("2:scatter_reduce_" + red + "_exclude_self", lo, hi,
                    x -> x[0].scatterReduce(0, sIdx, x[1].narrow(0, 0, 2), red, false)));
        }
        l.add(op("2:scatter_reduce__mean_exclude_self", -2, 2,
                x -> x[0].clone().scatterReduce_(0, sIdx, x[1].narrow(0, 0, 2), "mean", false)));
        l.add(op("2:index_add", -2, 2, x -> x[0].indexAdd(1, Torch.tensor(new long[] {0, 0}, 2), x[1].narrow(1, 0, 2), 2.0)));
        l.add(op("masked_select", -2, 2, x -> x[0].maskedSelect(x[0].detach().gt(0.0)).square()));
        l.add(op("masked_fill", -2, 2, x -> x[0].maskedFill(x[0].detach().gt(0.0), 5.0).square()));
        l.add(op("take", -2, 2, x -> x[0].take(Torch.tensor(new long[] {0, 5, 5}, 3)).square()));
        return l;
    }

    /**
     * scatter_reduce "prod" at exact zeros (random inputs have none): a zero self, a zero alone among its
     * target's src values, and two zeros meeting, whose double backward fails as in PyTorch.
     */
    @TestFactory
    Stream<DynamicTest> scatterReduceProdAtZeros() {
        Tensor idx = Torch.tensor(new long[] {0, 0, 1, 1, 2, 2}, 6);
        List<DynamicTest> tests = new ArrayList<>();
        for (boolean includeSelf : new boolean[] {true, false}) {
            Function<Tensor[], Tensor> f = x -> x[0].scatterReduce(0, idx, x[1], "prod", includeSelf);
            tests.add(DynamicTest.dynamicTest("include_self=" + includeSelf, () -> {
                Tensor self = Torch.tensor(new double[] {0.0, 1.5, 0.7}, 3).requiresGrad_();
                Tensor once = Torch.tensor(new double[] {0.9, 1.2, 0.0, 1.1, 0.0, 0.0}, 6).requiresGrad_();
                GradCheck.gradcheck(f, self, once);
                Tensor twice = Torch.tensor(new double[] {0.9, 1.2, 0.0, 1.1, 0.0, 0.6}, 6).requiresGrad_();
                GradCheck.gradgradcheck(f, self, twice);
                Tensor gSrc = Autograd.grad(f.apply(new Tensor[] {self, once}).sum(), once, true);
                UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                        () -> Autograd.grad(gSrc.sum(), once, false));
                assertEquals("scatter_reduce(): Double backward is unsupported for src when >1 zeros in src are scattered "
                        + "to the same position in self", e.getMessage());
            }));
        }
        return tests.stream();
    }

    /** Multi-input ops whose inputs do not broadcast against each other. */
    private static final java.util.Set<String> NOT_ELEMENTWISE = java.util.Set.of("2:matmul", "2:mm", "2:einsum", "3:addmm",
            "2:outer", "2:cat", "2:stack", "2:index_add");

    @TestFactory
    Stream<DynamicTest> gradcheckEveryOp() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Op op : ops()) {
            boolean broadcast = op.arity > 1 && !NOT_ELEMENTWISE.contains(op.name) && !op.name.startsWith("2:scatter");
            for (String layout : broadcast ? List.of("contiguous", "transposed", "broadcast") : List.of("contiguous", "transposed")) {
                String name = op.name + " [" + layout + "]";
                tests.add(DynamicTest.dynamicTest(name, () -> {
                    try {
                        GradCheck.gradcheck(op.fn, inputs(op, layout));
                        if (op.twice) GradCheck.gradgradcheck(op.fn, inputs(op, layout));
                    } catch (AssertionError | RuntimeException e) {
                        throw new AssertionError(name + ": " + e.getMessage(), e);
                    }
                }));
            }
        }
        return tests.stream();
    }

    /** Inputs of shape [3, 4] (or broadcasting [3, 1] and [4]) drawn from the op's interval. */
    static Tensor[] inputs(Op op, String layout) {
        Random r = new Random(op.name.hashCode());
        Tensor[] in = new Tensor[op.arity];
        for (int i = 0; i < op.arity; i++) {
            long[] shape = switch (layout) {
                case "broadcast" -> i == 0 ? new long[] {3, 1} : i == 1 ? new long[] {4} : new long[] {1, 4};
                default -> new long[] {3, 4};
            };
            int n = (int) (shape.length == 1 ? shape[0] : shape[0] * shape[1]);
            double[] v = new double[n];
            for (int k = 0; k < n; k++) v[k] = op.lo + (op.hi - op.lo) * r.nextDouble();
            Tensor t = Torch.tensor(v, shape);
            if (layout.equals("transposed")) t = t.t().contiguous().t();
            in[i] = t.requiresGrad_();
        }
        return in;
    }
}
