package org.torch4j.nn;

import java.util.List;
import org.torch4j.Tensor;

/**
 * A hook run when the gradients with respect to a module's outputs are known, before they flow into
 * the module ({@code register_full_backward_pre_hook}, which PyTorch added in 2.0), registered with
 * {@link Module#registerFullBackwardPreHook(BackwardPreHook)}. Positions are those of
 * {@link BackwardHook}'s {@code gradOutput}.
 */
@FunctionalInterface
public interface BackwardPreHook {

    /**
     * Runs once the gradients with respect to the module's output are known, before they flow into the module.
     *
     * @param module the module the gradients are about to flow into
     * @param gradOutput the gradients with respect to forward's result, immutable
     * @return null to keep them, or replacements (one per position), which flow into the module and which
     *     the later pre-hooks and the {@link BackwardHook}s see
     */
    List<Tensor> apply(Module module, List<Tensor> gradOutput);
}
