package org.torch4j.vision.models;

import java.util.function.LongFunction;
import org.torch4j.Tensor;
import org.torch4j.nn.Module;
import org.torch4j.nn.ReLU;
import org.torch4j.nn.Sigmoid;
import org.torch4j.vision.ops.SqueezeExcitation;

/**
 * RegNet's residual bottleneck ({@code torchvision.models.regnet.ResBottleneckBlock}): {@code f} is the
 * bottleneck transform {@code a} (1x1), {@code b} (grouped 3x3, carrying the stride), optional {@code se}
 * (squeeze-excitation), {@code c} (1x1, no activation); the input joins through {@code proj} (a strided
 * 1x1 conv and norm) when the width or resolution changes, and a ReLU follows the sum.
 */
public class ResBottleneckBlock extends Module {
    /** The shortcut's projection, or null when the input is added as it is. */
    public final Conv2dNormActivation proj;
    /** The bottleneck transform: children {@code a}, {@code b}, {@code se} (when configured) and {@code c}. */
    public final NamedSequential f;
    private final Module activation;

    /**
     * A block from {@code widthIn} to {@code widthOut} channels.
     *
     * @param widthIn the input's channels
     * @param widthOut the output's channels
     * @param stride the 3x3 conv's (and the projection's) stride
     * @param norm builds each norm layer for a number of channels
     * @param groupWidth the channels per group of the 3x3 conv
     * @param bottleneckMultiplier the bottleneck's width relative to {@code widthOut}
     * @param seRatio the squeeze-excitation's width relative to {@code widthIn}, or 0 for none
     */
    public ResBottleneckBlock(long widthIn, long widthOut, long stride, LongFunction<Module> norm, long groupWidth,
                              double bottleneckMultiplier, double seRatio) {
        // torchvision creates proj before f, so its conv's default initialisation draws first
        proj = widthIn != widthOut || stride != 1
                ? registerModule("proj", new Conv2dNormActivation(widthIn, widthOut, 1, stride, -1, 1, 1, false, norm, null)) : null;
        // Python's round: half to even
        long wB = (long) Math.rint(widthOut * bottleneckMultiplier);
        f = new BottleneckTransform();
        f.add("a", new Conv2dNormActivation(widthIn, wB, 1, 1, -1, 1, 1, false, norm, new ReLU(true)));
        f.add("b", new Conv2dNormActivation(wB, wB, 3, stride, -1, wB / groupWidth, 1, false, norm, new ReLU(true)));
        if (seRatio > 0) f.add("se", new SqueezeExcitation(wB, (long) Math.rint(seRatio * widthIn), ReLU::new, Sigmoid::new));
        f.add("c", new Conv2dNormActivation(wB, widthOut, 1, 1, -1, 1, 1, false, norm, null));
        registerModule("f", f);
        activation = registerModule("activation", new ReLU(true));
    }

    /** {@code relu(shortcut(x) + f(x))}. */
    @Override
    public Tensor forward(Tensor x) {
        Tensor shortcut = proj == null ? x : proj.call(x);
        return activation.call(shortcut.add(f.call(x)));
    }

    /** torchvision's {@code BottleneckTransform}: {@code a}, {@code b}, {@code se} (with a ratio) and {@code c}. */
    private static final class BottleneckTransform extends NamedSequential {
    }
}
