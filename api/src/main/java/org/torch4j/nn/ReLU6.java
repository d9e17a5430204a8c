package org.torch4j.nn;

/** {@code min(max(0, x), 6)} ({@code torch.nn.ReLU6}): a {@link Hardtanh} with the bounds 0 and 6. */
public class ReLU6 extends Hardtanh {
    /** The module; it has no options. */
    public ReLU6() {
        super(0.0, 6.0);
    }

    @Override
    protected String extraRepr() {
        return "";
    }
}
