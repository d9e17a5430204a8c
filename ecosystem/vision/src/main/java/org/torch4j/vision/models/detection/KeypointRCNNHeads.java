package org.torch4j.vision.models.detection;

import org.torch4j.nn.Conv2d;
import org.torch4j.nn.Init;
import org.torch4j.nn.Module;
import org.torch4j.nn.ReLU;
import org.torch4j.nn.Sequential;

/**
 * Keypoint R-CNN's keypoint head ({@code torchvision.models.detection.keypoint_rcnn.KeypointRCNNHeads}): 3x3
 * convolutions each followed by ReLU (children {@code 0, 1, 2, ...}), re-initialised Kaiming-normal (fan out), zero bias.
 */
public class KeypointRCNNHeads extends Sequential {
    /**
     * A head.
     *
     * @param inChannels the pooled features' channels
     * @param layers each convolution's channels
     */
    public KeypointRCNNHeads(long inChannels, long[] layers) {
        long next = inChannels;
        for (long out : layers) {
            add(new Conv2d(next, out, 3, 1, 1));
            add(new ReLU(true));
            next = out;
        }
        for (Module m : children()) {
            if (m instanceof Conv2d c) {
                Init.kaimingNormal_(c.weight, 0, "fan_out", "relu");
                Init.constant_(c.bias, 0);
            }
        }
    }
}
