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

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.torch4j.DType;
import org.torch4j.GradCheck;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.audio.AudioReference;
import org.torch4j.nn.Module;

/**
 * torchaudio.models.RNNT (emformer_rnnt_model, emformer_rnnt_base) and RNNTBeamSearch against torchaudio 0.13
 * (rnnt.json and rnnt_*.pt from tools/gen_audio_rnnt_reference.py). As in {@link EmformerTest}, the references
 * keep the Emformer's attention softmax in float64, so float64 outputs agree to 1e-9.
 */
class RNNTTest {
    private static final double RTOL = 1e-9, ATOL = 1e-10;
    static final Map<String, Object> DATA = AudioReference.load("rnnt.json");

    private static Map<String, Object> small(String name) {
        return map(map(DATA.get("small")).get(name));
    }

    private static long num(Map<String, Object> m, String k) {
        return ((Number) m.get(k)).longValue();
    }

    private static double dbl(Map<String, Object> m, String k) {
        return ((Number) m.get(k)).doubleValue();
    }

    private static RNNT build(Map<String, Object> c) {
        return RNNT.emformerRnntModel(num(c, "input_dim"), num(c, "encoding_dim"), num(c, "num_symbols"), num(c, "segment_length"),
                num(c, "right_context_length"), num(c, "time_reduction_input_dim"), num(c, "time_reduction_stride"),
                num(c, "transformer_num_heads"), num(c, "transformer_ffn_dim"), (int) num(c, "transformer_num_layers"),
                dbl(c, "transformer_dropout"), (String) c.get("transformer_activation"), num(c, "transformer_left_context_length"),
                num(c, "transformer_max_memory_size"), (String) c.get("transformer_weight_init_scale_strategy"),
                (Boolean) c.get("transformer_tanh_on_mem"), num(c, "symbol_embedding_dim"), (int) num(c, "num_lstm_layers"),
                (Boolean) c.get("lstm_layer_norm"), dbl(c, "lstm_layer_norm_epsilon"), dbl(c, "lstm_dropout"));
    }

    /** The small model {@code name} in float64 with torchaudio's weights, in eval mode. */
    static RNNT smallModel(String name) {
        RNNT model = (RNNT) build(map(small(name).get("config"))).to(DType.FLOAT64);
        Module.LoadResult r = model.loadStateDict(ModelsReference.checkpoint("rnnt_" + name + ".pt"));
        assertTrue(r.missingKeys().isEmpty() && r.unexpectedKeys().isEmpty(), r.toString());
        model.eval();
        return model;
    }

    private static Tensor int64(Object nested) {
        List<Object> rows = list(nested);
        long[][] out = new long[rows.size()][];
        for (int i = 0; i < out.length; i++) out[i] = longs(rows.get(i));
        long[] flat = java.util.Arrays.stream(out).flatMapToLong(java.util.Arrays::stream).toArray();
        return Torch.tensor(flat, out.length, out[0].length);
    }

    private static void assertStates(List<CustomLSTM.State> actual, Object expected, String what) {
        List<Object> layers = list(expected);
        assertEquals(layers.size(), actual.size(), what);
        for (int i = 0; i < layers.size(); i++) {
            List<Object> hc = list(layers.get(i));
            assertClose(actual.get(i).h(), tensor(hc.get(0)), RTOL, ATOL, what + " h " + i);
            assertClose(actual.get(i).c(), tensor(hc.get(1)), RTOL, ATOL, what + " c " + i);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"layer_norm", "memory"})
    void keysAreTorchaudios(String name) {
        assertEquals(ModelsReference.keyLines(small(name).get("keys")), ModelsReference.keyLines(build(map(small(name).get("config"))).stateDict()));
    }

    /** torchaudio's initialisation order: after the same seed, every weight but the (retouched) layer norms is torchaudio's, bit for bit. */
    @Test
    void seededInitialisationIsTorchaudios() {
        Torch.manualSeed(71);
        RNNT model = build(map(small("layer_norm").get("config")));
        Map<String, Tensor> reference = ModelsReference.checkpoint("rnnt_layer_norm.pt");
        List<String> layerNorms = new ArrayList<>();
        model.namedModules().forEach((k, m) -> {
            if (m instanceof org.torch4j.nn.LayerNorm) layerNorms.add(k + ".");
        });
        int compared = 0;
        for (Map.Entry<String, Tensor> e : model.stateDict().entrySet()) {
            if (layerNorms.stream().anyMatch(e.getKey()::startsWith)) continue;
            assertArrayEquals(reference.get(e.getKey()).toDoubleArray(), e.getValue().to(DType.FLOAT64).toDoubleArray(), e.getKey());
            compared++;
        }
        assertTrue(compared > 20, "compared " + compared);
    }

