package org.torch4j.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.LazyBatchNorm1d;
import org.torch4j.nn.LazyBatchNorm2d;
import org.torch4j.nn.LazyBatchNorm3d;
import org.torch4j.nn.LazyConv1d;
import org.torch4j.nn.LazyConv2d;
import org.torch4j.nn.LazyConv3d;
import org.torch4j.nn.LazyConvTranspose1d;
import org.torch4j.nn.LazyConvTranspose2d;
import org.torch4j.nn.LazyConvTranspose3d;
import org.torch4j.nn.LazyInstanceNorm1d;
import org.torch4j.nn.LazyInstanceNorm2d;
import org.torch4j.nn.LazyInstanceNorm3d;
import org.torch4j.nn.LazyLinear;
import org.torch4j.nn.LazyModule;
import org.torch4j.nn.Linear;
import org.torch4j.nn.Module;
import org.torch4j.nn.Parameter;
import org.torch4j.nn.UninitializedBuffer;
import org.torch4j.optim.SGD;

/**
 * The lazy modules against PyTorch 1.13 ({@code lazy} and {@code lazy_extra} of
 * {@code reference/nn/nn3_modules.json}, written by {@code tools/gen_nn3_reference.py}): print form and
 * uninitialised state-dict entries before the first forward; after it, seeded initialisation, output,
 * state and print form as PyTorch's; loading into a lazy module, an optimizer built before the first
 * forward, a lazy module cast before it.
 */
class Nn3LazyTest {
    private static final long[] ONE = {1}, ZERO = {0};

    private static Module build(String key) {
        return switch (key) {
            case "linear" -> new LazyLinear(4);
            case "linear_no_bias_3d" -> new LazyLinear(3, false);
            case "conv1d" -> new LazyConv1d(4, new long[] {3}, new long[] {2}, ZERO, ONE, 1, true, "zeros");
            case "conv2d_groups" -> new LazyConv2d(4, new long[] {3}, ONE, ONE, ONE, 2, true, "zeros");
            case "conv2d_unbatched" -> new LazyConv2d(2, new long[] {2, 3}, ONE, ONE, ONE, 1, true, "reflect");
            case "conv3d" -> new LazyConv3d(2, new long[] {2}, ONE, ZERO, new long[] {1, 2, 1}, 1, false, "zeros");
            case "conv_transpose1d" -> new LazyConvTranspose1d(3, 2, 2);
            case "conv_transpose2d" -> new LazyConvTranspose2d(4, new long[] {3}, new long[] {2}, ZERO, ONE, 2, true, ONE);
            case "conv_transpose3d" -> new LazyConvTranspose3d(2, 2, 1);
            case "batch_norm1d" -> new LazyBatchNorm1d();
            case "batch_norm2d_cumulative" -> new LazyBatchNorm2d(1e-5, null, true, true);
            case "batch_norm3d_no_affine" -> new LazyBatchNorm3d(1e-5, 0.1, false, true);
            case "instance_norm1d" -> new LazyInstanceNorm1d();
            case "instance_norm2d_plain" -> new LazyInstanceNorm2d(1e-5, 0.1, false, false);
            case "instance_norm3d_no_stats" -> new LazyInstanceNorm3d(1e-3, 0.1, true, false);
            default -> throw new IllegalArgumentException("unknown lazy case " + key);
        };
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> section(String name) {
        return (Map<String, Object>) Nn3ModuleTest.file().get(name);
    }

    static List<String> kinds(Module m) {
        List<String> out = new ArrayList<>();
        for (Tensor t : m.stateDict().values()) {
            out.add(t instanceof Parameter p && p.isUninitialized() ? "UninitializedParameter"
                    : t instanceof UninitializedBuffer b && b.isUninitialized() ? "UninitializedBuffer" : "tensor");
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    static void assertState(Map<String, Object> expected, Module m, String context) {
        Map<String, Tensor> state = m.stateDict();
        assertEquals(new ArrayList<>(expected.keySet()), new ArrayList<>(state.keySet()), context + ": keys");
        expected.forEach((k, v) -> NnReference.assertClose(v, state.get(k), 1e-6, 1e-7, context + ": " + k));
    }

    @TestFactory
    @SuppressWarnings("unchecked")
    Stream<DynamicTest> firstForward() {
        return section("lazy").entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            Map<String, Object> c = (Map<String, Object>) e.getValue();
            Map<String, Object> before = (Map<String, Object>) c.get("before");
            Torch.manualSeed(((Number) c.get("seed")).longValue());
            Module m = build(e.getKey());
            assertEquals(before.get("repr"), m.toString(), "repr before");
            assertEquals(before.get("keys"), new ArrayList<>(m.stateDict().keySet()), "keys before");
            assertEquals(before.get("kinds"), kinds(m), "uninitialised entries");
            Tensor y = m.call(Reference.tensor(c.get("input")));
            NnReference.assertClose(c.get("output"), y, NnReference.F32_RTOL, NnReference.F32_ATOL, "output");
            assertState((Map<String, Object>) c.get("state"), m, "state");
            assertEquals(c.get("repr"), m.toString(), "repr after");
            assertTrue(!((LazyModule) m).hasUninitializedParams() || m.stateDict().isEmpty(), "initialised");
        }));
    }

