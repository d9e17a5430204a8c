package org.torch4j.vision.models;

import java.util.function.LongFunction;
import org.torch4j.Tensor;
import org.torch4j.nn.AvgPool2d;
import org.torch4j.nn.Conv2d;
import org.torch4j.nn.GELU;
import org.torch4j.nn.Identity;
import org.torch4j.nn.Module;
import org.torch4j.nn.Sequential;
import org.torch4j.nn.SiLU;
import org.torch4j.vision.ops.SqueezeExcitation;
import org.torch4j.vision.ops.StochasticDepth;

/**
 * MaxViT's inverted bottleneck ({@code torchvision.models.maxvit.MBConv}): {@code layers} (pre-norm, 1x1 expansion,
 * strided 3x3 depthwise convolution, squeeze-excitation with SiLU, 1x1 projection) through stochastic depth (identity
 * at probability 0), plus the input, average-pooled and projected by a 1x1 convolution ({@code proj}) when the shape changes.
 */
final class MaxVitMBConv extends Module {
    private final Module proj, stochasticDepth;
    private final NamedSequential layers;

    MaxVitMBConv(long inChannels, long outChannels, double expansionRatio, double squeezeRatio, long stride, LongFunction<Module> normLayer,
                 double stochasticDepthProb) {
        if (stride != 1 || inChannels != outChannels) {
            Sequential p = new Sequential();
            if (stride == 2) p.add(new AvgPool2d(new long[] {3}, new long[] {stride}, new long[] {1}, false, true, null));
            p.add(new Conv2d(inChannels, outChannels, new long[] {1}, new long[] {1}, new long[] {0}, new long[] {1}, 1, true, "zeros"));
            proj = registerModule("proj", p);
        } else {
            proj = registerModule("proj", new Identity());
        }
        long mid = (long) (outChannels * expansionRatio), sqz = (long) (outChannels * squeezeRatio);
        stochasticDepth = registerModule("stochastic_depth", stochasticDepthProb != 0 ? new StochasticDepth(stochasticDepthProb, "row") : new Identity());
        layers = registerModule("layers", new NamedSequential()
                .add("pre_norm", normLayer.apply(inChannels))
                .add("conv_a", new Conv2dNormActivation(inChannels, mid, 1, 1, 0, 1, 1, false, normLayer, new GELU()))
                .add("conv_b", new Conv2dNormActivation(mid, mid, 3, stride, 1, mid, 1, false, normLayer, new GELU()))
                .add("squeeze_excitation", new SqueezeExcitation(mid, sqz, SiLU::new, org.torch4j.nn.Sigmoid::new))
                .add("conv_c", new Conv2d(mid, outChannels, new long[] {1}, new long[] {1}, new long[] {0}, new long[] {1}, 1, true, "zeros")));
    }

    @Override
    public Tensor forward(Tensor x) {
        return proj.call(x).add(stochasticDepth.call(layers.call(x)));
    }

    /** Prints as torchvision's class, {@code torchvision.models.maxvit.MBConv}. */
    @Override
    protected String typeName() {
        return "MBConv";
    }
}
