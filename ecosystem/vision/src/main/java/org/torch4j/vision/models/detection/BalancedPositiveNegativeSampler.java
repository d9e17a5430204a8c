package org.torch4j.vision.models.detection;

import java.util.ArrayList;
import java.util.List;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * Samples a fixed share of positives and fills the batch with negatives
 * ({@code torchvision.models.detection._utils.BalancedPositiveNegativeSampler}). The picks come from
 * {@link Torch#randperm(long)}, positives first, then negatives, per image: after the same seed they are torchvision's.
 */
public class BalancedPositiveNegativeSampler {
    private final int batchSizePerImage;
    private final double positiveFraction;

    /**
     * A sampler.
     *
     * @param batchSizePerImage the elements sampled per image
     * @param positiveFraction the largest share of positives in a batch
     */
    public BalancedPositiveNegativeSampler(int batchSizePerImage, double positiveFraction) {
        this.batchSizePerImage = batchSizePerImage;
        this.positiveFraction = positiveFraction;
    }

    /**
     * The sampled positives and negatives.
     *
     * @param positive per image, the sampled positives as a bool mask
     * @param negative per image, the sampled negatives as a bool mask
     */
    public record Samples(List<Tensor> positive, List<Tensor> negative) {}

    /**
     * Samples each image's elements.
     *
     * @param matchedIdxs per image, each element's label: {@code >= 1} positive, 0 negative, below 0 ignored
     * @return per image, the masks of the sampled positives and negatives
     */
    public Samples apply(List<Tensor> matchedIdxs) {
        List<Tensor> pos = new ArrayList<>(), neg = new ArrayList<>();
        for (Tensor m : matchedIdxs) {
            Tensor positive = Torch.where(m.ge(1)).get(0), negative = Torch.where(m.eq(0)).get(0);
            long numPos = Math.min(positive.numel(), (long) (batchSizePerImage * positiveFraction));
            long numNeg = Math.min(negative.numel(), batchSizePerImage - numPos);
            Tensor perm1 = Torch.randperm(positive.numel()).narrow(0, 0, numPos);
            Tensor perm2 = Torch.randperm(negative.numel()).narrow(0, 0, numNeg);
            pos.add(mask(m.size(0), positive.indexSelect(0, perm1)));
            neg.add(mask(m.size(0), negative.indexSelect(0, perm2)));
        }
        return new Samples(pos, neg);
    }

    private static Tensor mask(long n, Tensor picks) {
        return Torch.zeros(new long[] {n}, DType.BOOL, picks.device()).indexFill(0, picks, 1);
    }
}
