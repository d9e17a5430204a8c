package org.torch4j.nn;

/** Pads the last dim with its reflection ({@code torch.nn.ReflectionPad1d}). */
public class ReflectionPad1d extends PadNd {
    /** The same size on every side. */
    public ReflectionPad1d(long padding) {
        this(new long[] {padding});
    }

    /** The sizes (left, right), or one for every side. */
    public ReflectionPad1d(long... padding) {
        super(1, padding, "reflect", 0.0);
    }
}
