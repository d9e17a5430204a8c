package org.torch4j.conformance;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * The fused recurrent layers against PyTorch 1.13 ({@code reference/nn/rnn_fused.json}, written by
 * {@code tools/gen_rnn_fused_reference.py}): LSTM, GRU and Elman layers of hidden size 17, so that a backend's
 * float32 {@code recurrentCell} kernel runs full and masked vectors, with states, batch_first, two layers,
 * bidirectional and packed batches (outputs, input and parameter gradients in float32); and gradgradcheck in
 * float64 of small LSTM and packed GRU layers, which runs the layer's differentiable (recomputing) backward.
 */
class NnRecurrentTest {
    @TestFactory
    Stream<DynamicNode> layers() {
        return NnReference.cases("rnn_fused.json");
    }
}
