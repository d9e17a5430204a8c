package org.torch4j.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.torch4j.Cuda;
import org.torch4j.Device;
import org.torch4j.Index;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * The parity suite on CUDA: every value case of the conformance kit's reference files (PyTorch
 * 1.13's results) rerun with its tensors on the GPU, in the contiguous, transposed and sliced
 * layouts; and every differentiable op of the kit's gradcheck list, forward and backward on the GPU
 * against the CPU backend. Skipped, printing why, where CUDA is unavailable.
 */
class CudaParityTest {

    private static final Device CUDA = Device.of("cuda");

    /** The reference files whose cases are op values (errors and printing are device-independent here). */
    private static final List<String> FAMILIES = List.of("elementwise", "promotion", "reductions", "indexing", "joins", "linalg", "views");

    @BeforeAll
    static void requireCuda() {
        if (!Cuda.isAvailable()) System.out.println("CUDA parity suite skipped: " + Cuda.unavailableReason());
        Assumptions.assumeTrue(Cuda.isAvailable(), Cuda::unavailableReason);
    }

    // ---- forward: the kit's reference cases with GPU tensors ----------------------------------

    @TestFactory
    Stream<DynamicNode> referenceCasesOnCuda() {
        return FAMILIES.stream().map(f -> DynamicContainer.dynamicContainer(f,
                Reference.cases("tensor_" + f + ".json").stream().map(CudaParityTest::container)));
    }

    @SuppressWarnings("unchecked")
    private static DynamicNode container(Map<String, Object> c) {
        String name = (String) c.get("name");
        List<String> layouts = c.containsKey("layouts") ? (List<String>) c.get("layouts") : Reference.LAYOUTS;
        List<DynamicTest> tests = new ArrayList<>();
        for (String layout : layouts) {
            tests.add(DynamicTest.dynamicTest(name + " [" + layout + ", cuda]", () -> {
                Assumptions.assumeTrue(c.get("skip") == null, (String) c.get("skip"));
                check(c, layout);
            }));
        }
        return DynamicContainer.dynamicContainer(name, tests);
    }

    @SuppressWarnings("unchecked")
    private static void check(Map<String, Object> c, String layout) {
        String name = c.get("name") + " [" + layout + ", cuda]";
        List<Object> args = new ArrayList<>();
        for (Object a : (List<Object>) c.get("args")) args.add(convert(a, layout));
        List<Object> got;
        try {
            got = Ops.results(Ops.run((String) c.get("op"), new Ops.Args(args)));
        } catch (RuntimeException e) {
            throw new AssertionError(name + ": " + e, e);
        }
        List<Object> expected = (List<Object>) c.get("out");
        assertEquals(expected.size(), got.size(), name + ": number of results");
        for (int i = 0; i < expected.size(); i++) {
            Map<String, Object> e = (Map<String, Object>) expected.get(i);
            String ctx = name + (expected.size() > 1 ? " result " + i : "");
            Object g = got.get(i);
            if (e.containsKey("value")) {
                checkPlain(e.get("value"), g, ctx);
            } else {
                if (!(g instanceof Tensor t)) throw new AssertionError(ctx + ": expected a tensor, got " + g);
                if (hasTensor(c.get("args"))) assertEquals("cuda", t.device().type(), ctx + ": the result stays on the GPU");
                Reference.assertTensor(e, t.cpu(), ctx);
            }
        }
    }

    private static boolean hasTensor(Object o) {
        if (o instanceof Map<?, ?> m) return m.containsKey("dtype") || m.containsKey("tensors");
        if (o instanceof List<?> l) return l.stream().anyMatch(CudaParityTest::hasTensor);
        return false;
    }

    private static void checkPlain(Object expected, Object got, String ctx) {
        if (expected instanceof String || expected instanceof Boolean) {
            assertEquals(expected, got, ctx);
        } else if (expected instanceof Long l && !(got instanceof Double)) {
            assertEquals(l, ((Number) got).longValue(), ctx);
        } else {
            double e = Reference.number(expected), g = Reference.number(got);
            assertTrue(Double.compare(e, g) == 0 || Math.abs(e - g) <= 1e-6 * Math.abs(e), ctx + ": expected " + e + " but got " + g);
        }
    }

    /** A JSON argument with its tensors built on the GPU, in the kit's layouts. */
    @SuppressWarnings("unchecked")
    private static Object convert(Object a, String layout) {
        if (a instanceof Map<?, ?> m) {
            if (m.containsKey("dtype")) return onCuda(m, layout);
            if (m.containsKey("tensors")) {
                List<Tensor> ts = new ArrayList<>();
                for (Object t : (List<Object>) m.get("tensors")) ts.add(onCuda(t, layout));
                return ts;
            }
            if (m.containsKey("index")) return index((List<Object>) m.get("index"), layout);
            throw new IllegalArgumentException("unknown argument " + m);
        }
        if (a instanceof List<?> l) {
            List<Object> r = new ArrayList<>();
            for (Object o : l) r.add(convert(o, layout));
            return r;
        }
        return a;
    }

