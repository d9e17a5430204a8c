package org.torch4j.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.torch4j.Autograd;
import org.torch4j.Device;
import org.torch4j.Tensor;

/**
 * Random autograd programs against PyTorch 1.13 ({@code tools/gen_autograd_programs_reference.py}, run by
 * {@link AutogradPrograms}): elementwise functions, broadcasting binary ops, reductions, softmax, products, joins,
 * detached tensors and ops under no_grad, views and in-place ops, retain_grad and gradient hooks composed at
 * random, a third of them differentiated twice; the loss, the leaves' gradients and the retained gradients must
 * be PyTorch's.
 */
@SuppressWarnings("unchecked")
class AutogradProgramsTest {

    /** Where the programs run (CudaAutogradProgramsTest: on cuda). */
    protected Device device() {
        return Device.CPU;
    }

    /** The relative tolerance of the mixed programs' numbers (see float32Error). */
    private static final double MIXED_RTOL = 1e-6;

    private static final String OVERWRITTEN = "one of the variables needed for gradient computation has been modified by "
            + "an inplace operation: ";

    @TestFactory
    Stream<DynamicTest> programsMatchPyTorch() {
        return programs("autograd_programs.json");
    }

    /**
     * Programs that start from x (float64) and x2 (float32) both: ops meet two dtypes (promotion, in-place writes of
     * one into the other, casts of gradients back to each leaf's dtype).
     */
    @TestFactory
    Stream<DynamicTest> mixedProgramsMatchPyTorch() {
        return programs("autograd_programs_mixed.json");
    }

    private Stream<DynamicTest> programs(String file) {
        Map<String, Object> ref = (Map<String, Object>) Reference.load(file);
        boolean mixed = Boolean.TRUE.equals(ref.get("mixed"));
        List<Object> programs = (List<Object>) ref.get("programs");
        return IntStream.range(0, programs.size()).mapToObj(n -> DynamicTest.dynamicTest("program " + n, () -> {
            Map<String, Object> expected = (Map<String, Object>) programs.get(n);
            List<Object> steps = (List<Object>) expected.get("steps");
            String context = "steps " + steps + (Boolean.TRUE.equals(expected.get("double")) ? ", twice" : "");
            Tensor x = Reference.tensor(ref.get("x")).to(device()).requiresGrad_();
            Tensor x2 = Reference.tensor(ref.get("x2")).to(device()).requiresGrad_();
            AutogradPrograms program = new AutogradPrograms(x, x2, mixed);
            program.run(steps);
            Tensor loss = program.loss();
            boolean twice = Boolean.TRUE.equals(expected.get("double"));
            if (twice) {
                Tensor g;
                try {
                    g = Autograd.grad(List.of(loss), List.of(x), null, true, true, false).get(0);
                } catch (IllegalStateException error) {
                    if (!refusedAlike(expected, error)) throw error;
                    return;
                }
                if (!g.requiresGrad()) {
                    // the first derivative is constant in x and x2 for torch4j's formulas; PyTorch's may still record
                    // a graph (relu's threshold_backward), whose gradients must then be zeros
                    for (String key : List.of("grad_x", "grad_x2")) assertZeroOrAbsent(expected.get(key), context + " " + key);
                    return;
                }
                loss = g.mul(AutogradPrograms.weights(99, g)).sum();
            }
            if (!check(expected, loss, x, x2, twice, context)) return;
            List<Object> retained = (List<Object>) expected.get("retained");
            assertEquals(retained.size(), program.retained.size(), context);
            for (int k = 0; k < retained.size(); k++) {
                Tensor grad = program.tensors.get(program.retained.get(k)).grad();
                if (retained.get(k) == null) assertNull(grad, context + " retained " + k);
                else assertGrad(retained.get(k), grad, float32Error(expected, "retained", k), context + " retained " + k);
            }
        }));
    }

