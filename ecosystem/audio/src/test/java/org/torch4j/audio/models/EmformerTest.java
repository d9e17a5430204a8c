package org.torch4j.audio.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.torch4j.audio.AudioReference.assertClose;
import static org.torch4j.audio.AudioReference.list;
import static org.torch4j.audio.AudioReference.longs;
import static org.torch4j.audio.AudioReference.map;
import static org.torch4j.audio.AudioReference.tensor;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.torch4j.DType;
import org.torch4j.GradCheck;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.Module;

/**
 * torchaudio.models.Emformer against torchaudio 0.13 (models.json, emformer_*.pt). The 1e-9 references are
 * torchaudio's computation with its attention softmax kept in float64 (see {@link EmformerAttention});
 * torchaudio's own float64 output, which rounds that softmax to float32, is checked to 1e-5.
 */
class EmformerTest {
    private static final double RTOL = 1e-9, ATOL = 1e-10;
    /** What rounding the attention logits and probabilities to float32 moves the outputs by (measured: under 1e-6). */
    private static final double FLOAT32_SOFTMAX_RTOL = 1e-5, FLOAT32_SOFTMAX_ATOL = 1e-6;

    private static long num(Map<String, Object> m, String k) {
        return ((Number) m.get(k)).longValue();
    }

    private static Map<String, Object> small(String name) {
        return ModelsReference.section("emformer", "small", name);
    }

    private static Emformer build(Map<String, Object> c) {
        return new Emformer(num(c, "input_dim"), num(c, "num_heads"), num(c, "ffn_dim"), (int) num(c, "num_layers"), num(c, "segment_length"),
                ((Number) c.get("dropout")).doubleValue(), (String) c.get("activation"), num(c, "left_context_length"),
                num(c, "right_context_length"), num(c, "max_memory_size"), (String) c.get("weight_init_scale_strategy"),
                (Boolean) c.get("tanh_on_mem"), -1e8);
    }

    /** The small model {@code name} in float64 with torchaudio's weights, in eval mode. */
    private static Emformer smallModel(String name) {
        Emformer model = (Emformer) build(map(small(name).get("config"))).to(DType.FLOAT64);
        Module.LoadResult r = model.loadStateDict(ModelsReference.checkpoint("emformer_" + name + ".pt"));
        assertTrue(r.missingKeys().isEmpty() && r.unexpectedKeys().isEmpty(), r.toString());
        model.eval();
        return model;
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory_context", "right_context", "memory_only"})
    void keysAreTorchaudios(String name) {
        Emformer model = build(map(small(name).get("config")));
        assertEquals(ModelsReference.keyLines(small(name).get("keys")), ModelsReference.keyLines(model.stateDict()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory_context", "right_context", "memory_only"})
    void forwardMatchesTorchaudio(String name) {
        Map<String, Object> ref = small(name);
        Emformer model = smallModel(name);
        try (var noGrad = Torch.noGrad()) {
            OutputAndLengths out = model.call(tensor(ref.get("input")), ModelsReference.int64(ref.get("lengths")));
            assertClose(out.output(), tensor(ref.get("output")), RTOL, ATOL, name);
            assertClose(out.output(), tensor(ref.get("output_float32_softmax")), FLOAT32_SOFTMAX_RTOL, FLOAT32_SOFTMAX_ATOL,
                    name + " against torchaudio's float32 softmax");
            assertArrayEquals(longs(ref.get("out_lengths")), out.lengths().toLongArray());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory_context", "right_context", "memory_only"})
    void inferStreamMatchesTorchaudio(String name) {
        Map<String, Object> ref = small(name);
        Emformer model = smallModel(name);
        try (var noGrad = Torch.noGrad()) {
            List<EmformerLayer.State> states = null;
            int call = 0;
            for (Object o : list(ref.get("infer"))) {
                Map<String, Object> c = map(o);
                Emformer.InferOutput out = model.infer(tensor(c.get("input")), ModelsReference.int64(c.get("lengths")), states);
                assertClose(out.output(), tensor(c.get("output")), RTOL, ATOL, name + " call " + call++);
                assertArrayEquals(longs(c.get("out_lengths")), out.lengths().toLongArray());
                states = out.states();
            }
            List<Object> finalStates = list(ref.get("final_states"));
            for (int i = 0; i < states.size(); i++) {
                List<Object> expected = list(finalStates.get(i));
                EmformerLayer.State s = states.get(i);
                Tensor[] actual = {s.memory(), s.leftContextKey(), s.leftContextVal()};
                for (int j = 0; j < 3; j++) {
                    assertClose(actual[j].to(DType.FLOAT64), tensor(expected.get(j)).to(DType.FLOAT64), RTOL, ATOL, name + " state " + i + "." + j);
                }
                assertEquals(DType.INT32, s.pastLength().dtype());
                assertArrayEquals(longs(list(expected.get(3)).get(0)), s.pastLength().to(DType.INT64).select(0, 0).toLongArray());
            }
        }
    }

    @Test
    void gradcheckAndGradgradcheck() {
        Tensor lengths = Torch.tensor(new long[] {5, 4}, 2);
        for (String name : new String[] {"memory_context", "right_context"}) {
            Emformer model = smallModel(name);
            long dim = ((EmformerLayer) model.emformerLayers.get(0)).inputDim;
            Torch.manualSeed(5);
            Tensor x = Torch.randn(new long[] {2, 5 + model.rightContextLength, dim}, DType.FLOAT64).requiresGrad_(true);
            assertTrue(GradCheck.gradcheck(in -> model.call(in[0], lengths).output(), x), name);
            assertTrue(GradCheck.gradgradcheck(in -> model.call(in[0], lengths).output(), x), name);
        }
    }

    @Test
    void errorsAreTorchaudios() {
        Map<String, Object> errors = ModelsReference.section("emformer", "errors");
        Map<String, Object> heads = map(errors.get("heads"));
        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
                () -> new Emformer(num(heads, "input_dim"), num(heads, "num_heads"), 12, 1, 3));
        assertEquals(heads.get("message"), thrown.getMessage());
        Map<String, Object> activation = map(errors.get("activation"));
        thrown = assertThrows(IllegalArgumentException.class,
                () -> new Emformer(8, 2, 12, 1, 3, 0.0, (String) activation.get("activation"), 0, 0, 0, "depthwise", false, -1e8));
        assertEquals(activation.get("message"), thrown.getMessage());
        Map<String, Object> strategy = map(errors.get("strategy"));
        thrown = assertThrows(IllegalArgumentException.class,
                () -> new Emformer(8, 2, 12, 1, 3, 0.0, "relu", 0, 0, 0, (String) strategy.get("strategy"), false, -1e8));
        assertEquals(strategy.get("message"), thrown.getMessage());
        Map<String, Object> infer = map(errors.get("infer"));
        Emformer model = (Emformer) new Emformer(8, 2, 12, 1, 3, 0.0, "relu", 0, 1, 0, "depthwise", false, -1e8).to(DType.FLOAT64);
        model.eval();
        thrown = assertThrows(IllegalArgumentException.class,
                () -> model.infer(Torch.zeros(longs(infer.get("shape")), DType.FLOAT64), Torch.tensor(new long[] {5, 5}, 2), null));
        assertEquals(infer.get("message"), thrown.getMessage());
    }
}
