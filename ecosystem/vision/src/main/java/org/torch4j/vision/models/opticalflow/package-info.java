/**
 * Optical flow models ({@code torchvision.models.optical_flow}, version 0.14) with torchvision's structure,
 * initialisation and state-dict keys: {@link org.torch4j.vision.models.opticalflow.RAFT} with its builders
 * {@link org.torch4j.vision.models.opticalflow.RAFT#raftLarge()} and {@link org.torch4j.vision.models.opticalflow.RAFT#raftSmall()},
 * and the parts it is made of (feature and context encoders, correlation pyramid, recurrent update block, convex
 * upsampling). {@link org.torch4j.vision.models.opticalflow.OpticalFlowModels} lists them by torchvision's names.
 */
@Export
@Version("0.1.0")
package org.torch4j.vision.models.opticalflow;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
