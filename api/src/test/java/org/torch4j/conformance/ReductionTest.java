package org.torch4j.conformance;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/** Reductions, scans, sorting, top-k and unique over one, several, all and negative dims, with keepdim, special values and empty inputs. Reference: {@code tensor_reductions.json}. */
class ReductionTest {

    @TestFactory
    Stream<DynamicNode> pytorchReference() {
        return Conformance.cases("reductions");
    }
}
