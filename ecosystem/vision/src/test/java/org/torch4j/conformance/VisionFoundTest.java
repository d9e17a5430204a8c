package org.torch4j.conformance;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * torchvision cases that {@code tools/fuzz_against_pytorch.py --vision} and {@code --transforms} found torch4j getting
 * wrong (gradients of the geometric transforms, hue ties, strided images, messages), through the kit's {@code tv_*} and
 * {@code tvf_*} ops ({@link VisionOps}). Reference: {@code tensor_vision.json} ({@code gen_vision_found()}).
 */
class VisionFoundTest {

    @TestFactory
    Stream<DynamicNode> torchvisionReference() {
        return Conformance.cases("vision");
    }
}
