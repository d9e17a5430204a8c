package org.torch4j.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;
import org.torch4j.DType;
import org.torch4j.GradCheck;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * The {@code torch.Tensor} methods added to match {@code dir(torch.Tensor)}: in-place forms computed out of place
 * (values, dtype rule, {@code this} returned, autograd), comparisons and logic in place, in-place views, method forms
 * of functions, small properties and PyTorch's messages. Reference: {@code tensor_methods.json} from
 * {@code tools/gen_tensor_methods_reference.py}.
 */
class TensorMethodsTest {

    @SuppressWarnings("unchecked")
    private static final Map<String, Object> REF = (Map<String, Object>) Reference.load("tensor_methods.json");

    private static final Map<String, BiFunction<Tensor, List<Object>, Tensor>> OPS = ops();

    private static Tensor t(List<Object> a, int i) {
        return Reference.tensor(a.get(i));
    }

    private static double d(List<Object> a, int i) {
        return Reference.number(a.get(i));
    }

    private static int i(List<Object> a, int i) {
        return (int) Reference.number(a.get(i));
    }

    private static Map<String, BiFunction<Tensor, List<Object>, Tensor>> ops() {
        Map<String, BiFunction<Tensor, List<Object>, Tensor>> m = new HashMap<>();
        m.put("acos_", (s, a) -> s.acos_());
        m.put("arccos_", (s, a) -> s.arccos_());
        m.put("asin_", (s, a) -> s.asin_());
        m.put("arcsin_", (s, a) -> s.arcsin_());
        m.put("atanh_", (s, a) -> s.atanh_());
        m.put("arctanh_", (s, a) -> s.arctanh_());
        m.put("erfinv_", (s, a) -> s.erfinv_());
        m.put("acosh_", (s, a) -> s.acosh_());
        m.put("arccosh_", (s, a) -> s.arccosh_());
        m.put("digamma_", (s, a) -> s.digamma_());
        m.put("lgamma_", (s, a) -> s.lgamma_());
        m.put("log10_", (s, a) -> s.log10_());
        m.put("log1p_", (s, a) -> s.log1p_());
        m.put("log2_", (s, a) -> s.log2_());
        m.put("rsqrt_", (s, a) -> s.rsqrt_());
        m.put("reciprocal_", (s, a) -> s.reciprocal_());
        m.put("asinh_", (s, a) -> s.asinh_());
        m.put("arcsinh_", (s, a) -> s.arcsinh_());
        m.put("atan_", (s, a) -> s.atan_());
        m.put("arctan_", (s, a) -> s.arctan_());
        m.put("ceil_", (s, a) -> s.ceil_());
        m.put("cos_", (s, a) -> s.cos_());
        m.put("cosh_", (s, a) -> s.cosh_());
        m.put("erf_", (s, a) -> s.erf_());
        m.put("erfc_", (s, a) -> s.erfc_());
        m.put("exp2_", (s, a) -> s.exp2_());
        m.put("expm1_", (s, a) -> s.expm1_());
        m.put("fix_", (s, a) -> s.fix_());
        m.put("frac_", (s, a) -> s.frac_());
        m.put("sgn_", (s, a) -> s.sgn_());
        m.put("sign_", (s, a) -> s.sign_());
        m.put("sin_", (s, a) -> s.sin_());
        m.put("sinh_", (s, a) -> s.sinh_());
        m.put("square_", (s, a) -> s.square_());
        m.put("tan_", (s, a) -> s.tan_());
        m.put("trunc_", (s, a) -> s.trunc_());
        m.put("bitwise_not_", (s, a) -> s.bitwiseNot_());
        m.put("logical_not_", (s, a) -> s.logicalNot_());
        m.put("arctan2_", (s, a) -> s.arctan2_(t(a, 0)));
        m.put("atan2_", (s, a) -> s.atan2_(t(a, 0)));
        m.put("copysign_", (s, a) -> s.copysign_(t(a, 0)));
        m.put("floor_divide_", (s, a) -> s.floorDivide_(t(a, 0)));
        m.put("hypot_", (s, a) -> s.hypot_(t(a, 0)));
        m.put("xlogy_", (s, a) -> s.xlogy_(t(a, 0)));
        m.put("bitwise_and_", (s, a) -> s.bitwiseAnd_(t(a, 0)));
        m.put("bitwise_or_", (s, a) -> s.bitwiseOr_(t(a, 0)));
        m.put("bitwise_xor_", (s, a) -> s.bitwiseXor_(t(a, 0)));
        m.put("bitwise_left_shift_", (s, a) -> s.bitwiseLeftShift_(t(a, 0)));
        m.put("bitwise_right_shift_", (s, a) -> s.bitwiseRightShift_(t(a, 0)));
        m.put("logical_and_", (s, a) -> s.logicalAnd_(t(a, 0)));
        m.put("logical_or_", (s, a) -> s.logicalOr_(t(a, 0)));
        m.put("logical_xor_", (s, a) -> s.logicalXor_(t(a, 0)));
        m.put("eq_", (s, a) -> a.get(0) instanceof Map ? s.eq_(t(a, 0)) : s.eq_(d(a, 0)));
        m.put("ne_", (s, a) -> a.get(0) instanceof Map ? s.ne_(t(a, 0)) : s.ne_(d(a, 0)));
        m.put("lt_", (s, a) -> a.get(0) instanceof Map ? s.lt_(t(a, 0)) : s.lt_(d(a, 0)));
        m.put("le_", (s, a) -> a.get(0) instanceof Map ? s.le_(t(a, 0)) : s.le_(d(a, 0)));
        m.put("gt_", (s, a) -> a.get(0) instanceof Map ? s.gt_(t(a, 0)) : s.gt_(d(a, 0)));
        m.put("ge_", (s, a) -> a.get(0) instanceof Map ? s.ge_(t(a, 0)) : s.ge_(d(a, 0)));
        m.put("greater_", (s, a) -> a.get(0) instanceof Map ? s.greater_(t(a, 0)) : s.greater_(d(a, 0)));
        m.put("greater_equal_", (s, a) -> a.get(0) instanceof Map ? s.greaterEqual_(t(a, 0)) : s.greaterEqual_(d(a, 0)));
        m.put("less_", (s, a) -> a.get(0) instanceof Map ? s.less_(t(a, 0)) : s.less_(d(a, 0)));
        m.put("less_equal_", (s, a) -> a.get(0) instanceof Map ? s.lessEqual_(t(a, 0)) : s.lessEqual_(d(a, 0)));
        m.put("not_equal_", (s, a) -> a.get(0) instanceof Map ? s.notEqual_(t(a, 0)) : s.notEqual_(d(a, 0)));
        m.put("round_", (s, a) -> a.isEmpty() ? s.round_() : s.round_(i(a, 0)));
        m.put("nan_to_num_", (s, a) -> a.isEmpty() ? s.nanToNum_() : s.nanToNum_(d(a, 0), d(a, 1), d(a, 2)));
        m.put("fmod_", (s, a) -> a.get(0) instanceof Map ? s.fmod_(t(a, 0)) : s.fmod_(d(a, 0)));
        m.put("remainder_", (s, a) -> a.get(0) instanceof Map ? s.remainder_(t(a, 0)) : s.remainder_(d(a, 0)));
        m.put("true_divide_", (s, a) -> a.get(0) instanceof Map ? s.trueDivide_(t(a, 0)) : s.trueDivide_(d(a, 0)));
        m.put("mvlgamma_", (s, a) -> s.mvlgamma_(i(a, 0)));
        m.put("polygamma_", (s, a) -> s.polygamma_(i(a, 0)));
        m.put("cumsum_", (s, a) -> s.cumsum_(i(a, 0)));
        m.put("cumprod_", (s, a) -> s.cumprod_(i(a, 0)));
        m.put("renorm_", (s, a) -> s.renorm_(d(a, 0), i(a, 1), d(a, 2)));
        m.put("tril_", (s, a) -> s.tril_((long) d(a, 0)));
        m.put("triu_", (s, a) -> s.triu_((long) d(a, 0)));
        m.put("addmm_", (s, a) -> s.addmm_(t(a, 0), t(a, 1), d(a, 2), d(a, 3)));
        m.put("addmv_", (s, a) -> s.addmv_(t(a, 0), t(a, 1), d(a, 2), d(a, 3)));
        m.put("addr_", (s, a) -> s.addr_(t(a, 0), t(a, 1), d(a, 2), d(a, 3)));
        m.put("addbmm_", (s, a) -> s.addbmm_(t(a, 0), t(a, 1), d(a, 2), d(a, 3)));
        m.put("baddbmm_", (s, a) -> s.baddbmm_(t(a, 0), t(a, 1), d(a, 2), d(a, 3)));
        m.put("put_", (s, a) -> a.size() > 2 ? s.put_(t(a, 0), t(a, 1), (Boolean) a.get(2)) : s.put_(t(a, 0), t(a, 1)));
        m.put("squeeze_", (s, a) -> a.isEmpty() ? s.squeeze_() : s.squeeze_(i(a, 0)));
        m.put("unsqueeze_", (s, a) -> s.unsqueeze_(i(a, 0)));
        m.put("transpose_", (s, a) -> s.transpose_(i(a, 0), i(a, 1)));
        m.put("swapaxes_", (s, a) -> s.swapaxes_(i(a, 0), i(a, 1)));
        m.put("swapdims_", (s, a) -> s.swapdims_(i(a, 0), i(a, 1)));
        m.put("t_", (s, a) -> s.t_());
        m.put("as_strided_", (s, a) -> s.asStrided_(longs(a.get(0)), longs(a.get(1)), (long) d(a, 2)));
        return m;
    }

