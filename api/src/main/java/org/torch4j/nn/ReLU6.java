package org.torch4j.nn;

/** {@code min(max(0, x), 6)} ({@code torch.nn.ReLU6}): a {@link Hardtanh} with the bounds 0 and 6. */
public class ReLU6 extends Hardtanh {
    /** {@code nn.ReLU6()}. */
    public ReLU6() {
        this(false);
    }

    /** {@code nn.ReLU6(inplace)}: with {@code inplace} the result is written into the input. */
    public ReLU6(boolean inplace) {
        super(0.0, 6.0, inplace);
    }

    @Override
    protected String extraRepr() {
        return inplace ? "inplace=True" : "";
    }
}
