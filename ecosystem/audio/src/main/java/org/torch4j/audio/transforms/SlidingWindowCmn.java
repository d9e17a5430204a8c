package org.torch4j.audio.transforms;

import org.torch4j.Tensor;
import org.torch4j.audio.functional.Features;
import org.torch4j.nn.Module;

/** {@code torchaudio.transforms.SlidingWindowCmn}: {@link Features#slidingWindowCmn} on [..., frames, feats]. */
public final class SlidingWindowCmn extends Module {
    private final int cmnWindow, minCmnWindow;
    private final boolean center, normVars;

    /** torchaudio's defaults: a 600-frame window, at least 100, not centred, means only. */
    public SlidingWindowCmn() {
        this(600, 100, false, false);
    }

    /** A sliding window of {@code cmnWindow} frames. */
    public SlidingWindowCmn(int cmnWindow, int minCmnWindow, boolean center, boolean normVars) {
        this.cmnWindow = cmnWindow;
        this.minCmnWindow = minCmnWindow;
        this.center = center;
        this.normVars = normVars;
    }

    @Override
    public Tensor forward(Tensor specgram) {
        return Features.slidingWindowCmn(specgram, cmnWindow, minCmnWindow, center, normVars);
    }
}
