package org.torch4j.vision.transforms;

import java.util.Map;
import java.util.function.UnaryOperator;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * TrivialAugment Wide (Müller and Hutter 2021; {@code torchvision.transforms.TrivialAugmentWide}) on uint8 images: one
 * of 14 operations drawn uniformly at a magnitude drawn uniformly from {@code numMagnitudeBins} levels of the wide
 * ranges, signed ones negated half the time. Seeded draws match torchvision's.
 */
public final class TrivialAugmentWide implements UnaryOperator<Tensor> {
    private final int bins;
    private final InterpolationMode mode;
    private final double[] fill;

    /** 31 levels, nearest, no fill. */
    public TrivialAugmentWide() {
        this(31, InterpolationMode.NEAREST, null);
    }

    /** With {@code numMagnitudeBins} levels. */
    public TrivialAugmentWide(int numMagnitudeBins, InterpolationMode mode, double[] fill) {
        if (numMagnitudeBins < 2) throw new IllegalArgumentException("numMagnitudeBins must be at least 2, got " + numMagnitudeBins);
        this.bins = numMagnitudeBins;
        this.mode = mode;
        this.fill = fill == null ? null : fill.clone();
    }

    @Override
    public Tensor apply(Tensor img) {
        double[] f = AugmentOps.perChannel(fill, Functional.channels(img));
        Map<String, AugmentOps.Space> space = AugmentOps.trivialAugmentSpace(bins);
        String name = AugmentOps.drawOp(space);
        AugmentOps.Space s = space.get(name);
        double m = s.magnitudes() == null ? 0.0 : AugmentOps.at(s, (long) Torch.randint(0, s.magnitudes().size(0), 1).item());
        return AugmentOps.apply(img, name, AugmentOps.maybeNegate(s, m), mode, f);
    }
}
