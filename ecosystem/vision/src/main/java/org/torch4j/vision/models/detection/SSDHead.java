package org.torch4j.vision.models.detection;

import java.util.List;
import org.torch4j.Tensor;
import org.torch4j.nn.Module;

/**
 * SSD's head ({@code torchvision.models.detection.ssd.SSDHead}, and SSDlite's {@code SSDLiteHead}): a classification head
 * ({@code classification_head}) and a regression head ({@code regression_head}), {@link SSDScoringHead}s built in that order.
 */
public class SSDHead extends Module {
    /** The class logits per default box. */
    public final SSDScoringHead classificationHead;
    /** The box deltas per default box. */
    public final SSDScoringHead regressionHead;

    /**
     * A head.
     *
     * @param inChannels per feature map, its channels
     * @param numAnchors per feature map, the default boxes per location
     * @param numClasses the classes, background included
     */
    public SSDHead(long[] inChannels, int[] numAnchors, long numClasses) {
        this(SSDScoringHead.classification(inChannels, numAnchors, numClasses), SSDScoringHead.regression(inChannels, numAnchors));
    }

    /**
     * A head of these parts (SSDlite's: {@link SSDScoringHead#liteClassification}, {@link SSDScoringHead#liteRegression}).
     *
     * @param classificationHead the class logits' head
     * @param regressionHead the box deltas' head
     */
    public SSDHead(SSDScoringHead classificationHead, SSDScoringHead regressionHead) {
        this.classificationHead = registerModule("classification_head", classificationHead);
        this.regressionHead = registerModule("regression_head", regressionHead);
    }

    /** Prints as torchvision's class: {@code SSDLiteHead} over SSDlite's heads, else {@code SSDHead}. */
    @Override
    protected String typeName() {
        return classificationHead.typeName().startsWith("SSDLite") ? "SSDLiteHead" : "SSDHead";
    }

    /**
     * The head's outputs over every level.
     *
     * @param bboxRegression {@code [N, sum HWA, 4]} deltas
     * @param clsLogits {@code [N, sum HWA, K]} logits
     */
    public record Output(Tensor bboxRegression, Tensor clsLogits) {}

    /**
     * Runs both heads.
     *
     * @param features the feature maps
     * @return the deltas and logits
     */
    public Output forward(List<Tensor> features) {
        return new Output(regressionHead.forward(features), classificationHead.forward(features));
    }
}
