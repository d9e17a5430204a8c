package org.torch4j.vision.models.detection;

import java.util.function.LongFunction;
import org.torch4j.nn.Conv2d;
import org.torch4j.nn.Init;
import org.torch4j.nn.Module;
import org.torch4j.nn.ReLU;
import org.torch4j.nn.Sequential;
import org.torch4j.vision.models.Conv2dNormActivation;

/**
 * Mask R-CNN's mask head ({@code torchvision.models.detection.mask_rcnn.MaskRCNNHeads}): 3x3 convolution blocks
 * (padding and dilation {@code dilation}, optional norm, ReLU), re-initialised Kaiming-normal (fan out), zero bias.
 */
public class MaskRCNNHeads extends Sequential {
    /**
     * A head.
     *
     * @param inChannels the pooled features' channels
     * @param layers each block's channels
     * @param dilation the convolutions' dilation (and padding)
     * @param normLayer the blocks' norm, or null for none
     */
    public MaskRCNNHeads(long inChannels, long[] layers, long dilation, LongFunction<Module> normLayer) {
        long next = inChannels;
        for (long f : layers) {
            add(new Conv2dNormActivation(next, f, 3, 1, dilation, 1, dilation, normLayer == null, normLayer, new ReLU(true)));
            next = f;
        }
        for (Module m : modules()) {
            if (m instanceof Conv2d conv) {
                Init.kaimingNormal_(conv.weight, 0, "fan_out", "relu");
                if (conv.bias != null) Init.zeros_(conv.bias);
            }
        }
    }
}
