package org.torch4j.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.torch4j.DType;
import org.torch4j.Device;
import org.torch4j.Index;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.io.SafeTensors;
import org.torch4j.linalg.Linalg;

/**
 * Complex tensors (complex64, complex128) against PyTorch 1.13: printing, views, conversions and the
 * ops written over the real view. Reference: {@code complex.json} from {@code tools/gen_complex_reference.py}.
 */
class ComplexTest {

    /** The ops of the reference's "ops" and "errors" sections, by name. */
    static final Map<String, Function<List<Tensor>, Tensor>> OPS = Map.ofEntries(
            Map.entry("view_as_real", a -> Torch.viewAsReal(a.get(0))),
            Map.entry("view_as_complex", a -> Torch.viewAsComplex(a.get(0))),
            Map.entry("view_as_complex_t", a -> Torch.viewAsComplex(a.get(0).t())),
            Map.entry("view_as_complex_cols", a -> Torch.viewAsComplex(a.get(0).slice(1, 1, 3, 1))),
            Map.entry("view_as_complex_offset", a -> Torch.viewAsComplex(a.get(0).slice(0, 1, 9, 1).view(4, 2))),
            Map.entry("real", a -> a.get(0).real()),
            Map.entry("imag", a -> a.get(0).imag()),
            Map.entry("conj", a -> a.get(0).conj()),
            Map.entry("angle", a -> a.get(0).angle()),
            Map.entry("complex", a -> Torch.complex(a.get(0), a.get(1))),
            Map.entry("polar", a -> Torch.polar(a.get(0), a.get(1))),
            Map.entry("clone_t", a -> a.get(0).t().clone()),
            Map.entry("contiguous_t", a -> a.get(0).t().contiguous()),
            Map.entry("reshape", a -> a.get(0).reshape(3, 2)),
            Map.entry("flatten_t", a -> a.get(0).t().flatten()),
            Map.entry("select", a -> a.get(0).select(1, 2)),
            Map.entry("narrow", a -> a.get(0).narrow(1, 1, 2)),
            Map.entry("slice", a -> a.get(0).slice(1, 0, 3, 2)),
            Map.entry("expand", a -> a.get(0).unsqueeze(0).expand(2, 2, 3)),
            Map.entry("squeeze", a -> a.get(0).squeeze()),
            Map.entry("full", a -> Torch.full(a.get(0).shape(), 2.5, a.get(0).dtype())),
            Map.entry("ones", a -> Torch.ones(a.get(0).shape(), a.get(0).dtype())),
            Map.entry("copy_", a -> a.get(0).clone().copy_(a.get(1))),
            Map.entry("to_complex64", a -> a.get(0).to(DType.COMPLEX64)),
            Map.entry("to_complex128", a -> a.get(0).to(DType.COMPLEX128)),
            Map.entry("to_float32", a -> a.get(0).to(DType.FLOAT32)),
            Map.entry("to_float64", a -> a.get(0).to(DType.FLOAT64)),
            Map.entry("to_int64", a -> a.get(0).to(DType.INT64)),
            Map.entry("to_int32", a -> a.get(0).to(DType.INT32)),
            Map.entry("to_bool", a -> a.get(0).to(DType.BOOL)),
            Map.entry("add", a -> a.get(0).add(a.get(1))),
            Map.entry("mul", a -> a.get(0).mul(a.get(1))),
            Map.entry("div", a -> a.get(0).div(a.get(1))),
            Map.entry("neg", a -> a.get(0).neg()),
            Map.entry("reciprocal", a -> a.get(0).reciprocal()),
            Map.entry("square", a -> a.get(0).square()),
            Map.entry("exp", a -> a.get(0).exp()),
            Map.entry("log", a -> a.get(0).log()),
            Map.entry("sqrt", a -> a.get(0).sqrt()),
            Map.entry("abs", a -> a.get(0).abs()),
            Map.entry("sgn", a -> a.get(0).sgn()),
            Map.entry("eq", a -> a.get(0).eq(a.get(1))),
            Map.entry("isnan", a -> a.get(0).isnan()),
            Map.entry("isinf", a -> a.get(0).isinf()),
            Map.entry("isfinite", a -> a.get(0).isfinite()),
            Map.entry("logical_not", a -> a.get(0).logicalNot()),
            Map.entry("where", a -> Torch.where(a.get(0), a.get(1), a.get(2))),
            Map.entry("ne", a -> a.get(0).ne(a.get(1))),
            Map.entry("isclose", a -> a.get(0).isclose(a.get(1), 1e-5, 1e-8, false)),
            Map.entry("isclose_nan", a -> a.get(0).isclose(a.get(1), 1e-5, 1e-8, true)),
            Map.entry("sum", a -> a.get(0).sum()),
            Map.entry("sum_dims", a -> a.get(0).sum(0, -1)),
            Map.entry("sum_empty_dims", a -> a.get(0).sum(new int[0], false)),
            Map.entry("sum_keepdim", a -> a.get(0).sum(new int[] {1}, true)),
            Map.entry("mean", a -> a.get(0).mean()),
            Map.entry("mean_dim", a -> a.get(0).mean(-1)),
            Map.entry("mean_keepdim", a -> a.get(0).mean(new int[] {0, 2}, true)),
            Map.entry("var", a -> a.get(0).var()),
            Map.entry("std_dims", a -> a.get(0).std(new int[] {0, 2}, 0, true)),
            Map.entry("norm", a -> a.get(0).norm()),
            Map.entry("norm_1", a -> a.get(0).norm(1, new int[] {1}, false)),
            Map.entry("roll", a -> a.get(0).roll(1, 2)),
            Map.entry("flip", a -> a.get(0).flip(0, -1)),
            Map.entry("repeat", a -> a.get(0).repeat(2, 1, 2)),
            Map.entry("mm", a -> a.get(0).mm(a.get(1))),
            Map.entry("bmm", a -> a.get(0).bmm(a.get(1))),
            Map.entry("matmul", a -> a.get(0).matmul(a.get(1))),
            Map.entry("cat", a -> Torch.cat(a)),
            Map.entry("stack", a -> Torch.stack(a, -1)),
            Map.entry("index_select", a -> a.get(0).indexSelect(1, Torch.tensor(new long[] {2, 0, 2}))),
            Map.entry("gather", a -> a.get(0).gather(0, Torch.tensor(new long[] {1, 0, 1, 0, 0, 1}).reshape(2, 3))),
            Map.entry("index", a -> a.get(0).index(Index.of(Torch.tensor(new long[] {1, 0})), Index.of(Torch.tensor(new long[] {2, 2})))),
            Map.entry("masked_select", a -> a.get(0).maskedSelect(a.get(1))),
            Map.entry("masked_fill", a -> a.get(0).maskedFill(a.get(1), 0.5)),
            Map.entry("cumsum", a -> a.get(0).cumsum(-1)),
            Map.entry("masked_fill_", a -> a.get(0).clone().maskedFill_(a.get(1), Torch.complex(Torch.scalarTensor(1.0), Torch.scalarTensor(-1.0)))));

    private static Tensor longs(long... v) {
        return Torch.tensor(v);
    }

