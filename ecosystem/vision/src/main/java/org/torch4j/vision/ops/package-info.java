/**
 * Detection ops ({@code torchvision.ops} of torchvision 0.14): box geometry, the IoU family and
 * non-maximum suppression ({@link org.torch4j.vision.ops.Boxes}), the box and focal losses
 * ({@link org.torch4j.vision.ops.Losses}), RoI pooling ({@link org.torch4j.vision.ops.Roi} and the
 * modules {@link org.torch4j.vision.ops.RoIAlign}, {@link org.torch4j.vision.ops.RoIPool},
 * {@link org.torch4j.vision.ops.PSRoIAlign}, {@link org.torch4j.vision.ops.PSRoIPool},
 * {@link org.torch4j.vision.ops.MultiScaleRoIAlign}), {@link org.torch4j.vision.ops.StochasticDepth},
 * {@link org.torch4j.vision.ops.FrozenBatchNorm2d}, and the model blocks
 * {@link org.torch4j.vision.ops.SqueezeExcitation} and {@link org.torch4j.vision.ops.Permute}.
 */
@Export
@Version("0.1.0")
package org.torch4j.vision.ops;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
