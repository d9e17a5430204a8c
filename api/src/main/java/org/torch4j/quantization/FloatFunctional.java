package org.torch4j.quantization;

import org.torch4j.Tensor;
import org.torch4j.nn.Identity;
import org.torch4j.nn.Module;

/**
 * A float operation whose output static quantization observes ({@code torch.ao.nn.quantized.FloatFunctional}):
 * {@link #add} is {@code x + y} passed through its {@code activation_post_process} child (an {@link Identity} until
 * {@link StaticQuantization#prepare prepare} puts an observer there); {@link StaticQuantization#convert convert}
 * replaces it by a {@link QFunctional}, which a field typed {@code FloatFunctional} can hold.
 */
public class FloatFunctional extends Module {
    /** An add with an identity post-process. */
    public FloatFunctional() {
        addModule("activation_post_process", new Identity());
    }

    /** Refused, as PyTorch: the operations are methods. */
    @Override
    public Tensor forward(Tensor x) {
        throw new UnsupportedOperationException("FloatFunctional is not intended to use the 'forward'. Please use the underlying operation");
    }

    /**
     * {@code add(x, y)}: the sum, observed.
     *
     * @param x a float tensor
     * @param y a float tensor of a broadcastable shape
     * @return the sum
     */
    public Tensor add(Tensor x, Tensor y) {
        return namedChildren().get("activation_post_process").call(x.add(y));
    }
}
