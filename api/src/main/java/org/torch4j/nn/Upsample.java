package org.torch4j.nn;

import org.torch4j.Tensor;

/** Resizes the spatial dims by {@code F.interpolate} ({@code torch.nn.Upsample}). */
public class Upsample extends Module {
    private final long[] size;
    private final double[] scaleFactor;
    /** The interpolation mode, as {@link F#interpolate} takes it. */
    public final String mode;
    /** alignCorners of the interpolating modes (null: PyTorch's None). */
    public final Boolean alignCorners;
    /** Whether the output size is computed from the scale factor first (null: PyTorch's None). */
    public final Boolean recomputeScaleFactor;

    /** Scales every spatial dim by {@code scaleFactor} with mode "nearest", "linear", "bilinear". */
    public Upsample(double scaleFactor, String mode) {
        this(null, new double[] {scaleFactor}, mode, null);
    }

    /** To {@code size} or by {@code scaleFactor} (one of them null) with {@code mode}; see {@link F#interpolate}. */
    public Upsample(long[] size, double[] scaleFactor, String mode, Boolean alignCorners) {
        this(size, scaleFactor, mode, alignCorners, null);
    }

    /**
     * To {@code size} or by {@code scaleFactor} (one of them null) with {@code mode}, {@code alignCorners}
     * and {@code recomputeScaleFactor} as {@link F#interpolate(Tensor, long[], double[], String, Boolean, Boolean)}
     * takes them.
     */
    public Upsample(long[] size, double[] scaleFactor, String mode, Boolean alignCorners, Boolean recomputeScaleFactor) {
        this.size = size;
        this.scaleFactor = scaleFactor;
        this.mode = mode;
        this.alignCorners = alignCorners;
        this.recomputeScaleFactor = recomputeScaleFactor;
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.interpolate(input, size, scaleFactor, mode, alignCorners, recomputeScaleFactor);
    }

    @Override
    protected String extraRepr() {
        String s = size != null ? "size=" + Py.intOrTuple(size)
                : "scale_factor=" + (scaleFactor.length == 1 ? Py.repr(scaleFactor[0]) : Py.tuple(scaleFactor));
        return s + ", mode=" + mode;
    }
}
