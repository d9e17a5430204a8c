package org.torch4j.vision.transforms;

import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * AutoAugment (Cubuk et al. 2018; {@code torchvision.transforms.AutoAugment}) on uint8 images: one of the policy's
 * 25 sub-policies drawn uniformly, each of its two operations applied with its probability at its magnitude (10
 * levels), signed operations negated half the time. Draws as torchvision's ({@code torch.randint}, then
 * {@code torch.rand(2)}, then {@code torch.randint(2, (2,))}), so seeded results match.
 */
public final class AutoAugment implements UnaryOperator<Tensor> {
    /** One step of a sub-policy: operation, probability, magnitude level (null for none). */
    private record Op(String name, double p, Integer level) {}

    private static Op op(String name, double p, Integer level) {
        return new Op(name, p, level);
    }

    private final AutoAugmentPolicy policy;
    private final InterpolationMode mode;
    private final double[] fill;
    private final Op[][] policies;

    /** The ImageNet policy, nearest, no fill. */
    public AutoAugment() {
        this(AutoAugmentPolicy.IMAGENET, InterpolationMode.NEAREST, null);
    }

    /**
     * @param fill the fill of the geometric operations (one value or one per channel), or null for zero padding
     */
    public AutoAugment(AutoAugmentPolicy policy, InterpolationMode mode, double[] fill) {
        this.policy = policy;
        this.mode = mode;
        this.fill = fill == null ? null : fill.clone();
        this.policies = policies(policy);
    }

    /** The policy. */
    public AutoAugmentPolicy policy() {
        return policy;
    }

