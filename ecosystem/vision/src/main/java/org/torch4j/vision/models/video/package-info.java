/**
 * Video classification models ({@code torchvision.models.video}, version 0.14) with torchvision's structure,
 * initialisation and state-dict keys: {@link org.torch4j.vision.models.video.VideoResNet} ({@code r3d_18},
 * {@code mc3_18}, {@code r2plus1d_18}), {@link org.torch4j.vision.models.video.S3D} ({@code s3d}) and {@link org.torch4j.vision.models.video.MViT}
 * ({@code mvit_v1_b}, {@code mvit_v2_s}). They take clips [N, 3, T, H, W] and give logits [N, numClasses]
 * (torchvision's default is Kinetics-400's 400 classes).
 */
@Export
@Version("0.1.0")
package org.torch4j.vision.models.video;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
