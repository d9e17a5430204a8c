package org.torch4j.vision.ops;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import org.torch4j.Tensor;
import org.torch4j.nn.Conv2d;
import org.torch4j.nn.F;
import org.torch4j.nn.Init;
import org.torch4j.nn.Module;
import org.torch4j.nn.ModuleList;
import org.torch4j.vision.models.Conv2dNormActivation;

/**
 * Feature Pyramid Network ({@code torchvision.ops.FeaturePyramidNetwork}, Lin et al. 2017): a 1x1 lateral
 * convolution per input level ({@code inner_blocks}), a top-down pathway adding each coarser result, upsampled
 * (nearest), to the next lateral, and a 3x3 convolution per level ({@code layer_blocks}); an optional
 * {@link ExtraFPNBlock} appends levels. Convolutions are initialised Kaiming-uniform with {@code a = 1} and zero
 * bias, after their default initialisation, as torchvision's.
 */
public class FeaturePyramidNetwork extends Module {
    /** The 1x1 lateral convolutions, one per input level. */
    public final ModuleList innerBlocks;
    /** The 3x3 output convolutions, one per input level. */
    public final ModuleList layerBlocks;
    /** The extra levels' block, or null. */
    public final ExtraFPNBlock extraBlocks;

    /**
     * A pyramid over levels of the given channels.
     *
     * @param inChannelsList the channels of each input level, finest first
     * @param outChannels the channels of every output level
     * @param extraBlocks appends extra levels, or null
     * @param normLayer builds a norm for {@code outChannels} after each convolution, or null for none (then the
     *        convolutions have biases)
     * @throws IllegalArgumentException for an input of 0 channels, as torchvision words it
     */
    public FeaturePyramidNetwork(long[] inChannelsList, long outChannels, ExtraFPNBlock extraBlocks, LongFunction<Module> normLayer) {
        innerBlocks = registerModule("inner_blocks", new ModuleList());
        layerBlocks = registerModule("layer_blocks", new ModuleList());
        for (long in : inChannelsList) {
            if (in == 0) throw new IllegalArgumentException("in_channels=0 is currently not supported");
            innerBlocks.add(new Conv2dNormActivation(in, outChannels, 1, 1, 0, 1, 1, normLayer == null, normLayer, null));
            layerBlocks.add(new Conv2dNormActivation(outChannels, outChannels, 3, 1, -1, 1, 1, normLayer == null, normLayer, null));
        }
        for (Module m : modules()) {
            if (m instanceof Conv2d c) {
                Init.kaimingUniform_(c.weight, 1, "fan_in", "leaky_relu");
                if (c.bias != null) Init.constant_(c.bias, 0);
            }
        }
        this.extraBlocks = extraBlocks == null ? null : registerModule("extra_blocks", extraBlocks);
    }

    /**
     * The pyramid's levels for the backbone's features.
     *
     * @param x the backbone's features by name, finest first
     * @return the output levels by the same names (and the extra block's), finest first
     */
    public Map<String, Tensor> forward(Map<String, Tensor> x) {
        List<String> names = new ArrayList<>(x.keySet());
        List<Tensor> inputs = new ArrayList<>(x.values());
        int last = inputs.size() - 1;
        Tensor lastInner = innerBlocks.get(last).call(inputs.get(last));
        List<Tensor> results = new ArrayList<>();
        results.add(layerBlocks.get(last).call(lastInner));
        for (int idx = last - 1; idx >= 0; idx--) {
            Tensor lateral = innerBlocks.get(idx).call(inputs.get(idx));
            Tensor topDown = F.interpolate(lastInner, new long[] {lateral.size(-2), lateral.size(-1)}, "nearest");
            lastInner = lateral.add(topDown);
            results.add(0, layerBlocks.get(idx).call(lastInner));
        }
        if (extraBlocks != null) extraBlocks.extend(results, inputs, names);
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) out.put(names.get(i), results.get(i));
        return out;
    }

    /** {@code fpn(x)}: {@link #forward(Map)} with the hooks around it. */
    @SuppressWarnings("unchecked")
    public Map<String, Tensor> call(Map<String, Tensor> x) {
        return callWithHooks(a -> forward((Map<String, Tensor>) a.get(0)), x);
    }
}
