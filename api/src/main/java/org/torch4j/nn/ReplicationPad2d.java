package org.torch4j.nn;

/** Pads the last two dims by repeating their edges ({@code torch.nn.ReplicationPad2d}). */
public class ReplicationPad2d extends PadNd {
    /** The same size on every side. */
    public ReplicationPad2d(long padding) {
        this(new long[] {padding});
    }

    /** The sizes (left, right, top, bottom), or one for every side. */
    public ReplicationPad2d(long... padding) {
        super(2, padding, "replicate", 0.0);
    }
}
