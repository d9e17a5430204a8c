package org.torch4j.vision.models.detection;

import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * SSD's matcher ({@code torchvision.models.detection._utils.SSDMatcher}): a {@link Matcher} with one threshold and no
 * low-quality matches, after which each ground-truth box's best default box is matched to it whatever the overlap.
 */
public class SSDMatcher extends Matcher {
    /**
     * A matcher.
     *
     * @param threshold the IoU from which a default box is matched
     */
    public SSDMatcher(double threshold) {
        super(threshold, threshold, false);
    }

    @Override
    public Tensor apply(Tensor matchQualityMatrix) {
        Tensor matches = super.apply(matchQualityMatrix);
        Tensor best = matchQualityMatrix.max(1).indices();
        return matches.indexPut(new org.torch4j.Index[] {org.torch4j.Index.of(best)}, Torch.arange(0, best.size(0), 1).to(best.device()).to(DType.INT64), false);
    }
}
