package org.torch4j.vision.models.detection;

import java.util.Arrays;
import org.torch4j.Tensor;
import org.torch4j.nn.Linear;
import org.torch4j.nn.Module;

/**
 * Class logits and per-class box deltas from the box head's vectors
 * ({@code torchvision.models.detection.faster_rcnn.FastRCNNPredictor}): {@code cls_score} and {@code bbox_pred}.
 */
public class FastRCNNPredictor extends Module {
    /** The class logits. */
    public final Linear clsScore;
    /** The box deltas, four per class. */
    public final Linear bboxPred;

    /**
     * A predictor.
     *
     * @param inChannels the box head's output size
     * @param numClasses the classes, background included
     */
    public FastRCNNPredictor(long inChannels, long numClasses) {
        clsScore = registerModule("cls_score", new Linear(inChannels, numClasses));
        bboxPred = registerModule("bbox_pred", new Linear(inChannels, numClasses * 4));
    }

    /**
     * The class logits and box deltas of each proposal.
     *
     * @param classLogits {@code [K, numClasses]} logits
     * @param boxRegression {@code [K, 4 * numClasses]} box deltas
     */
    public record Output(Tensor classLogits, Tensor boxRegression) {}

    /**
     * Predicts.
     *
     * @param x {@code [K, C]} (or {@code [K, C, 1, 1]}) vectors
     * @return {@code [K, numClasses]} logits and {@code [K, 4 * numClasses]} deltas
     * @throws IllegalArgumentException for a 4-d input whose last two dimensions are not 1, worded as torchvision's
     */
    public Output predict(Tensor x) {
        if (x.dim() == 4 && (x.size(2) != 1 || x.size(3) != 1)) {
            throw new IllegalArgumentException("x has the wrong shape, expecting the last two dimensions to be [1,1] instead of "
                    + Arrays.toString(new long[] {x.size(2), x.size(3)}).replace(" ", ""));
        }
        x = x.flatten(1, -1);
        return new Output(clsScore.call(x), bboxPred.call(x));
    }
}
