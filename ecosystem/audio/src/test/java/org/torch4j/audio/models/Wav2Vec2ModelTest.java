package org.torch4j.audio.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.torch4j.DType;
import org.torch4j.GradCheck;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.Module;

/** torchaudio.models.Wav2Vec2Model against torchaudio 0.13 (models.json, wav2vec2_*.pt). */
class Wav2Vec2ModelTest {
    private static final double RTOL = 1e-9, ATOL = 1e-10;

    /** The small configuration {@code name} of models.json as a Java configuration. */
    static Wav2Vec2Config config(Map<String, Object> c) {
        List<long[]> convs = new ArrayList<>();
        for (Object l : list(c.get("extractor_conv_layer_config"))) convs.add(longs(l));
        Object aux = c.get("aux_num_out");
        return new Wav2Vec2Config((String) c.get("extractor_mode"), convs, (Boolean) c.get("extractor_conv_bias"), num(c, "encoder_embed_dim"),
                dbl(c, "encoder_projection_dropout"), num(c, "encoder_pos_conv_kernel"), num(c, "encoder_pos_conv_groups"),
                (int) num(c, "encoder_num_layers"), (int) num(c, "encoder_num_heads"), dbl(c, "encoder_attention_dropout"),
                num(c, "encoder_ff_interm_features"), dbl(c, "encoder_ff_interm_dropout"), dbl(c, "encoder_dropout"),
                (Boolean) c.get("encoder_layer_norm_first"), dbl(c, "encoder_layer_drop"), aux == null ? null : ((Number) aux).intValue());
    }

    private static long num(Map<String, Object> m, String k) {
        return ((Number) m.get(k)).longValue();
    }

    private static double dbl(Map<String, Object> m, String k) {
        return ((Number) m.get(k)).doubleValue();
    }

    private static Map<String, Object> small(String name) {
        return ModelsReference.section("wav2vec2", "small", name);
    }

    /** The small model {@code name} in float64 with torchaudio's weights, in eval mode. */
    static Wav2Vec2Model smallModel(String name) {
        Wav2Vec2Model model = (Wav2Vec2Model) config(map(small(name).get("config"))).build().to(DType.FLOAT64);
        Module.LoadResult r = model.loadStateDict(ModelsReference.checkpoint("wav2vec2_" + name + ".pt"));
        assertTrue(r.missingKeys().isEmpty() && r.unexpectedKeys().isEmpty(), r.toString());
        model.eval();
        return model;
    }