    /** The ops of the "more" section: writes by index, products, pow with tensor exponents. */
    private static final Map<String, Function<List<Tensor>, Tensor>> MORE_OPS = Map.ofEntries(
            Map.entry("index_put_", a -> a.get(0).clone().indexPut_(new Index[] {Index.of(longs(2, 0)), Index.of(longs(1, 3))},
                    a.get(1))),
            Map.entry("index_put_acc", a -> a.get(0).clone().indexPut_(new Index[] {Index.of(longs(1, 1)), Index.of(longs(2, 2))},
                    a.get(1), true)),
            Map.entry("index_put_split", a -> a.get(0).clone().indexPut_(new Index[] {Index.of(longs(1, 0)), Index.ALL,
                    Index.of(longs(3, 2))}, a.get(1))),
            Map.entry("index_add", a -> a.get(0).indexAdd(0, longs(2, 2), a.get(1), -1.5)),
            Map.entry("index_add_", a -> a.get(0).clone().indexAdd_(1, longs(0, 3), a.get(1))),
            Map.entry("scatter", a -> a.get(0).scatter(0, longs(2, 0, 1, 2).reshape(1, 4), a.get(1))),
            Map.entry("scatter_value", a -> a.get(0).scatter(1, longs(3, 0, 1).reshape(3, 1), 2.5)),
            Map.entry("scatter_add", a -> a.get(0).scatterAdd(0, longs(2, 0, 1, 2, 0, 0, 2, 1).reshape(2, 4), a.get(1))),
            Map.entry("scatter_add_", a -> a.get(0).clone().scatterAdd_(0, longs(2, 0, 1, 2, 0, 0, 2, 1).reshape(2, 4), a.get(1))),
            Map.entry("scatter_sum", a -> a.get(0).scatterReduce(0, longs(2, 0, 1, 2, 0, 0, 2, 1).reshape(2, 4), a.get(1), "sum", false)),
            Map.entry("scatter_mean", a -> a.get(0).scatterReduce(0, longs(2, 0, 1, 2, 0, 0, 2, 1).reshape(2, 4), a.get(1), "mean")),
            Map.entry("take", a -> a.get(0).take(longs(11, 0, -1, 5).reshape(2, 2))),
            Map.entry("prod", a -> a.get(0).prod()),
            Map.entry("prod_dim", a -> a.get(0).prod(-1, false)),
            Map.entry("prod_dim_keepdim", a -> a.get(0).prod(1, true)),
            Map.entry("cumprod", a -> a.get(0).cumprod(-1)),
            Map.entry("cumprod_0", a -> a.get(0).cumprod(0)),
            Map.entry("pow", a -> a.get(0).pow(a.get(1))),
            Map.entry("sin", a -> a.get(0).sin()),
            Map.entry("cos", a -> a.get(0).cos()),
            Map.entry("tan", a -> a.get(0).tan()),
            Map.entry("sinh", a -> a.get(0).sinh()),
            Map.entry("cosh", a -> a.get(0).cosh()),
            Map.entry("tanh", a -> a.get(0).tanh()),
            Map.entry("asin", a -> a.get(0).asin()),
            Map.entry("acos", a -> a.get(0).acos()),
            Map.entry("atan", a -> a.get(0).atan()),
            Map.entry("asinh", a -> a.get(0).asinh()),
            Map.entry("acosh", a -> a.get(0).acosh()),
            Map.entry("atanh", a -> a.get(0).atanh()),
            Map.entry("sigmoid", a -> a.get(0).sigmoid()),
            Map.entry("silu", a -> org.torch4j.nn.F.silu(a.get(0))),
            Map.entry("log2", a -> a.get(0).log2()),
            Map.entry("log10", a -> a.get(0).log10()),
            Map.entry("rsqrt", a -> a.get(0).rsqrt()),
            Map.entry("solve", a -> org.torch4j.linalg.Linalg.solve(a.get(0), a.get(1))),
            Map.entry("solve_right", a -> org.torch4j.linalg.Linalg.solve(a.get(0), a.get(1), false)),
            Map.entry("inv", a -> org.torch4j.linalg.Linalg.inv(a.get(0))),
            Map.entry("det", a -> org.torch4j.linalg.Linalg.det(a.get(0))),
            Map.entry("slogdet_sign", a -> org.torch4j.linalg.Linalg.slogdet(a.get(0)).sign()),
            Map.entry("slogdet_logabsdet", a -> org.torch4j.linalg.Linalg.slogdet(a.get(0)).logabsdet()),
            Map.entry("logdet", a -> Torch.logdet(a.get(0))),
            Map.entry("cholesky", a -> org.torch4j.linalg.Linalg.cholesky(a.get(0))),
            Map.entry("cholesky_upper", a -> org.torch4j.linalg.Linalg.cholesky(a.get(0), true)),
            Map.entry("cholesky_ex_info", a -> org.torch4j.linalg.Linalg.choleskyEx(a.get(0), false).info()),
            Map.entry("eigh_values", a -> org.torch4j.linalg.Linalg.eigh(a.get(0)).eigenvalues()),
            Map.entry("eigh_abs_vectors", a -> org.torch4j.linalg.Linalg.eigh(a.get(0)).eigenvectors().abs()),
            Map.entry("eigh_upper_abs_vectors", a -> org.torch4j.linalg.Linalg.eigh(a.get(0), "U").eigenvectors().abs()),
            Map.entry("eigvalsh", a -> org.torch4j.linalg.Linalg.eigvalsh(a.get(0))),
            Map.entry("qr_q_reduced", a -> org.torch4j.linalg.Linalg.qr(a.get(0), "reduced").Q()),
            Map.entry("qr_r_reduced", a -> org.torch4j.linalg.Linalg.qr(a.get(0), "reduced").R()),
            Map.entry("qr_q_complete", a -> org.torch4j.linalg.Linalg.qr(a.get(0), "complete").Q()),
            Map.entry("qr_r_complete", a -> org.torch4j.linalg.Linalg.qr(a.get(0), "complete").R()),
            Map.entry("qr_r_r", a -> org.torch4j.linalg.Linalg.qr(a.get(0), "r").R()),
            Map.entry("svd_s", a -> org.torch4j.linalg.Linalg.svd(a.get(0), false).S()),
            Map.entry("svd_abs_u", a -> org.torch4j.linalg.Linalg.svd(a.get(0), false).U().abs()),
            Map.entry("svd_abs_vh", a -> org.torch4j.linalg.Linalg.svd(a.get(0), false).Vh().abs()),
            Map.entry("svdvals", a -> org.torch4j.linalg.Linalg.svdvals(a.get(0))),
            Map.entry("pinv", a -> org.torch4j.linalg.Linalg.pinv(a.get(0))),
            Map.entry("pinv_hermitian", a -> org.torch4j.linalg.Linalg.pinv(a.get(0), true)),
            Map.entry("matrix_rank", a -> org.torch4j.linalg.Linalg.matrixRank(a.get(0))),
            Map.entry("pow_base", a -> Torch.full(new long[0], 2.0, a.get(0).dtype().toReal()).pow(a.get(0))));

    /** The ops of the "math" section that take a Java number besides the tensors. */
    static final Map<String, java.util.function.BiFunction<List<Tensor>, Double, Tensor>> SCALAR_OPS = Map.of(
            "add_alpha", (a, s) -> a.get(0).add(a.get(1), s),
            "sub_alpha", (a, s) -> a.get(0).sub(a.get(1), s),
            "add_scalar", (a, s) -> a.get(0).add(s),
            "mul_scalar", (a, s) -> a.get(0).mul(s),
            "div_scalar", (a, s) -> a.get(0).div(s),
            "pow_scalar", (a, s) -> a.get(0).pow(s));