    @ParameterizedTest
    @ValueSource(strings = {"layer_norm", "memory"})
    void forwardAndPartsMatchTorchaudio(String name) {
        Map<String, Object> ref = small(name);
        RNNT model = smallModel(name);
        Tensor sources = tensor(ref.get("sources")), sourceLengths = ModelsReference.int64(ref.get("source_lengths"));
        Tensor targets = int64(ref.get("targets")), targetLengths = ModelsReference.int64(ref.get("target_lengths"));
        try (var noGrad = Torch.noGrad()) {
            Map<String, Object> f = map(ref.get("forward"));
            RNNT.Output out = model.call(sources, sourceLengths, targets, targetLengths, null);
            assertClose(out.output(), tensor(f.get("output")), RTOL, ATOL, name + " forward");
            assertArrayEquals(longs(f.get("source_lengths")), out.sourceLengths().toLongArray());
            assertArrayEquals(longs(f.get("target_lengths")), out.targetLengths().toLongArray());
            assertStates(out.predictorState(), f.get("state"), name + " forward state");
            Map<String, Object> fs = map(ref.get("forward_with_state"));
            RNNT.Output again = model.call(sources, sourceLengths, targets, targetLengths, out.predictorState());
            assertClose(again.output(), tensor(fs.get("output")), RTOL, ATOL, name + " forward with state");
            assertStates(again.predictorState(), fs.get("state"), name + " second state");

            Map<String, Object> tr = map(ref.get("transcribe"));
            OutputAndLengths enc = model.transcribe(sources, sourceLengths);
            assertClose(enc.output(), tensor(tr.get("output")), RTOL, ATOL, name + " transcribe");
            assertArrayEquals(longs(tr.get("lengths")), enc.lengths().toLongArray());
            Map<String, Object> p = map(ref.get("predict"));
            Predictor.Output predicted = model.predict(targets, targetLengths, null);
            assertClose(predicted.output(), tensor(p.get("output")), RTOL, ATOL, name + " predict");
            assertStates(predicted.state(), p.get("state"), name + " predict state");
            Map<String, Object> j = map(ref.get("join"));
            Joiner.Output joined = model.join(enc.output(), enc.lengths(), predicted.output(), predicted.lengths());
            assertClose(joined.output(), tensor(j.get("output")), RTOL, ATOL, name + " join");
            assertArrayEquals(longs(j.get("source_lengths")), joined.sourceLengths().toLongArray());
            assertArrayEquals(longs(j.get("target_lengths")), joined.targetLengths().toLongArray());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"layer_norm", "memory"})
    void transcribeStreamingMatchesTorchaudio(String name) {
        Map<String, Object> ref = map(small(name).get("streaming"));
        RNNT model = smallModel(name);
        try (var noGrad = Torch.noGrad()) {
            List<EmformerLayer.State> states = null;
            int call = 0;
            for (Object o : list(ref.get("calls"))) {
                Map<String, Object> c = map(o);
                Emformer.InferOutput out = model.transcribeStreaming(tensor(c.get("input")), ModelsReference.int64(c.get("lengths")), states);
                assertClose(out.output(), tensor(c.get("output")), RTOL, ATOL, name + " call " + call++);
                assertArrayEquals(longs(c.get("out_lengths")), out.lengths().toLongArray());
                states = out.states();
            }
            List<Object> finalStates = list(ref.get("final_states"));
            for (int i = 0; i < states.size(); i++) {
                List<Object> expected = list(finalStates.get(i));
                EmformerLayer.State s = states.get(i);
                assertClose(s.memory(), tensor(expected.get(0)), RTOL, ATOL, name + " memory " + i);
                assertClose(s.leftContextKey(), tensor(expected.get(1)), RTOL, ATOL, name + " keys " + i);
                assertClose(s.leftContextVal(), tensor(expected.get(2)), RTOL, ATOL, name + " values " + i);
                assertArrayEquals(longs(list(expected.get(3)).get(0)), s.pastLength().to(DType.INT64).select(0, 0).toLongArray());
            }
        }
    }

    private static void assertHypotheses(Object expected, List<Hypothesis> actual, String what) {
        assertHypotheses(expected, actual, what, RTOL);
    }

