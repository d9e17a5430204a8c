package org.torch4j.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.Conv2d;
import org.torch4j.nn.Linear;
import org.torch4j.nn.Module;
import org.torch4j.nn.Prune;
import org.torch4j.nn.PruningContainer;

/**
 * {@code torch.nn.utils.prune} against PyTorch 1.13 ({@code prune} of {@code reference/nn/nn3_modules.json},
 * written by {@code tools/gen_nn3_reference.py}): the {@code weight_orig} / {@code weight_mask} layout, the
 * forward through the mask and its gradient, iterative pruning through a container (masks multiply, amounts
 * of what remains), the random methods seeded as PyTorch's, importance scores, global pruning, removal. Its
 * error cases run in {@link Nn3ModuleTest}.
 */
class Nn3PruneTest {

    @SuppressWarnings("unchecked")
    private static Map<String, Object> prune() {
        return (Map<String, Object>) Nn3ModuleTest.file().get("prune");
    }

    @SuppressWarnings("unchecked")
    private static <M extends Module> M loaded(M m, Object state) {
        Map<String, Tensor> s = new LinkedHashMap<>();
        ((Map<String, Object>) state).forEach((k, v) -> s.put(k, Reference.tensor(v)));
        m.loadStateDict(s);
        return m;
    }

    private static void close(Object expected, Tensor got, String what) {
        NnReference.assertClose(expected, got.detach(), 1e-6, 1e-7, what);
    }

    @Test
    @SuppressWarnings("unchecked")
    void iterativePruningOfALinear() {
        Map<String, Object> r = prune();
        Linear m = loaded(new Linear(5, 4), r.get("initial"));
        Prune.l1Unstructured(m, "weight", 0.3, null);
        Map<String, Object> l1 = (Map<String, Object>) r.get("l1");
        assertEquals(l1.get("keys"), new ArrayList<>(m.stateDict().keySet()));
        assertEquals(l1.get("params"), new ArrayList<>(m.namedParameters().keySet()));
        assertEquals(l1.get("buffers"), new ArrayList<>(m.namedBuffers().keySet()));
        assertEquals(l1.get("pruned"), Prune.isPruned(m));
        close(l1.get("mask"), m.namedBuffers().get("weight_mask"), "mask");
        Tensor y = m.call(Reference.tensor(l1.get("input")));
        y.pow(2).sum().backward();
        close(l1.get("output"), y, "output");
        Map<String, Object> grads = (Map<String, Object>) l1.get("grads");
        m.namedParameters().forEach((k, p) -> close(grads.get(k), p.grad(), "grad of " + k));

        Prune.l1Unstructured(m, "weight", 3, null);
        close(r.get("l1_again"), m.namedBuffers().get("weight_mask"), "second l1 mask");
        Prune.lnStructured(m, "weight", 1, 2, 0, null);
        close(r.get("ln_after"), m.namedBuffers().get("weight_mask"), "ln mask");
        Torch.manualSeed(34);
        Prune.randomStructured(m, "weight", 0.5, 1);
        close(r.get("random_structured_after"), m.namedBuffers().get("weight_mask"), "random structured mask");
        m.call(Torch.zeros(1, 5));
        close(r.get("weight"), m.weight, "pruned weight");

        Tensor field = m.weight;
        Prune.remove(m, "weight");
        Map<String, Object> removed = (Map<String, Object>) r.get("removed");
        Nn3LazyTest.assertState((Map<String, Object>) removed.get("state"), m, "state");
        assertEquals(removed.get("pruned"), Prune.isPruned(m));
        assertSame(field, m.namedParameters().get("weight"));
        assertTrue(m.weight.isLeaf() && m.weight.requiresGrad());
    }

    @Test
    void randomUnstructuredDrawsAsPyTorch() {
        Map<String, Object> r = prune();
        Linear m = loaded(new Linear(5, 4), r.get("random_initial"));
        Torch.manualSeed(35);
        Prune.randomUnstructured(m, "weight", 0.45);
        close(r.get("random_unstructured"), m.namedBuffers().get("weight_mask"), "mask");
        Torch.manualSeed(36);
        Prune.randomUnstructured(m, "weight", 4);
        close(r.get("random_unstructured_again"), m.namedBuffers().get("weight_mask"), "mask of the remaining entries");
    }

