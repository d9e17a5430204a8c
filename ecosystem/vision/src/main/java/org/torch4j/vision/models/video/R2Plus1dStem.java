package org.torch4j.vision.models.video;

import org.torch4j.nn.BatchNorm3d;
import org.torch4j.nn.Conv3d;
import org.torch4j.nn.ReLU;
import org.torch4j.nn.Sequential;

/**
 * R(2+1)D's stem ({@code torchvision.models.video.resnet.R2Plus1dStem}): a bias-free 1x7x7 convolution to 45 channels
 * (stride (1, 2, 2)), batch norm, ReLU, then a 3x1x1 convolution to 64 channels, batch norm, ReLU.
 */
public class R2Plus1dStem extends Sequential {
    /** The stem for 3-channel clips. */
    public R2Plus1dStem() {
        super(new Conv3d(3, 45, new long[] {1, 7, 7}, new long[] {1, 2, 2}, new long[] {0, 3, 3}, new long[] {1, 1, 1}, 1, false, "zeros"),
                new BatchNorm3d(45), new ReLU(true),
                new Conv3d(45, 64, new long[] {3, 1, 1}, new long[] {1, 1, 1}, new long[] {1, 0, 0}, new long[] {1, 1, 1}, 1, false, "zeros"),
                new BatchNorm3d(64), new ReLU(true));
    }
}
