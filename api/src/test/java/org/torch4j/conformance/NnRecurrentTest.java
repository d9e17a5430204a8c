package org.torch4j.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * The fused recurrent layers against PyTorch 1.13 ({@code reference/nn/rnn_fused.json}, written by
 * {@code tools/gen_rnn_fused_reference.py}): LSTM, GRU and Elman layers of hidden size 17, so that a backend's
 * float32 {@code recurrentCell} kernel runs full and masked vectors, with states, batch_first, two layers,
 * bidirectional and packed batches (outputs, input and parameter gradients in float32); gradgradcheck in float64
 * of small LSTM and packed GRU layers, which runs the layer's differentiable (recomputing) backward; and the same
 * forwards once more without autograd, where the layer keeps one step's buffers instead of every step's.
 */
class NnRecurrentTest {
    private static final String FILE = "rnn_fused.json";

    @TestFactory
    Stream<DynamicNode> layers() {
        return NnReference.cases(FILE);
    }

    @TestFactory
    Stream<DynamicTest> withoutAutograd() {
        return Reference.cases("nn/" + FILE).stream().map(c -> DynamicTest.dynamicTest(c.get("name") + " [no grad]", () -> forward(c)));
    }

    @SuppressWarnings("unchecked")
    private static void forward(Map<String, Object> c) {
        Map<String, Object> results = (Map<String, Object>) c.get("results");
        DType dtype = results.containsKey("float32") ? DType.FLOAT32 : DType.FLOAT64;
        String key = dtype == DType.FLOAT32 ? "float32" : "float64";
        List<Object> expected = (List<Object>) ((Map<String, Object>) results.get(key)).get("outputs");
        NnCases.Built b = NnReference.load(c, NnCases::build, dtype);
        List<Tensor> outs;
        try (var mode = Torch.noGrad()) {
            outs = b.runner().run(b.module(), NnReference.inputs(c, dtype, "contiguous"));
        }
        assertEquals(expected.size(), outs.size(), "number of outputs");
        double rtol = dtype == DType.FLOAT64 ? NnReference.F64_RTOL : NnReference.F32_RTOL;
        double atol = dtype == DType.FLOAT64 ? NnReference.F64_ATOL : NnReference.F32_ATOL;
        for (int k = 0; k < outs.size(); k++) NnReference.assertClose(expected.get(k), outs.get(k), rtol, atol, "output " + k);
    }
}
