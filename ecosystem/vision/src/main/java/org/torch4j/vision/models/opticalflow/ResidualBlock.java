package org.torch4j.vision.models.opticalflow;

import java.util.function.LongFunction;
import org.torch4j.Tensor;
import org.torch4j.nn.Identity;
import org.torch4j.nn.Module;
import org.torch4j.nn.ReLU;
import org.torch4j.vision.models.Conv2dNormActivation;

/**
 * RAFT's residual block ({@code torchvision.models.optical_flow.raft.ResidualBlock}): two 3x3
 * conv-norm-ReLU blocks ({@code convnormrelu1}, {@code convnormrelu2}, the first with the stride), a 1x1
 * conv-norm projection as {@code downsample} when strided (else the identity), then ReLU of the sum. Unlike
 * ResNet's block every convolution has a bias (RAFT's training freezes the batch norms after the first dataset).
 */
public class ResidualBlock extends Module {
    /** The first 3x3 conv, norm, ReLU (strided). */
    public final Conv2dNormActivation convnormrelu1;
    /** The second 3x3 conv, norm, ReLU. */
    public final Conv2dNormActivation convnormrelu2;
    /** The shortcut: {@link Identity}, or a 1x1 conv and norm. */
    public final Module downsample;
    private final Module relu;

    /**
     * {@code ResidualBlock(in, out, norm_layer=normLayer, stride=stride)}.
     *
     * @param inChannels the input's channels
     * @param outChannels the output's channels
     * @param normLayer builds a norm for a number of channels, or null for none
     * @param stride the first convolution's and the projection's stride
     */
    public ResidualBlock(long inChannels, long outChannels, LongFunction<Module> normLayer, long stride) {
        this(inChannels, outChannels, normLayer, stride, false);
    }

    /**
     * {@code ResidualBlock(in, out, norm_layer=normLayer, stride=stride, always_project=alwaysProject)}.
     *
     * @param inChannels the input's channels
     * @param outChannels the output's channels
     * @param normLayer builds a norm for a number of channels, or null for none
     * @param stride the first convolution's and the projection's stride
     * @param alwaysProject whether the shortcut is a projection even at stride 1
     */
    public ResidualBlock(long inChannels, long outChannels, LongFunction<Module> normLayer, long stride, boolean alwaysProject) {
        convnormrelu1 = registerModule("convnormrelu1", new Conv2dNormActivation(inChannels, outChannels, 3, stride, -1, 1, 1, true,
                normLayer, new ReLU(true)));
        convnormrelu2 = registerModule("convnormrelu2", new Conv2dNormActivation(outChannels, outChannels, 3, 1, -1, 1, 1, true,
                normLayer, new ReLU(true)));
        downsample = registerModule("downsample", stride == 1 && !alwaysProject ? new Identity()
                : new Conv2dNormActivation(inChannels, outChannels, 1, stride, -1, 1, 1, true, normLayer, null));
        relu = registerModule("relu", new ReLU(true));
    }

    /** {@code relu(downsample(x) + convnormrelu2(convnormrelu1(x)))}. */
    @Override
    public Tensor forward(Tensor x) {
        Tensor y = convnormrelu2.call(convnormrelu1.call(x));
        return relu.call(downsample.call(x).add(y));
    }
}
