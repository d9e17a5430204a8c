package org.torch4j.vision.models.detection;

import java.util.List;
import java.util.function.LongFunction;
import org.torch4j.Tensor;
import org.torch4j.nn.Module;

/**
 * RetinaNet's head ({@code torchvision.models.detection.retinanet.RetinaNetHead}): a
 * {@link RetinaNetClassificationHead} ({@code classification_head}) and a {@link RetinaNetRegressionHead}
 * ({@code regression_head}), built in that order.
 */
public class RetinaNetHead extends Module {
    /** The classification head. */
    public final RetinaNetClassificationHead classificationHead;
    /** The box regression head. */
    public final RetinaNetRegressionHead regressionHead;

    /**
     * A head without norm layers and the L1 box loss (RetinaNet's).
     *
     * @param inChannels the pyramid's channels
     * @param numAnchors the anchors per location
     * @param numClasses the classes, background included
     */
    public RetinaNetHead(long inChannels, long numAnchors, long numClasses) {
        this(inChannels, numAnchors, numClasses, null, "l1");
    }

    /**
     * A head.
     *
     * @param inChannels the pyramid's channels
     * @param numAnchors the anchors per location
     * @param numClasses the classes, background included
     * @param normLayer the blocks' norm for a channel count (GroupNorm(32) in v2), or null for none
     * @param lossType the regression head's loss ({@code "l1"}; {@code "giou"} in v2)
     */
    public RetinaNetHead(long inChannels, long numAnchors, long numClasses, LongFunction<Module> normLayer, String lossType) {
        classificationHead = registerModule("classification_head", new RetinaNetClassificationHead(inChannels, numAnchors, numClasses, normLayer));
        regressionHead = registerModule("regression_head", new RetinaNetRegressionHead(inChannels, numAnchors, normLayer, lossType));
    }

    /**
     * The head's outputs over every level.
     *
     * @param clsLogits {@code [N, HWA, K]} logits
     * @param bboxRegression {@code [N, HWA, 4]} deltas
     */
    public record Output(Tensor clsLogits, Tensor bboxRegression) {}

    /**
     * Runs both heads.
     *
     * @param features the pyramid's levels
     * @return the logits and deltas
     */
    public Output forward(List<Tensor> features) {
        return new Output(classificationHead.forward(features), regressionHead.forward(features));
    }
}
