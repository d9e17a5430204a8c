package org.torch4j.vision.transforms;

import java.util.Map;
import java.util.function.UnaryOperator;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.distributions.Dirichlet;

/**
 * AugMix (Hendrycks et al. 2020; {@code torchvision.transforms.AugMix}) on uint8 images: {@code mixtureWidth} chains of
 * 1 to 3 random operations (or {@code chainDepth}) at magnitudes up to {@code severity}, mixed with Dirichlet weights
 * and blended with the original by a Beta draw. Seeded draws match torchvision's (PyTorch's Dirichlet sampler).
 */
public final class AugMix implements UnaryOperator<Tensor> {
    private static final int PARAMETER_MAX = 10;
    private final int severity, mixtureWidth, chainDepth;
    private final double alpha;
    private final boolean allOps;
    private final InterpolationMode mode;
    private final double[] fill;

    /** torchvision's defaults: severity 3, 3 chains of random depth, alpha 1, all operations, bilinear, no fill. */
    public AugMix() {
        this(3, 3, -1, 1.0, true, InterpolationMode.BILINEAR, null);
    }

    /**
     * @param chainDepth the operations per chain, or non-positive for a random 1 to 3
     * @throws IllegalArgumentException unless 1 <= severity <= 10
     */
    public AugMix(int severity, int mixtureWidth, int chainDepth, double alpha, boolean allOps, InterpolationMode mode, double[] fill) {
        if (severity < 1 || severity > PARAMETER_MAX) {
            throw new IllegalArgumentException("The severity must be between [1, " + PARAMETER_MAX + "]. Got " + severity + " instead.");
        }
        this.severity = severity;
        this.mixtureWidth = mixtureWidth;
        this.chainDepth = chainDepth;
        this.alpha = alpha;
        this.allOps = allOps;
        this.mode = mode;
        this.fill = fill == null ? null : fill.clone();
    }

    private static Tensor dirichlet(double alpha, int k, long rows) {
        double[] c = new double[k];
        java.util.Arrays.fill(c, alpha);
        return new Dirichlet(Torch.tensor(c, k).to(DType.FLOAT32).expand(rows, k)).sample();
    }

    @Override
    public Tensor apply(Tensor img) {
        double[] f = AugmentOps.perChannel(fill, Functional.channels(img));
        Map<String, AugmentOps.Space> space = AugmentOps.augMixSpace(PARAMETER_MAX, Functional.height(img), Functional.width(img), allOps);
        long[] origDims = img.shape();
        long[] dims = new long[Math.max(4, origDims.length)];
        java.util.Arrays.fill(dims, 1);
        System.arraycopy(origDims, 0, dims, dims.length - origDims.length, origDims.length);
        Tensor batch = img.view(dims);
        long n = batch.size(0);
        long[] batchDims = new long[batch.dim()];
        java.util.Arrays.fill(batchDims, 1);
        batchDims[0] = n;
        Tensor m = dirichlet(alpha, 2, n);
        Tensor combined = dirichlet(alpha, mixtureWidth, n).mul(m.select(1, 1).view(n, -1));
        Tensor mix = m.select(1, 0).view(batchDims).mul(batch);
        for (int i = 0; i < mixtureWidth; i++) {
            Tensor aug = batch;
            int depth = chainDepth > 0 ? chainDepth : (int) Torch.randint(1, 4, 1).item();
            for (int d = 0; d < depth; d++) {
                String name = AugmentOps.drawOp(space);
                AugmentOps.Space s = space.get(name);
                double magnitude = s.magnitudes() == null ? 0.0 : AugmentOps.at(s, (long) Torch.randint(0, severity, 1).item());
                aug = AugmentOps.apply(aug, name, AugmentOps.maybeNegate(s, magnitude), mode, f);
            }
            mix = mix.add(combined.select(1, i).view(batchDims).mul(aug));
        }
        return mix.view(origDims).to(img.dtype());
    }
}