    /** The real losses of the "grads" section, as in tools/gen_complex_reference.py. */
    private static final Map<String, java.util.function.BinaryOperator<Tensor>> LOSSES = Map.of(
            "mul_abs", (z, w) -> z.mul(w).abs().sum(),
            "div_abs", (z, w) -> z.div(w).abs().sum(),
            "add_real_imag", (z, w) -> z.add(w.mul(2L)).real().sum().add(z.sub(w).imag().pow(2.0).sum()),
            "exp_log_angle", (z, w) -> z.exp().angle().sum().add(w.log().abs().sum()),
            "sqrt_sgn", (z, w) -> z.sqrt().real().sum().add(w.sgn().mul(z).imag().sum()),
            "pow_reciprocal", (z, w) -> z.pow(1.7).abs().sum().add(w.reciprocal().real().sum()),
            "matmul_mean", (z, w) -> Torch.viewAsReal(z.matmul(w.t())).pow(2.0).mean(),
            "conj_sum_cat", (z, w) -> Torch.cat(List.of(z.conj(), w)).sum(0).abs().sum(),
            "mean_polar", (z, w) -> Torch.polar(z.abs(), w.angle()).mean().abs(),
            "index_gather", (z, w) -> z.indexSelect(1, Torch.tensor(new long[] {2, 0, 2})).mul(w.narrow(1, 0, 3)).abs().sum()
                    .add(z.gather(0, Torch.tensor(new long[] {1, 0, 1}).reshape(1, 3)).mul(w.narrow(0, 0, 1)).real().sum()));

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> section(String name) {
        return (List<Map<String, Object>>) ((Map<String, Object>) Reference.load("complex.json")).get(name);
    }

    @SuppressWarnings("unchecked")
    static List<Tensor> args(Map<String, Object> c) {
        return ((List<Object>) c.get("args")).stream().map(Reference::tensor).toList();
    }

    @TestFactory
    Stream<DynamicNode> printsAsPyTorch() {
        return section("print").stream().map(c -> DynamicTest.dynamicTest((String) c.get("str"), () -> {
            DType previous = Torch.getDefaultDtype();
            if (c.get("default_dtype") != null) Torch.setDefaultDtype(DType.of((String) c.get("default_dtype")));
            try {
                Tensor t = Reference.tensor(c.get("value"));
                if (Boolean.TRUE.equals(c.get("requires_grad"))) t.requiresGrad_();
                assertEquals(c.get("str"), t.toString());
            } finally {
                Torch.setDefaultDtype(previous);
            }
        }));
    }

    @TestFactory
    @SuppressWarnings("unchecked")
    Stream<DynamicNode> opsMatchPyTorch() {
        return section("ops").stream().map(c -> DynamicTest.dynamicTest((String) c.get("name"), () -> {
            Tensor out = OPS.get((String) c.get("op")).apply(args(c));
            Reference.assertTensor(((List<Object>) c.get("out")).get(0), out, (String) c.get("name"));
        }));
    }

    @TestFactory
    @SuppressWarnings("unchecked")
    Stream<DynamicNode> arithmeticMatchesPyTorch() {
        return section("math").stream().map(c -> DynamicTest.dynamicTest((String) c.get("name"), () -> {
            String op = (String) c.get("op");
            List<Tensor> a = args(c);
            Tensor out = c.containsKey("scalar") ? SCALAR_OPS.get(op).apply(a, Reference.number(c.get("scalar")))
                    : OPS.get(op).apply(a);
            Reference.assertTensor(((List<Object>) c.get("out")).get(0), out, (String) c.get("name"));
        }));
    }

    @TestFactory
    @SuppressWarnings("unchecked")
    Stream<DynamicNode> writesProductsAndPowMatchPyTorch() {
        return section("more").stream().map(c -> DynamicTest.dynamicTest((String) c.get("name"), () -> {
            Tensor out = MORE_OPS.get((String) c.get("op")).apply(args(c));
            Reference.assertTensor(((List<Object>) c.get("out")).get(0), out, (String) c.get("name"));
        }));
    }

    /** result_type of complex operands with every dtype, dimensioned, 0-dim and Java numbers. */
    @TestFactory
    Stream<DynamicNode> promotionMatchesPyTorch() {
        return section("promotion").stream().map(c -> {
            String name = c.get("a") + " " + c.get("arank") + " + " + c.get("b") + " " + c.get("brank");
            return DynamicTest.dynamicTest(name, () -> {
                Tensor a = operand((String) c.get("a"), (String) c.get("arank"));
                Tensor out = switch ((String) c.get("b")) {
                    case "int" -> a.add(2L);
                    case "float" -> a.add(2.5);
                    default -> a.add(operand((String) c.get("b"), (String) c.get("brank")));
                };
                assertEquals(DType.of((String) c.get("out")), out.dtype(), name);
            });
        });
    }

    private static Tensor operand(String dtype, String rank) {
        return Torch.zeros(rank.equals("dim") ? new long[] {2} : new long[0], DType.of(dtype));
    }

    /**
     * Without gradients, products, quotients and magnitudes take the backend's one-pass kernels where it has them; with
     * gradients, the composite of real ops. Both give identical values, for contiguous, broadcast and
     * transposed operands of both dtypes.
     */
    @Test
    void fusedKernelsEqualTheComposites() {
        Torch.manualSeed(3);
        for (DType dt : new DType[] {DType.COMPLEX64, DType.COMPLEX128}) {
            DType real = dt.toReal();
            Tensor x = Torch.complex(Torch.randn(new long[] {40, 33}, real), Torch.randn(new long[] {40, 33}, real));
            Tensor y = Torch.complex(Torch.randn(new long[] {40, 33}, real), Torch.randn(new long[] {40, 33}, real));
            Tensor row = Torch.complex(Torch.randn(new long[] {33}, real), Torch.randn(new long[] {33}, real));
            Tensor[][] pairs = {{x, y}, {x, row}, {row, x}, {x.t().contiguous().t(), y}, {x.narrow(0, 3, 20), y.narrow(0, 10, 20)}};
            for (Tensor[] p : pairs) {
                Tensor a = p[0], b = p[1];
                Tensor ag = a.detach().clone().requiresGrad_(), bg = b.detach().clone().requiresGrad_();
                assertTrue(a.mul(b).equal(ag.mul(bg).detach()), dt + " mul " + java.util.Arrays.toString(a.shape()));
                assertTrue(a.div(b).equal(ag.div(bg).detach()), dt + " div " + java.util.Arrays.toString(a.shape()));
                assertTrue(a.abs().equal(ag.abs().detach()), dt + " abs " + java.util.Arrays.toString(a.shape()));
            }
        }
    }

