package org.torch4j.conformance;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/** Indexing: index_select, gather, scatter and friends, masks, advanced (tensor and boolean) subscripts, index_put_, take, nonzero. Reference: {@code tensor_indexing.json}. */
class IndexingTest {

    @TestFactory
    Stream<DynamicNode> pytorchReference() {
        return Conformance.cases("indexing");
    }
}
