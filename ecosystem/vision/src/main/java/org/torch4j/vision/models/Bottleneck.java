package org.torch4j.vision.models;

import org.torch4j.Tensor;
import org.torch4j.nn.BatchNorm2d;
import org.torch4j.nn.Conv2d;
import org.torch4j.nn.Module;
import org.torch4j.nn.ReLU;

/**
 * ResNet-50's residual block: 1x1 reduce, 3x3 (with the stride, as torchvision's "ResNet V1.5"), 1x1
 * expand by 4 ({@code torchvision.models.resnet.Bottleneck}).
 */
public class Bottleneck extends Module {
    /** Output channels per input "plane". */
    public static final int EXPANSION = 4;

    /** 1x1 reduce, 3x3 (strided), 1x1 expand. */
    public final Conv2d conv1, conv2, conv3;
    /** The batch norms after each convolution. */
    public final BatchNorm2d bn1, bn2, bn3;
    /** {@code nn.ReLU(inplace=True)}, applied after each batch norm but the last and after the sum. */
    public final ReLU relu;
    /** The 1x1 projection of the shortcut when shape changes, else null. */
    public final Module downsample;

    /** A block from {@code inplanes} to {@code planes * 4} channels; {@code downsample} may be null. */
    public Bottleneck(long inplanes, long planes, long stride, Module downsample) {
        this(inplanes, planes, stride, downsample, 1, 64);
    }

    /**
     * A block whose 3x3 convolution has {@code groups} groups and {@code planes * baseWidth / 64 * groups} channels
     * (torchvision's {@code Bottleneck(..., groups, base_width)}: ResNeXt and Wide ResNet blocks).
     */
    public Bottleneck(long inplanes, long planes, long stride, Module downsample, long groups, long baseWidth) {
        this(inplanes, planes, stride, downsample, groups, baseWidth, 1);
    }

    /**
     * A block as above whose 3x3 convolution is dilated by {@code dilation} (padded as much, so the size is kept):
     * the blocks of a ResNet built with {@code replace_stride_with_dilation}.
     */
    public Bottleneck(long inplanes, long planes, long stride, Module downsample, long groups, long baseWidth, long dilation) {
        long width = (long) (planes * (baseWidth / 64.0)) * groups;
        conv1 = registerModule("conv1", ResNet.conv1x1(inplanes, width, 1));
        bn1 = registerModule("bn1", new BatchNorm2d(width));
        conv2 = registerModule("conv2", ResNet.conv3x3(width, width, stride, groups, dilation));
        bn2 = registerModule("bn2", new BatchNorm2d(width));
        conv3 = registerModule("conv3", ResNet.conv1x1(width, planes * EXPANSION, 1));
        bn3 = registerModule("bn3", new BatchNorm2d(planes * EXPANSION));
        relu = registerModule("relu", new ReLU(true));
        this.downsample = downsample == null ? null : registerModule("downsample", downsample);
    }

    /** The three convolutions plus the shortcut, then ReLU. */
    @Override
    public Tensor forward(Tensor x) {
        Tensor out = relu.call(bn1.call(conv1.call(x)));
        out = relu.call(bn2.call(conv2.call(out)));
        out = bn3.call(conv3.call(out));
        Tensor identity = downsample == null ? x : downsample.call(x);
        return relu.call(out.add_(identity));
    }
}
