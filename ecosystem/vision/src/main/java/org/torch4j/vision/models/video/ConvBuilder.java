package org.torch4j.vision.models.video;

import org.torch4j.nn.Module;

/**
 * The convolution a {@link VideoResNet} stage builds its blocks from (torchvision's {@code conv_makers}: the classes
 * {@code Conv3DSimple}, {@code Conv3DNoTemporal} and {@code Conv2Plus1D}), and the stride of that stage's shortcut
 * projection ({@code get_downsample_stride}).
 */
public enum ConvBuilder {
    /** {@link Conv3DSimple}: full 3x3x3 convolutions, downsampling in time and space. */
    SIMPLE,
    /** {@link Conv3DNoTemporal}: 1x3x3 convolutions, downsampling in space only. */
    NO_TEMPORAL,
    /** {@link Conv2Plus1D}: factored (2+1)D convolutions, downsampling in time and space. */
    TWO_PLUS_ONE_D;

    /**
     * A convolution with padding 1.
     *
     * @param inPlanes the input channels
     * @param outPlanes the output channels
     * @param midplanes the (2+1)D convolution's middle channels (unused by the others)
     * @param stride the stride
     * @return the new convolution
     */
    public Module build(long inPlanes, long outPlanes, long midplanes, long stride) {
        return switch (this) {
            case SIMPLE -> new Conv3DSimple(inPlanes, outPlanes, stride, 1);
            case NO_TEMPORAL -> new Conv3DNoTemporal(inPlanes, outPlanes, stride, 1);
            case TWO_PLUS_ONE_D -> new Conv2Plus1D(inPlanes, outPlanes, midplanes, stride, 1);
        };
    }

    /**
     * The (time, height, width) stride of the 1x1x1 shortcut projection of a block with stride {@code stride}.
     *
     * @param stride the block's stride
     * @return {@code {1, stride, stride}} for {@link #NO_TEMPORAL}, else {@code stride} in every dimension
     */
    public long[] downsampleStride(long stride) {
        return this == NO_TEMPORAL ? new long[] {1, stride, stride} : new long[] {stride, stride, stride};
    }
}
