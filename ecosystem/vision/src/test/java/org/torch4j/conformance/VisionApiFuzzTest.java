package org.torch4j.conformance;

import java.util.List;
import org.torch4j.vision.ops.StochasticDepth;

/**
 * The conformance kit's API fuzz ({@link DomainApiFuzzTest}) pointed at torchvision's ops: seeded odd arguments
 * through the static functions of the box, loss, RoI, deformable-convolution and transform classes, and every module
 * of {@code vision.ops} (constructors, then {@code forward}). The scratch runs behind it found remove_small_boxes on a
 * 1-D box and DeformConv2d with groups 0 failing inside, each since refused by a check tested in VisionOpsTest and
 * VisionOps2Test.
 */
class VisionApiFuzzTest extends DomainApiFuzzTest {

    @Override
    protected List<String> functionClasses() {
        return List.of("org.torch4j.vision.ops.Boxes", "org.torch4j.vision.ops.Losses", "org.torch4j.vision.ops.Roi",
                "org.torch4j.vision.ops.DeformConv", "org.torch4j.vision.transforms.Functional");
    }

    @Override
    protected Class<?> modulePackage() {
        return StochasticDepth.class;
    }
}
