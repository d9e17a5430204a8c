package org.torch4j.vision.transforms;

/** The AutoAugment policies learned on ImageNet, CIFAR-10 and SVHN ({@code torchvision.transforms.AutoAugmentPolicy}). */
public enum AutoAugmentPolicy {
    /** Learned on ImageNet. */
    IMAGENET,
    /** Learned on CIFAR-10. */
    CIFAR10,
    /** Learned on SVHN. */
    SVHN
}