    private static Op[][] policies(AutoAugmentPolicy policy) {
        return switch (policy) {
            case IMAGENET -> new Op[][] {
                {op("Posterize", 0.4, 8), op("Rotate", 0.6, 9)},
                {op("Solarize", 0.6, 5), op("AutoContrast", 0.6, null)},
                {op("Equalize", 0.8, null), op("Equalize", 0.6, null)},
                {op("Posterize", 0.6, 7), op("Posterize", 0.6, 6)},
                {op("Equalize", 0.4, null), op("Solarize", 0.2, 4)},
                {op("Equalize", 0.4, null), op("Rotate", 0.8, 8)},
                {op("Solarize", 0.6, 3), op("Equalize", 0.6, null)},
                {op("Posterize", 0.8, 5), op("Equalize", 1.0, null)},
                {op("Rotate", 0.2, 3), op("Solarize", 0.6, 8)},
                {op("Equalize", 0.6, null), op("Posterize", 0.4, 6)},
                {op("Rotate", 0.8, 8), op("Color", 0.4, 0)},
                {op("Rotate", 0.4, 9), op("Equalize", 0.6, null)},
                {op("Equalize", 0.0, null), op("Equalize", 0.8, null)},
                {op("Invert", 0.6, null), op("Equalize", 1.0, null)},
                {op("Color", 0.6, 4), op("Contrast", 1.0, 8)},
                {op("Rotate", 0.8, 8), op("Color", 1.0, 2)},
                {op("Color", 0.8, 8), op("Solarize", 0.8, 7)},
                {op("Sharpness", 0.4, 7), op("Invert", 0.6, null)},
                {op("ShearX", 0.6, 5), op("Equalize", 1.0, null)},
                {op("Color", 0.4, 0), op("Equalize", 0.6, null)},
                {op("Equalize", 0.4, null), op("Solarize", 0.2, 4)},
                {op("Solarize", 0.6, 5), op("AutoContrast", 0.6, null)},
                {op("Invert", 0.6, null), op("Equalize", 1.0, null)},
                {op("Color", 0.6, 4), op("Contrast", 1.0, 8)},
                {op("Equalize", 0.8, null), op("Equalize", 0.6, null)}};
            case CIFAR10 -> new Op[][] {
                {op("Invert", 0.1, null), op("Contrast", 0.2, 6)},
                {op("Rotate", 0.7, 2), op("TranslateX", 0.3, 9)},
                {op("Sharpness", 0.8, 1), op("Sharpness", 0.9, 3)},
                {op("ShearY", 0.5, 8), op("TranslateY", 0.7, 9)},
                {op("AutoContrast", 0.5, null), op("Equalize", 0.9, null)},
                {op("ShearY", 0.2, 7), op("Posterize", 0.3, 7)},
                {op("Color", 0.4, 3), op("Brightness", 0.6, 7)},
                {op("Sharpness", 0.3, 9), op("Brightness", 0.7, 9)},
                {op("Equalize", 0.6, null), op("Equalize", 0.5, null)},
                {op("Contrast", 0.6, 7), op("Sharpness", 0.6, 5)},
                {op("Color", 0.7, 7), op("TranslateX", 0.5, 8)},
                {op("Equalize", 0.3, null), op("AutoContrast", 0.4, null)},
                {op("TranslateY", 0.4, 3), op("Sharpness", 0.2, 6)},
                {op("Brightness", 0.9, 6), op("Color", 0.2, 8)},
                {op("Solarize", 0.5, 2), op("Invert", 0.0, null)},
                {op("Equalize", 0.2, null), op("AutoContrast", 0.6, null)},
                {op("Equalize", 0.2, null), op("Equalize", 0.6, null)},
                {op("Color", 0.9, 9), op("Equalize", 0.6, null)},
                {op("AutoContrast", 0.8, null), op("Solarize", 0.2, 8)},
                {op("Brightness", 0.1, 3), op("Color", 0.7, 0)},
                {op("Solarize", 0.4, 5), op("AutoContrast", 0.9, null)},
                {op("TranslateY", 0.9, 9), op("TranslateY", 0.7, 9)},
                {op("AutoContrast", 0.9, null), op("Solarize", 0.8, 3)},
                {op("Equalize", 0.8, null), op("Invert", 0.1, null)},
                {op("TranslateY", 0.7, 9), op("AutoContrast", 0.9, null)}};
            case SVHN -> new Op[][] {
                {op("ShearX", 0.9, 4), op("Invert", 0.2, null)},
                {op("ShearY", 0.9, 8), op("Invert", 0.7, null)},
                {op("Equalize", 0.6, null), op("Solarize", 0.6, 6)},
                {op("Invert", 0.9, null), op("Equalize", 0.6, null)},
                {op("Equalize", 0.6, null), op("Rotate", 0.9, 3)},
                {op("ShearX", 0.9, 4), op("AutoContrast", 0.8, null)},
                {op("ShearY", 0.9, 8), op("Invert", 0.4, null)},
                {op("ShearY", 0.9, 5), op("Solarize", 0.2, 6)},
                {op("Invert", 0.9, null), op("AutoContrast", 0.8, null)},
                {op("Equalize", 0.6, null), op("Rotate", 0.9, 3)},
                {op("ShearX", 0.9, 4), op("Solarize", 0.3, 3)},
                {op("ShearY", 0.8, 8), op("Invert", 0.7, null)},
                {op("Equalize", 0.9, null), op("TranslateY", 0.6, 6)},
                {op("Invert", 0.9, null), op("Equalize", 0.6, null)},
                {op("Contrast", 0.3, 3), op("Rotate", 0.8, 4)},
                {op("Invert", 0.8, null), op("TranslateY", 0.0, 2)},
                {op("ShearY", 0.7, 6), op("Solarize", 0.4, 8)},
                {op("Invert", 0.6, null), op("Rotate", 0.8, 4)},
                {op("ShearY", 0.3, 7), op("TranslateX", 0.9, 3)},
                {op("ShearX", 0.1, 6), op("Invert", 0.6, null)},
                {op("Solarize", 0.7, 2), op("TranslateY", 0.6, 7)},
                {op("ShearY", 0.8, 4), op("Invert", 0.8, null)},
                {op("ShearX", 0.7, 9), op("TranslateY", 0.8, 3)},
                {op("ShearY", 0.8, 5), op("AutoContrast", 0.7, null)},
                {op("ShearX", 0.7, 2), op("Invert", 0.1, null)}};
        };
    }

    @Override
    public Tensor apply(Tensor img) {
        double[] f = AugmentOps.perChannel(fill, Functional.channels(img));
        int id = (int) Torch.randint(0, policies.length, 1).item();
        float[] probs = Torch.rand(2).toFloatArray();
        long[] signs = Torch.randint(0, 2, 2).toLongArray();
        Map<String, AugmentOps.Space> space = AugmentOps.autoAugmentSpace(10, Functional.height(img), Functional.width(img), false, true);
        for (int i = 0; i < 2; i++) {
            Op o = policies[id][i];
            if (probs[i] <= (float) o.p) { // a float32 tensor against the probability
                AugmentOps.Space s = space.get(o.name);
                double magnitude = o.level == null ? 0.0 : AugmentOps.at(s, o.level);
                if (s.signed() && signs[i] == 0) magnitude = -magnitude;
                img = AugmentOps.apply(img, o.name, magnitude, mode, f);
            }
        }
        return img;
    }

    /** The operations of the policy's sub-policies, for inspection. */
    public List<List<String>> subPolicies() {
        return java.util.Arrays.stream(policies).map(sp -> java.util.Arrays.stream(sp).map(Op::name).toList()).toList();
    }
}
