package org.torch4j.vision.models;

import java.util.ArrayList;
import java.util.List;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.Module;

/**
 * A block of {@link DenseLayer}s ({@code torchvision.models.densenet._DenseBlock}, children
 * {@code denselayer1}, {@code denselayer2}, ...): each layer sees the concatenation of the block's
 * input and every earlier layer's output, and the block returns all of them concatenated.
 */
public class DenseBlock extends Module {

    /** {@code numLayers} layers over {@code numInputFeatures} channels, each adding {@code growthRate}. */
    public DenseBlock(int numLayers, long numInputFeatures, long bnSize, long growthRate, double dropRate) {
        for (int i = 0; i < numLayers; i++) {
            registerModule("denselayer" + (i + 1), new DenseLayer(numInputFeatures + i * growthRate, growthRate, bnSize, dropRate));
        }
    }

    /** [N, numInputFeatures + numLayers * growthRate, H, W] for [N, numInputFeatures, H, W]. */
    @Override
    public Tensor forward(Tensor input) {
        List<Tensor> features = new ArrayList<>(List.of(input));
        for (Module layer : children()) features.add(layer.call(Torch.cat(features, 1)));
        return Torch.cat(features, 1);
    }

    /** Prints as torchvision's class, {@code _DenseBlock}. */
    @Override
    protected String typeName() {
        return "_DenseBlock";
    }
}
