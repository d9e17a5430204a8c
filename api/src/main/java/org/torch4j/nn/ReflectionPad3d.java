package org.torch4j.nn;

/** Pads the last three dims with their reflection ({@code torch.nn.ReflectionPad3d}). */
public class ReflectionPad3d extends PadNd {
    /** The same size on every side. */
    public ReflectionPad3d(long padding) {
        this(new long[] {padding});
    }

    /** The sizes (left, right, top, bottom, front, back), or one for every side. */
    public ReflectionPad3d(long... padding) {
        super(3, padding, "reflect", 0.0);
    }
}
