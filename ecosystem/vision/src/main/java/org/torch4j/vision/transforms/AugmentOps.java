package org.torch4j.vision.transforms;

import java.util.LinkedHashMap;
import java.util.Map;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * The image operations of AutoAugment, RandAugment and TrivialAugmentWide (torchvision's {@code _apply_op}) and their
 * magnitude tables ({@code _augmentation_space}), in torchvision's order, since the random draws index into it.
 */
final class AugmentOps {
    private AugmentOps() {}

    /** An operation's magnitudes (null for none) and whether a random sign applies. */
    record Space(Tensor magnitudes, boolean signed) {}

    /** {@code _apply_op}: one named operation at {@code magnitude}. */
    static Tensor apply(Tensor img, String op, double magnitude, InterpolationMode mode, double[] fill) {
        double[] none = {0.0, 0.0};
        return switch (op) {
            case "ShearX" -> Functional.affine(img, 0.0, none, 1.0, new double[] {Math.toDegrees(Math.atan(magnitude)), 0.0}, mode, fill, none);
            case "ShearY" -> Functional.affine(img, 0.0, none, 1.0, new double[] {0.0, Math.toDegrees(Math.atan(magnitude))}, mode, fill, none);
            case "TranslateX" -> Functional.affine(img, 0.0, new double[] {(int) magnitude, 0}, 1.0, none, mode, fill, null);
            case "TranslateY" -> Functional.affine(img, 0.0, new double[] {0, (int) magnitude}, 1.0, none, mode, fill, null);
            case "Rotate" -> Functional.rotate(img, magnitude, mode, false, null, fill);
            case "Brightness" -> Functional.adjustBrightness(img, 1.0 + magnitude);
            case "Color" -> Functional.adjustSaturation(img, 1.0 + magnitude);
            case "Contrast" -> Functional.adjustContrast(img, 1.0 + magnitude);
            case "Sharpness" -> Functional.adjustSharpness(img, 1.0 + magnitude);
            case "Posterize" -> Functional.posterize(img, (int) magnitude);
            case "Solarize" -> Functional.solarize(img, magnitude);
            case "AutoContrast" -> Functional.autocontrast(img);
            case "Equalize" -> Functional.equalize(img);
            case "Invert" -> Functional.invert(img);
            case "Identity" -> img;
            default -> throw new IllegalArgumentException("The provided operator " + op + " is not recognized.");
        };
    }

    /** The value of a magnitude table at {@code index} (as {@code float(magnitudes[i].item())}). */
    static double at(Space s, long index) {
        return s.magnitudes == null ? 0.0 : s.magnitudes.get(index).item();
    }

    /** {@code 8 - (arange(bins) / ((bins - 1) / levels)).round().int()} (torchvision's posterize bits). */
    static Tensor posterizeBits(int top, int bins, double levels) {
        return Torch.arange(bins).div((bins - 1) / levels).round().to(DType.INT32).rsub(top);
    }

    /**
     * The geometric and colour operations shared by AutoAugment and RandAugment ({@code _augmentation_space}, 30 degrees,
     * 0.3 shear, 0.9 colour, translation 150/331 of the size), the first with {@code identity}, the last with
     * {@code invert}.
     */
    static Map<String, Space> autoAugmentSpace(int bins, int height, int width, boolean identity, boolean invert) {
        Map<String, Space> s = new LinkedHashMap<>();
        if (identity) s.put("Identity", new Space(null, false));
        s.put("ShearX", new Space(Torch.linspace(0.0, 0.3, bins), true));
        s.put("ShearY", new Space(Torch.linspace(0.0, 0.3, bins), true));
        s.put("TranslateX", new Space(Torch.linspace(0.0, 150.0 / 331.0 * width, bins), true));
        s.put("TranslateY", new Space(Torch.linspace(0.0, 150.0 / 331.0 * height, bins), true));
        s.put("Rotate", new Space(Torch.linspace(0.0, 30.0, bins), true));
        for (String colour : new String[] {"Brightness", "Color", "Contrast", "Sharpness"}) s.put(colour, new Space(Torch.linspace(0.0, 0.9, bins), true));
        s.put("Posterize", new Space(posterizeBits(8, bins, 4), false));
        s.put("Solarize", new Space(Torch.linspace(255.0, 0.0, bins), false));
        s.put("AutoContrast", new Space(null, false));
        s.put("Equalize", new Space(null, false));
        if (invert) s.put("Invert", new Space(null, false));
        return s;
    }

    /** TrivialAugmentWide's wider ranges (0.99 shear and colour, 32-pixel translation, 135 degrees, 2..8 bits). */
    static Map<String, Space> trivialAugmentSpace(int bins) {
        Map<String, Space> s = new LinkedHashMap<>();
        s.put("Identity", new Space(null, false));
        s.put("ShearX", new Space(Torch.linspace(0.0, 0.99, bins), true));
        s.put("ShearY", new Space(Torch.linspace(0.0, 0.99, bins), true));
        s.put("TranslateX", new Space(Torch.linspace(0.0, 32.0, bins), true));
        s.put("TranslateY", new Space(Torch.linspace(0.0, 32.0, bins), true));
        s.put("Rotate", new Space(Torch.linspace(0.0, 135.0, bins), true));
        for (String colour : new String[] {"Brightness", "Color", "Contrast", "Sharpness"}) s.put(colour, new Space(Torch.linspace(0.0, 0.99, bins), true));
        s.put("Posterize", new Space(posterizeBits(8, bins, 6), false));
        s.put("Solarize", new Space(Torch.linspace(255.0, 0.0, bins), false));
        s.put("AutoContrast", new Space(null, false));
        s.put("Equalize", new Space(null, false));
        return s;
    }

    /** AugMix's operations ({@code _augmentation_space}): shears, translations up to a third of the size, rotation, 4..0 bits, and with {@code allOps} the colour ones. */
    static Map<String, Space> augMixSpace(int bins, int height, int width, boolean allOps) {
        Map<String, Space> s = new LinkedHashMap<>();
        s.put("ShearX", new Space(Torch.linspace(0.0, 0.3, bins), true));
        s.put("ShearY", new Space(Torch.linspace(0.0, 0.3, bins), true));
        s.put("TranslateX", new Space(Torch.linspace(0.0, width / 3.0, bins), true));
        s.put("TranslateY", new Space(Torch.linspace(0.0, height / 3.0, bins), true));
        s.put("Rotate", new Space(Torch.linspace(0.0, 30.0, bins), true));
        s.put("Posterize", new Space(posterizeBits(4, bins, 4), false));
        s.put("Solarize", new Space(Torch.linspace(255.0, 0.0, bins), false));
        s.put("AutoContrast", new Space(null, false));
        s.put("Equalize", new Space(null, false));
        if (allOps) {
            for (String colour : new String[] {"Brightness", "Color", "Contrast", "Sharpness"}) s.put(colour, new Space(Torch.linspace(0.0, 0.9, bins), true));
        }
        return s;
    }

    /** One operation drawn uniformly from {@code space} ({@code torch.randint(len(op_meta), (1,))}). */
    static String drawOp(Map<String, Space> space) {
        return java.util.List.copyOf(space.keySet()).get((int) Torch.randint(0, space.size(), 1).item());
    }

    /** Whether a signed operation is negated ({@code signed and torch.randint(2, (1,))}: no draw for unsigned ones). */
    static double maybeNegate(Space s, double magnitude) {
        return s.signed() && Torch.randint(0, 2, 1).item() != 0 ? -magnitude : magnitude;
    }

    /** The fill as torchvision passes it on: one value per channel, or null. */
    static double[] perChannel(double[] fill, int channels) {
        if (fill == null) return null;
        if (fill.length == 1) {
            double[] f = new double[channels];
            java.util.Arrays.fill(f, fill[0]);
            return f;
        }
        return fill.clone();
    }
}