    @Test
    @SuppressWarnings("unchecked")
    void importanceScoresIdentityAndCustomMask() {
        Map<String, Object> r = prune();
        Conv2d c = loaded(new Conv2d(3, 4, 2), r.get("conv_initial"));
        Map<String, Object> ln = (Map<String, Object>) r.get("conv_ln_inf");
        Prune.lnStructured(c, "weight", 0.5, Double.POSITIVE_INFINITY, 0, Reference.tensor(ln.get("scores")));
        close(ln.get("mask"), c.namedBuffers().get("weight_mask"), "ln inf mask");
        Prune.identity(c, "bias");
        Map<String, Object> custom = (Map<String, Object>) r.get("conv_custom");
        Prune.customFromMask(c, "weight", Reference.tensor(custom.get("mask_given")));
        close(custom.get("mask"), c.namedBuffers().get("weight_mask"), "custom mask");
        close(custom.get("bias_mask"), c.namedBuffers().get("bias_mask"), "identity mask");
        assertEquals(custom.get("keys"), new ArrayList<>(c.stateDict().keySet()));
    }

    @Test
    @SuppressWarnings("unchecked")
    void globalUnstructured() {
        Map<String, Object> r = prune();
        List<Object> initial = (List<Object>) r.get("global_initial");
        Linear a = loaded(new Linear(4, 3), initial.get(0)), b = loaded(new Linear(3, 2), initial.get(1));
        Prune.l1Unstructured(a, "weight", 2, null);
        Prune.globalUnstructured(List.of(new Prune.Target(a, "weight"), new Prune.Target(b, "weight"), new Prune.Target(b, "bias")),
                new Prune.L1Unstructured(0.4), null);
        Map<String, Object> g = (Map<String, Object>) r.get("global");
        List<Object> masks = (List<Object>) g.get("masks");
        close(masks.get(0), a.namedBuffers().get("weight_mask"), "a.weight_mask");
        close(masks.get(1), b.namedBuffers().get("weight_mask"), "b.weight_mask");
        close(masks.get(2), b.namedBuffers().get("bias_mask"), "b.bias_mask");
        assertEquals(g.get("keys"), List.of(new ArrayList<>(a.stateDict().keySet()), new ArrayList<>(b.stateDict().keySet())));
    }

    /** A mask that cannot be computed leaves the module pruned as it was. */
    @Test
    void failedPruningChangesNothing() {
        Linear m = new Linear(3, 2);
        Prune.l1Unstructured(m, "weight", 1, null);
        Tensor mask = m.namedBuffers().get("weight_mask").clone();
        assertThrows(IllegalArgumentException.class, () -> Prune.l1Unstructured(m, "weight", 9, null));
        assertEquals(0.0, m.namedBuffers().get("weight_mask").sub(mask).abs().max().item(), 0.0);
        assertTrue(Prune.isPruned(m));
        Prune.l1Unstructured(m, "weight", 1, null);
        assertEquals(4.0, m.namedBuffers().get("weight_mask").sum().item(), 0.0);
        assertFalse(Prune.isPruned(Prune.remove(m, "weight")));
        assertThrows(IllegalArgumentException.class, () -> Prune.l1Unstructured(new Linear(3, 2), "weight", 9, null));
    }

    /** The gradient through the mask: gradcheck and gradgradcheck in float64 with respect to weight_orig and the input. */
    @Test
    void gradcheckThroughTheMask() {
        Linear m = new Linear(3, 2);
        m.to(org.torch4j.DType.FLOAT64);
        Prune.l1Unstructured(m, "weight", 2, null);
        Tensor x = Torch.randn(4, 3).to(org.torch4j.DType.FLOAT64).requiresGrad_();
        List<Tensor> all = new ArrayList<>(List.of(x));
        all.addAll(m.parameters());
        org.torch4j.GradCheck.Fn f = xs -> List.of(m.call(xs.get(0)));
        org.torch4j.GradCheck.gradcheck(f, all, org.torch4j.GradCheck.EPS, org.torch4j.GradCheck.ATOL, org.torch4j.GradCheck.RTOL);
        org.torch4j.GradCheck.gradgradcheck(f, all, org.torch4j.GradCheck.EPS, org.torch4j.GradCheck.ATOL, org.torch4j.GradCheck.RTOL);
        assertTrue(Prune.isPruned(m) && m.parameters().size() == 2);
        assertEquals(PruningContainer.class, Prune.apply(m, "weight", new Prune.Identity(), null).getClass());
    }
}
