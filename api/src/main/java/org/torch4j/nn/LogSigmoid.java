package org.torch4j.nn;

import org.torch4j.Tensor;

/** {@code log(sigmoid(x))} elementwise, computed stably ({@code torch.nn.LogSigmoid}). */
public class LogSigmoid extends Module {
    /** The module; it has no options. */
    public LogSigmoid() {}

    @Override
    public Tensor forward(Tensor input) {
        return F.logsigmoid(input);
    }
}
