package org.torch4j.vision.transforms;

import java.util.Map;
import java.util.function.UnaryOperator;
import org.torch4j.Tensor;

/**
 * RandAugment (Cubuk et al. 2019; {@code torchvision.transforms.RandAugment}) on uint8 images: {@code numOps}
 * operations drawn uniformly (with replacement) from 14, each at magnitude {@code magnitude} of
 * {@code numMagnitudeBins} levels, signed ones negated half the time. Seeded draws match torchvision's.
 */
public final class RandAugment implements UnaryOperator<Tensor> {
    private final int numOps, magnitude, bins;
    private final InterpolationMode mode;
    private final double[] fill;

    /** torchvision's defaults: 2 operations at magnitude 9 of 31, nearest, no fill. */
    public RandAugment() {
        this(2, 9, 31, InterpolationMode.NEAREST, null);
    }

    /**
     * @throws IllegalArgumentException unless 0 <= magnitude < numMagnitudeBins
     */
    public RandAugment(int numOps, int magnitude, int numMagnitudeBins, InterpolationMode mode, double[] fill) {
        if (magnitude < 0 || magnitude >= numMagnitudeBins) {
            throw new IllegalArgumentException("magnitude must be in [0, " + numMagnitudeBins + "), got " + magnitude);
        }
        this.numOps = numOps;
        this.magnitude = magnitude;
        this.bins = numMagnitudeBins;
        this.mode = mode;
        this.fill = fill == null ? null : fill.clone();
    }

    @Override
    public Tensor apply(Tensor img) {
        double[] f = AugmentOps.perChannel(fill, Functional.channels(img));
        Map<String, AugmentOps.Space> space = AugmentOps.autoAugmentSpace(bins, Functional.height(img), Functional.width(img), true, false);
        for (int k = 0; k < numOps; k++) {
            String name = AugmentOps.drawOp(space);
            AugmentOps.Space s = space.get(name);
            img = AugmentOps.apply(img, name, AugmentOps.maybeNegate(s, AugmentOps.at(s, magnitude)), mode, f);
        }
        return img;
    }
}
