package org.torch4j.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.torch4j.Autograd;
import org.torch4j.DType;
import org.torch4j.GradCheck;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.F;

/**
 * F.scaledDotProductAttention through the backend's fused kernel (AttentionBlocks) against the composition it
 * replaces (matmul, scaling, mask, softmax, matmul), values and gradients, over shapes that take several
 * query blocks, causal and masked attention, a fully masked row, and the cases that must fall back.
 * (PyTorch's own values for the small cases are in the conformance kit's nn reference: NnLayerTest's F.sdpa.)
 */
class FusedAttentionTest {

    static Stream<Arguments> cases() {
        // q [.., L, E], S keys, Ev value features, mask kind; L = 250 against S = 300 takes three blocks of 109 rows
        return Stream.of(
                Arguments.of(DType.FLOAT64, new long[] {2, 3}, 37, 300, 16, 8, "none"),
                Arguments.of(DType.FLOAT64, new long[] {2}, 250, 300, 16, 8, "causal"),
                Arguments.of(DType.FLOAT64, new long[] {1, 2}, 250, 300, 5, 7, "bool"),
                Arguments.of(DType.FLOAT64, new long[] {2, 3}, 40, 23, 9, 4, "float-per-batch"),
                Arguments.of(DType.FLOAT64, new long[] {}, 310, 200, 3, 3, "causal"),
                Arguments.of(DType.FLOAT32, new long[] {2, 3}, 250, 300, 32, 32, "none"),
                Arguments.of(DType.FLOAT32, new long[] {4}, 120, 120, 64, 64, "causal"),
                Arguments.of(DType.FLOAT32, new long[] {2, 3}, 40, 23, 9, 4, "float-per-batch"));
    }

    @ParameterizedTest(name = "{0} {1} L={2} S={3} E={4} Ev={5} {6}")
    @MethodSource("cases")
    void matchesTheComposition(DType dtype, long[] lead, long l, long s, long e, long ev, String maskKind) {
        Torch.manualSeed(7);
        Tensor q = Torch.randn(shape(lead, l, e), dtype).requiresGrad_(true);
        Tensor k = Torch.randn(shape(lead, s, e), dtype).requiresGrad_(true);
        Tensor v = Torch.randn(shape(lead, s, ev), dtype).requiresGrad_(true);
        Tensor mask = switch (maskKind) {
            case "bool" -> Torch.rand(new long[] {l, s}, dtype).gt(0.3);
            case "float-per-batch" -> Torch.randn(shape(lead.length == 0 ? lead : new long[] {lead[0], 1}, l, s), dtype);
            default -> null;
        };
        boolean causal = maskKind.equals("causal");
        Tensor out = F.scaledDotProductAttention(q, k, v, mask, 0, causal);
        assertEquals("ScaledDotProductEfficientAttentionBackward0", out.gradFn().name(), "the fused kernel ran");
        Tensor ref = composed(q, k, v, mask, causal);
        double tol = dtype == DType.FLOAT64 ? 1e-12 : 2e-6;
        assertClose(ref, out, tol, "output");

        Tensor g = Torch.randn(out.shape(), dtype);
        List<Tensor> got = Autograd.grad(List.of(out), List.of(q, k, v), List.of(g), false, false, false);
        List<Tensor> want = Autograd.grad(List.of(ref), List.of(q, k, v), List.of(g), false, false, false);
        for (int i = 0; i < 3; i++) assertClose(want.get(i), got.get(i), dtype == DType.FLOAT64 ? 1e-11 : 2e-5, "gradient " + "qkv".charAt(i));
    }

    @Test
    void gradcheckAndGradgradcheckInFloat64() {
        Torch.manualSeed(3);
        Tensor q = Torch.randn(new long[] {2, 5, 3}, DType.FLOAT64).requiresGrad_(true);
        Tensor k = Torch.randn(new long[] {2, 6, 3}, DType.FLOAT64).requiresGrad_(true);
        Tensor v = Torch.randn(new long[] {2, 6, 2}, DType.FLOAT64).requiresGrad_(true);
        Tensor mask = Torch.randn(new long[] {5, 6}, DType.FLOAT64);
        for (boolean causal : new boolean[] {false, true}) {
            Tensor m = causal ? null : mask;
            assertTrue(GradCheck.gradcheck(x -> F.scaledDotProductAttention(x[0], x[1], x[2], m, 0, causal), q, k, v));
            assertTrue(GradCheck.gradgradcheck(x -> F.scaledDotProductAttention(x[0], x[1], x[2], m, 0, causal), q, k, v));
        }
    }

