package org.torch4j.conformance;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/** Joining and copying ops: cat, stack, repeat, tile, flip, roll, tril, triu, pad. Reference: {@code tensor_joins.json}. */
class JoinTest {

    @TestFactory
    Stream<DynamicNode> pytorchReference() {
        return Conformance.cases("joins");
    }
}
