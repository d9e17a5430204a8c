package org.torch4j.vision.models.detection;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.Conv2d;
import org.torch4j.nn.GroupNorm;
import org.torch4j.nn.Init;
import org.torch4j.nn.Module;
import org.torch4j.nn.ReLU;
import org.torch4j.nn.Sequential;

/**
 * FCOS's classification head ({@code torchvision.models.detection.fcos.FCOSClassificationHead}): {@code numConvs} times a
 * 3x3 convolution, a norm layer (GroupNorm(32) by default) and ReLU, flat in {@code conv}, then a 3x3 convolution giving a
 * logit per location and class ({@code cls_logits}). The convolutions are re-initialised normal (std 0.01) with zero bias;
 * {@code cls_logits}' bias is {@code -log((1 - prior) / prior)}.
 */
public class FCOSClassificationHead extends Module {
    /** The convolution, norm and ReLU layers. */
    public final Sequential conv;
    /** The logits, {@code numAnchors * numClasses} channels. */
    public final Conv2d clsLogits;
    private final long numClasses;

    /**
     * A head.
     *
     * @param inChannels the pyramid's channels
     * @param numAnchors the anchors per location (1)
     * @param numClasses the classes, background included
     * @param numConvs the convolution blocks (4)
     * @param priorProbability every class's initial probability (0.01)
     * @param normLayer the norm for a channel count, or null for GroupNorm(32)
     */
    public FCOSClassificationHead(long inChannels, long numAnchors, long numClasses, int numConvs, double priorProbability,
                                  LongFunction<Module> normLayer) {
        this.numClasses = numClasses;
        conv = registerModule("conv", convLayers(inChannels, numConvs, normLayer));
        RetinaNetClassificationHead.initNormal(conv);
        clsLogits = registerModule("cls_logits", new Conv2d(inChannels, numAnchors * numClasses, 3, 1, 1));
        Init.normal_(clsLogits.weight, 0, 0.01);
        Init.constant_(clsLogits.bias, -Math.log((1 - priorProbability) / priorProbability));
    }

    /** {@code numConvs} times (3x3 convolution with bias, norm, ReLU), flat, as FCOS's heads have them. */
    static Sequential convLayers(long channels, int numConvs, LongFunction<Module> normLayer) {
        LongFunction<Module> norm = normLayer != null ? normLayer : c -> new GroupNorm(32, c);
        Sequential conv = new Sequential();
        for (int i = 0; i < numConvs; i++) {
            conv.add(new Conv2d(channels, channels, 3, 1, 1));
            conv.add(norm.apply(channels));
            conv.add(new ReLU());
        }
        return conv;
    }

    /**
     * The logits of every level, concatenated.
     *
     * @param features the pyramid's levels
     * @return {@code [N, sum_l H_l * W_l * A, numClasses]}
     */
    public Tensor forward(List<Tensor> features) {
        List<Tensor> all = new ArrayList<>();
        for (Tensor f : features) all.add(RetinaNetClassificationHead.perAnchor(clsLogits.call(conv.call(f)), numClasses));
        return Torch.cat(all, 1);
    }
}