    /**
     * float32 gradients beside peaked rows (scores of 10 and more) are as close to float64 as the composition's: the
     * backward takes its weights from the forward's softmax and D = rowsum(P dP). Weights from exp(s - lse) and
     * D = rowsum(grad out) put q's and k's gradients 7-20 times further off (8e-7 here, where the bound is 3e-7).
     */
    @Test
    void float32GradientsBesidePeakedRowsAreAsExactAsTheComposition() {
        Torch.manualSeed(1);
        Tensor q64 = Torch.randn(new long[] {6, 2, 3}, DType.FLOAT64).mul(10), k64 = Torch.randn(new long[] {6, 2, 3}, DType.FLOAT64).mul(10);
        Tensor v64 = Torch.randn(new long[] {6, 2, 3}, DType.FLOAT64), g64 = Torch.randn(new long[] {6, 2, 3}, DType.FLOAT64);
        List<Tensor> want = gradients(q64, k64, v64, g64);
        List<Tensor> got = gradients(q64.to(DType.FLOAT32), k64.to(DType.FLOAT32), v64.to(DType.FLOAT32), g64.to(DType.FLOAT32));
        for (int i = 0; i < 3; i++) {
            double worst = got.get(i).to(DType.FLOAT64).sub(want.get(i)).abs().max().item();
            assertTrue(worst < 3e-7, "gradient " + "qkv".charAt(i) + " is " + worst + " from float64");
        }
    }

    private static List<Tensor> gradients(Tensor q, Tensor k, Tensor v, Tensor g) {
        List<Tensor> leaves = List.of(q.detach().requiresGrad_(true), k.detach().requiresGrad_(true), v.detach().requiresGrad_(true));
        Tensor out = F.scaledDotProductAttention(leaves.get(0), leaves.get(1), leaves.get(2), null, 0, false);
        assertEquals("ScaledDotProductEfficientAttentionBackward0", out.gradFn().name(), "the fused kernel ran");
        return Autograd.grad(List.of(out), leaves, List.of(g), false, false, false);
    }

    @Test
    void aFullyMaskedRowIsNanAsInTheComposition() {
        Tensor q = Torch.randn(new long[] {1, 3, 4}, DType.FLOAT64), k = Torch.randn(new long[] {1, 5, 4}, DType.FLOAT64);
        Tensor v = Torch.randn(new long[] {1, 5, 2}, DType.FLOAT64);
        Tensor mask = Torch.ones(new long[] {3, 5}, DType.BOOL);
        mask.select(0, 1).fill_(0);
        double[] out = F.scaledDotProductAttention(q, k, v, mask, 0, false).toDoubleArray();
        double[] ref = composed(q, k, v, mask, false).toDoubleArray();
        for (int i = 0; i < out.length; i++) {
            assertEquals(i / 2 == 1, Double.isNaN(out[i]), "element " + i);
            if (i / 2 != 1) assertEquals(ref[i], out[i], 1e-12);
        }
    }

    @Test
    void operandsTheKernelDoesNotTakeFallBackToTheComposition() {
        Tensor q = Torch.randn(new long[] {2, 4, 3}, DType.FLOAT64).requiresGrad_(true);
        Tensor k = Torch.randn(new long[] {1, 6, 3}, DType.FLOAT64), v = Torch.randn(new long[] {1, 6, 2}, DType.FLOAT64);
        Tensor broadcastBatch = F.scaledDotProductAttention(q, k, v, null, 0, false);
        assertNotEquals("ScaledDotProductEfficientAttentionBackward0", broadcastBatch.gradFn().name());
        assertClose(composed(q, k, v, null, false), broadcastBatch, 1e-12, "batch broadcast");
        Tensor k2 = k.expand(2, 6, 3), v2 = v.expand(2, 6, 2);
        Tensor trainableMask = Torch.randn(new long[] {4, 6}, DType.FLOAT64).requiresGrad_(true);
        Tensor masked = F.scaledDotProductAttention(q, k2, v2, trainableMask, 0, false);
        assertNotEquals("ScaledDotProductEfficientAttentionBackward0", masked.gradFn().name());
        Tensor wideMask = Torch.randn(new long[] {3, 2, 4, 6}, DType.FLOAT64);   // broadcasts the output to [3, 2, 4, 2]
        assertArrayEquals(new long[] {3, 2, 4, 2}, F.scaledDotProductAttention(q, k2, v2, wideMask, 0, false).shape());
        Tensor fused = F.scaledDotProductAttention(q, k2, v2, null, 0, false);
        assertEquals("ScaledDotProductEfficientAttentionBackward0", fused.gradFn().name(), "expanded k and v are copied, then fused");
        assertClose(composed(q, k2, v2, null, false), fused, 1e-12, "expanded operands");
    }

