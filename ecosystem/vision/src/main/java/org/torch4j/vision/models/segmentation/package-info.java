/**
 * Semantic segmentation models ({@code torchvision.models.segmentation}, version 0.14) with torchvision's
 * structure, initialisation and state-dict keys: {@link org.torch4j.vision.models.segmentation.FCN},
 * {@link org.torch4j.vision.models.segmentation.DeepLabV3} and {@link org.torch4j.vision.models.segmentation.LRASPP}
 * on dilated ResNet-50 and MobileNetV3-Large backbones. Each returns per-pixel logits at the input's size;
 * {@code forwardDict} also gives the auxiliary head's ({@link org.torch4j.vision.models.segmentation.SegmentationOutput}).
 */
@Export
@Version("0.1.0")
package org.torch4j.vision.models.segmentation;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
