package org.torch4j.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.torch4j.Autograd;
import org.torch4j.DType;
import org.torch4j.FInfo;
import org.torch4j.Generator;
import org.torch4j.GradCheck;
import org.torch4j.HistogramDd;
import org.torch4j.IInfo;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * The last everyday PyTorch names: {@code finfo}/{@code iinfo}, {@code tolist}, {@code poisson} and
 * {@code binomial} (seeded draws equal to PyTorch's), {@code histogramdd}, {@code as_strided_scatter},
 * {@code frombuffer}, {@code resize_}, {@code conj_physical} and the conj/neg bits, {@code nbytes},
 * {@code as_tensor}/{@code asarray}: values, PyTorch's error messages, gradcheck and gradgradcheck in float64.
 * Reference: {@code niche.json} from {@code tools/gen_niche_reference.py}.
 */
class NicheOpsTest {

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> section(String name) {
        return (List<Map<String, Object>>) ((Map<String, Object>) Reference.load("niche.json")).get(name);
    }

    private static double num(Object o) {
        return ((Number) o).doubleValue();
    }

    @SuppressWarnings("unchecked")
    private static long[] longs(Object o) {
        return Reference.longs((List<Object>) o);
    }

    // ---- finfo / iinfo ----

    @TestFactory
    Stream<DynamicTest> finfo() {
        return section("finfo").stream().map(c -> DynamicTest.dynamicTest((String) c.get("dtype"), () -> {
            FInfo f = Torch.finfo(DType.of((String) c.get("dtype")));
            assertEquals(num(c.get("bits")), f.bits());
            assertEquals(num(c.get("eps")), f.eps());
            assertEquals(num(c.get("max")), f.max());
            assertEquals(num(c.get("min")), f.min());
            assertEquals(num(c.get("tiny")), f.tiny());
            assertEquals(num(c.get("smallest_normal")), f.smallestNormal());
            assertEquals(num(c.get("resolution")), f.resolution());
            assertEquals(DType.of((String) c.get("info_dtype")), f.dtype());
            assertEquals(c.get("repr"), f.toString());
        }));
    }

    @TestFactory
    Stream<DynamicTest> iinfo() {
        return section("iinfo").stream().map(c -> DynamicTest.dynamicTest((String) c.get("dtype"), () -> {
            IInfo i = Torch.iinfo(DType.of((String) c.get("dtype")));
            assertEquals(((Number) c.get("bits")).intValue(), i.bits());
            assertEquals(((Number) c.get("max")).longValue(), i.max());
            assertEquals(((Number) c.get("min")).longValue(), i.min());
            assertEquals(DType.of((String) c.get("info_dtype")), i.dtype());
            assertEquals(c.get("repr"), i.toString());
        }));
    }

    @TestFactory
    Stream<DynamicTest> infoErrors() {
        return section("info_errors").stream().map(c -> DynamicTest.dynamicTest(c.get("op") + " " + c.get("dtype"), () -> {
            DType d = DType.of((String) c.get("dtype"));
            RuntimeException e = assertThrows(IllegalArgumentException.class,
                    () -> { if ("iinfo".equals(c.get("op"))) Torch.iinfo(d); else Torch.finfo(d); });
            assertEquals(c.get("error"), e.getMessage());
        }));
    }

    @Test
    void defaultFinfoIsTheDefaultDtypes() {
        assertEquals(((Map<?, ?>) Reference.load("niche.json")).get("default_finfo"), Torch.finfo().toString());
    }

    // ---- tolist ----

    @TestFactory
    Stream<DynamicTest> tolist() {
        return section("tolist").stream().map(c -> {
            Tensor t = Reference.tensor(c.get("tensor"));
            return DynamicTest.dynamicTest(t.dtype() + " " + java.util.Arrays.toString(t.shape()), () -> {
                assertList(c.get("list"), t.tolist(), t.dtype(), "tolist");
                if (t.dim() == 2) assertList(c.get("list"), t.t().contiguous().t().tolist(), t.dtype(), "tolist of a transposed layout");
            });
        });
    }

    /** PyTorch's list against ours: the same nesting, Java element types by dtype, complex as {re, im}. */
    private static void assertList(Object expected, Object actual, DType dtype, String context) {
        if (expected instanceof List<?> e && !(dtype.isComplex() && actual instanceof double[])) {
            List<?> a = assertInstanceOf(List.class, actual, context);
            assertEquals(e.size(), a.size(), context + ": length");
            for (int i = 0; i < e.size(); i++) assertList(e.get(i), a.get(i), dtype, context + "[" + i + "]");
        } else if (dtype.isComplex()) {
            List<?> e = (List<?>) expected;
            assertArrayEquals(new double[] {num(e.get(0)), num(e.get(1))}, (double[]) actual, context);
        } else if (dtype == DType.BOOL) {
            assertEquals(expected, assertInstanceOf(Boolean.class, actual, context), context);
        } else if (dtype.isFloatingPoint()) {
            assertEquals(num(expected), assertInstanceOf(Double.class, actual, context), context);
        } else {
            assertEquals(((Number) expected).longValue(), assertInstanceOf(Long.class, actual, context), context);
        }
    }

    // ---- poisson / binomial ----

    @TestFactory
    Stream<DynamicTest> poissonDrawsEqualPytorchs() {
        // PyTorch draws in the logical (row-major) order whatever the input's layout, as torch4j does
        return section("poisson").stream().flatMap(c -> Reference.LAYOUTS.stream().map(layout -> DynamicTest.dynamicTest(
                "seed " + c.get("seed") + " [" + layout + "]", () -> {
                    Generator g = new Generator().manualSeed(((Number) c.get("seed")).longValue());
                    Tensor out = Torch.poisson(Reference.tensor(c.get("rate"), layout), g);
                    Reference.assertTensor(c.get("out"), out, 0, 0, "poisson");
                })));
    }

    @TestFactory
    Stream<DynamicTest> binomialDrawsEqualPytorchs() {
        return section("binomial").stream().flatMap(c -> Reference.LAYOUTS.stream().map(layout -> DynamicTest.dynamicTest(
                "seed " + c.get("seed") + " [" + layout + "]", () -> {
                    Generator g = new Generator().manualSeed(((Number) c.get("seed")).longValue());
                    Tensor out = Torch.binomial(Reference.tensor(c.get("count"), layout), Reference.tensor(c.get("prob"), layout), g);
                    Reference.assertTensor(c.get("out"), out, 0, 0, "binomial");
                })));
    }

    @Test
    void poissonGradientIsZeroAndBinomialHasNone() {
        Tensor rate = Torch.tensor(new double[] {2, 30}, 2).requiresGrad_();
        Tensor grad = Autograd.grad(Torch.poisson(rate, new Generator()).sum(), rate, false);
        assertArrayEquals(new double[] {0, 0}, grad.toDoubleArray());
        Tensor count = Torch.tensor(new double[] {2, 30}, 2).requiresGrad_();
        Tensor drawn = Torch.binomial(count, Torch.tensor(new double[] {0.5, 0.5}, 2), new Generator());
        assertTrue(drawn.requiresGrad());
        RuntimeException e = assertThrows(UnsupportedOperationException.class, () -> drawn.sum().backward());
        assertEquals("derivative for aten::binomial is not implemented", e.getMessage());
    }

    @Test
    void refusedDrawsLeaveTheGeneratorAlone() {
        Generator g = new Generator().manualSeed(3);
        byte[] before = g.getState();
        assertThrows(IllegalArgumentException.class, () -> Torch.poisson(Torch.tensor(new float[] {1, 2, -1}, 3), g));
        assertArrayEquals(before, g.getState());
    }

    @Test
    void poissonStatistics() {
        // a large sample's mean and variance near the rate (5 standard errors)
        Tensor draws = Torch.poisson(Torch.full(new long[] {20000}, 7.5), new Generator().manualSeed(5));
        double mean = draws.mean().item(), var = draws.var().item();
        assertEquals(7.5, mean, 5 * Math.sqrt(7.5 / 20000));
        assertEquals(7.5, var, 0.3);
    }

    // ---- histogramdd ----

    @TestFactory
    @SuppressWarnings("unchecked")
    Stream<DynamicTest> histogramdd() {
        return section("histogramdd").stream().flatMap(c -> Reference.LAYOUTS.stream().map(layout -> DynamicTest.dynamicTest(
                c.get("name") + " [" + layout + "]", () -> {
            Tensor input = Reference.tensor(c.get("input"), layout);
            Tensor weight = c.get("weight") == null ? null : Reference.tensor(c.get("weight"));
            boolean density = (Boolean) c.get("density");
            Object bins = c.get("bins");
            HistogramDd r;
            if (bins instanceof Number n) {
                r = Torch.histogramdd(input, n.longValue(), range(c.get("range")), weight, density);
            } else if (((List<Object>) bins).get(0) instanceof Map) {
                List<Tensor> edges = new ArrayList<>();
                for (Object e : (List<Object>) bins) edges.add(Reference.tensor(e));
                r = Torch.histogramdd(input, edges, weight, density);
            } else {
                r = Torch.histogramdd(input, longs(bins), range(c.get("range")), weight, density);
            }
            Reference.assertTensor(c.get("hist"), r.hist(), c.get("name") + ": hist");
            List<Object> edges = (List<Object>) c.get("edges");
            assertEquals(edges.size(), r.binEdges().size());
            for (int i = 0; i < edges.size(); i++) Reference.assertTensor(edges.get(i), r.binEdges().get(i), c.get("name") + ": edges " + i);
        })));
    }

    @SuppressWarnings("unchecked")
    private static double[] range(Object o) {
        if (o == null) return null;
        List<Object> l = (List<Object>) o;
        double[] r = new double[l.size()];
        for (int i = 0; i < r.length; i++) r[i] = num(l.get(i));
        return r;
    }

    // ---- as_strided_scatter, resize_, frombuffer, conj_physical ----

    @TestFactory
    Stream<DynamicTest> asStridedScatter() {
        return section("as_strided_scatter").stream().map(c -> DynamicTest.dynamicTest((String) c.get("name"), () -> {
            Tensor input = Reference.tensor(c.get("input"));
            if (c.get("name").equals("transposed input")) input = input.t().contiguous().t();
            Tensor out = Torch.asStridedScatter(input, Reference.tensor(c.get("src")), longs(c.get("size")), longs(c.get("stride")),
                    ((Number) c.get("offset")).longValue());
            Reference.assertTensor(c.get("out"), out, 0, 0, (String) c.get("name"));
            assertArrayEquals(longs(c.get("out_stride")), out.stride(), "the copy keeps a dense input's strides");
        }));
    }

    @TestFactory
    Stream<DynamicTest> resize() {
        return section("resize").stream().map(c -> DynamicTest.dynamicTest((String) c.get("name"), () -> {
            long[] shape = longs(c.get("shape"));
            long n = 1;
            for (long s : shape) n *= s;
            Tensor t = Torch.arange(n).toFloat().reshape(shape);
            if (Boolean.TRUE.equals(c.get("transpose"))) t = t.t();
            if (c.get("slice_from") != null) t = t.slice(0, ((Number) c.get("slice_from")).longValue(), n, 1);
            Tensor r = t.resize_(longs(c.get("new")));
            assertSame(t, r, "resize_ works in place");
            Reference.assertTensor(c.get("out"), t, 0, 0, (String) c.get("name"));
            assertArrayEquals(longs(c.get("stride")), t.stride());
            if (c.get("storage_offset") != null) assertEquals(((Number) c.get("storage_offset")).longValue(), t.storageOffset());
        }));
    }

    @Test
    void resizeGrowsOnlyAnUnsharedStorage() {
        Tensor t = Torch.arange(4).toDouble();
        t.resize_(2, 3);
        assertArrayEquals(new double[] {0, 1, 2, 3, 0, 0}, t.toDoubleArray(), "old elements kept, new ones zero");
        Tensor base = Torch.arange(4).toDouble();
        Tensor view = base.slice(0, 0, 2, 1);
        RuntimeException e = assertThrows(IllegalStateException.class, () -> view.resize_(8));
        assertTrue(e.getMessage().contains("storage other tensors share"), e.getMessage());
        assertArrayEquals(new long[] {2}, view.shape(), "a refused resize leaves the tensor as it was");
        view.resize_(3);
        view.fill_(7.0);
        assertArrayEquals(new double[] {7, 7, 7, 3}, base.toDoubleArray(), "shrinking and growing within storage share memory");
    }

    @TestFactory
    @SuppressWarnings("unchecked")
    Stream<DynamicTest> frombuffer() {
        Map<String, Object> f = (Map<String, Object>) ((Map<String, Object>) Reference.load("niche.json")).get("frombuffer");
        List<Object> byteList = (List<Object>) f.get("bytes");
        byte[] bytes = new byte[byteList.size()];
        for (int i = 0; i < bytes.length; i++) bytes[i] = (byte) ((Number) byteList.get(i)).intValue();
        return ((List<Map<String, Object>>) f.get("cases")).stream().map(c -> DynamicTest.dynamicTest(
                c.get("dtype") + " count " + c.get("count") + " offset " + c.get("offset"), () -> {
                    DType d = DType.of((String) c.get("dtype"));
                    long count = ((Number) c.get("count")).longValue(), offset = ((Number) c.get("offset")).longValue();
                    // the JSON holds floats in their shortest decimal form: the dtype's tolerance covers that rounding
                    Reference.assertTensor(c.get("out"), Torch.frombuffer(bytes, d, count, offset), "byte[]");
                    // a big-endian buffer positioned past a prefix reads the same bytes the same way
                    ByteBuffer buf = ByteBuffer.allocate(bytes.length + 3).order(ByteOrder.BIG_ENDIAN);
                    buf.put(new byte[] {9, 9, 9}).put(bytes).flip().position(3);
                    Reference.assertTensor(c.get("out"), Torch.frombuffer(buf, d, count, offset), "ByteBuffer");
                    assertEquals(3, buf.position(), "the buffer's position is not moved");
                }));
    }

    @Test
    void frombufferCopies() {
        byte[] bytes = {1, 0, 0, 0, 2, 0, 0, 0};
        Tensor t = Torch.frombuffer(bytes, DType.INT32);
        bytes[0] = 5;
        assertArrayEquals(new long[] {1, 2}, t.toLongArray(), "the tensor holds a copy of the bytes");
    }

    @TestFactory
    Stream<DynamicTest> conjPhysical() {
        return section("conj_physical").stream().map(c -> {
            Tensor t = Reference.tensor(c.get("input"));
            return DynamicTest.dynamicTest(t.dtype().toString(), () -> {
                Reference.assertTensor(c.get("out"), Torch.conjPhysical(t), 0, 0, "conj_physical");
                Tensor copy = t.clone();
                assertSame(copy, copy.conjPhysical_());
                Reference.assertTensor(c.get("out"), copy, 0, 0, "conj_physical_");
                assertFalse(t.conj().isConj());
                assertFalse(Torch.isNeg(t.conj()));
                assertSame(t, Torch.resolveConj(t));
                assertSame(t, Torch.resolveNeg(t));
            });
        });
    }

    @Test
    void nbytesAndItemsize() {
        assertEquals(24, Torch.zeros(new long[] {3}, DType.COMPLEX64, org.torch4j.Device.CPU).nbytes());
        assertEquals(8, Torch.zeros(new long[] {3}, DType.COMPLEX64, org.torch4j.Device.CPU).itemsize());
        assertEquals(2, Torch.zeros(new long[] {2, 0}, DType.FLOAT16, org.torch4j.Device.CPU).itemsize());
        assertEquals(0, Torch.zeros(new long[] {2, 0}, DType.FLOAT16, org.torch4j.Device.CPU).nbytes());
    }

    // ---- as_tensor / asarray ----

    @Test
    void asTensorFromJavaData() {
        Tensor t = Torch.tensor(new float[] {1, 2}, 2);
        assertSame(t, Torch.asTensor(t), "a tensor that needs no conversion is shared");
        assertEquals(DType.FLOAT64, Torch.asTensor(t, DType.FLOAT64).dtype());
        assertEquals(DType.INT64, Torch.asTensor(List.of(List.of(1, 2), List.of(3L, 4))).dtype());
        assertEquals(Torch.getDefaultDtype(), Torch.asTensor(List.of(1, 2.5)).dtype(), "a float among ints gives the default dtype");
        assertEquals(DType.BOOL, Torch.asTensor(List.of(true, false)).dtype());
        assertEquals(DType.INT64, Torch.asTensor(List.of(true, 2)).dtype(), "bool with ints is int64, as in Python");
        assertArrayEquals(new long[0], Torch.asTensor(true).shape(), "a Boolean is a 0-dim tensor");
        assertArrayEquals(new long[] {2, 2}, Torch.asTensor(List.of(List.of(1, 2), List.of(3, 4))).shape());
        assertEquals(DType.FLOAT64, Torch.asTensor(new double[][] {{1, 2}}).dtype(), "arrays keep their element type");
        assertEquals(DType.FLOAT32, Torch.asTensor(new long[] {1, 2}, DType.FLOAT32).dtype());
        RuntimeException e = assertThrows(IllegalArgumentException.class, () -> Torch.asTensor(List.of(List.of(1, 2), List.of(3))));
        assertEquals("expected sequence of length 2 at dim 1 (got 1)", e.getMessage());
        Object roundTrip = Torch.asTensor(List.of(List.of(1.5, -2.0))).tolist();
        assertEquals(List.of(List.of(1.5, -2.0)), roundTrip);
    }

    @Test
    void asarrayCopyRules() {
        Tensor t = Torch.tensor(new float[] {1, 2}, 2);
        assertSame(t, Torch.asarray(t));
        Tensor copy = Torch.asarray(t, null, null, true, false);
        assertNotSame(t, copy);
        copy.fill_(0.0);
        assertEquals(1.0, t.get(0).item(), "copy=true gives new memory");
        RuntimeException e = assertThrows(IllegalArgumentException.class, () -> Torch.asarray(t, DType.FLOAT64, null, false, false));
        assertEquals("can't alias tensor with dtype 'Float' into dtype 'Double'.", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Torch.asarray(List.of(1, 2), null, null, false, false));
        assertEquals("can't alias arbitrary sequence into a tensor.", e.getMessage());
        assertTrue(Torch.asarray(t, null, null, null, true).requiresGrad());
    }

    // ---- errors ----

    @TestFactory
    @SuppressWarnings("unchecked")
    Stream<DynamicTest> pytorchErrors() {
        List<Map<String, Object>> cases = section("errors");
        return java.util.stream.IntStream.range(0, cases.size()).mapToObj(i -> {
            Map<String, Object> c = cases.get(i);
            return DynamicTest.dynamicTest(i + " " + c.get("op") + ": " + c.get("error"), () -> {
                List<Object> a = (List<Object>) c.get("args");
                Class<? extends RuntimeException> type = ((String) c.get("error")).startsWith("cannot resize")
                        ? IllegalStateException.class : IllegalArgumentException.class;
                RuntimeException e = assertThrows(type, () -> call((String) c.get("op"), a));
                assertEquals(c.get("error"), e.getMessage());
            });
        });
    }

    @SuppressWarnings("unchecked")
    private static void call(String op, List<Object> a) {
        switch (op) {
            case "poisson" -> Torch.poisson(Reference.tensor(a.get(0)));
            case "binomial" -> Torch.binomial(Reference.tensor(a.get(0)), Reference.tensor(a.get(1)));
            case "histogramdd" -> {
                Tensor x = Reference.tensor(a.get(0));
                List<Object> bins = (List<Object>) a.get(1);
                Tensor w = a.get(3) == null ? null : Reference.tensor(a.get(3));
                if (bins.get(0) instanceof Map) {
                    List<Tensor> edges = new ArrayList<>();
                    for (Object e : bins) edges.add(Reference.tensor(e));
                    Torch.histogramdd(x, edges, w, false);
                } else {
                    Torch.histogramdd(x, longs(bins), range(a.get(2)), w, false);
                }
            }
            case "as_strided_scatter" -> Torch.asStridedScatter(Reference.tensor(a.get(0)), Reference.tensor(a.get(1)), longs(a.get(2)),
                    longs(a.get(3)), ((Number) a.get(4)).longValue());
            case "frombuffer" -> {
                byte[] buf = new byte[((Number) a.get(3)).intValue()];
                for (int i = 0; i < buf.length; i++) buf[i] = (byte) i;
                Torch.frombuffer(buf, DType.of((String) a.get(0)), ((Number) a.get(1)).longValue(), ((Number) a.get(2)).longValue());
            }
            case "resize_" -> {
                long[] shape = longs(a.get(0));
                Tensor t = Torch.arange(shape[0]).toFloat();
                Tensor before = t.clone();
                if (longs(a.get(1))[0] == 2) t.requiresGrad_();
                try {
                    t.resize_(longs(a.get(1)));
                } finally {
                    assertArrayEquals(before.shape(), t.shape(), "a refused resize_ leaves the shape");
                }
            }
            case "empty_strided" -> Torch.emptyStrided(longs(a.get(0)), longs(a.get(1)));
            case "is_nonzero" -> Reference.tensor(a.get(0)).isNonzero();
            case "set_rng_state" -> Torch.setRngState(Reference.tensor(a.get(0)));
            default -> throw new AssertionError(op);
        }
    }

    @Test
    void badInputLeavesInputsUnchanged() {
        Tensor x = Torch.tensor(new double[] {1, 2, 3, 4}, 2, 2);
        Tensor before = x.clone();
        assertThrows(IllegalArgumentException.class, () -> Torch.asStridedScatter(x, Torch.ones(3), new long[] {2}, new long[] {1}, 0));
        assertThrows(IllegalArgumentException.class, () -> Torch.histogramdd(x, new long[] {2, 0}));
        assertTrue(before.eq(x).all().itemBool());
    }

    // ---- gradients ----

    @TestFactory
    Stream<DynamicTest> gradchecks() {
        Map<String, Function<Tensor[], Tensor>> ops = new java.util.LinkedHashMap<>();
        ops.put("as_strided_scatter", x -> Torch.asStridedScatter(x[0], x[1], new long[] {2, 2}, new long[] {1, 3}, 1));
        ops.put("as_strided_scatter transposed", x -> x[0].t().asStridedScatter(x[1], new long[] {2, 2}, new long[] {2, 1}, 2));
        ops.put("conj_physical", x -> Torch.viewAsReal(Torch.viewAsComplex(x[0].reshape(3, 2)).conjPhysical()).mul(x[1].narrow(1, 0, 2)));
        return ops.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            Tensor input = Torch.rand(3, 2).toDouble().requiresGrad_();
            Tensor src = Torch.rand(2, 2).toDouble().add(1.0).requiresGrad_();
            if (e.getKey().startsWith("conj")) src = Torch.rand(3, 3).toDouble().requiresGrad_();
            assertTrue(GradCheck.gradcheck(e.getValue(), input, src), e.getKey());
            assertTrue(GradCheck.gradgradcheck(e.getValue(), input, src), e.getKey());
        }));
    }
}
