package org.torch4j.vision.models.detection;

import org.torch4j.nn.Conv2d;
import org.torch4j.nn.ConvTranspose2d;
import org.torch4j.nn.Init;
import org.torch4j.nn.ReLU;
import org.torch4j.nn.Sequential;

/**
 * Mask logits per class ({@code torchvision.models.detection.mask_rcnn.MaskRCNNPredictor}): {@code conv5_mask}
 * (2x2 transposed convolution, stride 2), {@code relu}, {@code mask_fcn_logits} (1x1); weights re-initialised
 * Kaiming-normal (fan out), biases left at their defaults.
 */
public class MaskRCNNPredictor extends Sequential {
    /**
     * A predictor.
     *
     * @param inChannels the mask head's channels
     * @param dimReduced the transposed convolution's channels
     * @param numClasses the classes
     */
    public MaskRCNNPredictor(long inChannels, long dimReduced, long numClasses) {
        registerModule("conv5_mask", new ConvTranspose2d(inChannels, dimReduced, new long[] {2}, new long[] {2}, new long[] {0}, new long[] {0},
                1, true, new long[] {1}));
        registerModule("relu", new ReLU(true));
        registerModule("mask_fcn_logits", new Conv2d(dimReduced, numClasses, 1, 1, 0));
        for (var e : namedParameters().entrySet()) {
            if (e.getKey().contains("weight")) Init.kaimingNormal_(e.getValue(), 0, "fan_out", "relu");
        }
    }
}
