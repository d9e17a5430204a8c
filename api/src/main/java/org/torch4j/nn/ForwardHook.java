package org.torch4j.nn;

import java.util.List;

/**
 * A hook run after a module's forward ({@code register_forward_hook} in PyTorch), registered with
 * {@link Module#registerForwardHook(ForwardHook)}.
 *
 * <pre>{@code
 * List<Tensor> maps = new ArrayList<>();
 * layer.selfAttn.registerForwardHook((module, args, output) -> {
 *     maps.add(((F.Attention) output).weights());
 *     return null;                                    // keeps the output
 * });
 * }</pre>
 */
@FunctionalInterface
public interface ForwardHook {

    /**
     * Sees the arguments forward ran with (after the pre-hooks, as {@link ForwardPreHook}) and what it
     * returned (a {@link org.torch4j.Tensor}, or a record such as {@link F.Attention} or {@link LSTM.Output}).
     *
     * @param module the module being called
     * @param args the arguments forward ran with, immutable
     * @param output forward's result, or the replacement an earlier hook returned
     * @return null to keep the output, or a replacement of the same type, which the hooks after this
     *     one and the caller then see
     */
    Object apply(Module module, List<Object> args, Object output);
}
