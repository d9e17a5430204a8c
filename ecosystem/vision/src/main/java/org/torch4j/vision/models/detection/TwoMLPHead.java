package org.torch4j.vision.models.detection;

import org.torch4j.Tensor;
import org.torch4j.nn.Linear;
import org.torch4j.nn.Module;

/** Faster R-CNN's box head ({@code torchvision.models.detection.faster_rcnn.TwoMLPHead}): flatten, {@code fc6}, ReLU, {@code fc7}, ReLU. */
public class TwoMLPHead extends Module {
    /** The two layers. */
    public final Linear fc6, fc7;

    /**
     * A head.
     *
     * @param inChannels the flattened pooled features' size
     * @param representationSize the hidden and output size
     */
    public TwoMLPHead(long inChannels, long representationSize) {
        fc6 = registerModule("fc6", new Linear(inChannels, representationSize));
        fc7 = registerModule("fc7", new Linear(representationSize, representationSize));
    }

    /** {@code [K, representationSize]} from {@code [K, C, H, W]} pooled features. */
    @Override
    public Tensor forward(Tensor x) {
        return fc7.call(fc6.call(x.flatten(1, -1)).relu()).relu();
    }
}
