package org.torch4j.conformance;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/** View ops: shapes, values, strides, and that PyTorch's views share storage here too. Reference: {@code tensor_views.json}. */
class ViewTest {

    @TestFactory
    Stream<DynamicNode> pytorchReference() {
        return Conformance.cases("views");
    }
}
