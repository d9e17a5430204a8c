package org.torch4j.text.transforms;

import org.torch4j.Tensor;
import org.torch4j.nn.F;

/**
 * {@code torchtext.transforms.PadTransform}: pads the last dimension of a tensor at the end with
 * {@code padValue} up to {@code maxLength}; longer tensors are returned as they are.
 */
public final class PadTransform implements TextTransform {
    private final long maxLength;
    private final double padValue;

    /** A transform padding to {@code maxLength} with {@code padValue}. */
    public PadTransform(long maxLength, double padValue) {
        this.maxLength = maxLength;
        this.padValue = padValue;
    }

    /** The padded tensor. */
    public Tensor forward(Tensor x) {
        long len = x.size(-1);   // a 0-dim input fails as torchtext's x.size(-1) does
        if (len < maxLength) return F.pad(x, new long[] {0, maxLength - len}, "constant", padValue);
        return x;
    }

    /** {@link #forward} for a {@link Tensor} input. */
    @Override
    public Object apply(Object input) {
        if (!(input instanceof Tensor t)) throw new IllegalArgumentException(Functional.UNSUPPORTED);
        return forward(t);
    }
}