    /** The optimizers of the "optim" section, as in tools/gen_complex_reference.py. */
    private static final Map<String, java.util.function.Function<List<Tensor>, org.torch4j.optim.Optimizer>> OPTIMIZERS = Map.of(
            "SGD", ps -> new org.torch4j.optim.SGD(ps, org.torch4j.optim.SGD.options(0.1).momentum(0.9)),
            "Adam", ps -> new org.torch4j.optim.Adam(ps, 0.05),
            "AdamW", ps -> new org.torch4j.optim.AdamW(ps, org.torch4j.optim.AdamW.options(0.05).weightDecay(0.1)),
            "RMSprop", ps -> new org.torch4j.optim.RMSprop(ps, org.torch4j.optim.RMSprop.options(0.01).momentum(0.5).centered(true)),
            "Adagrad", ps -> new org.torch4j.optim.Adagrad(ps, org.torch4j.optim.Adagrad.options(0.1).initialAccumulatorValue(0.1)),
            "Adadelta", ps -> new org.torch4j.optim.Adadelta(ps, org.torch4j.optim.Adadelta.options(1.0)));

    /** Complex parameters trained five steps by each optimizer (through their real views, as PyTorch) end where PyTorch's do. */
    @TestFactory
    @SuppressWarnings("unchecked")
    Stream<DynamicNode> optimizersTrainComplexParameters() {
        return section("optim").stream().map(c -> DynamicTest.dynamicTest((String) c.get("name"), () -> {
            List<Tensor> a = args(c);
            Tensor z = a.get(0).requiresGrad_(), w = a.get(1).requiresGrad_();
            org.torch4j.optim.Optimizer opt = OPTIMIZERS.get((String) c.get("name")).apply(List.of(z, w));
            for (int step = 0; step < 5; step++) {
                opt.zeroGrad();
                LOSSES.get("mul_abs").apply(z, w).add(z.sub(w).abs().pow(2.0).sum()).backward();
                opt.step();
            }
            List<Object> out = (List<Object>) c.get("out");
            Reference.assertTensor(out.get(0), z.detach(), 1e-9, 1e-9, "z");
            Reference.assertTensor(out.get(1), w.detach(), 1e-9, 1e-9, "w");
        }));
    }

    /** Gradients of real losses with respect to complex leaves against PyTorch's (dL/dx + i dL/dy). */
    @TestFactory
    @SuppressWarnings("unchecked")
    Stream<DynamicNode> gradientsMatchPyTorch() {
        return section("grads").stream().map(c -> DynamicTest.dynamicTest((String) c.get("name"), () -> {
            List<Tensor> a = args(c);
            Tensor z = a.get(0).requiresGrad_(), w = a.get(1).requiresGrad_();
            Tensor loss = LOSSES.get((String) c.get("op")).apply(z, w);
            loss.backward();
            List<Object> out = (List<Object>) c.get("out");
            Reference.assertTensor(out.get(0), loss, 1e-7, 1e-7, "loss");
            Reference.assertTensor(out.get(1), z.grad(), 1e-7, 1e-7, "z.grad");
            Reference.assertTensor(out.get(2), w.grad(), 1e-7, 1e-7, "w.grad");
        }));
    }

    @Test
    void gradientsAccumulateOnComplexLeaves() {
        Tensor z = Torch.viewAsComplex(Torch.tensor(new double[] {1, 2, -3, 0.5}, 2, 2)).requiresGrad_();
        z.abs().sum().backward();
        z.real().sum().backward();
        Tensor m = z.detach().abs().unsqueeze(-1);
        // d|z|/dx + i d|z|/dy = z/|z|, plus 1 from the real part
        Tensor expected = Torch.viewAsComplex(Torch.viewAsReal(z.detach()).div(m).add(Torch.tensor(new double[] {1, 0})));
        assertTrue(z.grad().allclose(expected), z.grad().toString());
        assertEquals(DType.COMPLEX128, z.grad().dtype());
        // PyTorch 2 rejects an implicit gradient for a complex output (1.13 silently used 1 + 0j)
        Tensor y = z.mul(z).sum();
        assertEquals("grad can be implicitly created only for real scalar outputs",
                assertThrows(IllegalStateException.class, y::backward).getMessage());
    }

    /** The README's "Complex numbers" example. */
    @Test
    void readmeExample() {
        Tensor z = Torch.complex(Torch.tensor(new float[] {1, 3}), Torch.tensor(new float[] {2, -4}));
        assertEquals("tensor([1.+2.j, 3.-4.j])", z.toString());
        assertEquals("tensor([2.2361, 5.0000])", z.abs().toString());
        assertEquals("tensor([ 5.+0.j, 25.+0.j])", z.mul(z.conj()).toString());
        Tensor parts = Torch.viewAsReal(z);
        assertEquals("tensor([[ 1.,  2.],\n        [ 3., -4.]])", parts.toString());
        z.real().mul_(2);
        assertEquals("tensor([2.+2.j, 6.-4.j])", z.toString());
        Tensor w = z.to(DType.COMPLEX128).detach().requiresGrad_();
        w.mul(w).abs().sum().backward();
        assertEquals("tensor([ 4.+4.j, 12.-8.j], dtype=torch.complex128)", w.grad().toString());
    }

    @Test
    void inPlaceOpsUnderAutograd() {
        Tensor z = Torch.complex(Torch.tensor(new double[] {1, -3, 2}), Torch.tensor(new double[] {2, 0.5, -1})).requiresGrad_();
        // a complex view written in place: the base's history is rebased as for real tensors
        Tensor w = z.mul(1.0);
        w.narrow(0, 1, 2).mul_(Torch.complex(Torch.tensor(new double[] {0.5}), Torch.tensor(new double[] {2.0})));
        w.add_(1.0);
        w.abs().sum().backward();
        Tensor z2 = z.detach().clone().requiresGrad_();
        Tensor factor = Torch.complex(Torch.tensor(new double[] {1, 0.5, 0.5}), Torch.tensor(new double[] {0, 2, 2}));
        z2.mul(factor).add(1.0).abs().sum().backward();
        assertTrue(z.grad().allclose(z2.grad()), z.grad() + " vs " + z2.grad());
        // through a real view: the rebase finds the view's elements among the complex base's real pairs
        Tensor z3 = z.detach().clone().requiresGrad_();
        Tensor v = z3.mul(2.0);
        v.real().mul_(3.0);
        v.abs().sum().backward();
        Tensor z4 = z.detach().clone().requiresGrad_();
        Torch.complex(z4.real().mul(6.0), z4.imag().mul(2.0)).abs().sum().backward();
        assertTrue(z3.grad().allclose(z4.grad()), z3.grad() + " vs " + z4.grad());
        assertEquals("a view of a leaf Variable that requires grad is being used in an in-place operation.",
                assertThrows(IllegalStateException.class, () -> z.imag().zero_()).getMessage());
    }

