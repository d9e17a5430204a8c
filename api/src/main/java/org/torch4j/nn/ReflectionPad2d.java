package org.torch4j.nn;

/** Pads the last two dims with their reflection ({@code torch.nn.ReflectionPad2d}). */
public class ReflectionPad2d extends PadNd {
    /** The same size on every side. */
    public ReflectionPad2d(long padding) {
        this(new long[] {padding});
    }

    /** The sizes (left, right, top, bottom), or one for every side. */
    public ReflectionPad2d(long... padding) {
        super(2, padding, "reflect", 0.0);
    }
}
