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

    private static final String OVERWRITTEN = "one of the variables needed for gradient computation has been modified by "
            + "an inplace operation: ";

    @SuppressWarnings("unchecked")
    @TestFactory
    Stream<DynamicTest> programsMatchPyTorch() {
        Map<String, Object> ref = (Map<String, Object>) Reference.load("autograd_programs.json");
        List<Object> programs = (List<Object>) ref.get("programs");
        return IntStream.range(0, programs.size()).mapToObj(n -> DynamicTest.dynamicTest("program " + n, () -> {
            Map<String, Object> expected = (Map<String, Object>) programs.get(n);
            List<Object> steps = (List<Object>) expected.get("steps");
            String context = "steps " + steps + (Boolean.TRUE.equals(expected.get("double")) ? ", twice" : "");
            Tensor x = Reference.tensor(ref.get("x")).to(device()).requiresGrad_();
            Tensor x2 = Reference.tensor(ref.get("x2")).to(device()).requiresGrad_();
            AutogradPrograms program = new AutogradPrograms(x, x2);
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
                else Reference.assertTensor(retained.get(k), grad, context + " retained " + k);
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
        else assertEquals(want, loss.item(), 1e-8 * Math.max(1, Math.abs(want)), context);
        checkGrad(expected.get("grad_x"), x.grad(), twice, context + " grad_x");
        checkGrad(expected.get("grad_x2"), x2.grad(), twice, context + " grad_x2");
        return true;
    }

    private static boolean refusedAlike(Map<String, Object> expected, IllegalStateException error) {
        return expected.containsKey("error") && error.getMessage().startsWith(OVERWRITTEN);
    }

    /**
     * A leaf's gradient; PyTorch's none is torch4j's none, except in a second derivative, where either side's
     * graph may reach a leaf through ops whose derivative is zero: there none and zeros are alike.
     */
    private static void checkGrad(Object expected, Tensor actual, boolean twice, String context) {
        if (expected == null && actual == null) return;
        if (expected != null && actual != null) Reference.assertTensor(expected, actual, context);
        else if (!twice) assertEquals(expected == null, actual == null, context + ": none on one side only");
        else if (expected != null) assertZeroOrAbsent(expected, context);
        else assertTrue(actual.eq(0.0).all().item() != 0, context + ": zeros where PyTorch has none, got " + actual);
    }

    private static void assertZeroOrAbsent(Object expected, String context) {
        if (expected == null) return;
        for (Object v : Reference.data((Map<String, Object>) expected)) assertEquals(0.0, Math.abs(Reference.number(v)), context);
    }
}
