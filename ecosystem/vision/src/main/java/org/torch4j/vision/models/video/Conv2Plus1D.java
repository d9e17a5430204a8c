package org.torch4j.vision.models.video;

import org.torch4j.nn.BatchNorm3d;
import org.torch4j.nn.Conv3d;
import org.torch4j.nn.ReLU;
import org.torch4j.nn.Sequential;

/**
 * A 3x3x3 convolution factored into a spatial 1x3x3 and a temporal 3x1x1 one with a batch norm and ReLU between
 * ({@code torchvision.models.video.resnet.Conv2Plus1D}): children {@code 0} to {@code 3}, all convolutions bias-free.
 */
public class Conv2Plus1D extends Sequential {
    /**
     * The factored convolution.
     *
     * @param inPlanes the input channels
     * @param outPlanes the output channels
     * @param midplanes the channels between the spatial and the temporal convolution
     * @param stride the stride, spatial in the first convolution and temporal in the second
     * @param padding the padding, likewise
     */
    public Conv2Plus1D(long inPlanes, long outPlanes, long midplanes, long stride, long padding) {
        super(new Conv3d(inPlanes, midplanes, new long[] {1, 3, 3}, new long[] {1, stride, stride}, new long[] {0, padding, padding},
                        new long[] {1, 1, 1}, 1, false, "zeros"),
                new BatchNorm3d(midplanes), new ReLU(true),
                new Conv3d(midplanes, outPlanes, new long[] {3, 1, 1}, new long[] {stride, 1, 1}, new long[] {padding, 0, 0},
                        new long[] {1, 1, 1}, 1, false, "zeros"));
    }
}
