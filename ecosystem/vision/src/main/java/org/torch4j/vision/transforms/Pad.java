package org.torch4j.vision.transforms;

import java.util.function.UnaryOperator;
import org.torch4j.Tensor;

/**
 * Pads the borders ({@code torchvision.transforms.Pad}): {@code padding} one value for all sides, two (left/right,
 * top/bottom) or four (left, top, right, bottom); mode constant (with {@code fill}), edge, reflect or symmetric.
 */
public final class Pad implements UnaryOperator<Tensor> {
    private final int[] ltrb;
    private final double fill;
    private final String mode;

    /** Constant zero padding. */
    public Pad(int... padding) {
        this(padding, 0, "constant");
    }

    /** Padding with a mode and, for constant padding, a fill value. */
    public Pad(int[] padding, double fill, String paddingMode) {
        this.ltrb = Functional.paddingLtrb(padding);
        this.fill = fill;
        this.mode = paddingMode;
    }

    @Override
    public Tensor apply(Tensor img) {
        return Functional.pad(img, ltrb[0], ltrb[1], ltrb[2], ltrb[3], fill, mode);
    }
}