    @Test
    void threadCountDoesNotChangeTheResult() {
        Torch.manualSeed(11);
        Tensor q = Torch.randn(new long[] {3, 200, 16}), k = Torch.randn(new long[] {3, 260, 16}), v = Torch.randn(new long[] {3, 260, 8});
        int before = Parallel.threads();
        try {
            Parallel.setThreads(1);
            float[] one = F.scaledDotProductAttention(q, k, v, null, 0, true).toFloatArray();
            Parallel.setThreads(3);
            assertArrayEquals(one, F.scaledDotProductAttention(q, k, v, null, 0, true).toFloatArray());
        } finally {
            Parallel.setThreads(before);
        }
    }

    /** The README's example ("Attention without the L x S weights"), with its claims checked. */
    @Test
    void theReadmeExample() {
        Tensor q = Torch.randn(1, 8, 2048, 64).requiresGrad_(), k = Torch.randn(1, 8, 2048, 64).requiresGrad_();
        Tensor v = Torch.randn(1, 8, 2048, 64).requiresGrad_();
        Tensor out = F.scaledDotProductAttention(q, k, v, null, 0.0, true);    // causal; no [8, 2048, 2048] kept
        out.sum().backward();
        assertEquals("ScaledDotProductEfficientAttentionBackward0", out.gradFn().name());
        // causal: the first query sees only the first key, so its output is that key's value
        assertArrayEquals(v.detach().select(2, 0).toFloatArray(), out.detach().select(2, 0).toFloatArray(), 1e-6f);
        assertArrayEquals(new long[] {1, 8, 2048, 64}, q.grad().shape());
    }

    @Test
    void multiheadAttentionWithoutWeightsTakesTheFusedKernel() {
        Torch.manualSeed(4);
        org.torch4j.nn.MultiheadAttention mha = new org.torch4j.nn.MultiheadAttention(16, 4);
        Tensor x = Torch.randn(7, 3, 16), padding = Torch.zeros(new long[] {3, 7}, DType.BOOL);
        padding.select(0, 1).select(0, 6).fill_(1);
        F.Attention fused = mha.forward(x, x, x, padding, false, null);
        F.Attention withWeights = mha.forward(x, x, x, padding, true, null);   // the bmm / softmax path
        assertTrue(fused.weights() == null);
        assertClose(withWeights.output(), fused.output(), 2e-6, "MultiheadAttention output");
        assertTrue(reaches(fused.output().gradFn(), "ScaledDotProductEfficientAttentionBackward0"), "the fused kernel's node in the graph");
        assertTrue(!reaches(withWeights.output().gradFn(), "ScaledDotProductEfficientAttentionBackward0"), "weights asked: composed");
    }

    /** Whether a node of that name is reachable from {@code fn} through the graph's edges. */
    private static boolean reaches(org.torch4j.GradFn fn, String name) {
        java.util.ArrayDeque<org.torch4j.GradFn> todo = new java.util.ArrayDeque<>(List.of(fn));
        java.util.Set<org.torch4j.GradFn> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        while (!todo.isEmpty()) {
            org.torch4j.GradFn f = todo.pop();
            if (f == null || !seen.add(f)) continue;
            if (f.name().equals(name)) return true;
            todo.addAll(f.nextFunctions().stream().filter(java.util.Objects::nonNull).toList());
        }
        return false;
    }

    /** The composition F used before the fused kernel: matmul, scale, mask, softmax, matmul. */
    private static Tensor composed(Tensor q, Tensor k, Tensor v, Tensor mask, boolean causal) {
        Tensor scores = q.matmul(k.transpose(-2, -1)).div(Math.sqrt(q.size(-1)));
        if (causal) {
            Tensor allowed = Torch.ones(new long[] {q.size(-2), k.size(-2)}, DType.BOOL).tril();
            scores = scores.maskedFill(allowed.logicalNot(), Double.NEGATIVE_INFINITY);
        } else if (mask != null) {
            scores = mask.dtype() == DType.BOOL ? scores.maskedFill(mask.logicalNot(), Double.NEGATIVE_INFINITY) : scores.add(mask);
        }
        return scores.softmax(-1).matmul(v);
    }

    private static long[] shape(long[] lead, long rows, long cols) {
        long[] s = java.util.Arrays.copyOf(lead, lead.length + 2);
        s[lead.length] = rows;
        s[lead.length + 1] = cols;
        return s;
    }

    /** |got - want| <= tol * (1 + max |want|), element by element. */
    private static void assertClose(Tensor want, Tensor got, double tol, String what) {
        assertArrayEquals(want.shape(), got.shape(), what + " shape");
        double[] w = want.detach().toDoubleArray(), g = got.detach().toDoubleArray();
        double scale = 1;
        for (double x : w) scale = Math.max(scale, Math.abs(x));
        for (int i = 0; i < w.length; i++) {
            assertTrue(Math.abs(w[i] - g[i]) <= tol * scale, what + " element " + i + ": " + g[i] + " vs " + w[i]);
        }
    }
}
