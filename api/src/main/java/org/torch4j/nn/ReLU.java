package org.torch4j.nn;

import org.torch4j.Tensor;

/** Rectified linear unit. ({@code torch.nn.ReLU}) */
public class ReLU extends Module {
    /** Whether forward overwrites its input ({@code inplace=True}). */
    public final boolean inplace;

    /** {@code nn.ReLU()}. */
    public ReLU() {
        this(false);
    }

    /** {@code nn.ReLU(inplace)}: with {@code inplace} the result is written into the input ({@link Tensor#relu_()}). */
    public ReLU(boolean inplace) {
        this.inplace = inplace;
    }

    @Override
    public Tensor forward(Tensor input) {
        return inplace ? input.relu_() : F.relu(input);
    }

    @Override
    protected String extraRepr() {
        return inplace ? "inplace=True" : "";
    }
}
