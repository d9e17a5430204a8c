package org.torch4j.vision.models.video;

import org.torch4j.Tensor;
import org.torch4j.nn.BatchNorm3d;
import org.torch4j.nn.Conv3d;
import org.torch4j.nn.Module;
import org.torch4j.nn.ReLU;
import org.torch4j.nn.Sequential;

/**
 * The video ResNets' bottleneck block ({@code torchvision.models.video.resnet.Bottleneck}): {@code conv1} (1x1x1
 * convolution, batch norm, ReLU), {@code conv2} (the stage's convolution, batch norm, ReLU) and {@code conv3} (1x1x1
 * convolution to 4x the planes, batch norm), the shortcut added, then ReLU. No torchvision builder uses it.
 */
public class Bottleneck extends Module {
    /** Output channels per plane (4 for this block). */
    public static final int EXPANSION = 4;

    /** The three convolution sequences. */
    public final Sequential conv1, conv2, conv3;
    /** {@code nn.ReLU(inplace=True)} after the sum with the shortcut. */
    public final ReLU relu;
    /** The shortcut's projection when the shape changes, else null. */
    public final Module downsample;

    /**
     * A block from {@code inplanes} to {@code 4 * planes} channels.
     *
     * @param inplanes the input channels
     * @param planes the bottleneck's channels
     * @param convBuilder the middle convolution of this stage
     * @param stride the middle convolution's stride
     * @param downsample the shortcut's projection, built before the block as torchvision does; may be null
     */
    public Bottleneck(long inplanes, long planes, ConvBuilder convBuilder, long stride, Module downsample) {
        long midplanes = VideoResNet.midplanes(inplanes, planes);
        conv1 = registerModule("conv1", Sequential.of(conv1x1(inplanes, planes), new BatchNorm3d(planes), new ReLU(true)));
        conv2 = registerModule("conv2", Sequential.of(convBuilder.build(planes, planes, midplanes, stride), new BatchNorm3d(planes), new ReLU(true)));
        conv3 = registerModule("conv3", Sequential.of(conv1x1(planes, planes * EXPANSION), new BatchNorm3d(planes * EXPANSION)));
        relu = registerModule("relu", new ReLU(true));
        this.downsample = downsample == null ? null : registerModule("downsample", downsample);
    }

    private static Conv3d conv1x1(long in, long out) {
        return new Conv3d(in, out, new long[] {1, 1, 1}, new long[] {1, 1, 1}, new long[] {0, 0, 0}, new long[] {1, 1, 1}, 1, false, "zeros");
    }

    /** {@code relu(conv3(conv2(conv1(x))) + shortcut(x))}. */
    @Override
    public Tensor forward(Tensor x) {
        Tensor out = conv3.call(conv2.call(conv1.call(x)));
        Tensor residual = downsample == null ? x : downsample.call(x);
        return relu.call(out.add_(residual));
    }
}
