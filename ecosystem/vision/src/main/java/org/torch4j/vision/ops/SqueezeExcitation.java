package org.torch4j.vision.ops;

import java.util.function.Supplier;
import org.torch4j.Tensor;
import org.torch4j.nn.AdaptiveAvgPool2d;
import org.torch4j.nn.Conv2d;
import org.torch4j.nn.Module;
import org.torch4j.nn.ReLU;
import org.torch4j.nn.Sigmoid;

/**
 * Squeeze-and-excitation ({@code torchvision.ops.SqueezeExcitation}, Hu et al. 2018): the input's
 * channels scaled by {@code scale_activation(fc2(activation(fc1(avgpool(x)))))}, where {@code fc1} and
 * {@code fc2} are 1x1 convolutions with bias. Children and state-dict keys as torchvision's
 * ({@code avgpool}, {@code fc1}, {@code fc2}, {@code activation}, {@code scale_activation}).
 */
public class SqueezeExcitation extends Module {
    /** The 1x1 convolutions down to the squeeze channels and back up. */
    public final Conv2d fc1, fc2;
    private final Module avgpool, activation, scaleActivation;

    /** With torchvision's defaults: ReLU between the convolutions, sigmoid for the scale. */
    public SqueezeExcitation(long inputChannels, long squeezeChannels) {
        this(inputChannels, squeezeChannels, ReLU::new, Sigmoid::new);
    }

    /**
     * A squeeze-and-excitation block; the activations are built by the suppliers (torchvision passes
     * {@code ReLU} and {@code Sigmoid} classes).
     *
     * @param inputChannels the channels of the input (and output)
     * @param squeezeChannels the channels between {@code fc1} and {@code fc2}
     * @param activation builds the activation after {@code fc1} ("delta" in the paper)
     * @param scaleActivation builds the activation giving the scale ("sigma")
     */
    public SqueezeExcitation(long inputChannels, long squeezeChannels, Supplier<Module> activation, Supplier<Module> scaleActivation) {
        avgpool = registerModule("avgpool", new AdaptiveAvgPool2d(1));
        fc1 = registerModule("fc1", new Conv2d(inputChannels, squeezeChannels, 1));
        fc2 = registerModule("fc2", new Conv2d(squeezeChannels, inputChannels, 1));
        this.activation = registerModule("activation", activation.get());
        this.scaleActivation = registerModule("scale_activation", scaleActivation.get());
    }

    /** {@code x} times its per-channel scale. */
    @Override
    public Tensor forward(Tensor input) {
        Tensor scale = fc2.call(activation.call(fc1.call(avgpool.call(input))));
        return scaleActivation.call(scale).mul(input);
    }
}
