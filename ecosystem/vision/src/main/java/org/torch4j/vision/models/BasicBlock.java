package org.torch4j.vision.models;

import org.torch4j.Tensor;
import org.torch4j.nn.BatchNorm2d;
import org.torch4j.nn.Conv2d;
import org.torch4j.nn.Module;
import org.torch4j.nn.ReLU;

/** ResNet-18/34's residual block: two 3x3 convolutions ({@code torchvision.models.resnet.BasicBlock}). */
public class BasicBlock extends Module {
    /** Output channels per input "plane" (1 for this block). */
    public static final int EXPANSION = 1;

    /** The two 3x3 convolutions (the first carries the stride). */
    public final Conv2d conv1, conv2;
    /** The batch norms after each convolution. */
    public final BatchNorm2d bn1, bn2;
    /** {@code nn.ReLU(inplace=True)}, applied after each batch norm but the last and after the sum. */
    public final ReLU relu;
    /** The 1x1 projection of the shortcut when shape changes, else null. */
    public final Module downsample;

    /**
     * A block from {@code inplanes} to {@code planes} channels; {@code downsample} (built before the
     * block, as torchvision does, so the random draws come in the same order) may be null.
     */
    public BasicBlock(long inplanes, long planes, long stride, Module downsample) {
        conv1 = registerModule("conv1", ResNet.conv3x3(inplanes, planes, stride, 1, 1));
        bn1 = registerModule("bn1", new BatchNorm2d(planes));
        relu = registerModule("relu", new ReLU(true));
        conv2 = registerModule("conv2", ResNet.conv3x3(planes, planes, 1, 1, 1));
        bn2 = registerModule("bn2", new BatchNorm2d(planes));
        this.downsample = downsample == null ? null : registerModule("downsample", downsample);
    }

    /** {@code relu(bn2(conv2(relu(bn1(conv1(x))))) + shortcut(x))}. */
    @Override
    public Tensor forward(Tensor x) {
        Tensor out = relu.call(bn1.call(conv1.call(x)));
        out = bn2.call(conv2.call(out));
        Tensor identity = downsample == null ? x : downsample.call(x);
        return relu.call(out.add_(identity));
    }
}
