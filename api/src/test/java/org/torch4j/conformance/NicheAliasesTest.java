package org.torch4j.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.torch4j.GradCheck;
import org.torch4j.Index;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * The NumPy-style aliases PyTorch users reach for ({@code absolute}, {@code arccos}, {@code clip}, {@code divide},
 * {@code multiply}, {@code greater}, {@code swapaxes}, {@code moveaxis}, {@code concat}, {@code trapz}, ...) and
 * {@code get_rng_state} / {@code set_rng_state}, against PyTorch's values. Reference: {@code niche.json}
 * ("aliases") from {@code tools/gen_niche_reference.py}.
 */
class NicheAliasesTest {

    /** Each alias by PyTorch's name, over its named inputs (as the generator calls it). */
    private static final Map<String, Function<Tensor[], Tensor>> OPS = new HashMap<>();

    static {
        OPS.put("absolute", a -> a[0].absolute());
        OPS.put("absolute_", a -> a[0].clone().absolute_());
        OPS.put("arccos", a -> a[0].arccos());
        OPS.put("arcsin", a -> a[0].arcsin());
        OPS.put("arctan", a -> a[0].arctan());
        OPS.put("arccosh", a -> a[0].arccosh());
        OPS.put("arcsinh", a -> a[0].arcsinh());
        OPS.put("arctanh", a -> a[0].arctanh());
        OPS.put("arctan2", a -> a[0].arctan2(a[1]));
        OPS.put("clip", a -> a[0].clip(-1.0, 2.0));
        OPS.put("clip_min_only", a -> a[0].clip(0.5, null));
        OPS.put("clip_tensor", a -> a[0].clip(a[1].clamp(null, 0.0), a[1].clamp(0.0, null)));
        OPS.put("clip_", a -> a[0].clone().clip_(-1.0, 2.0));
        OPS.put("divide", a -> a[0].divide(a[1]));
        OPS.put("divide_scalar", a -> a[0].divide(4.0));
        OPS.put("divide_floor", a -> a[0].divide(a[1], "floor"));
        OPS.put("divide_trunc_scalar", a -> a[0].divide(0.75, "trunc"));
        OPS.put("divide_ints", a -> a[0].divide(2L));
        OPS.put("true_divide", a -> a[0].trueDivide(a[1]));
        OPS.put("multiply", a -> a[0].multiply(a[1]));
        OPS.put("multiply_ints", a -> a[0].multiply(3L));
        OPS.put("multiply_scalar", a -> a[0].multiply(2.5));
        OPS.put("subtract", a -> a[0].subtract(a[1]));
        OPS.put("subtract_alpha", a -> a[0].subtract(a[1], 2.0));
        OPS.put("subtract_ints", a -> a[0].subtract(7L));
        OPS.put("greater", a -> a[0].greater(a[1]));
        OPS.put("greater_equal", a -> a[0].greaterEqual(0.75));
        OPS.put("less", a -> a[0].less(a[1]));
        OPS.put("less_equal", a -> a[0].lessEqual(0.75));
        OPS.put("not_equal", a -> a[0].notEqual(a[1]));
        OPS.put("negative", a -> a[0].negative());
        OPS.put("swapaxes", a -> a[0].swapaxes(0, 1));
        OPS.put("swapdims", a -> a[0].swapdims(-1, 0));
        OPS.put("moveaxis", a -> a[0].moveaxis(0, 2));
        OPS.put("fix", a -> a[0].fix());
        OPS.put("ger", a -> a[0].ger(a[1]));
        OPS.put("concat", a -> Torch.concat(List.of(a[0], a[1]), 1));
        OPS.put("trapz", a -> Torch.trapz(a[0], 0.5, 1));
        OPS.put("trapz_x", a -> Torch.trapz(a[0], a[1].narrow(0, 0, 3), 1));
        OPS.put("pinverse", a -> a[0].pinverse());
        OPS.put("pinverse_rcond", a -> a[0].t().pinverse(0.3));
        OPS.put("index_put", a -> a[0].indexPut(new Index[] {Index.of(Torch.tensor(new long[] {1, 0}, 2)),
            Index.of(Torch.tensor(new long[] {2, 2}, 2))}, a[1]));
        OPS.put("index_put_accumulate", a -> a[0].indexPut(new Index[] {Index.of(Torch.tensor(new long[] {1, 1}, 2)),
            Index.of(Torch.tensor(new long[] {0, 0}, 2))}, a[1], true));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> section() {
        return (Map<String, Object>) ((Map<String, Object>) Reference.load("niche.json")).get("aliases");
    }

    @TestFactory
    @SuppressWarnings("unchecked")
    Stream<DynamicTest> pytorchValues() {
        Map<String, Object> s = section();
        Map<String, Object> inputs = (Map<String, Object>) s.get("inputs");
        return ((List<Map<String, Object>>) s.get("cases")).stream().map(c -> DynamicTest.dynamicTest((String) c.get("name"), () -> {
            List<Object> names = (List<Object>) c.get("inputs");
            Tensor[] args = new Tensor[names.size()];
            for (int i = 0; i < args.length; i++) args[i] = Reference.tensor(inputs.get((String) names.get(i)));
            Function<Tensor[], Tensor> op = OPS.get((String) c.get("name"));
            assertTrue(op != null, "no Java form for " + c.get("name"));
            Reference.assertTensor(c.get("out"), op.apply(args), (String) c.get("name"));
        }));
    }

    @Test
    void everyPytorchCaseHasAJavaForm() {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> cases = (List<Map<String, Object>>) section().get("cases");
        assertEquals(OPS.size(), cases.size());
    }

    @Test
    void smallQueries() {
        Tensor x = Torch.zeros(2, 3);
        assertEquals(2, x.ndimension());
        assertEquals(6, x.nelement());
        assertTrue(Torch.isTensor(x));
        assertFalse(Torch.isTensor(List.of(1)));
        assertTrue(Torch.tensor(new double[] {-0.5}, 1).isNonzero());
        assertFalse(Torch.tensor(new long[] {0}, 1, 1).isNonzero());
        Tensor inPlace = Torch.tensor(new double[] {4, -6}, 2);
        assertSame(inPlace, inPlace.multiply_(0.5).subtract_(1.0).divide_(2.0).negative_());
        assertEquals(List.of(-0.5, 2.0), inPlace.tolist());
    }

    @Test
    void rngStateRoundTripsInPytorchsLayout() throws Exception {
        Map<String, Object> s = section();
        Torch.manualSeed(((Number) s.get("rng_state_seed")).longValue());
        Tensor state = Torch.getRngState();
        byte[] bytes = new byte[(int) state.numel()];
        long[] values = state.toLongArray();
        for (int i = 0; i < bytes.length; i++) bytes[i] = (byte) values[i];
        String sha = String.format("%064x", new BigInteger(1, MessageDigest.getInstance("SHA-256").digest(bytes)));
        assertEquals(s.get("rng_state_sha256"), sha, "the bytes of PyTorch's get_rng_state()");
        Torch.rand(7);
        Torch.setRngState(state);
        Reference.assertTensor(s.get("rand_after_restore"), Torch.rand(3), "rand after set_rng_state");
    }

    @TestFactory
    @SuppressWarnings("unchecked")
    Stream<DynamicTest> randintLikeDrawsEqualPytorchs() {
        return ((List<Map<String, Object>>) section().get("randint_like")).stream().map(c -> DynamicTest.dynamicTest(
                "seed " + c.get("seed") + " " + ((Map<String, Object>) c.get("like")).get("dtype"), () -> {
                    Torch.manualSeed(((Number) c.get("seed")).longValue());
                    Tensor out = Torch.randintLike(Reference.tensor(c.get("like")), ((Number) c.get("low")).longValue(),
                            ((Number) c.get("high")).longValue());
                    Reference.assertTensor(c.get("out"), out, 0, 0, "randint_like");
                }));
    }

    @TestFactory
    @SuppressWarnings("unchecked")
    Stream<DynamicTest> emptyStrided() {
        return ((List<Map<String, Object>>) section().get("empty_strided")).stream().map(c -> DynamicTest.dynamicTest(
                c.get("size") + " " + c.get("stride"), () -> {
                    long[] size = Reference.longs((List<Object>) c.get("size"));
                    Tensor t = Torch.emptyStrided(size, Reference.longs((List<Object>) c.get("stride")));
                    org.junit.jupiter.api.Assertions.assertArrayEquals(size, t.shape());
                    org.junit.jupiter.api.Assertions.assertArrayEquals(Reference.longs((List<Object>) c.get("out_stride")), t.stride());
                }));
    }

    @Test
    void indexPutIsDifferentiableInBoth() {
        Index[] at = {Index.of(Torch.tensor(new long[] {1, 0}, 2)), Index.of(Torch.tensor(new long[] {2, 0}, 2))};
        Function<Tensor[], Tensor> f = a -> a[0].indexPut(at, a[1]).mul(a[0]);
        Tensor x = Torch.rand(2, 3).toDouble().requiresGrad_(), v = Torch.rand(2).toDouble().requiresGrad_();
        assertTrue(GradCheck.gradcheck(f, x, v));
        assertTrue(GradCheck.gradgradcheck(f, x, v));
        assertFalse(Torch.ones(2).isInference());
        assertEquals(-1, Torch.ones(2).getDevice());
        assertEquals(org.torch4j.DType.INT8, Torch.tensor(new double[] {-3.7}, 1).toChar().dtype());
        assertEquals(-3L, Torch.tensor(new double[] {-3.7}, 1).toChar().itemLong());
        Tensor like = Torch.ones(1).toDouble().newEmptyStrided(new long[] {2, 2}, new long[] {1, 2});
        assertEquals(org.torch4j.DType.FLOAT64, like.dtype());
        org.junit.jupiter.api.Assertions.assertArrayEquals(new long[] {1, 2}, like.stride());
        assertEquals(List.of(List.of(1.0, 2.0, 3.0)), Torch.concatenate(List.of(Torch.ones(1, 1), Torch.tensor(new float[] {2, 3}, 1, 2)), 1).tolist());
    }
}