    /**
     * Runs backward from {@code loss} and compares the loss and the leaves' gradients; false (and nothing compared)
     * when torch4j refuses in backward where PyTorch refused too: a tensor saved for backward was overwritten (where
     * PyTorch refused, a program that runs compares with PyTorch's gradients of it with its in-place ops through
     * clones and unbind as select: the generators' lenient run).
     */
    static boolean check(Map<String, Object> expected, Tensor loss, Tensor x, Tensor x2, boolean twice, String context) {
        try {
            loss.backward();
        } catch (IllegalStateException error) {
            if (!refusedAlike(expected, error)) throw error;
            return false;
        }
        double want = Reference.number(expected.get("loss"));
        if (Double.isNaN(want)) assertTrue(Double.isNaN(loss.item()), context + ": NaN expected, got " + loss.item());
        // (relative 1e-8: a second derivative's sum cancels terms of 1e7 in long chains of exp)
        else if (!mixed(expected)) assertEquals(want, loss.item(), 1e-8 * Math.max(1, Math.abs(want)), context);
        else assertEquals(want, loss.item(), MIXED_RTOL * Math.max(1, Math.abs(want)) + float32Error(expected, "loss", -1), context);
        checkGrad(expected.get("grad_x"), x.grad(), twice, float32Error(expected, "grad_x", -1), context + " grad_x");
        checkGrad(expected.get("grad_x2"), x2.grad(), twice, float32Error(expected, "grad_x2", -1), context + " grad_x2");
        return true;
    }

    private static boolean refusedAlike(Map<String, Object> expected, IllegalStateException error) {
        return expected.containsKey("error") && error.getMessage().startsWith(OVERWRITTEN);
    }

    /**
     * A leaf's gradient; PyTorch's none is torch4j's none, except in a second derivative, where either side's
     * graph may reach a leaf through ops whose derivative is zero: there none and zeros are alike.
     */
    private static void checkGrad(Object expected, Tensor actual, boolean twice, double float32Error, String context) {
        if (expected == null && actual == null) return;
        if (expected != null && actual != null) assertGrad(expected, actual, float32Error, context);
        else if (!twice) assertEquals(expected == null, actual == null, context + ": none on one side only");
        else if (expected != null) assertZeroOrAbsent(expected, context);
        else assertTrue(actual.eq(0.0).all().item() != 0, context + ": zeros where PyTorch has none, got " + actual);
    }

    /**
     * A mixed program's quantity (the loss, a leaf's or the k-th retained gradient) is compared within relative
     * {@link #MIXED_RTOL} of its scale plus three times PyTorch's own float32 error in it (the generator's 'err':
     * how far it moves when x2 is float64): torch4j's float32 kernels round the last bit their own way (sin within
     * 1.5 ulp where PyTorch's is within 0.8, ...), and the loss sums many such terms. -1 for the float64 programs,
     * whose numbers are compared at float64's tolerance.
     */
    private static double float32Error(Map<String, Object> expected, String quantity, int k) {
        if (!mixed(expected)) return -1;
        Object e = ((Map<String, Object>) expected.get("err")).get(quantity);
        return 3 * Reference.number(k < 0 ? e : ((List<Object>) e).get(k));
    }

    private static boolean mixed(Map<String, Object> expected) {
        return expected.containsKey("err");
    }

    private static void assertGrad(Object expected, Tensor actual, double float32Error, String context) {
        if (float32Error < 0) {
            Reference.assertTensor(expected, actual, context);
        } else {
            Reference.assertTensor(expected, actual, MIXED_RTOL, MIXED_RTOL * maxAbs(expected) + float32Error, context);
        }
    }

    /** The largest finite magnitude among the expected values, at least 1. */
    private static double maxAbs(Object expected) {
        double m = 1;
        for (Object v : Reference.data((Map<String, Object>) expected)) {
            double a = Math.abs(Reference.number(v));
            if (Double.isFinite(a)) m = Math.max(m, a);
        }
        return m;
    }

    private static void assertZeroOrAbsent(Object expected, String context) {
        if (expected == null) return;
        for (Object v : Reference.data((Map<String, Object>) expected)) assertEquals(0.0, Math.abs(Reference.number(v)), context);
    }
}