    /** Each op as a real function of real inputs (viewAsComplex -> op -> viewAsReal), for gradcheck. */
    private static final Map<String, Function<Tensor[], Tensor>> DIFFERENTIABLE = Map.ofEntries(
            Map.entry("view_as_real/complex", x -> Torch.viewAsReal(Torch.viewAsComplex(x[0]).mul(2.0))),
            Map.entry("real", x -> Torch.viewAsComplex(x[0]).real()),
            Map.entry("imag", x -> Torch.viewAsComplex(x[0]).imag()),
            Map.entry("conj", x -> Torch.viewAsReal(Torch.viewAsComplex(x[0]).conj())),
            Map.entry("angle", x -> Torch.viewAsComplex(x[0]).angle()),
            Map.entry("abs", x -> Torch.viewAsComplex(x[0]).abs()),
            Map.entry("complex", x -> Torch.viewAsReal(Torch.complex(x[0].select(-1, 0), x[1].select(-1, 1)))),
            Map.entry("polar", x -> Torch.viewAsReal(Torch.polar(x[0].select(-1, 0), x[1].select(-1, 1)))),
            Map.entry("add alpha", x -> Torch.viewAsReal(Torch.viewAsComplex(x[0]).add(Torch.viewAsComplex(x[1]), 1.5))),
            Map.entry("sub real", x -> Torch.viewAsReal(Torch.viewAsComplex(x[0]).sub(x[1].select(-1, 0)))),
            Map.entry("mul", x -> Torch.viewAsReal(Torch.viewAsComplex(x[0]).mul(Torch.viewAsComplex(x[1])))),
            Map.entry("div", x -> Torch.viewAsReal(Torch.viewAsComplex(x[0]).div(Torch.viewAsComplex(x[1])))),
            Map.entry("neg", x -> Torch.viewAsReal(Torch.viewAsComplex(x[0]).neg())),
            Map.entry("reciprocal", x -> Torch.viewAsReal(Torch.viewAsComplex(x[0]).reciprocal())),
            Map.entry("square", x -> Torch.viewAsReal(Torch.viewAsComplex(x[0]).square())),
            Map.entry("pow 1.7", x -> Torch.viewAsReal(Torch.viewAsComplex(x[0]).pow(1.7))),
            Map.entry("pow -2", x -> Torch.viewAsReal(Torch.viewAsComplex(x[0]).pow(-2.0))),
            Map.entry("exp", x -> Torch.viewAsReal(Torch.viewAsComplex(x[0]).exp())),
            Map.entry("log", x -> Torch.viewAsReal(Torch.viewAsComplex(x[0]).log())),
            Map.entry("sqrt", x -> Torch.viewAsReal(Torch.viewAsComplex(x[0]).sqrt())),
            Map.entry("sgn", x -> Torch.viewAsReal(Torch.viewAsComplex(x[0]).sgn())),
            Map.entry("sum dim", x -> Torch.viewAsReal(Torch.viewAsComplex(x[0]).sum(new int[] {0}, true))),
            Map.entry("mean", x -> Torch.viewAsReal(Torch.viewAsComplex(x[0]).mean())),
            Map.entry("var", x -> Torch.viewAsComplex(x[0]).var(new int[] {1}, 1, false)),
            Map.entry("norm", x -> Torch.viewAsComplex(x[0]).norm(3, new int[] {0}, false)),
            Map.entry("matmul", x -> Torch.viewAsReal(Torch.viewAsComplex(x[0]).matmul(Torch.viewAsComplex(x[1]).t()))),
            Map.entry("cat", x -> Torch.viewAsReal(Torch.cat(List.of(Torch.viewAsComplex(x[0]), Torch.viewAsComplex(x[1]))))),
            Map.entry("clone transposed", x -> Torch.viewAsReal(Torch.viewAsComplex(x[0]).t().clone())),
            Map.entry("select", x -> Torch.viewAsReal(Torch.viewAsComplex(x[0]).select(0, 1))),
            Map.entry("to real", x -> Torch.viewAsComplex(x[0]).to(DType.FLOAT64)),
            Map.entry("from real", x -> Torch.viewAsReal(x[0].to(DType.COMPLEX128))),
            Map.entry("narrow", x -> Torch.viewAsReal(Torch.viewAsComplex(x[0]).narrow(1, 1, 1))),
            Map.entry("flip", x -> Torch.viewAsReal(Torch.viewAsComplex(x[0]).flip(1))),
            Map.entry("index_select", x -> Torch.viewAsReal(Torch.viewAsComplex(x[0]).indexSelect(1, Torch.tensor(new long[] {1, 0, 1})))),
            Map.entry("gather", x -> Torch.viewAsReal(Torch.viewAsComplex(x[0]).gather(0, Torch.tensor(new long[] {1, 1, 0}).reshape(1, 3).narrow(1, 0, 2)))),
            Map.entry("cumsum", x -> Torch.viewAsReal(Torch.viewAsComplex(x[0]).cumsum(0))),
            Map.entry("masked_fill", x -> Torch.viewAsReal(Torch.viewAsComplex(x[0]).maskedFill(Torch.tensor(new boolean[] {true, false}).reshape(2, 1), 2.0))),
            Map.entry("advanced index", x -> Torch.viewAsReal(Torch.viewAsComplex(x[0]).index(Index.of(Torch.tensor(new long[] {1, 0, 1}))))),
            Map.entry("index_put_", x -> Torch.viewAsReal(Torch.viewAsComplex(x[0]).mul(1L).indexPut_(new Index[] {
                    Index.of(longs(1, 0, 1)), Index.of(longs(0, 1, 0))}, Torch.viewAsComplex(x[1]).select(0, 1).select(0, 0), true))),
            Map.entry("index_add", x -> Torch.viewAsReal(Torch.viewAsComplex(x[0]).indexAdd(1, longs(1, 1), Torch.viewAsComplex(x[1]), 2.0))),
            Map.entry("scatter", x -> Torch.viewAsReal(Torch.viewAsComplex(x[0]).scatter(0, longs(1, 0).reshape(1, 2),
                    Torch.viewAsComplex(x[1]).narrow(0, 0, 1)))),
            Map.entry("scatter_add_", x -> Torch.viewAsReal(Torch.viewAsComplex(x[0]).mul(1L).scatterAdd_(1, longs(1, 1, 0, 1).reshape(2, 2),
                    Torch.viewAsComplex(x[1])))),
            Map.entry("scatter mean", x -> Torch.viewAsReal(Torch.viewAsComplex(x[0]).scatterReduce(1, longs(1, 1, 0, 1).reshape(2, 2),
                    Torch.viewAsComplex(x[1]), "mean", false))),
            Map.entry("prod", x -> Torch.viewAsReal(Torch.viewAsComplex(x[0]).prod())),
            Map.entry("prod dim", x -> Torch.viewAsReal(Torch.viewAsComplex(x[0]).prod(0, true))),
            Map.entry("cumprod", x -> Torch.viewAsReal(Torch.viewAsComplex(x[0]).cumprod(1))),
            Map.entry("pow tensor", x -> Torch.viewAsReal(Torch.viewAsComplex(x[0]).pow(Torch.viewAsComplex(x[1])))),
            Map.entry("sin cos tan", x -> Torch.viewAsReal(Torch.viewAsComplex(x[0]).sin().add(Torch.viewAsComplex(x[1]).cos())
                    .add(Torch.viewAsComplex(x[0]).tan()))),
            Map.entry("sinh cosh tanh", x -> Torch.viewAsReal(Torch.viewAsComplex(x[0]).sinh().add(Torch.viewAsComplex(x[1]).cosh())
                    .add(Torch.viewAsComplex(x[1]).tanh()))),
            Map.entry("tanh far", x -> Torch.viewAsReal(Torch.viewAsComplex(x[0].mul(50.0)).tanh())),
            Map.entry("asin acos atan", x -> Torch.viewAsReal(Torch.viewAsComplex(x[0]).asin().add(Torch.viewAsComplex(x[1]).acos())
                    .add(Torch.viewAsComplex(x[1]).atan()))),
            Map.entry("asinh acosh atanh", x -> Torch.viewAsReal(Torch.viewAsComplex(x[0]).asinh().add(Torch.viewAsComplex(x[0]).acosh())
                    .add(Torch.viewAsComplex(x[1]).atanh()))),
            Map.entry("sigmoid silu", x -> Torch.viewAsReal(Torch.viewAsComplex(x[0]).sigmoid().add(org.torch4j.nn.F.silu(Torch.viewAsComplex(x[1]))))),
            Map.entry("log2 log10 rsqrt", x -> Torch.viewAsReal(Torch.viewAsComplex(x[0]).log2().add(Torch.viewAsComplex(x[0]).log10())
                    .add(Torch.viewAsComplex(x[0]).rsqrt()))),
            Map.entry("solve", x -> Torch.viewAsReal(org.torch4j.linalg.Linalg.solve(Torch.viewAsComplex(x[0]).add(
                    Torch.eye(2).toDouble().mul(3.0)), Torch.viewAsComplex(x[1])))),
            Map.entry("inv", x -> Torch.viewAsReal(org.torch4j.linalg.Linalg.inv(Torch.viewAsComplex(x[0]).add(Torch.eye(2).toDouble().mul(3.0))))),
            Map.entry("det", x -> Torch.viewAsReal(org.torch4j.linalg.Linalg.det(Torch.viewAsComplex(x[0]).add(Torch.eye(2).toDouble().mul(3.0))))),
            // the complex linear algebra of the --linalg fuzz (docs/linalg.md): LU and what is built on it, the
            // triangular solve, the exponential, norms, cond, reflectors, least squares, vecdot
            Map.entry("lu_factor", x -> Torch.viewAsReal(Linalg.luFactor(shifted(x[0])).lu())),
            Map.entry("lu_factor wide", x -> Torch.viewAsReal(Linalg.luFactor(Torch.cat(List.of(shifted(x[0]), c(x[1])), 1)).lu())),
            Map.entry("lu_factor tall", x -> Torch.viewAsReal(Linalg.luFactor(Torch.cat(List.of(shifted(x[0]), c(x[1])), 0)).lu())),
            Map.entry("lu_solve", x -> {
                var f = Linalg.luFactor(shifted(x[0]));
                return Torch.viewAsReal(Linalg.luSolve(f.lu(), f.pivots(), c(x[1]), true, false)
                        .add(Linalg.luSolve(f.lu(), f.pivots(), c(x[1]), false, true)));
            }),
            Map.entry("solve_triangular", x -> Torch.viewAsReal(Linalg.solveTriangular(shifted(x[0]).triu(), c(x[1]), true, true, false)
                    .add(Linalg.solveTriangular(shifted(x[0]).tril(), c(x[1]), false, false, true)))),
            Map.entry("matrix_exp", x -> Torch.viewAsReal(Linalg.matrixExp(c(x[0]).add(c(x[1]))))),
            Map.entry("inv_ex solve_ex", x -> Torch.viewAsReal(Linalg.invEx(shifted(x[0])).inverse()
                    .add(Linalg.solveEx(shifted(x[0]), c(x[1])).result()))),
            Map.entry("matrix norms cond", x -> Linalg.matrixNorm(c(x[0]), "nuc", new int[] {-2, -1}, false)
                    .add(Linalg.matrixNorm(c(x[0]), "fro", new int[] {-2, -1}, false))
                    .add(Linalg.matrixNorm(c(x[1]), 2.0, new int[] {-2, -1}, false)).add(Linalg.cond(shifted(x[1]), "fro"))),
            Map.entry("householder_product", x -> Torch.viewAsReal(Linalg.householderProduct(
                    Torch.cat(List.of(c(x[0]), c(x[1])), 0), c(x[1]).select(0, 0)))),
            Map.entry("lstsq vecdot", x -> Torch.viewAsReal(Linalg.lstsq(Torch.cat(List.of(shifted(x[0]), c(x[1])), 0),
                    Torch.cat(List.of(c(x[1]), c(x[0])), 0)).solution().add(Linalg.vecdot(c(x[0]), c(x[1])).unsqueeze(0)))),
            Map.entry("cholesky", x -> {
                Tensor m = Torch.viewAsComplex(x[0]);
                Tensor hpd = m.matmul(m.conj().mT()).add(Torch.eye(2).toDouble());
                return Torch.viewAsReal(org.torch4j.linalg.Linalg.cholesky(hpd).add(org.torch4j.linalg.Linalg.cholesky(hpd, true)));
            }),
            Map.entry("qr tall", x -> {
                var r = org.torch4j.linalg.Linalg.qr(Torch.cat(List.of(Torch.viewAsComplex(x[0]), Torch.viewAsComplex(x[1])), 0));
                return Torch.cat(List.of(Torch.viewAsReal(r.Q()).flatten(), Torch.viewAsReal(r.R()).flatten()), 0);
            }),
            Map.entry("qr wide complete", x -> {
                var r = org.torch4j.linalg.Linalg.qr(Torch.cat(List.of(Torch.viewAsComplex(x[0]), Torch.viewAsComplex(x[1])), 1), "complete");
                return Torch.cat(List.of(Torch.viewAsReal(r.Q()).flatten(), Torch.viewAsReal(r.R()).flatten()), 0);
            }),
            Map.entry("svd", x -> {
                var r = org.torch4j.linalg.Linalg.svd(Torch.cat(List.of(Torch.viewAsComplex(x[0]), Torch.viewAsComplex(x[1])), 0), false);
                // phase-independent: S, |U|^2, |Vh|^2 and U diag(S) Vh
                Tensor usv = r.U().mul(r.S().to(r.U().dtype()).unsqueeze(-2)).matmul(r.Vh());
                return Torch.cat(List.of(r.S().flatten(), r.U().abs().pow(2.0).flatten(), r.Vh().abs().pow(2.0).flatten(),
                        Torch.viewAsReal(usv).flatten()), 0);
            }),
            Map.entry("pinv", x -> Torch.viewAsReal(org.torch4j.linalg.Linalg.pinv(
                    Torch.cat(List.of(Torch.viewAsComplex(x[0]), Torch.viewAsComplex(x[1])), 0)))),
            Map.entry("eigh", x -> {
                Tensor m = Torch.viewAsComplex(x[0]);
                var r = org.torch4j.linalg.Linalg.eigh(m.add(m.conj().mT()));
                // phase-independent: the eigenvalues and the eigenvectors' moduli
                return Torch.cat(List.of(r.eigenvalues().flatten(), r.eigenvectors().abs().pow(2.0).flatten()), 0);
            }),
            Map.entry("slogdet", x -> {
                var r = org.torch4j.linalg.Linalg.slogdet(Torch.viewAsComplex(x[0]).add(Torch.eye(2).toDouble().mul(3.0)));
                return Torch.cat(List.of(Torch.viewAsReal(r.sign()).flatten(), r.logabsdet().flatten()), 0);
            }),
            Map.entry("pow real base", x -> Torch.viewAsReal(x[0].select(-1, 0).pow(Torch.viewAsComplex(x[1])))),
            Map.entry("where", x -> Torch.viewAsReal(Torch.where(Torch.tensor(new boolean[] {true, false}),
                    Torch.viewAsComplex(x[0]), x[1].select(-1, 0)))));