    @ParameterizedTest
    @ValueSource(strings = {"group_norm", "layer_norm"})
    void stateDictKeysAreTorchaudios(String name) {
        Map<String, Tensor> saved = ModelsReference.checkpoint("wav2vec2_" + name + ".pt");
        Wav2Vec2Model model = config(map(small(name).get("config"))).build();
        assertEquals(ModelsReference.keyLines(saved), ModelsReference.keyLines(model.stateDict()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"group_norm", "layer_norm"})
    void forwardMatchesTorchaudio(String name) {
        Map<String, Object> ref = small(name);
        Wav2Vec2Model model = smallModel(name);
        Tensor x = tensor(ref.get("waveforms"));
        try (var noGrad = Torch.noGrad()) {
            OutputAndLengths plain = model.call(x, null);
            assertNull(plain.lengths());
            assertClose(plain.output(), tensor(ref.get("output")), RTOL, ATOL, name + " output");
            assertClose(model.call(x), tensor(ref.get("output")), RTOL, ATOL, name + " one-input call");

            OutputAndLengths withLengths = model.call(x, ModelsReference.int64(ref.get("lengths")));
            assertClose(withLengths.output(), tensor(ref.get("output_with_lengths")), RTOL, ATOL, name + " output with lengths");
            assertEquals(DType.INT64, withLengths.lengths().dtype());
            assertArrayEquals(longs(ref.get("out_lengths")), withLengths.lengths().toLongArray());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"group_norm", "layer_norm"})
    void extractFeaturesMatchesTorchaudio(String name) {
        Map<String, Object> ref = small(name);
        Wav2Vec2Model model = smallModel(name);
        Tensor x = tensor(ref.get("waveforms")), lengths = ModelsReference.int64(ref.get("lengths"));
        try (var noGrad = Torch.noGrad()) {
            for (String key : List.of("features", "features_1")) {
                LayerOutputs out = model.extractFeatures(x, lengths, key.equals("features") ? null : 1);
                List<Object> expected = list(ref.get(key));
                assertEquals(expected.size(), out.layers().size(), key);
                for (int i = 0; i < expected.size(); i++) assertClose(out.layers().get(i), tensor(expected.get(i)), RTOL, ATOL, key + " " + i);
                assertArrayEquals(longs(ref.get("feature_lengths")), out.lengths().toLongArray());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"group_norm", "layer_norm"})
    void layerDropSkipsLayersInTraining(String name) {
        Map<String, Object> ref = small(name);
        Wav2Vec2Config c = config(map(ref.get("config")));
        Wav2Vec2Config allDropped = new Wav2Vec2Config(c.extractorMode(), c.extractorConvLayerConfig(), c.extractorConvBias(),
                c.encoderEmbedDim(), 0, c.encoderPosConvKernel(), c.encoderPosConvGroups(), c.encoderNumLayers(), c.encoderNumHeads(), 0,
                c.encoderFfIntermFeatures(), 0, 0, c.encoderLayerNormFirst(), 1.0, c.auxNumOut());
        Wav2Vec2Model model = (Wav2Vec2Model) allDropped.build().to(DType.FLOAT64);
        model.loadStateDict(ModelsReference.checkpoint("wav2vec2_" + name + ".pt"));
        model.train();
        try (var noGrad = Torch.noGrad()) {
            Tensor out = model.call(tensor(ref.get("waveforms")), ModelsReference.int64(ref.get("lengths"))).output();
            assertClose(out, tensor(ref.get("train_all_layers_dropped")), RTOL, ATOL, name + " training, every layer dropped");
        }
    }

    @Test
    void baseStateDictKeysAreTorchaudios() {
        List<String> expected = ModelsReference.keyLines(ModelsReference.section("wav2vec2").get("base_keys"));
        assertEquals(expected, ModelsReference.keyLines(Wav2Vec2Model.wav2vec2Base().stateDict()));
    }

    @Test
    void factoriesPassTorchaudiosArguments() {
        Map<String, Object> factories = ModelsReference.section("wav2vec2", "factories");
        Map<String, Wav2Vec2Config> java = Map.of("wav2vec2_base", Wav2Vec2Config.wav2vec2Base(), "wav2vec2_large",
                Wav2Vec2Config.wav2vec2Large(), "wav2vec2_large_lv60k", Wav2Vec2Config.wav2vec2LargeLv60k(), "hubert_base",
                Wav2Vec2Config.hubertBase(), "hubert_large", Wav2Vec2Config.hubertLarge(), "hubert_xlarge", Wav2Vec2Config.hubertXlarge());
        assertEquals(factories.keySet(), java.keySet());
        for (String name : factories.keySet()) assertEquals(config(map(factories.get(name))), java.get(name), name);
    }

    @Test
    void configComparesConvLayersByValue() {
        Wav2Vec2Config a = Wav2Vec2Config.wav2vec2Base(), b = Wav2Vec2Config.wav2vec2Base();
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertTrue(a.toString().startsWith("wav2vec2_model(extractor_mode='group_norm', extractor_conv_layer_config=[[512, 10, 5], [512, 3, 2]"),
                a.toString());
        assertNotEquals(a, Wav2Vec2Config.hubertBase());   // same architecture, other dropouts
    }

    @Test
    void factoryOverloadsPassTheirArguments() {
        Wav2Vec2Config c = Wav2Vec2Config.hubertLarge(0.1, 0.2, 0.3, 0.4, 0.5, 29);
        assertEquals(List.of(0.1, 0.2, 0.3, 0.4, 0.5), List.of(c.encoderProjectionDropout(), c.encoderAttentionDropout(),
                c.encoderFfIntermDropout(), c.encoderDropout(), c.encoderLayerDrop()));
        assertEquals(29, c.auxNumOut());
    }

    @Test
    void gradcheckWithLengths() {
        Wav2Vec2Model model = smallModel("layer_norm");
        Torch.manualSeed(0);
        Tensor x = Torch.randn(new long[] {2, 60}, DType.FLOAT64).requiresGrad_(true);
        Tensor lengths = Torch.tensor(new long[] {60, 45}, 2);
        assertTrue(GradCheck.gradcheck(in -> model.call(in[0], lengths).output(), x));
        assertTrue(GradCheck.gradgradcheck(in -> model.call(in[0], lengths).output(), x));
    }

    @Test
    void gradcheckGroupNormWithAuxHead() {
        Wav2Vec2Model model = smallModel("group_norm");
        Torch.manualSeed(1);
        Tensor x = Torch.randn(new long[] {1, 50}, DType.FLOAT64).requiresGrad_(true);
        assertTrue(GradCheck.gradcheck(in -> model.call(in[0]), x));
        assertTrue(GradCheck.gradgradcheck(in -> model.call(in[0]), x));
    }

    @Test
    void errorsAreTorchaudios() {
        Map<String, Object> errors = ModelsReference.section("wav2vec2", "errors");
        Wav2Vec2Model model = smallModel("group_norm");
        Map<String, Tensor> before = model.stateDict();
        for (String key : List.of("waveform_3d", "waveform_1d")) {
            Map<String, Object> e = map(errors.get(key));
            Tensor bad = Torch.zeros(longs(e.get("shape")), DType.FLOAT64);
            assertMessage(e, () -> model.call(bad, null));
        }
        Map<String, Object> ref = small("group_norm");
        Wav2Vec2Config c = config(map(ref.get("config")));
        assertMessage(map(errors.get("norm_mode")), () -> new Wav2Vec2Config("batch_norm", c.extractorConvLayerConfig(), false,
                c.encoderEmbedDim(), 0, c.encoderPosConvKernel(), c.encoderPosConvGroups(), 1, 3, 0, 8, 0, 0, false, 0, null).build());
        Map<String, Object> heads = map(errors.get("heads"));
        assertMessage(heads, () -> new SelfAttention(num(heads, "embed_dim"), num(heads, "num_heads"), 0));
        for (Object o : list(errors.get("num_layers"))) {
            Map<String, Object> e = map(o);
            assertMessage(e, () -> model.extractFeatures(Torch.zeros(new long[] {1, 160}, DType.FLOAT64), null, (int) num(e, "num_layers")));
        }
        Map<String, Object> attnInput = map(errors.get("attention_input"));
        SelfAttention attention = new SelfAttention(num(attnInput, "embed_dim"), num(attnInput, "num_heads"), 0);
        assertMessage(attnInput, () -> attention.call(Torch.zeros(longs(attnInput.get("shape")), DType.FLOAT32), null));
        Map<String, Object> attnMask = map(errors.get("attention_mask"));
        assertMessage(attnMask, () -> attention.call(Torch.zeros(longs(attnMask.get("shape")), DType.FLOAT32),
                Torch.zeros(longs(attnMask.get("mask_shape")), DType.FLOAT32)));

        // nothing changed: same weights, same output
        Map<String, Tensor> after = model.stateDict();
        assertEquals(before.keySet(), after.keySet());
        before.forEach((k, v) -> assertArrayEquals(v.toDoubleArray(), after.get(k).toDoubleArray(), k));
        try (var noGrad = Torch.noGrad()) {
            assertClose(model.call(tensor(ref.get("waveforms"))), tensor(ref.get("output")), RTOL, ATOL, "output after errors");
        }
    }

    private static void assertMessage(Map<String, Object> e, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class, call);
        assertEquals(e.get("message"), thrown.getMessage());
    }
}
