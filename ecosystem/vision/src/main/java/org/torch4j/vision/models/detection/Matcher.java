package org.torch4j.vision.models.detection;

import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * Assigns each prediction the ground-truth box it overlaps most ({@code torchvision.models.detection._utils.Matcher}):
 * the index of that box when the quality reaches {@code highThreshold}, {@link #BELOW_LOW_THRESHOLD} under
 * {@code lowThreshold}, {@link #BETWEEN_THRESHOLDS} in between. With low-quality matches allowed, every prediction
 * that is the best one for some ground-truth box keeps its match whatever its quality.
 */
public class Matcher {
    /** The match of a prediction below the low threshold. */
    public static final long BELOW_LOW_THRESHOLD = -1;
    /** The match of a prediction between the thresholds. */
    public static final long BETWEEN_THRESHOLDS = -2;
    private final double highThreshold, lowThreshold;
    private final boolean allowLowQualityMatches;

    /**
     * A matcher.
     *
     * @param highThreshold the quality from which a match counts
     * @param lowThreshold the quality under which a prediction is background
     * @param allowLowQualityMatches keep each ground-truth box's best predictions matched
     * @throws IllegalArgumentException when {@code lowThreshold > highThreshold}
     */
    public Matcher(double highThreshold, double lowThreshold, boolean allowLowQualityMatches) {
        if (lowThreshold > highThreshold) throw new IllegalArgumentException("low_threshold should be <= high_threshold");
        this.highThreshold = highThreshold;
        this.lowThreshold = lowThreshold;
        this.allowLowQualityMatches = allowLowQualityMatches;
    }

    /**
     * The match of every prediction.
     *
     * @param matchQualityMatrix {@code [M, N]} quality (IoU) of each ground-truth box with each prediction
     * @return {@code [N]} int64: a ground-truth index, or one of the two negative codes
     * @throws IllegalArgumentException for an empty matrix, as torchvision words it
     */
    public Tensor apply(Tensor matchQualityMatrix) {
        if (matchQualityMatrix.numel() == 0) {
            throw new IllegalArgumentException(matchQualityMatrix.size(0) == 0
                    ? "No ground-truth boxes available for one of the images during training"
                    : "No proposal boxes available for one of the images during training");
        }
        var best = matchQualityMatrix.max(0);
        Tensor vals = best.values(), all = best.indices();
        Tensor matches = all.maskedFill(vals.lt(lowThreshold), BELOW_LOW_THRESHOLD)
                .maskedFill(vals.ge(lowThreshold).logicalAnd(vals.lt(highThreshold)), BETWEEN_THRESHOLDS);
        if (allowLowQualityMatches) {
            Tensor highest = matchQualityMatrix.max(1).values();
            Tensor preds = Torch.where(matchQualityMatrix.eq(highest.unsqueeze(1))).get(1);
            Tensor update = Torch.zeros(new long[] {matches.size(0)}, org.torch4j.DType.BOOL, matches.device()).indexFill(0, preds, 1);
            matches = Torch.where(update, all, matches);
        }
        return matches;
    }
}
