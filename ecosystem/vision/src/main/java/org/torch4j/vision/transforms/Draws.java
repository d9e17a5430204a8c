package org.torch4j.vision.transforms;

import org.torch4j.Torch;

/** The coin flips of the random transforms, compared as torchvision compares them. */
final class Draws {
    private Draws() {}

    /** {@code torch.rand(1) < p}: a tensor comparison, so in float32. */
    static boolean tensorBelow(double p) {
        return (float) Torch.rand(1).item() < (float) p;
    }

    /** Not {@code p < torch.rand(1)} (RandomApply's test), in float32. */
    static boolean tensorBelowOrAt(double p) {
        return !((float) p < (float) Torch.rand(1).item());
    }

    /** {@code torch.rand(1).item() < p}: the float32 draw against p in double. */
    static boolean itemBelow(double p) {
        return Torch.rand(1).item() < p;
    }

    static double checkProbability(double p) {
        if (!(p >= 0 && p <= 1)) throw new IllegalArgumentException("probability should be in [0, 1], got " + p);
        return p;
    }
}