    /** Loading into a lazy module materialises it; it keeps in_features 0 in its print form, as PyTorch's. */
    @Test
    @SuppressWarnings("unchecked")
    void loadIntoLazy() {
        Map<String, Object> c = (Map<String, Object>) section("lazy_extra").get("loaded");
        Map<String, Tensor> state = new LinkedHashMap<>();
        ((Map<String, Object>) c.get("eager_state")).forEach((k, v) -> state.put(k, Reference.tensor(v)));
        LazyLinear lazy = new LazyLinear(3);
        Parameter weight = lazy.weight;
        lazy.loadStateDict(state);
        assertEquals(c.get("repr_after_load"), lazy.toString());
        assertSame(weight, lazy.weight);
        Tensor y = lazy.call(Reference.tensor(c.get("input")));
        NnReference.assertClose(c.get("output"), y, NnReference.F32_RTOL, NnReference.F32_ATOL, "output");
        assertEquals(c.get("repr_after_forward"), lazy.toString());
    }

    /** A non-strict load materialises only what it loads. */
    @Test
    @SuppressWarnings("unchecked")
    void partialLoad() {
        Map<String, Object> c = (Map<String, Object>) section("lazy_extra").get("partial");
        LazyBatchNorm2d bn = new LazyBatchNorm2d();
        Module.LoadResult r = bn.loadStateDict(Map.of("weight", Torch.tensor(new float[] {1.5f, 0.5f}),
                "num_batches_tracked", Torch.scalarTensor(3L)), false);
        assertEquals(c.get("missing"), r.missingKeys());
        assertEquals(c.get("unexpected"), r.unexpectedKeys());
        assertEquals(c.get("repr"), bn.toString());
        assertEquals(c.get("kinds"), kinds(bn));
        NnReference.assertClose(c.get("weight"), bn.weight.detach(), 0, 0, "weight");
    }

    /** An optimizer built on the uninitialised parameters trains them once materialised (they keep their identity). */
    @Test
    @SuppressWarnings("unchecked")
    void optimizerBuiltFirst() {
        Map<String, Object> c = (Map<String, Object>) section("lazy_extra").get("optimizer_first");
        Torch.manualSeed(((Number) c.get("seed")).longValue());
        LazyLinear m = new LazyLinear(2);
        SGD opt = new SGD(m.parameters(), SGD.options(0.1).momentum(0.9));
        Tensor x = Reference.tensor(c.get("input"));
        for (int i = 0; i < 2; i++) {
            opt.zeroGrad();
            m.call(x).pow(2).sum().backward();
            opt.step();
        }
        assertState((Map<String, Object>) c.get("state"), m, "state");
    }

    /** A lazy module cast before its first forward materialises in the new dtype. */
    @Test
    @SuppressWarnings("unchecked")
    void castFirst() {
        Map<String, Object> c = (Map<String, Object>) section("lazy_extra").get("cast_first");
        Torch.manualSeed(((Number) c.get("seed")).longValue());
        Module m = new LazyConv1d(2, new long[] {2}, ONE, ZERO, ONE, 1, true, "zeros").to(DType.FLOAT64);
        Tensor y = m.call(Reference.tensor(c.get("input")));
        NnReference.assertClose(c.get("output"), y, NnReference.F64_RTOL, NnReference.F64_ATOL, "output");
        assertState((Map<String, Object>) c.get("state"), m, "state");
    }

    /** Seeded, the lazy module draws exactly what the eager one of the inferred size draws. */
    @Test
    void initialisesAsTheEagerModule() {
        Torch.manualSeed(5);
        LazyLinear lazy = new LazyLinear(3);
        lazy.call(Torch.zeros(2, 4));
        Torch.manualSeed(5);
        Linear eager = new Linear(4, 3);
        assertEquals(0.0, lazy.weight.sub(eager.weight).abs().max().item(), 0.0);
        assertEquals(0.0, lazy.bias.sub(eager.bias).abs().max().item(), 0.0);
    }
}
