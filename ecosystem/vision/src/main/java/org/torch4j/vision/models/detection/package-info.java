/**
 * Object detection ({@code torchvision.models.detection}, version 0.14) with torchvision's structure,
 * initialisation and state-dict keys: {@link org.torch4j.vision.models.detection.FasterRCNN} (ResNet-50 FPN, its v2, and
 * MobileNetV3-Large FPN at two resolutions), {@link org.torch4j.vision.models.detection.MaskRCNN} and
 * {@link org.torch4j.vision.models.detection.KeypointRCNN}, with their parts (transform, anchors, region proposal network,
 * RoI heads, box coder, matcher, sampler), and the one-stage {@link org.torch4j.vision.models.detection.RetinaNet},
 * {@link org.torch4j.vision.models.detection.FCOS} and {@link org.torch4j.vision.models.detection.SSD} (SSD300, SSDlite) with
 * their heads (every model a
 * {@link org.torch4j.vision.models.detection.DetectionModel}). Images are {@code List<Tensor>} of {@code [3, H, W]} in {@code [0, 1]}; in
 * evaluation a model gives a {@link org.torch4j.vision.models.detection.Detection} per image, in training the losses for
 * {@link org.torch4j.vision.models.detection.Target}s. Builder keyword arguments are
 * {@link org.torch4j.vision.models.detection.RCNNOptions} and {@link org.torch4j.vision.models.detection.OneStageOptions}.
 */
@Export
@Version("0.1.0")
package org.torch4j.vision.models.detection;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