    @SuppressWarnings("unchecked")
    private static long[] longs(Object o) {
        return Reference.longs((List<Object>) o);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> section(String name) {
        return (List<Map<String, Object>>) REF.get(name);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(String name) {
        return (Map<String, Object>) REF.get(name);
    }

    /** Each in-place op on a contiguous, a transposed and a sliced self: PyTorch's values, self's dtype, this returned. */
    @TestFactory
    @SuppressWarnings("unchecked")
    Stream<DynamicTest> inPlaceValues() {
        return Stream.concat(section("inplace").stream(), section("predicates").stream()).flatMap(c -> Reference.LAYOUTS.stream()
                .map(layout -> DynamicTest.dynamicTest(c.get("name") + " " + ((Map<String, Object>) c.get("self")).get("dtype") + " "
                        + layout, () -> {
                    Tensor self = Reference.tensor(c.get("self"), layout);
                    DType dtype = self.dtype();
                    Tensor r = OPS.get((String) c.get("name")).apply(self, (List<Object>) c.get("args"));
                    assertSame(self, r, "returns this");
                    assertEquals(dtype, self.dtype());
                    Reference.assertTensor(c.get("out"), self, (String) c.get("name"));
                })));
    }

    @TestFactory
    @SuppressWarnings("unchecked")
    Stream<DynamicTest> inPlaceViews() {
        return section("views").stream().map(c -> DynamicTest.dynamicTest(c.get("name") + " " + c.get("args"), () -> {
            Tensor self = Reference.tensor(c.get("self"));
            Tensor before = self.view(self.shape());
            Tensor r = OPS.get((String) c.get("name")).apply(self, (List<Object>) c.get("args"));
            assertSame(self, r);
            assertArrayEquals(longs(c.get("shape")), self.shape());
            assertArrayEquals(longs(c.get("strides")), self.stride());
            assertEquals((long) d(List.of(c.get("offset")), 0), self.storageOffset());
            assertTrue(self.sharesStorageWith(before), "same storage");
            Reference.assertTensor(c.get("out"), self, (String) c.get("name"));
        }));
    }

    @Test
    void methodForms() {
        Map<String, Object> m = map("methods");
        Tensor gen = Reference.tensor(m.get("gen")), a = Reference.tensor(m.get("a")), sq = Reference.tensor(m.get("sq"));
        Tensor v3 = Reference.tensor(m.get("v3")), b = Reference.tensor(m.get("b"));
        Tensor[] checks = {
            gen.addmm(Torch.ones(2, 4), Torch.ones(4, 3), 0.5, 2.0), gen.softmax(1), gen.softmax(0, DType.FLOAT64),
            gen.logSoftmax(0), v3.cross(gen), a.cross(sq, 0), sq.cholesky(), sq.cholesky(true), a.qr().R().abs(), a.svd().S(),
            a.lu().lu(), a.lu().pivots(), b.luSolve(a.lu().lu(), a.lu().pivots()), a.matrixExp(), a.matrixPower(3),
            gen.hardshrink(), gen.hardshrink(1.0), gen.prelu(Torch.tensor(new float[] {0.25f})), gen.narrowCopy(1, 1, 2),
            gen.put(Torch.tensor(new long[] {5, 0}), Torch.tensor(new float[] {1, 2})), gen.t().resize(3, 2)};
        String[] keys = {"addmm", "softmax", "softmax_f64", "log_softmax", "cross", "cross_dim", "cholesky", "cholesky_upper",
            "qr_r_abs", "svd_s", "lu", "lu_pivots", "lu_solve", "matrix_exp", "matrix_power", "hardshrink", "hardshrink_1", "prelu",
            "narrow_copy", "put", "resize"};
        for (int k = 0; k < keys.length; k++) Reference.assertTensor(m.get(keys[k]), checks[k], 1e-5, 1e-5, keys[k]);
        List<?> slogdet = (List<?>) m.get("slogdet");
        assertEquals(Reference.number(slogdet.get(0)), a.slogdet().sign().item(), 0.0);
        assertEquals(Reference.number(slogdet.get(1)), a.slogdet().logabsdet().item(), 1e-5);
        assertTrue(gen.narrowCopy(1, 1, 2).isContiguous());
        assertFalse(gen.put(Torch.tensor(new long[] {0}), Torch.tensor(new float[] {1})).sharesStorageWith(gen));
        assertEquals(2, Torch.bernoulli(Torch.full(new long[] {2}, 0.5)).numel());
        Tensor p = Torch.tensor(new double[] {0, 0, 1});
        assertArrayEquals(new long[] {2, 2}, p.multinomial(2, true).toLongArray());
        assertArrayEquals(new double[] {1, 0}, Torch.tensor(new double[] {1, 0}).bernoulli().toDoubleArray(), 0.0);
    }

    @Test
    void properties() {
        Tensor x = Torch.ones(2, 3);
        assertEquals(2, x.ndim());
        assertTrue(x.isCpu());
        assertFalse(x.isCuda());
        assertTrue(x.isSigned());
        assertFalse(x.to(DType.UINT8).isSigned());
        assertFalse(x.to(DType.BOOL).isSigned());
        assertTrue(x.to(DType.INT8).isSigned());
        assertFalse(x.isSparse() || x.isQuantized() || x.isMeta());
        assertArrayEquals(new long[] {3, 2}, x.resizeAs(Torch.zeros(3, 2)).shape());
    }

    private static void assertMessage(Class<? extends Throwable> type, String key, Executable body) {
        assertEquals(map("errors").get(key), assertThrows(type, body).getMessage(), key);
    }

    @Test
    void messages() {
        Tensor longs = Torch.tensor(new long[] {7, -7, 12, 5, 0, -3}, 2, 3);
        assertMessage(IllegalArgumentException.class, "sin_long", longs::sin_);
        assertMessage(IllegalArgumentException.class, "true_divide_long", () -> longs.trueDivide_(longs));
        assertMessage(IllegalArgumentException.class, "fmod_long_float", () -> longs.fmod_(1.5));
        assertArrayEquals(new long[] {7, -7, 12, 5, 0, -3}, longs.reshape(-1).toLongArray(), "unchanged");
        Tensor leaf = Torch.ones(2).requiresGrad_();
        assertMessage(IllegalStateException.class, "leaf", leaf::cos_);
        assertMessage(IllegalStateException.class, "leaf_view", () -> leaf.unsqueeze_(0));
        assertArrayEquals(new long[] {2}, leaf.shape());
        Tensor row = Torch.ones(3);
        assertMessage(IllegalArgumentException.class, "broadcast", () -> row.atan2_(Torch.ones(2, 3)));
        assertMessage(IndexOutOfBoundsException.class, "squeeze_dim", () -> Torch.ones(2, 3).squeeze_(5));
        assertMessage(IndexOutOfBoundsException.class, "transpose_dim", () -> Torch.ones(2, 3).transpose_(0, 2));
        assertMessage(IndexOutOfBoundsException.class, "put_range",
                () -> Torch.ones(2, 3).put_(Torch.tensor(new long[] {6}), Torch.tensor(new float[] {1})));
        assertMessage(IndexOutOfBoundsException.class, "put_numel",
                () -> Torch.ones(2, 3).put_(Torch.tensor(new long[] {1}), Torch.tensor(new float[] {1, 2})));
        assertMessage(IllegalArgumentException.class, "cross_no3", () -> Torch.ones(2, 2).cross(Torch.ones(2, 2)));
        assertMessage(IllegalArgumentException.class, "resize", () -> Torch.ones(2, 3).resize(4));
    }

    /** The generator's chain of in-place ops (asin_, mul_, cosh_, t_, xlogy_, eq_) on a non-leaf: PyTorch's gradient. */
    @Test
    void gradientThroughInPlaceChain() {
        Map<String, Object> g = map("grad");
        Tensor x = Reference.tensor(g.get("x")).requiresGrad_();
        Tensor w = Reference.tensor(g.get("w"));
        Tensor y = x.mul(1.0);
        y.asin_().mul_(2.0).cosh_();
        y.t_();
        assertTrue(y.gradFn() != null, "t_ takes the view's history");
        Tensor z = y.clone();
        z.xlogy_(y.detach().add(1.0));
        z.eq_(z);
        assertTrue(z.requiresGrad(), "eq_ keeps a zero-gradient node, as PyTorch");
        w.mul(y.t().add(z.t())).sum().backward();
        Reference.assertTensor(g.get("grad"), x.grad(), "grad");
    }

    /** gradcheck in float64 of a representative subset, each in place on a non-leaf. */
    @Test
    void gradcheckInPlace() {
        Tensor a = Torch.tensor(new double[] {0.3, -0.4, 0.5, 0.7, -0.2, 0.1}, 2, 3).requiresGrad_();
        Tensor b = Torch.tensor(new double[] {0.9, 1.2, -0.6, 0.8, 1.1, -1.3}, 2, 3).requiresGrad_();
        Tensor m = Torch.tensor(new double[] {0.5, -1.0, 0.25, 2.0, 1.5, -0.5}, 3, 2).requiresGrad_();
        assertTrue(GradCheck.gradcheck(in -> in[0].mul(1.0).atan2_(in[1]), a, b));
        assertTrue(GradCheck.gradcheck(in -> in[0].mul(1.0).hypot_(in[1]).cumprod_(1).erfc_(), a, b));
        assertTrue(GradCheck.gradcheck(in -> in[0].mul(1.0).addmm_(in[1], in[2], 0.5, 2.0), b.narrow(1, 0, 2).contiguous()
                .detach().requiresGrad_(), a, m));
        assertTrue(GradCheck.gradcheck(in -> in[0].mul(1.0).t_().unsqueeze_(0).squeeze_().tril_(), a));
        assertTrue(GradCheck.gradcheck(in -> in[0].mul(1.0).put_(Torch.tensor(new long[] {4, -1}), in[1], true), a,
                Torch.tensor(new double[] {2, 3}).requiresGrad_()));
        Tensor base = Torch.zeros(2, 3).requiresGrad_();
        Tensor onView = base.mul(1.0);
        onView.select(0, 1).sin_();
        onView.sum().backward();
        assertArrayEquals(new double[] {1, 1, 1, 1, 1, 1}, base.grad().toDoubleArray(), 0.0, "cos(0) through CopySlices");
    }
}
