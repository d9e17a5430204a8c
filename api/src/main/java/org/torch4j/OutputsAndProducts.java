package org.torch4j;

import java.util.List;

/**
 * The result of the several-tensor forms of {@link AutogradFunctional#vjp}, {@code jvp}, {@code vhp} and
 * {@code hvp}: PyTorch's {@code (func_output, products)} with both sides as tuples.
 *
 * @param outputs the function's outputs at the inputs (one element for the scalar functions of vhp and hvp)
 * @param products one product per input (vjp, vhp, hvp) or per output (jvp)
 */
public record OutputsAndProducts(List<Tensor> outputs, List<Tensor> products) {
    /** Copies the lists, so that the record is immutable. */
    public OutputsAndProducts {
        outputs = List.copyOf(outputs);
        products = List.copyOf(products);
    }
}
