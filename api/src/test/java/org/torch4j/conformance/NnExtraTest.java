package org.torch4j.conformance;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * The layers, functional forms, cells and losses added to {@code org.torch4j.nn} after the first
 * reference set, against PyTorch 1.13 as {@link NnLayerTest} checks the others, plus gradgradcheck
 * in float64 ({@code reference/nn/layers_extra.json} and {@code losses_extra.json}, written by
 * {@code tools/gen_nn_reference.py}; the kinds are built by {@link NnExtraCases}).
 */
class NnExtraTest {
    @TestFactory
    Stream<DynamicNode> layers() {
        return NnReference.cases("layers_extra.json");
    }

    @TestFactory
    Stream<DynamicNode> losses() {
        return NnReference.cases("losses_extra.json");
    }
}