    private static void assertHypotheses(Object expected, List<Hypothesis> actual, String what, double tol) {
        List<Object> hs = list(expected);
        assertEquals(hs.size(), actual.size(), what);
        for (int i = 0; i < hs.size(); i++) {
            Map<String, Object> h = map(hs.get(i));
            List<Integer> tokens = new ArrayList<>();
            for (long t : longs(h.get("tokens"))) tokens.add((int) t);
            assertEquals(tokens, actual.get(i).tokens(), what + " hypothesis " + i);
            assertEquals(dbl(h, "score"), actual.get(i).score(), tol * Math.abs(dbl(h, "score")), what + " score " + i);
            assertClose(actual.get(i).predictorOut(), tensor(h.get("predictor_out")), tol, tol, what + " predictor out " + i);
        }
    }

    @Test
    void beamSearchMatchesTorchaudio() {
        Map<String, Object> ref = map(DATA.get("beam_search"));
        RNNTBeamSearch decoder = new RNNTBeamSearch(smallModel("layer_norm"), (int) num(ref, "blank"));
        int beam = (int) num(ref, "beam_width");
        try (var noGrad = Torch.noGrad()) {
            List<Hypothesis> result = decoder.call(tensor(ref.get("input")), Torch.tensor(new long[] {num(ref, "length")}, 1), beam);
            assertHypotheses(ref.get("hypotheses"), result, "forward");
            List<EmformerLayer.State> state = null;
            Hypothesis best = null;
            int call = 0;
            for (Object o : list(ref.get("infer"))) {
                Map<String, Object> c = map(o);
                RNNTBeamSearch.InferOutput out = decoder.infer(tensor(c.get("input")), Torch.scalarTensor(num(c, "length")), beam, state, best);
                assertHypotheses(c.get("hypotheses"), out.hypotheses(), "infer call " + call++);
                state = out.state();
                best = out.hypotheses().get(0);
            }
            Map<String, Object> errors = map(ref.get("errors"));
            IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
                    () -> decoder.call(Torch.zeros(new long[] {2, 4, 6}, DType.FLOAT64), Torch.tensor(new long[] {4}, 1), 3));
            assertEquals(errors.get("input"), thrown.getMessage());
            thrown = assertThrows(IllegalArgumentException.class,
                    () -> decoder.call(Torch.zeros(new long[] {4, 6}, DType.FLOAT64), Torch.tensor(new long[] {4, 4}, 2), 3));
            assertEquals(errors.get("length"), thrown.getMessage());
        }
    }

    /** A float32 model: torchaudio's float32 score arithmetic; PyTorch's and torch4j's float32 kernels round apart, hence 1e-5. */
    @Test
    void float32BeamSearchMatchesTorchaudio() {
        Map<String, Object> ref = map(DATA.get("beam_search"));
        RNNT model = (RNNT) smallModel("layer_norm").to(DType.FLOAT32);
        RNNTBeamSearch decoder = new RNNTBeamSearch(model, (int) num(ref, "blank"));
        try (var noGrad = Torch.noGrad()) {
            List<Hypothesis> result = decoder.call(tensor(ref.get("input")).to(DType.FLOAT32), Torch.tensor(new long[] {num(ref, "length")}, 1),
                    (int) num(ref, "beam_width"));
            assertHypotheses(ref.get("float32_hypotheses"), result, "float32", 1e-5);
        }
    }

    @Test
    void gradcheckOfTheJointOutput() {
        RNNT model = smallModel("memory");
        Map<String, Object> ref = small("memory");
        Tensor sourceLengths = ModelsReference.int64(ref.get("source_lengths"));
        Tensor targets = int64(ref.get("targets")), targetLengths = ModelsReference.int64(ref.get("target_lengths"));
        Tensor sources = tensor(ref.get("sources")).requiresGrad_(true);
        assertTrue(GradCheck.gradcheck(in -> model.call(in[0], sourceLengths, targets, targetLengths, null).output(), sources));
    }

    @Test
    void baseIsTorchaudios() {
        Map<String, Object> ref = map(DATA.get("base"));
        RNNT base = RNNT.emformerRnntBase(num(ref, "num_symbols"));
        assertEquals(ModelsReference.keyLines(ref.get("keys")), ModelsReference.keyLines(base.stateDict()));
        long parameters = 0;
        for (Tensor p : base.parameters()) parameters += p.numel();
        assertEquals(num(ref, "parameters"), parameters);
    }

    @Test
    void errorsAreTorchaudios() {
        Map<String, Object> errors = map(DATA.get("errors"));
        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class, () -> new Joiner(4, 5, "gelu"));
        assertEquals(errors.get("joiner_activation"), thrown.getMessage());
    }
}
