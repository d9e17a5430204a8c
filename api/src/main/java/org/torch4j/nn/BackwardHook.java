package org.torch4j.nn;

import java.util.List;
import org.torch4j.Tensor;

/**
 * A hook run when the gradients with respect to a module's inputs have been computed
 * ({@code register_full_backward_hook} in PyTorch), registered with
 * {@link Module#registerFullBackwardHook(BackwardHook)}.
 *
 * <p>Positions follow the call's arguments and forward's result as PyTorch's tuples: {@code gradInput}
 * has one entry per argument of the {@code call} and {@code gradOutput} one per component of a record
 * result (one for a tensor result). An entry is null where that argument or component is not a tensor
 * or received no gradient; a tensor argument that does not require grad gets zeros (PyTorch 1.13) when
 * another one does, and every entry of {@code gradInput} is null when none does (the hook then runs
 * as soon as the gradients of the outputs are known).
 *
 * <pre>{@code
 * model.registerFullBackwardHook((module, gradInput, gradOutput) -> {
 *     System.out.println("|grad out| = " + gradOutput.get(0).norm().item());
 *     return null;                                    // keeps the gradients
 * });
 * }</pre>
 */
@FunctionalInterface
public interface BackwardHook {

    /**
     * Runs once the gradients with respect to the module's inputs are known.
     *
     * @param module the module the gradients flow through
     * @param gradInput the gradients with respect to the call's arguments, immutable
     * @param gradOutput the gradients with respect to forward's result, immutable
     * @return null to keep {@code gradInput}, or replacements (one per argument; entries at positions
     *     that are not tensors are ignored), which flow on to the inputs instead; a module none of whose
     *     inputs requires grad must return null or only nulls
     */
    List<Tensor> apply(Module module, List<Tensor> gradInput, List<Tensor> gradOutput);
}
