package org.torch4j.audio.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.torch4j.audio.AudioReference.assertClose;
import static org.torch4j.audio.AudioReference.longs;
import static org.torch4j.audio.AudioReference.map;
import static org.torch4j.audio.AudioReference.tensor;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.torch4j.DType;
import org.torch4j.GradCheck;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.Module;

/** torchaudio.models.Conformer against torchaudio 0.13 (models.json, conformer_*.pt). */
class ConformerTest {
    private static final double RTOL = 1e-9, ATOL = 1e-10;

    private static long num(Map<String, Object> m, String k) {
        return ((Number) m.get(k)).longValue();
    }

    private static Map<String, Object> small(String name) {
        return ModelsReference.section("conformer", "small", name);
    }

    private static Conformer build(Map<String, Object> c, double dropout) {
        return new Conformer(num(c, "input_dim"), (int) num(c, "num_heads"), num(c, "ffn_dim"), (int) num(c, "num_layers"),
                num(c, "depthwise_conv_kernel_size"), dropout, (Boolean) c.get("use_group_norm"), (Boolean) c.get("convolution_first"));
    }

    /** The small model {@code name} in float64 with torchaudio's weights (and the given dropout), in eval mode. */
    private static Conformer smallModel(String name, double dropout) {
        Conformer model = (Conformer) build(map(small(name).get("config")), dropout).to(DType.FLOAT64);
        Map<String, Tensor> saved = ModelsReference.checkpoint("conformer_" + name + ".pt");
        Module.LoadResult r = model.loadStateDict(saved);
        assertTrue(r.missingKeys().isEmpty() && r.unexpectedKeys().isEmpty(), r.toString());
        model.eval();
        return model;
    }

    private static Conformer smallModel(String name) {
        return smallModel(name, ((Number) map(small(name).get("config")).get("dropout")).doubleValue());
    }

    @ParameterizedTest
    @ValueSource(strings = {"batch_norm", "group_norm"})
    void keysAreTorchaudios(String name) {
        Conformer model = build(map(small(name).get("config")), 0.0);
        assertEquals(ModelsReference.keyLines(small(name).get("keys")), ModelsReference.keyLines(model.stateDict()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"batch_norm", "group_norm"})
    void forwardMatchesTorchaudio(String name) {
        Map<String, Object> ref = small(name);
        Conformer model = smallModel(name);
        Tensor lengths = ModelsReference.int64(ref.get("lengths"));
        try (var noGrad = Torch.noGrad()) {
            OutputAndLengths out = model.call(tensor(ref.get("input")), lengths);
            assertClose(out.output(), tensor(ref.get("output")), RTOL, ATOL, name);
            assertArrayEquals(longs(ref.get("out_lengths")), out.lengths().toLongArray());
            assertSame(lengths, out.lengths());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"batch_norm", "group_norm"})
    void trainingModeMatchesTorchaudio(String name) {
        // dropout 0 keeps training deterministic; batch norm then normalises with the batch's own statistics
        Map<String, Object> ref = small(name);
        Conformer model = smallModel(name, 0.0);
        model.train();
        try (var noGrad = Torch.noGrad()) {
            Tensor out = model.call(tensor(ref.get("input")), ModelsReference.int64(ref.get("lengths"))).output();
            assertClose(out, tensor(ref.get("train_output")), RTOL, ATOL, name + " training");
        }
    }

    @Test
    void oneInputMeansEveryFrameValid() {
        Map<String, Object> ref = small("group_norm");
        Conformer model = smallModel("group_norm");
        try (var noGrad = Torch.noGrad()) {
            Tensor x = tensor(ref.get("input"));
            Tensor all = Torch.tensor(new long[] {x.size(1), x.size(1)}, 2);
            assertClose(model.call(x), model.call(x, all).output(), 0, 0, "call(x)");
        }
    }

    @Test
    void gradcheckAndGradgradcheck() {
        Tensor lengths = Torch.tensor(new long[] {5, 3}, 2);
        for (String name : new String[] {"batch_norm", "group_norm"}) {
            Conformer model = smallModel(name);
            Torch.manualSeed(3);
            long dim = ((ConformerLayer) model.conformerLayers.get(0)).selfAttn.embedDim;
            Tensor x = Torch.randn(new long[] {2, 5, dim}, DType.FLOAT64).requiresGrad_(true);
            assertTrue(GradCheck.gradcheck(in -> model.call(in[0], lengths).output(), x), name);
            assertTrue(GradCheck.gradgradcheck(in -> model.call(in[0], lengths).output(), x), name);
        }
    }

    @Test
    void errorsAreTorchaudios() {
        Map<String, Object> errors = ModelsReference.section("conformer", "errors");
        Map<String, Object> kernel = map(errors.get("kernel"));
        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
                () -> new Conformer(8, 2, 12, 1, num(kernel, "depthwise_conv_kernel_size")));
        assertEquals(kernel.get("message"), thrown.getMessage());
        Map<String, Object> heads = map(errors.get("heads"));
        thrown = assertThrows(IllegalArgumentException.class,
                () -> new Conformer(num(heads, "input_dim"), (int) num(heads, "num_heads"), 12, 1, 3));
        assertEquals(heads.get("message"), thrown.getMessage());
        Map<String, Object> lengths = map(errors.get("lengths"));
        Conformer model = (Conformer) new Conformer(8, 2, 12, 1, 3).to(DType.FLOAT64);
        model.eval();
        thrown = assertThrows(IllegalArgumentException.class,
                () -> model.call(Torch.zeros(longs(lengths.get("shape")), DType.FLOAT64), ModelsReference.int64(lengths.get("lengths"))));
        assertEquals(lengths.get("message"), thrown.getMessage());
    }
}
