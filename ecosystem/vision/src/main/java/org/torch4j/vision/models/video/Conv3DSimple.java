package org.torch4j.vision.models.video;

import org.torch4j.nn.Conv3d;

/** A bias-free 3x3x3 convolution, strided in time and space ({@code torchvision.models.video.resnet.Conv3DSimple}). */
public class Conv3DSimple extends Conv3d {
    /**
     * A convolution from {@code inPlanes} to {@code outPlanes} channels.
     *
     * @param inPlanes the input channels
     * @param outPlanes the output channels
     * @param stride the stride in every dimension
     * @param padding the padding in every dimension
     */
    public Conv3DSimple(long inPlanes, long outPlanes, long stride, long padding) {
        super(inPlanes, outPlanes, new long[] {3, 3, 3}, new long[] {stride, stride, stride}, new long[] {padding, padding, padding},
                new long[] {1, 1, 1}, 1, false, "zeros");
    }
}
