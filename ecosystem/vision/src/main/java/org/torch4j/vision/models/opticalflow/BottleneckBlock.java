package org.torch4j.vision.models.opticalflow;

import java.util.function.LongFunction;
import org.torch4j.Tensor;
import org.torch4j.nn.Identity;
import org.torch4j.nn.Module;
import org.torch4j.nn.ReLU;
import org.torch4j.vision.models.Conv2dNormActivation;

/**
 * RAFT's bottleneck block ({@code torchvision.models.optical_flow.raft.BottleneckBlock}, raft_small's encoders):
 * 1x1, 3x3 (strided) and 1x1 conv-norm-ReLU blocks through a quarter of the output channels, a 1x1 conv-norm
 * projection as {@code downsample} when strided (else the identity), then ReLU of the sum; every convolution
 * has a bias.
 */
public class BottleneckBlock extends Module {
    /** The 1x1 conv, norm, ReLU to {@code out / 4} channels. */
    public final Conv2dNormActivation convnormrelu1;
    /** The 3x3 conv, norm, ReLU (strided). */
    public final Conv2dNormActivation convnormrelu2;
    /** The 1x1 conv, norm, ReLU to {@code out} channels. */
    public final Conv2dNormActivation convnormrelu3;
    /** The shortcut: {@link Identity}, or a 1x1 conv and norm. */
    public final Module downsample;
    private final Module relu;

    /**
     * {@code BottleneckBlock(in, out, norm_layer=normLayer, stride=stride)}.
     *
     * @param inChannels the input's channels
     * @param outChannels the output's channels
     * @param normLayer builds a norm for a number of channels, or null for none
     * @param stride the 3x3 convolution's and the projection's stride
     */
    public BottleneckBlock(long inChannels, long outChannels, LongFunction<Module> normLayer, long stride) {
        long mid = outChannels / 4;
        convnormrelu1 = registerModule("convnormrelu1", new Conv2dNormActivation(inChannels, mid, 1, 1, -1, 1, 1, true, normLayer, new ReLU(true)));
        convnormrelu2 = registerModule("convnormrelu2", new Conv2dNormActivation(mid, mid, 3, stride, -1, 1, 1, true, normLayer, new ReLU(true)));
        convnormrelu3 = registerModule("convnormrelu3", new Conv2dNormActivation(mid, outChannels, 1, 1, -1, 1, 1, true, normLayer, new ReLU(true)));
        relu = registerModule("relu", new ReLU(true));
        downsample = registerModule("downsample", stride == 1 ? new Identity()
                : new Conv2dNormActivation(inChannels, outChannels, 1, stride, -1, 1, 1, true, normLayer, null));
    }

    /** {@code relu(downsample(x) + convnormrelu3(convnormrelu2(convnormrelu1(x))))}. */
    @Override
    public Tensor forward(Tensor x) {
        Tensor y = convnormrelu3.call(convnormrelu2.call(convnormrelu1.call(x)));
        return relu.call(downsample.call(x).add(y));
    }
}