    /** The complex matrix whose (re, im) pairs x holds. */
    private static Tensor c(Tensor x) {
        return Torch.viewAsComplex(x);
    }

    /** {@link #c} plus 3 I: well away from singular. */
    private static Tensor shifted(Tensor x) {
        return c(x).add(Torch.eye(x.size(-2)).toDouble().mul(3.0));
    }

    @TestFactory
    Stream<DynamicNode> gradcheckAndGradgradcheck() {
        return DIFFERENTIABLE.entrySet().stream().sorted(Map.Entry.comparingByKey()).map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            // seeded inputs away from 0 and the negative real axis (branch cuts of log, sqrt, angle)
            Torch.manualSeed(7);
            Tensor x = Torch.rand(new long[] {2, 2, 2}, DType.FLOAT64).add(0.5).requiresGrad_();
            Tensor y = Torch.rand(new long[] {2, 2, 2}, DType.FLOAT64).sub(0.5).requiresGrad_();
            assertTrue(org.torch4j.GradCheck.gradcheck(e.getValue(), x, y), e.getKey());
            assertTrue(org.torch4j.GradCheck.gradgradcheck(e.getValue(), x, y), e.getKey());
        }));
    }

    @TestFactory
    Stream<DynamicNode> errorsAsPyTorch() {
        return section("errors").stream().map(c -> DynamicTest.dynamicTest((String) c.get("name"), () -> {
            List<Tensor> a = args(c);
            var e = assertThrows(IllegalArgumentException.class, () -> OPS.get((String) c.get("op")).apply(a));
            assertEquals(c.get("error"), e.getMessage());
        }));
    }

    @Test
    void dtypes() {
        assertEquals(DType.COMPLEX64, DType.of("cfloat"));
        assertEquals(DType.COMPLEX64, DType.of("torch.complex64"));
        assertEquals(DType.COMPLEX128, DType.of("cdouble"));
        assertEquals(DType.COMPLEX128, DType.of("complex128"));
        assertEquals(8, DType.COMPLEX64.itemSize());
        assertEquals(16, DType.COMPLEX128.itemSize());
        assertEquals(DType.Kind.COMPLEX, DType.COMPLEX64.kind());
        assertTrue(DType.COMPLEX128.isComplex());
        assertFalse(DType.COMPLEX128.isFloatingPoint());
        assertEquals(DType.FLOAT32, DType.COMPLEX64.toReal());
        assertEquals(DType.FLOAT64, DType.COMPLEX128.toReal());
        assertEquals(DType.INT64, DType.INT64.toReal());
        assertEquals(DType.COMPLEX64, DType.FLOAT32.toComplex());
        assertEquals(DType.COMPLEX128, DType.FLOAT64.toComplex());
        assertEquals(DType.COMPLEX128, DType.COMPLEX128.toComplex());
        assertEquals("Unknown Complex ScalarType for Long",
                assertThrows(IllegalArgumentException.class, DType.INT64::toComplex).getMessage());
        assertEquals("torch.complex64", DType.COMPLEX64.toString());
    }

    @Test
    void layoutIsPyTorchs() {
        Tensor z = Torch.zeros(new long[] {2, 3}, DType.COMPLEX128);
        assertTrue(z.isComplex());
        assertEquals(16, z.elementSize());
        assertEquals(List.of(3L, 1L), List.of(z.stride(0), z.stride(1)));
        Tensor r = Torch.viewAsReal(z);
        assertEquals(DType.FLOAT64, r.dtype());
        assertTrue(r.sharesStorageWith(z));
        assertEquals(List.of(6L, 2L, 1L), List.of(r.stride(0), r.stride(1), r.stride(2)));
        Tensor col = z.select(1, 1);
        assertEquals(DType.COMPLEX128, col.dtype());
        assertEquals(1, col.storageOffset());
        assertEquals(2, Torch.viewAsReal(col).storageOffset());
        // the views write through: real() and imag() are views, as in PyTorch
        z.real().fill_(1.5);
        z.imag().select(0, 1).fill_(-2.0);
        assertEquals("tensor([[1.5000+0.j, 1.5000+0.j, 1.5000+0.j],\n        [1.5000-2.j, 1.5000-2.j, 1.5000-2.j]], "
                + "dtype=torch.complex128)", z.toString());
        Tensor real = Torch.ones(2);
        assertSame(real, real.real());
        assertSame(real, real.conj());
        assertEquals(DType.COMPLEX64, Torch.zerosLike(Torch.zeros(new long[] {2}, DType.COMPLEX64)).dtype());
        assertEquals(DType.COMPLEX64, z.to(DType.COMPLEX64).dtype());
        assertEquals(DType.COMPLEX128, z.to(Device.CPU).dtype());
        // as_strided counts complex elements, and its bound is the complex storage's
        Tensor three = Torch.zeros(new long[] {3}, DType.COMPLEX128);
        assertEquals(2, three.asStrided(new long[] {2}, new long[] {1}, 1).numel());
        assertEquals("setStorage: sizes [3], strides [1], storage offset 1, and itemsize 16 requiring a storage size of 64 are "
                + "out of bounds for storage of size 48", assertThrows(IllegalArgumentException.class,
                        () -> three.asStrided(new long[] {3}, new long[] {1}, 1)).getMessage());
        // Parameter keeps the dtype of its data
        assertEquals(DType.COMPLEX128, new org.torch4j.nn.Parameter(three).dtype());
    }

    /** Ops without a complex composite, each refused with PyTorch's wording before touching any memory. */
    @TestFactory
    Stream<DynamicNode> everythingElseRefusesComplex() {
        Tensor z = Torch.complex(Torch.tensor(new float[] {1, -2, 3, 0.5f}, 2, 2), Torch.ones(2, 2));
        Tensor idx = Torch.tensor(new long[] {1, 0});
        Map<String, org.junit.jupiter.api.function.Executable> refused = new java.util.LinkedHashMap<>();
        String cf = "\" not implemented for 'ComplexFloat'";
        refused.put("\"log1p" + cf, z::log1p);
        refused.put("\"relu" + cf, z::relu);
        refused.put("\"expm1" + cf, z::expm1);
        refused.put("\"lgamma" + cf, z::lgamma);
        refused.put("\"floor" + cf, z::floor);
        refused.put("\"logcumsumexp" + cf, () -> z.logcumsumexp(0));
        refused.put("\"scatter_reduce" + cf, () -> z.scatterReduce(1, idx.reshape(2, 1), z, "prod"));
        refused.put("\"max" + cf, z::max);
        refused.put("\"argmax" + cf, z::argmax);
        refused.put("\"softmax" + cf, () -> org.torch4j.nn.F.softmax(z, 0));
        refused.put("\"lt" + cf, () -> z.lt(z));
        refused.put("\"maximum" + cf, () -> z.maximum(z));
        refused.put("\"atan2" + cf, () -> z.atan2(z));
        refused.put("\"erf" + cf, z::erf);
        refused.put("isposinf does not support complex inputs.", z::isposinf);
        refused.put("\"scatter_reduce_" + cf, () -> z.clone().scatterReduce_(1, idx.reshape(2, 1), z, "amax"));
        refused.put("\"bernoulli_" + cf, () -> z.clone().bernoulli_(0.5));
        refused.put("\"item" + cf, () -> z.select(0, 0).select(0, 0).item());
        refused.put("\"to_double_array" + cf, z::toDoubleArray);
        refused.put("\"mse_cpu" + cf, () -> org.torch4j.nn.F.mseLoss(z, z));
        refused.put("\"huber_cpu" + cf, () -> org.torch4j.nn.F.huberLoss(z, z));
        refused.put("clamp is not supported for complex types", () -> z.clamp(0.0, 1.0));
        refused.put("In-place abs is not supported for complex tensors.", () -> z.clone().abs_());
        refused.put("logsumexp(): Expected floating point type for result tensor, but got: ComplexFloat", () -> z.logsumexp(0));
        return refused.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            long[] before = Torch.viewAsReal(z).toLongArray();
            var ex = assertThrows(IllegalArgumentException.class, e.getValue());
            assertEquals(e.getKey(), ex.getMessage());
            org.junit.jupiter.api.Assertions.assertArrayEquals(before, Torch.viewAsReal(z).toLongArray(), "z unchanged");
        }));
    }

    /** PyTorch's dtype rule for complex systems; a singular complex matrix raises LinAlgException. */
    @Test
    void complexSystemsCheckTheirOperands() {
        Tensor a = Torch.eye(2).to(DType.COMPLEX128);
        assertEquals("linalg.solve: Expected A and B to have the same dtype, but found A of type ComplexDouble and B of type Float instead",
                assertThrows(IllegalArgumentException.class, () -> org.torch4j.linalg.Linalg.solve(a, Torch.ones(2))).getMessage());
        Tensor singular = Torch.zeros(new long[] {2, 2}, DType.COMPLEX64);
        assertThrows(org.torch4j.linalg.LinAlgException.class, () -> org.torch4j.linalg.Linalg.inv(singular));
        assertThrows(org.torch4j.linalg.LinAlgException.class, () -> org.torch4j.linalg.Linalg.solve(singular, Torch.ones(new long[] {2}, DType.COMPLEX64)));
    }

    /**
     * Repeated eigenvalues (a 2-dim eigenspace, and the identity) still give orthonormal eigenvectors with
     * {@code A V = V diag(w)}; a loss that depends on the eigenvectors' phases is refused in backward, as PyTorch.
     */
    @Test
    void hermitianEigenvectorsOfRepeatedEigenvalues() {
        Torch.manualSeed(3);
        Tensor u = Torch.eye(4).to(DType.COMPLEX128);
        for (int k = 0; k < 2; k++) { // two complex Householder reflections I - 2 v v^H / |v|^2: a unitary matrix
            Tensor vec = Torch.viewAsComplex(Torch.randn(4, 1, 2).toDouble());
            u = u.matmul(Torch.eye(4).to(DType.COMPLEX128).sub(vec.matmul(vec.conj().mT()).mul(2.0 / vec.abs().pow(2.0).sum().item())));
        }
        Tensor d = Torch.tensor(new double[] {1, 1, 2, -3}).to(DType.COMPLEX128).unsqueeze(-2);
        for (Tensor a : List.of(u.mul(d).matmul(u.conj().mT()), Torch.eye(4).to(DType.COMPLEX64))) {
            var r = org.torch4j.linalg.Linalg.eigh(a);
            Tensor v = r.eigenvectors(), eye = Torch.eye(4).to(a.dtype());
            assertTrue(v.conj().mT().matmul(v).sub(eye).abs().max().item() < 1e-5, "orthonormal");
            assertTrue(a.matmul(v).sub(v.mul(r.eigenvalues().to(a.dtype()).unsqueeze(-2))).abs().max().item() < 1e-5, "A V = V diag(w)");
        }
        Tensor h = Torch.eye(3).to(DType.COMPLEX128).add(Torch.viewAsComplex(Torch.randn(3, 3, 2).toDouble()).mul(0.1));
        Tensor leaf = h.add(h.conj().mT()).detach().requiresGrad_();
        Tensor phaseDependent = org.torch4j.linalg.Linalg.eigh(leaf).eigenvectors().real().sum();
        assertTrue(assertThrows(IllegalArgumentException.class, phaseDependent::backward).getMessage()
                .startsWith("linalg_eigh_backward: The eigenvectors in the complex case are specified up to multiplication by e^{i phi}."));
    }

    /**
     * Complex SVD with full matrices of a rank-deficient matrix: unitary U and Vh (the completed columns too) and
     * {@code U diag(S) Vh = A}; a loss that depends on the singular vectors' phases is refused, as PyTorch.
     */
    @Test
    void complexSvdOfRankDeficientMatrices() {
        Torch.manualSeed(5);
        Tensor col = Torch.viewAsComplex(Torch.randn(5, 2, 2).toDouble()), row = Torch.viewAsComplex(Torch.randn(2, 3, 2).toDouble());
        for (Tensor a : List.of(col.matmul(row), col.matmul(row).mT())) { // rank 2: 5 x 3 and 3 x 5
            var r = org.torch4j.linalg.Linalg.svd(a, true);
            long m = a.size(0), n = a.size(1);
            assertTrue(r.U().mH().matmul(r.U()).sub(Torch.eye(m).to(a.dtype())).abs().max().item() < 1e-12, "U unitary");
            assertTrue(r.Vh().matmul(r.Vh().mH()).sub(Torch.eye(n).to(a.dtype())).abs().max().item() < 1e-12, "Vh unitary");
            assertTrue(r.S().get(2).item() < 1e-12, "rank 2");
            Tensor k = r.U().narrow(1, 0, 3).mul(r.S().to(a.dtype()).unsqueeze(-2)).matmul(r.Vh().narrow(0, 0, 3));
            assertTrue(k.sub(a).abs().max().item() < 1e-12, "U S Vh = A");
        }
        Tensor leaf = col.matmul(row).add(Torch.eye(5, 3).to(DType.COMPLEX128)).detach().requiresGrad_();
        Tensor phaseDependent = org.torch4j.linalg.Linalg.svd(leaf, false).U().real().sum();
        assertTrue(assertThrows(IllegalArgumentException.class, phaseDependent::backward).getMessage()
                .startsWith("svd_backward: The singular vectors in the complex case are specified up to multiplication by e^{i phi}."));
    }

    @Test
    void otherOpsRefuseComplex() {
        Tensor z = Torch.ones(new long[] {3}, DType.COMPLEX64);
        assertEquals("\"digamma\" not implemented for 'ComplexFloat'",
                assertThrows(IllegalArgumentException.class, z::digamma).getMessage());
        assertEquals("\"erfinv\" not implemented for 'ComplexDouble'",
                assertThrows(IllegalArgumentException.class, () -> z.to(DType.COMPLEX128).erfinv()).getMessage());
        assertEquals("\"item\" not implemented for 'ComplexFloat'",
                assertThrows(IllegalArgumentException.class, () -> z.select(0, 0).item()).getMessage());
        assertEquals("\"to_double_array\" not implemented for 'ComplexFloat'",
                assertThrows(IllegalArgumentException.class, z::toDoubleArray).getMessage());
        assertEquals("safetensors: tensor 'z' has dtype torch.complex64, which torch4j does not save (save Torch.viewAsReal of it)",
                assertThrows(IllegalArgumentException.class, () -> SafeTensors.serialize(Map.of("z", z), null)).getMessage());
    }
}
