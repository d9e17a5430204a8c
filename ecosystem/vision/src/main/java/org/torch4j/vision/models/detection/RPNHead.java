package org.torch4j.vision.models.detection;

import java.util.ArrayList;
import java.util.List;
import org.torch4j.Tensor;
import org.torch4j.nn.Conv2d;
import org.torch4j.nn.Init;
import org.torch4j.nn.Module;
import org.torch4j.nn.ReLU;
import org.torch4j.nn.Sequential;
import org.torch4j.vision.models.Conv2dNormActivation;

/**
 * The region proposal network's head ({@code torchvision.models.detection.rpn.RPNHead}): {@code convDepth} 3x3
 * convolutions with ReLU ({@code conv}), then per anchor an objectness logit ({@code cls_logits}) and four box deltas
 * ({@code bbox_pred}), shared across the feature levels. Every convolution is re-initialised normal (std 0.01), zero bias.
 */
public class RPNHead extends Module {
    /** The shared 3x3 convolutions. */
    public final Sequential conv;
    /** The objectness logits, one per anchor. */
    public final Conv2d clsLogits;
    /** The box deltas, four per anchor. */
    public final Conv2d bboxPred;

    /** A head of one 3x3 convolution. */
    public RPNHead(long inChannels, long numAnchors) {
        this(inChannels, numAnchors, 1);
    }

    /**
     * A head.
     *
     * @param inChannels the feature maps' channels
     * @param numAnchors the anchors per location
     * @param convDepth the number of 3x3 convolutions (2 in Faster R-CNN v2)
     */
    public RPNHead(long inChannels, long numAnchors, int convDepth) {
        conv = new Sequential();
        for (int i = 0; i < convDepth; i++) {
            conv.add(new Conv2dNormActivation(inChannels, inChannels, 3, 1, -1, 1, 1, true, null, new ReLU(true)));
        }
        registerModule("conv", conv);
        clsLogits = registerModule("cls_logits", new Conv2d(inChannels, numAnchors, 1, 1, 0));
        bboxPred = registerModule("bbox_pred", new Conv2d(inChannels, numAnchors * 4, 1, 1, 0));
        for (Module m : modules()) {
            if (m instanceof Conv2d c) {
                Init.normal_(c.weight, 0, 0.01);
                if (c.bias != null) Init.constant_(c.bias, 0);
            }
        }
    }

    /**
     * The objectness logits and box deltas of each level.
     *
     * @param logits per level, {@code [N, A, H, W]} objectness logits
     * @param bboxReg per level, {@code [N, 4A, H, W]} box deltas
     */
    public record Output(List<Tensor> logits, List<Tensor> bboxReg) {}

    /**
     * Runs the head on every level.
     *
     * @param features the feature maps, {@code [N, C, H_l, W_l]} each
     * @return per level, {@code [N, A, H_l, W_l]} logits and {@code [N, 4A, H_l, W_l]} deltas
     */
    public Output forward(List<Tensor> features) {
        List<Tensor> logits = new ArrayList<>(), reg = new ArrayList<>();
        for (Tensor f : features) {
            Tensor t = conv.call(f);
            logits.add(clsLogits.call(t));
            reg.add(bboxPred.call(t));
        }
        return new Output(logits, reg);
    }
}
