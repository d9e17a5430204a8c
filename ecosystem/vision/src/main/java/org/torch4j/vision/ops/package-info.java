/**
 * Detection ops ({@code torchvision.ops} of torchvision 0.14): box geometry, the IoU family and
 * non-maximum suppression ({@link org.torch4j.vision.ops.Boxes}), the box and focal losses
 * ({@link org.torch4j.vision.ops.Losses}), RoI pooling ({@link org.torch4j.vision.ops.Roi} and the
 * modules {@link org.torch4j.vision.ops.RoIAlign}, {@link org.torch4j.vision.ops.RoIPool},
 * {@link org.torch4j.vision.ops.PSRoIAlign}, {@link org.torch4j.vision.ops.PSRoIPool},
 * {@link org.torch4j.vision.ops.MultiScaleRoIAlign}), {@link org.torch4j.vision.ops.StochasticDepth},
 * {@link org.torch4j.vision.ops.FrozenBatchNorm2d}, deformable convolution ({@link org.torch4j.vision.ops.DeformConv},
 * {@link org.torch4j.vision.ops.DeformConv2d}), DropBlock ({@link org.torch4j.vision.ops.DropBlock2d},
 * {@link org.torch4j.vision.ops.DropBlock3d}), and the model blocks {@link org.torch4j.vision.ops.SqueezeExcitation},
 * {@link org.torch4j.vision.ops.Permute}, {@link org.torch4j.vision.ops.MLP},
 * {@link org.torch4j.vision.ops.Conv2dNormActivation} and {@link org.torch4j.vision.ops.Conv3dNormActivation}.
 */
@Export
@Version("0.2.0")
package org.torch4j.vision.ops;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
