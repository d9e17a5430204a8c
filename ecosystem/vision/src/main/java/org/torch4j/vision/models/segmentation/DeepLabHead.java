package org.torch4j.vision.models.segmentation;

import org.torch4j.nn.BatchNorm2d;
import org.torch4j.nn.Conv2d;
import org.torch4j.nn.ReLU;
import org.torch4j.nn.Sequential;

/**
 * DeepLabV3's head ({@code torchvision.models.segmentation.deeplabv3.DeepLabHead}): {@link ASPP} with rates
 * 12, 24 and 36 to 256 channels, a bias-free 3x3 conv, batch norm, ReLU, and a 1x1 conv to the classes.
 */
public class DeepLabHead extends Sequential {
    /** A head from {@code inChannels} features to {@code numClasses} logits. */
    public DeepLabHead(long inChannels, long numClasses) {
        super(new ASPP(inChannels, new long[] {12, 24, 36}, 256), ASPP.conv(256, 256, 3, 1), new BatchNorm2d(256), new ReLU(),
                new Conv2d(256, numClasses, 1));
    }
}
