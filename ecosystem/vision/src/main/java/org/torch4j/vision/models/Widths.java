package org.torch4j.vision.models;

/** Channel widths as torchvision's {@code _make_divisible} rounds them (MobileNetV3, EfficientNet). */
final class Widths {
    private Widths() {}

    /**
     * {@code v} rounded to the nearest multiple of {@code divisor} (at least {@code divisor}), moved up one
     * multiple when rounding lost more than 10% (the TensorFlow MobileNet rule torchvision keeps).
     */
    static long makeDivisible(double v, long divisor) {
        long rounded = Math.max(divisor, (long) (v + divisor / 2.0) / divisor * divisor);
        return rounded < 0.9 * v ? rounded + divisor : rounded;
    }
}
