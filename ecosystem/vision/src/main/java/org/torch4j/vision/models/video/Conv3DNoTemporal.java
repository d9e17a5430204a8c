package org.torch4j.vision.models.video;

import org.torch4j.nn.Conv3d;

/**
 * A bias-free 1x3x3 convolution, strided in space only ({@code torchvision.models.video.resnet.Conv3DNoTemporal}):
 * MC3's blocks after the first stage.
 */
public class Conv3DNoTemporal extends Conv3d {
    /**
     * A convolution from {@code inPlanes} to {@code outPlanes} channels.
     *
     * @param inPlanes the input channels
     * @param outPlanes the output channels
     * @param stride the stride in height and width
     * @param padding the padding in height and width
     */
    public Conv3DNoTemporal(long inPlanes, long outPlanes, long stride, long padding) {
        super(inPlanes, outPlanes, new long[] {1, 3, 3}, new long[] {1, stride, stride}, new long[] {0, padding, padding},
                new long[] {1, 1, 1}, 1, false, "zeros");
    }
}
