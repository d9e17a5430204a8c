package org.torch4j.vision.models.video;

import org.torch4j.nn.BatchNorm3d;
import org.torch4j.nn.Conv3d;
import org.torch4j.nn.ReLU;
import org.torch4j.nn.Sequential;

/**
 * The default video ResNet stem ({@code torchvision.models.video.resnet.BasicStem}): a bias-free 3x7x7 convolution to
 * 64 channels, stride (1, 2, 2), padding (1, 3, 3); batch norm; ReLU.
 */
public class BasicStem extends Sequential {
    /** The stem for 3-channel clips. */
    public BasicStem() {
        super(new Conv3d(3, 64, new long[] {3, 7, 7}, new long[] {1, 2, 2}, new long[] {1, 3, 3}, new long[] {1, 1, 1}, 1, false, "zeros"),
                new BatchNorm3d(64), new ReLU(true));
    }
}
