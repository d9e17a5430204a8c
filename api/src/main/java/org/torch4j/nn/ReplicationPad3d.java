package org.torch4j.nn;

/** Pads the last three dims by repeating their edges ({@code torch.nn.ReplicationPad3d}). */
public class ReplicationPad3d extends PadNd {
    /** The same size on every side. */
    public ReplicationPad3d(long padding) {
        this(new long[] {padding});
    }

    /** The sizes (left, right, top, bottom, front, back), or one for every side. */
    public ReplicationPad3d(long... padding) {
        super(3, padding, "replicate", 0.0);
    }
}
