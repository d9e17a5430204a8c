package org.torch4j.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.torch4j.Autograd;
import org.torch4j.DType;
import org.torch4j.Device;
import org.torch4j.Index;
import org.torch4j.MemoryFormat;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * Autograd through in-place ops on views and on the bases of views, against PyTorch 1.13
 * ({@code tools/gen_view_inplace_reference.py}, one scenario there per entry here): a view whose base (or another
 * view of it) changed in place differentiates through the change, on transposed, strided, channels-last and
 * complex bases, to second order; retain_grad follows the tensor written in place (not its base); views made
 * under no_grad are refused as PyTorch refuses them. Then 600 random
 * programs of views, in-place ops and new tensors (run by {@link AutogradPrograms}, the generator's {@code run_program}):
 * the same loss and gradients as PyTorch. Where PyTorch refuses in backward because a tensor it saved was
 * overwritten, torch4j refuses the same way, or (in-place ops on views run on a copy, which is what gets saved)
 * gives the gradients PyTorch gives with those ops written through clones. PyTorch also refuses an output of
 * {@code unbind} whose base changed in place; torch4j differentiates it as the {@code select} it is.
 */
class InPlaceThroughViewsTest {

    /** One scenario: the loss from leaves x and x2 and weights w; {@code rec} takes the grad_fn names and flags. */
    private interface Scenario {
        Tensor run(Tensor x, Tensor x2, Tensor w, Map<String, Object> rec);
    }

    private static final Map<String, Scenario> SCENARIOS = new LinkedHashMap<>();

    private static Index all() {
        return Index.slice(null, null);
    }

    static {
        SCENARIOS.put("other_view_of_modified_base", (x, x2, w, rec) -> {
            Tensor y = x.mul(2.0);
            Tensor v = y.t();
            y.mul_(3.0);
            rec.put("grad_fn", v.gradFn().name());
            return v.mul(w.t()).sum();
        });
        SCENARIOS.put("view_of_transposed_result", (x, x2, w, rec) -> {
            Tensor y = x.mul(2.0).t();
            y.select(0, 1).mul_(3.0);
            return y.pow(2.0).mul(w.t()).sum();
        });
        SCENARIOS.put("clamp_through_narrow_of_transposed", (x, x2, w, rec) -> {
            Tensor u = x.mul(1.0).t();
            u.narrow(1, 0, 2).clamp_(-0.5, 0.5);
            return u.mul(w.t()).sum();
        });
        SCENARIOS.put("view_of_view_after_inner_view_changed", (x, x2, w, rec) -> {
            Tensor y = x.mul(2.0);
            Tensor a = y.select(0, 0);
            Tensor b = a.narrow(0, 1, 3);
            a.mul_(3.0);
            rec.put("grad_fn", b.gradFn().name());
            return b.mul(w.select(0, 0).narrow(0, 1, 3)).sum().add(y.mul(w).sum());
        });
        SCENARIOS.put("view_of_view_after_base_changed", (x, x2, w, rec) -> {
            Tensor y = x.mul(2.0);
            Tensor c = y.narrow(0, 1, 2).t();
            y.add_(x.mul(x));
            return c.mul(w.narrow(0, 1, 2).t()).sum();
        });
        SCENARIOS.put("strided_base", (x, x2, w, rec) -> {
            Tensor z = Torch.emptyStrided(new long[] {3, 4}, new long[] {1, 3}, DType.FLOAT64, Device.CPU);
            z.copy_(x.mul(2.0));
            z.select(0, 0).mul_(x2.select(0, 1));
            return z.mul(w).sum();
        });
        SCENARIOS.put("channels_last_base", (x, x2, w, rec) -> {
            Tensor z = x.reshape(2, 3, 2, 1).mul(1.0).contiguous(MemoryFormat.CHANNELS_LAST);
            z.select(1, 1).mul_(x2.reshape(2, 3, 2, 1).select(1, 0));
            z.select(0, 1).select(1, 0).add_(1.0);
            return z.mul(w.reshape(2, 3, 2, 1)).sum();
        });
        SCENARIOS.put("real_view_of_complex", (x, x2, w, rec) -> {
            Tensor zc = Torch.complex(x, x2).mul(1.0);
            Tensor r = Torch.viewAsReal(zc);
            r.index(Index.ELLIPSIS, Index.at(0)).mul_(w);
            return zc.real().mul(2.0).add(zc.imag().mul(w)).sum().add(r.pow(2.0).sum());
        });
        SCENARIOS.put("parts_of_complex", (x, x2, w, rec) -> {
            Tensor zc = Torch.complex(x, x2).mul(1.0);
            zc.real().mul_(w);
            zc.imag().add_(x);
            return zc.mul(zc.conj()).real().sum().add(zc.real().mul(w).sum());
        });
        SCENARIOS.put("retained_view_of_changed_base", (x, x2, w, rec) -> {
            Tensor y = x.mul(2.0);
            Tensor v = y.select(0, 0);
            v.retainGrad();
            y.mul_(x2);
            rec.put("retained", v);
            return v.mul(w.select(0, 0)).sum();
        });
        SCENARIOS.put("retained_view_changed", (x, x2, w, rec) -> {
            Tensor y = x.mul(2.0);
            Tensor v = y.select(0, 0);
            v.retainGrad();
            Tensor z = v.mul(w.select(0, 1)).sum();
            v.mul_(x2.select(0, 0));
            rec.put("retained", v);
            return z.add(v.mul(w.select(0, 0)).sum());
        });
        SCENARIOS.put("retained_tensor_changed", (x, x2, w, rec) -> {
            Tensor y = x.mul(2.0);
            y.retainGrad();
            Tensor z = y.mul(w.t().reshape(3, 4)).sum();
            y.tanh_();
            rec.put("retained", y);
            return z.add(y.mul(w).sum());
        });
        SCENARIOS.put("retained_base_of_changed_view", (x, x2, w, rec) -> {
            Tensor y = x.mul(2.0);
            y.retainGrad();
            Tensor z = y.mul(w.t().reshape(3, 4)).sum();
            y.select(0, 1).mul_(3.0);
            rec.put("retained", y);
            return z.add(y.mul(w).sum());
        });
        SCENARIOS.put("base_without_history_picks_it_up", (x, x2, w, rec) -> {
            Tensor b = Torch.zeros(new long[] {3, 4}, DType.FLOAT64, Device.CPU);
            Tensor v = b.select(0, 1);
            b.select(0, 0).copy_(x.select(0, 0).mul(2.0));
            rec.put("requires_grad", v.requiresGrad());
            rec.put("grad_fn", v.gradFn().name());
            return v.mul(w.select(0, 1)).sum().add(b.mul(w).sum());
        });
        SCENARIOS.put("double_backward", (x, x2, w, rec) -> {
            Tensor y = x.mul(1.0);
            Tensor v = y.t();
            y.mul_(x2);
            Tensor g = Autograd.grad(List.of(v.pow(3.0).sum()), List.of(x), null, true, true, false).get(0);
            return g.mul(w).sum();
        });
        SCENARIOS.put("two_views_changed", (x, x2, w, rec) -> {
            Tensor y = x.mul(1.0);
            Tensor c = y.t();
            y.select(0, 0).mul_(2.0);
            y.select(1, 1).add_(x2.select(1, 1));
            y.select(0, 2).sub_(1.0);
            return c.mul(w.t()).sum();
        });
        SCENARIOS.put("view_made_between_changes", (x, x2, w, rec) -> {
            Tensor y = x.mul(1.0);
            y.select(0, 0).mul_(2.0);
            Tensor v = y.select(1, 2);
            y.mul_(x2);
            return v.mul(w.select(1, 2)).sum().add(y.mul(w).sum());
        });
        SCENARIOS.put("base_changed_under_no_grad", (x, x2, w, rec) -> {
            Tensor y = x.mul(2.0);
            Tensor v = y.select(0, 0);
            try (Torch.Mode m = Torch.noGrad()) {
                y.mul_(3.0);
            }
            return v.mul(w.select(0, 0)).sum();
        });
        SCENARIOS.put("no_grad_view_of_changed_base", (x, x2, w, rec) -> {
            Tensor y = x.mul(2.0);
            Tensor v;
            try (Torch.Mode m = Torch.noGrad()) {
                v = y.select(0, 0);
            }
            y.mul_(x2);
            v.gradFn();
            return null;
        });
        SCENARIOS.put("no_grad_view_changed", (x, x2, w, rec) -> {
            Tensor y = x.mul(2.0);
            Tensor v;
            try (Torch.Mode m = Torch.noGrad()) {
                v = y.select(0, 0);
            }
            v.mul_(2.0);
            return null;
        });
    }

    @SuppressWarnings("unchecked")
    @TestFactory
    Stream<DynamicTest> randomProgramsMatchPyTorch() {
        Map<String, Object> ref = (Map<String, Object>) Reference.load("view_inplace.json");
        List<Object> programs = (List<Object>) ref.get("programs");
        return java.util.stream.IntStream.range(0, programs.size()).mapToObj(n -> DynamicTest.dynamicTest("program " + n, () -> {
            Map<String, Object> expected = (Map<String, Object>) programs.get(n);
            List<Object> steps = (List<Object>) expected.get("steps");
            Tensor x = Reference.tensor(ref.get("x")).requiresGrad_();
            Tensor x2 = Reference.tensor(ref.get("x2")).requiresGrad_();
            AutogradPrograms program = new AutogradPrograms(x, x2);
            program.run(steps);
            AutogradProgramsTest.check(expected, program.loss(), x, x2, false, "steps " + steps);
        }));
    }

    @SuppressWarnings("unchecked")
    @TestFactory
    Stream<DynamicTest> scenariosMatchPyTorch() {
        Map<String, Object> ref = (Map<String, Object>) Reference.load("view_inplace.json");
        Map<String, Object> cases = (Map<String, Object>) ref.get("cases");
        assertEquals(cases.keySet(), SCENARIOS.keySet());
        return SCENARIOS.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            Map<String, Object> expected = (Map<String, Object>) cases.get(e.getKey());
            Tensor x = Reference.tensor(ref.get("x")).requiresGrad_();
            Tensor x2 = Reference.tensor(ref.get("x2")).requiresGrad_();
            Tensor w = Reference.tensor(ref.get("w"));
            Map<String, Object> rec = new LinkedHashMap<>();
            if (expected.containsKey("error")) {
                IllegalStateException error = assertThrows(IllegalStateException.class, () -> e.getValue().run(x, x2, w, rec));
                assertEquals(expected.get("error"), error.getMessage());
                return;
            }
            Tensor loss = e.getValue().run(x, x2, w, rec);
            loss.backward();
            assertEquals(Reference.number(expected.get("loss")), loss.item(), 1e-12);
            for (String key : List.of("grad_fn", "requires_grad")) assertEquals(expected.get(key), rec.get(key), key);
            if (expected.containsKey("retained")) Reference.assertTensor(expected.get("retained"), ((Tensor) rec.get("retained")).grad(), "retained");
            if (expected.containsKey("grad_x2")) Reference.assertTensor(expected.get("grad_x2"), x2.grad(), "grad_x2");
            else assertNull(x2.grad(), "grad_x2");
            Reference.assertTensor(expected.get("grad_x"), x.grad(), "grad_x");
        }));
    }
}
