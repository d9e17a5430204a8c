package org.torch4j.vision.models;

import java.util.List;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.Conv2d;
import org.torch4j.nn.Module;
import org.torch4j.nn.ReLU;

/**
 * SqueezeNet's Fire module ({@code torchvision.models.squeezenet.Fire}): a 1x1 "squeeze" convolution,
 * then 1x1 and 3x3 "expand" convolutions side by side, each followed by ReLU, their outputs
 * concatenated on the channels.
 */
public class Fire extends Module {
    private final Module squeeze, squeezeActivation, expand1x1, expand1x1Activation, expand3x3, expand3x3Activation;

    /**
     * A Fire module from {@code inplanes} channels to {@code expand1x1Planes + expand3x3Planes},
     * through {@code squeezePlanes}.
     */
    public Fire(long inplanes, long squeezePlanes, long expand1x1Planes, long expand3x3Planes) {
        squeeze = registerModule("squeeze", new Conv2d(inplanes, squeezePlanes, 1));
        squeezeActivation = registerModule("squeeze_activation", new ReLU(true));
        expand1x1 = registerModule("expand1x1", new Conv2d(squeezePlanes, expand1x1Planes, 1));
        expand1x1Activation = registerModule("expand1x1_activation", new ReLU(true));
        expand3x3 = registerModule("expand3x3", new Conv2d(squeezePlanes, expand3x3Planes, 3, 1, 1));
        expand3x3Activation = registerModule("expand3x3_activation", new ReLU(true));
    }

    /** [N, expand1x1Planes + expand3x3Planes, H, W] for [N, inplanes, H, W]. */
    @Override
    public Tensor forward(Tensor x) {
        Tensor s = squeezeActivation.call(squeeze.call(x));
        return Torch.cat(List.of(expand1x1Activation.call(expand1x1.call(s)), expand3x3Activation.call(expand3x3.call(s))), 1);
    }
}
