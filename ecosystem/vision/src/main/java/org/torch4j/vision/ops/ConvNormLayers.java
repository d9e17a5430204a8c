package org.torch4j.vision.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.LongFunction;
import org.torch4j.nn.Module;

/** What torchvision's {@code ConvNormActivation} does for its 2-d and 3-d forms: the default padding and the layers. */
final class ConvNormLayers {
    private ConvNormLayers() {}

    /** {@code padding} itself, or torchvision's default {@code (k - 1) / 2 * dilation} per axis when it is null. */
    static long[] padding(long[] padding, long[] kernelSize, long[] dilation, int rank) {
        if (padding != null) return padding;
        if (kernelSize.length == 1 && dilation.length == 1) return new long[] {(kernelSize[0] - 1) / 2 * dilation[0]};
        long[] out = new long[rank];
        for (int i = 0; i < rank; i++) {
            out[i] = (kernelSize[kernelSize.length == 1 ? 0 : i] - 1) / 2 * dilation[dilation.length == 1 ? 0 : i];
        }
        return out;
    }

    /**
     * The conv (created by the caller first, so its initialisation draws first), then {@code normLayer(out)}
     * and {@code activationLayer(inplace)}, each left out when null.
     */
    static Module[] of(Module conv, long outChannels, LongFunction<Module> normLayer, Function<Boolean, Module> activationLayer, Boolean inplace) {
        List<Module> layers = new ArrayList<>();
        layers.add(conv);
        if (normLayer != null) layers.add(normLayer.apply(outChannels));
        if (activationLayer != null) layers.add(activationLayer.apply(inplace));
        return layers.toArray(new Module[0]);
    }
}