    @SuppressWarnings("unchecked")
    private static Index[] index(List<Object> items, String layout) {
        Index[] r = new Index[items.size()];
        for (int i = 0; i < r.length; i++) {
            Object it = items.get(i);
            if ("none".equals(it)) {
                r[i] = Index.NEW_AXIS;
            } else if ("...".equals(it)) {
                r[i] = Index.ELLIPSIS;
            } else {
                Map<String, Object> m = (Map<String, Object>) it;
                if (m.containsKey("at")) {
                    r[i] = Index.at(((Number) m.get("at")).longValue());
                } else if (m.containsKey("slice")) {
                    List<Object> s = (List<Object>) m.get("slice");
                    r[i] = Index.slice(s.get(0) == null ? null : ((Number) s.get(0)).longValue(),
                            s.get(1) == null ? null : ((Number) s.get(1)).longValue(), ((Number) s.get(2)).longValue());
                } else {
                    r[i] = Index.of(onCuda(m.get("t"), layout));
                }
            }
        }
        return r;
    }

    /** The spec's tensor on the GPU, laid out there as the kit lays it out on the CPU. */
    static Tensor onCuda(Object spec, String layout) {
        Tensor base = Reference.tensor(spec, "contiguous").to(CUDA);
        return switch (layout) {
            case "contiguous" -> base;
            case "transposed" -> base.dim() < 2 ? base : base.transpose(-1, -2).contiguous().transpose(-1, -2);
            case "sliced" -> {
                if (base.dim() == 0) yield base;
                Tensor wide = Torch.stack(List.of(base, Torch.zerosLike(base)), -1);
                long[] shape = base.shape();
                shape[shape.length - 1] *= 2;
                yield wide.reshape(shape).slice(-1, 0, shape[shape.length - 1], 2);
            }
            default -> throw new IllegalArgumentException("unknown layout " + layout);
        };
    }

    // ---- backward: every differentiable op on the GPU against the CPU --------------------------

    @TestFactory
    Stream<DynamicTest> forwardAndBackwardMatchTheCpu() {
        List<DynamicTest> tests = new ArrayList<>();
        for (GradcheckTest.Op op : GradcheckTest.ops()) {
            if (op.fn() == null || op.arity() == 0) continue;
            for (String layout : List.of("contiguous", "transposed")) {
                String name = op.name() + " [" + layout + ", cuda vs cpu]";
                tests.add(DynamicTest.dynamicTest(name, () -> compareWithCpu(op, layout, name)));
            }
        }
        return tests.stream();
    }

    private static void compareWithCpu(GradcheckTest.Op op, String layout, String name) {
        Tensor[] cpu = GradcheckTest.inputs(op, layout);
        Tensor[] gpu = new Tensor[cpu.length];
        for (int i = 0; i < cpu.length; i++) {
            Tensor t = cpu[i].detach().to(CUDA);
            if (layout.equals("transposed") && t.dim() == 2) t = t.t().contiguous().t();
            gpu[i] = t.requiresGrad_();
        }
        Tensor yc, yg;
        try {
            yc = op.fn().apply(cpu);
            yg = op.fn().apply(gpu);
        } catch (RuntimeException e) {
            throw new AssertionError(name + ": forward: " + e, e);
        }
        assertEquals("cuda", yg.device().type(), name + ": result device");
        assertClose(yc, yg.cpu(), name + ": forward");
        // a fixed, uneven upstream gradient, so that every output element's weight differs
        Tensor gc = Torch.arange(yc.numel()).toDouble().mul(0.37).sin().add(1.5).reshape(yc.shape());
        yc.backward(gc);
        yg.backward(gc.to(CUDA));
        for (int i = 0; i < cpu.length; i++) {
            Tensor a = cpu[i].grad(), b = gpu[i].grad();
            if (a == null) {
                assertTrue(b == null, name + ": input " + i + " has a gradient on cuda only");
                continue;
            }
            if (b == null) fail(name + ": input " + i + " has no gradient on cuda");
            assertEquals("cuda", b.device().type(), name + ": gradient " + i + " device");
            assertClose(a, b.cpu(), name + ": gradient of input " + i);
        }
    }

    private static void assertClose(Tensor expected, Tensor got, String ctx) {
        assertEquals(expected.dtype(), got.dtype(), ctx + ": dtype");
        assertArrayEquals(expected.shape(), got.shape(), ctx + ": shape");
        double[] e = expected.toDoubleArray(), g = got.toDoubleArray();
        for (int i = 0; i < e.length; i++) {
            boolean ok = Double.isNaN(e[i]) ? Double.isNaN(g[i]) : Math.abs(e[i] - g[i]) <= 1e-9 + 1e-9 * Math.abs(e[i]);
            if (!ok) fail(ctx + ": element " + i + " expected " + e[i] + " but got " + g[i]);
        }
    }
}
