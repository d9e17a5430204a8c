package org.torch4j.nn;

/** Pads the last dim by repeating its edge ({@code torch.nn.ReplicationPad1d}). */
public class ReplicationPad1d extends PadNd {
    /** The same size on every side. */
    public ReplicationPad1d(long padding) {
        this(new long[] {padding});
    }

    /** The sizes (left, right), or one for every side. */
    public ReplicationPad1d(long... padding) {
        super(1, padding, "replicate", 0.0);
    }
}
