package org.torch4j.nn;

import org.torch4j.Tensor;

/** Resizes the spatial dims by {@code F.interpolate} ({@code torch.nn.Upsample}). */
public class Upsample extends Module {
    private final long[] size;
    private final double[] scaleFactor;
    public final String mode;
    public final Boolean alignCorners;

    /** Scales every spatial dim by {@code scaleFactor} with mode "nearest", "linear", "bilinear". */
    public Upsample(double scaleFactor, String mode) {
        this(null, new double[] {scaleFactor}, mode, null);
    }

    public Upsample(long[] size, double[] scaleFactor, String mode, Boolean alignCorners) {
        this.size = size;
        this.scaleFactor = scaleFactor;
        this.mode = mode;
        this.alignCorners = alignCorners;
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.interpolate(input, size, scaleFactor, mode, alignCorners);
    }

    @Override
    protected String extraRepr() {
        String s = size != null ? "size=" + Py.intOrTuple(size)
                : "scale_factor=" + (scaleFactor.length == 1 ? Py.repr(scaleFactor[0]) : Py.tuple(scaleFactor));
        return s + ", mode=" + mode;
    }
}
