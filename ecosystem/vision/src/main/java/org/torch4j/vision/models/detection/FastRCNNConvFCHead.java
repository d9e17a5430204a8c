package org.torch4j.vision.models.detection;

import java.util.function.LongFunction;
import org.torch4j.nn.Conv2d;
import org.torch4j.nn.Flatten;
import org.torch4j.nn.Init;
import org.torch4j.nn.Linear;
import org.torch4j.nn.Module;
import org.torch4j.nn.ReLU;
import org.torch4j.nn.Sequential;
import org.torch4j.vision.models.Conv2dNormActivation;

/**
 * Faster R-CNN v2's box head ({@code torchvision.models.detection.faster_rcnn.FastRCNNConvFCHead}): 3x3 convolution
 * blocks (with norm and ReLU), flatten, then linear layers with ReLU; the convolutions re-initialised Kaiming-normal
 * (fan out), zero bias.
 */
public class FastRCNNConvFCHead extends Sequential {
    /**
     * A head.
     *
     * @param inputSize {@code {channels, height, width}} of the pooled features
     * @param convLayers the convolution blocks' channels
     * @param fcLayers the linear layers' sizes
     * @param normLayer the blocks' norm for a channel count, or null for none (then the convolutions have biases)
     */
    public FastRCNNConvFCHead(long[] inputSize, long[] convLayers, long[] fcLayers, LongFunction<Module> normLayer) {
        long previous = inputSize[0];
        for (long c : convLayers) {
            add(new Conv2dNormActivation(previous, c, 3, 1, -1, 1, 1, normLayer == null, normLayer, new ReLU(true)));
            previous = c;
        }
        add(new Flatten());
        previous = previous * inputSize[1] * inputSize[2];
        for (long c : fcLayers) {
            add(new Linear(previous, c));
            add(new ReLU(true));
            previous = c;
        }
        for (Module m : modules()) {
            if (m instanceof Conv2d conv) {
                Init.kaimingNormal_(conv.weight, 0, "fan_out", "relu");
                if (conv.bias != null) Init.zeros_(conv.bias);
            }
        }
    }
}
