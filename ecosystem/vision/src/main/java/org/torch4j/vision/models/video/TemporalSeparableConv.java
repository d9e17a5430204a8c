package org.torch4j.vision.models.video;

import org.torch4j.nn.Sequential;

/**
 * S3D's separable convolution ({@code torchvision.models.video.s3d.TemporalSeparableConv}): a 1xkxk spatial
 * {@link Conv3dNormActivation} then a kx1x1 temporal one, each strided and padded in its own dimensions.
 */
public class TemporalSeparableConv extends Sequential {
    /**
     * The two blocks.
     *
     * @param inPlanes the input channels
     * @param outPlanes the output channels (of both blocks)
     * @param kernelSize k
     * @param stride the stride, spatial in the first block and temporal in the second
     * @param padding the padding, likewise
     */
    public TemporalSeparableConv(long inPlanes, long outPlanes, long kernelSize, long stride, long padding) {
        super(new Conv3dNormActivation(inPlanes, outPlanes, new long[] {1, kernelSize, kernelSize}, new long[] {1, stride, stride},
                        new long[] {0, padding, padding}),
                new Conv3dNormActivation(outPlanes, outPlanes, new long[] {kernelSize, 1, 1}, new long[] {stride, 1, 1},
                        new long[] {padding, 0, 0}));
    }
}
