package org.torch4j.vision.transforms;

import java.util.function.UnaryOperator;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * Random brightness, contrast, saturation and hue changes in a random order
 * ({@code torchvision.transforms.ColorJitter}): {@code torch.randperm(4)} for the order, then one
 * {@code uniform_} draw per enabled factor, as torchvision draws them.
 */
public final class ColorJitter implements UnaryOperator<Tensor> {
    private final double[] brightness, contrast, saturation, hue;   // [lo, hi], or null when disabled

    /**
     * Jitters of strength {@code brightness}, {@code contrast}, {@code saturation} (factors in
     * [max(0, 1 - v), 1 + v]) and {@code hue} (shift in [-v, v], v at most 0.5); 0 disables one.
     */
    public ColorJitter(double brightness, double contrast, double saturation, double hue) {
        this.brightness = range(brightness, "brightness", 1, true, Double.POSITIVE_INFINITY);
        this.contrast = range(contrast, "contrast", 1, true, Double.POSITIVE_INFINITY);
        this.saturation = range(saturation, "saturation", 1, true, Double.POSITIVE_INFINITY);
        this.hue = range(hue, "hue", 0, false, 0.5);
    }

    /** torchvision's {@code _check_input} for a single number. */
    private static double[] range(double value, String name, double center, boolean clipFirstOnZero, double bound) {
        if (value < 0) throw new IllegalArgumentException("If " + name + " is a single number, it must be non negative.");
        double lo = center - value, hi = center + value;
        if (clipFirstOnZero) lo = Math.max(lo, 0.0);
        if (!center(lo, hi, name, center, bound)) return null;
        return new double[] {lo, hi};
    }

    private static boolean center(double lo, double hi, String name, double center, double bound) {
        if (name.equals("hue") && (lo < -bound || hi > bound)) throw new IllegalArgumentException("hue values should be between (-0.5, 0.5)");
        return !(lo == center && hi == center);
    }

    /** The jittered image. */
    @Override
    public Tensor apply(Tensor img) {
        long[] order = Torch.randperm(4).toLongArray();
        Double b = draw(brightness), c = draw(contrast), s = draw(saturation), h = draw(hue);
        for (long fn : order) {
            if (fn == 0 && b != null) img = Functional.adjustBrightness(img, b);
            else if (fn == 1 && c != null) img = Functional.adjustContrast(img, c);
            else if (fn == 2 && s != null) img = Functional.adjustSaturation(img, s);
            else if (fn == 3 && h != null) img = Functional.adjustHue(img, h);
        }
        return img;
    }

    private static Double draw(double[] range) {
        return range == null ? null : Torch.empty(1).uniform_(range[0], range[1]).item();
    }
}
