package org.torch4j.vision.models.detection;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;
import org.torch4j.MemoryFormat;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.Conv2d;
import org.torch4j.nn.Init;
import org.torch4j.nn.Module;
import org.torch4j.nn.ReLU;
import org.torch4j.nn.Sequential;
import org.torch4j.vision.models.Conv2dNormActivation;
import org.torch4j.vision.ops.Losses;

/**
 * RetinaNet's classification head ({@code torchvision.models.detection.retinanet.RetinaNetClassificationHead}): four 3x3
 * convolution blocks ({@code conv}, each with the norm layer if given, and ReLU) and a 3x3 convolution giving a logit per
 * anchor and class ({@code cls_logits}), shared across levels. The blocks' convolutions are re-initialised normal (std
 * 0.01) with zero bias; {@code cls_logits} is normal (std 0.01) with bias {@code -log((1 - prior) / prior)}. Its loss is
 * the sigmoid focal loss over the anchors not between the matcher's thresholds, per image divided by its foreground
 * anchors.
 */
public class RetinaNetClassificationHead extends Module {
    /** The four convolution blocks. */
    public final Sequential conv;
    /** The logits, {@code numAnchors * numClasses} channels. */
    public final Conv2d clsLogits;
    final long numClasses, numAnchors;

    /**
     * A head with prior probability 0.01.
     *
     * @param inChannels the pyramid's channels
     * @param numAnchors the anchors per location
     * @param numClasses the classes, background included
     * @param normLayer the blocks' norm for a channel count (GroupNorm(32) in RetinaNet v2), or null for none (then the
     *        convolutions have biases)
     */
    public RetinaNetClassificationHead(long inChannels, long numAnchors, long numClasses, LongFunction<Module> normLayer) {
        this(inChannels, numAnchors, numClasses, 0.01, normLayer);
    }

    /**
     * A head.
     *
     * @param inChannels the pyramid's channels
     * @param numAnchors the anchors per location
     * @param numClasses the classes, background included
     * @param priorProbability every class's initial probability (it sets the logits' bias)
     * @param normLayer the blocks' norm for a channel count, or null for none
     */
    public RetinaNetClassificationHead(long inChannels, long numAnchors, long numClasses, double priorProbability, LongFunction<Module> normLayer) {
        conv = registerModule("conv", convBlocks(inChannels, normLayer));
        initNormal(conv);
        clsLogits = registerModule("cls_logits", new Conv2d(inChannels, numAnchors * numClasses, 3, 1, 1));
        Init.normal_(clsLogits.weight, 0, 0.01);
        Init.constant_(clsLogits.bias, -Math.log((1 - priorProbability) / priorProbability));
        this.numClasses = numClasses;
        this.numAnchors = numAnchors;
    }

    /** Four {@code Conv2dNormActivation(c, c, norm_layer=normLayer)} blocks, as RetinaNet's and FCOS's heads have. */
    static Sequential convBlocks(long channels, LongFunction<Module> normLayer) {
        Sequential conv = new Sequential();
        for (int i = 0; i < 4; i++) conv.add(new Conv2dNormActivation(channels, channels, 3, 1, -1, 1, 1, normLayer == null, normLayer, new ReLU(true)));
        return conv;
    }

    /** Every convolution in {@code m} re-initialised normal (std 0.01), zero bias. */
    static void initNormal(Module m) {
        for (Module l : m.modules()) {
            if (l instanceof Conv2d c) {
                Init.normal_(c.weight, 0, 0.01);
                if (c.bias != null) Init.constant_(c.bias, 0);
            }
        }
    }

    /**
     * The logits of every level, concatenated.
     *
     * @param features the pyramid's levels, {@code [N, C, H_l, W_l]} each
     * @return {@code [N, sum_l H_l * W_l * A, numClasses]}, level by level, cell by cell, anchor by anchor
     */
    public Tensor forward(List<Tensor> features) {
        List<Tensor> all = new ArrayList<>();
        for (Tensor f : features) all.add(perAnchor(clsLogits.call(conv.call(f)), numClasses));
        return Torch.cat(all, 1);
    }

    /** {@code [N, A*K, H, W]} to {@code [N, H*W*A, K]}, as torchvision's heads reshape. */
    static Tensor perAnchor(Tensor x, long k) {
        long n = x.size(0), h = x.size(2), w = x.size(3);
        return x.view(n, -1, k, h, w).permute(0, 3, 4, 1, 2).reshape(n, -1, k);
    }

    /**
     * The focal loss ({@code compute_loss}), averaged over images.
     *
     * @param targets the resized targets
     * @param clsLogits {@code [N, HWA, K]} logits
     * @param matchedIdxs per image, each anchor's matched box or a negative {@link Matcher} code
     * @return the scalar loss
     */
    public Tensor computeLoss(List<Target> targets, Tensor clsLogits, List<Tensor> matchedIdxs) {
        Tensor total = null;
        for (int i = 0; i < targets.size(); i++) {
            Tensor logits = clsLogits.select(0, i), matched = matchedIdxs.get(i);
            Tensor fg = Torch.where(matched.ge(0)).get(0);
            long numForeground = fg.numel();
            Tensor labels = targets.get(i).labels().indexSelect(0, matched.indexSelect(0, fg));
            Tensor gtClasses = Torch.zerosLike(logits, MemoryFormat.CONTIGUOUS).view(-1).indexFill(0, fg.mul(numClasses).add(labels), 1.0).view(logits.shape());
            Tensor valid = Torch.where(matched.ne(Matcher.BETWEEN_THRESHOLDS)).get(0);
            Tensor loss = Losses.sigmoidFocalLoss(logits.indexSelect(0, valid), gtClasses.indexSelect(0, valid), 0.25, 2, "sum")
                    .div((double) Math.max(1, numForeground));
            total = total == null ? loss : total.add(loss);
        }
        return total.div((double) targets.size());
    }
}
