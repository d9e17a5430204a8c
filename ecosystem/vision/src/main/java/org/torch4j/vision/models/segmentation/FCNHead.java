package org.torch4j.vision.models.segmentation;

import org.torch4j.nn.BatchNorm2d;
import org.torch4j.nn.Conv2d;
import org.torch4j.nn.Dropout;
import org.torch4j.nn.ReLU;
import org.torch4j.nn.Sequential;

/**
 * The fully convolutional head ({@code torchvision.models.segmentation.fcn.FCNHead}): a bias-free 3x3 conv
 * to a quarter of the input channels, batch norm, ReLU, dropout 0.1, and a 1x1 conv (with bias) to the
 * classes. FCN's heads and the DeepLabV3 models' auxiliary head.
 */
public class FCNHead extends Sequential {
    /** A head from {@code inChannels} features to {@code channels} logits. */
    public FCNHead(long inChannels, long channels) {
        super(new Conv2d(inChannels, inChannels / 4, new long[] {3}, new long[] {1}, new long[] {1}, new long[] {1}, 1, false, "zeros"),
                new BatchNorm2d(inChannels / 4), new ReLU(), new Dropout(0.1), new Conv2d(inChannels / 4, channels, 1));
    }
}
