/**
 * Image transforms on uint8 or float [..., C, H, W] tensors ({@code torchvision.transforms} 0.14, tensor
 * path): each random transform draws its parameters from the default generator in torchvision's order,
 * so with the same seed it gives torchvision's result. Besides the geometric and colour transforms, the
 * augmentation policies {@link org.torch4j.vision.transforms.AutoAugment},
 * {@link org.torch4j.vision.transforms.RandAugment}, {@link org.torch4j.vision.transforms.TrivialAugmentWide} and
 * {@link org.torch4j.vision.transforms.AugMix}.
 */
@Export
@Version("0.2.0")
package org.torch4j.vision.transforms;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
