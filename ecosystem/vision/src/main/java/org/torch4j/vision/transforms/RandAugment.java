package org.torch4j.vision.transforms;

import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.torch4j.Tensor;
import org.torch4j.Torch;

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
        List<String> names = List.copyOf(space.keySet());
        for (int k = 0; k < numOps; k++) {
            String name = names.get((int) Torch.randint(0, names.size(), 1).item());
            AugmentOps.Space s = space.get(name);
            double m = AugmentOps.at(s, magnitude);
            if (s.signed() && Torch.randint(0, 2, 1).item() != 0) m = -m;
            img = AugmentOps.apply(img, name, m, mode, f);
        }
        return img;
    }
}
