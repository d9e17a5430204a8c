package org.torch4j.vision.models.video;

import org.torch4j.Tensor;
import org.torch4j.nn.BatchNorm3d;
import org.torch4j.nn.Module;
import org.torch4j.nn.ReLU;
import org.torch4j.nn.Sequential;

/**
 * The video ResNets' two-convolution residual block ({@code torchvision.models.video.resnet.BasicBlock}):
 * {@code conv1} (convolution, batch norm, ReLU) and {@code conv2} (convolution, batch norm) as sequences, the
 * shortcut added, then ReLU.
 */
public class BasicBlock extends Module {
    /** Output channels per plane (1 for this block). */
    public static final int EXPANSION = 1;

    /** The first convolution, batch norm and ReLU (the convolution carries the stride). */
    public final Sequential conv1;
    /** The second convolution and batch norm. */
    public final Sequential conv2;
    /** {@code nn.ReLU(inplace=True)} after the sum with the shortcut. */
    public final ReLU relu;
    /** The shortcut's projection when the shape changes, else null. */
    public final Module downsample;

    /**
     * A block from {@code inplanes} to {@code planes} channels.
     *
     * @param inplanes the input channels
     * @param planes the output channels
     * @param convBuilder the convolution of this stage
     * @param stride the first convolution's stride
     * @param downsample the shortcut's projection, built before the block as torchvision does; may be null
     */
    public BasicBlock(long inplanes, long planes, ConvBuilder convBuilder, long stride, Module downsample) {
        long midplanes = VideoResNet.midplanes(inplanes, planes);
        conv1 = registerModule("conv1", Sequential.of(convBuilder.build(inplanes, planes, midplanes, stride), new BatchNorm3d(planes), new ReLU(true)));
        conv2 = registerModule("conv2", Sequential.of(convBuilder.build(planes, planes, midplanes, 1), new BatchNorm3d(planes)));
        relu = registerModule("relu", new ReLU(true));
        this.downsample = downsample == null ? null : registerModule("downsample", downsample);
    }

    /** {@code relu(conv2(conv1(x)) + shortcut(x))}. */
    @Override
    public Tensor forward(Tensor x) {
        Tensor out = conv2.call(conv1.call(x));
        Tensor residual = downsample == null ? x : downsample.call(x);
        return relu.call(out.add_(residual));
    }
}
