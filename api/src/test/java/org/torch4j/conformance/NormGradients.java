package org.torch4j.conformance;

import java.util.List;
import java.util.Map;
import org.torch4j.Autograd;
import org.torch4j.DType;
import org.torch4j.Tensor;

/**
 * The gradient checks the normalization references share (written by {@code reference_io.norm_gradients}): of
 * {@code sum(y * g)} with respect to the input and, where given, the weight and bias; in float64 also the
 * second-order term, the input gradient of {@code sum(dx * v)}, through a graph of the first backward.
 */
final class NormGradients {
    private NormGradients() {}

    /**
     * Asserts {@code want}'s {@code dx}, {@code dweight}, {@code dbias} and (float64) {@code ddx} for {@code y} of
     * inputs {@code x}, {@code w}, {@code b} ({@code w} null: no affine parameters), {@code g} and {@code v} from
     * {@code c}; the input and weight gradients within {@code rtol}/{@code atol}, the others at their dtype's tolerance.
     */
    static void assertMatch(Map<String, Object> c, Map<String, Object> want, Tensor y, Tensor x, Tensor w, Tensor b, DType dtype,
                            double rtol, double atol, String name) {
        boolean second = dtype == DType.FLOAT64;
        List<Tensor> inputs = w == null ? List.of(x) : List.of(x, w, b);
        List<Tensor> grads = Autograd.grad(List.of(y.mul(Reference.tensor(c.get("g")).to(dtype)).sum()), inputs, null, true, second, false);
        Reference.assertTensor(want.get("dx"), grads.get(0), rtol, atol, name + " input gradient");
        if (w != null) {
            Reference.assertTensor(want.get("dweight"), grads.get(1), rtol, atol, name + " weight gradient");
            Reference.assertTensor(want.get("dbias"), grads.get(2), name + " bias gradient");
        }
        if (second) {
            Tensor ddx = Autograd.grad(grads.get(0).mul(Reference.tensor(c.get("v"))).sum(), x, false);
            Reference.assertTensor(want.get("ddx"), ddx, name + " second-order input gradient");
        }
    }
}
