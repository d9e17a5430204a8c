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
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.torch4j.DType;
import org.torch4j.GradCheck;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.audio.AudioReference;
import org.torch4j.nn.Module;

/**
 * torchaudio.models.HuBERTPretrainModel (hubert_pretrain_model and its factories) against torchaudio 0.13
 * (hubert_pretrain.json and hubert_pretrain_small.pt from tools/gen_audio_rnnt_reference.py). The masks come from
 * torch's generator in torchaudio (no numpy), so after the same {@code Torch.manualSeed} they are torchaudio's. The
 * 1e-9 references compute the cosine similarities in float64, as {@link LogitGenerator} does; torchaudio's own
 * float32 similarities are checked to 1e-6.
 */
class HuBERTPretrainTest {
    private static final double RTOL = 1e-9, ATOL = 1e-10;
    private static final Map<String, Object> DATA = AudioReference.load("hubert_pretrain.json");
    private static final Map<String, Object> SMALL = map(DATA.get("small"));

    private static long num(Map<String, Object> m, String k) {
        return ((Number) m.get(k)).longValue();
    }

    private static double dbl(Map<String, Object> m, String k) {
        return ((Number) m.get(k)).doubleValue();
    }

    private static List<long[]> convs(Object o) {
        List<long[]> out = new ArrayList<>();
        for (Object l : list(o)) out.add(longs(l));
        return out;
    }

    private static HuBERTPretrainConfig config(Map<String, Object> c, Double featureGradMult) {
        Wav2Vec2Config encoder = new Wav2Vec2Config((String) c.get("extractor_mode"), convs(c.get("extractor_conv_layer_config")),
                (Boolean) c.get("extractor_conv_bias"), num(c, "encoder_embed_dim"), dbl(c, "encoder_projection_dropout"),
                num(c, "encoder_pos_conv_kernel"), num(c, "encoder_pos_conv_groups"), (int) num(c, "encoder_num_layers"),
                (int) num(c, "encoder_num_heads"), dbl(c, "encoder_attention_dropout"), num(c, "encoder_ff_interm_features"),
                dbl(c, "encoder_ff_interm_dropout"), dbl(c, "encoder_dropout"), (Boolean) c.get("encoder_layer_norm_first"),
                dbl(c, "encoder_layer_drop"), null);
        return new HuBERTPretrainConfig(encoder, dbl(c, "mask_prob"), (String) c.get("mask_selection"), dbl(c, "mask_other"),
                num(c, "mask_length"), (Boolean) c.get("no_mask_overlap"), num(c, "mask_min_space"), dbl(c, "mask_channel_prob"),
                (String) c.get("mask_channel_selection"), dbl(c, "mask_channel_other"), num(c, "mask_channel_length"),
                (Boolean) c.get("no_mask_channel_overlap"), num(c, "mask_channel_min_space"), (Boolean) c.get("skip_masked"),
                (Boolean) c.get("skip_nomask"), num(c, "num_classes"), num(c, "final_dim"), featureGradMult);
    }

    private static HuBERTPretrainConfig smallConfig() {
        Map<String, Object> c = map(SMALL.get("config"));
        return config(c, c.get("feature_grad_mult") == null ? null : dbl(c, "feature_grad_mult"));
    }

    private static HuBERTPretrainModel smallModel() {
        HuBERTPretrainModel model = (HuBERTPretrainModel) smallConfig().build().to(DType.FLOAT64);
        Module.LoadResult r = model.loadStateDict(ModelsReference.checkpoint("hubert_pretrain_small.pt"));
        assertTrue(r.missingKeys().isEmpty() && r.unexpectedKeys().isEmpty(), r.toString());
        model.eval();
        return model;
    }

    private static Tensor labels() {
        List<Object> rows = list(SMALL.get("labels"));
        long[] flat = rows.stream().flatMapToLong(r -> Arrays.stream(longs(r))).toArray();
        return Torch.tensor(flat, rows.size(), flat.length / rows.size());
    }

    /** torchaudio's initialisation, draw for draw: after the same seed every weight is torchaudio's. */
    @Test
    void seededInitialisationAndKeysAreTorchaudios() {
        Torch.manualSeed(num(SMALL, "seed"));
        HuBERTPretrainModel model = smallConfig().build();
        assertEquals(ModelsReference.keyLines(SMALL.get("keys")), ModelsReference.keyLines(model.stateDict()));
        Map<String, Tensor> reference = ModelsReference.checkpoint("hubert_pretrain_small.pt");
        model.stateDict().forEach((k, v) -> {
            if (k.endsWith("weight_g")) {
                // the norm of weight_v, summed in another order than PyTorch's: within a float32 ulp
                assertClose(v, reference.get(k), 2e-7, 0, k);
            } else {
                assertArrayEquals(reference.get(k).toDoubleArray(), v.to(DType.FLOAT64).toDoubleArray(), k);
            }
        });
    }

    @Test
    void masksAreTorchaudios() {
        for (Object o : list(DATA.get("masks"))) {
            Map<String, Object> c = map(o);
            long[] shape = longs(c.get("shape"));
            Tensor padding = null;
            if (c.get("padding") != null) {
                padding = Torch.arange(shape[1]).expand(shape[0], shape[1]).ge(ModelsReference.int64(c.get("padding")).unsqueeze(1));
            }
            Torch.manualSeed(num(c, "seed"));
            Tensor mask = MaskGenerator.computeMaskIndices(shape[0], shape[1], padding, dbl(c, "mask_prob"), num(c, "mask_length"),
                    (String) c.get("mask_type"), dbl(c, "mask_other"), num(c, "min_masks"), (Boolean) c.get("no_overlap"), num(c, "min_space"));
            List<Object> rows = list(c.get("mask"));
            for (int i = 0; i < rows.size(); i++) {
                assertArrayEquals(longs(rows.get(i)), mask.select(0, i).to(DType.INT64).toLongArray(), c.get("name") + " row " + i);
            }
        }
    }

    @Test
    void forwardMatchesTorchaudio() {
        HuBERTPretrainModel model = smallModel();
        Tensor waveforms = tensor(SMALL.get("waveforms")), labels = labels();
        for (String run : new String[] {"with_lengths", "without_lengths"}) {
            Map<String, Object> ref = map(SMALL.get(run));
            Tensor lengths = run.equals("with_lengths") ? ModelsReference.int64(SMALL.get("audio_lengths")) : null;
            Torch.manualSeed(num(ref, "seed"));
            HuBERTPretrainModel.Output out;
            try (var noGrad = Torch.noGrad()) {
                out = model.call(waveforms, labels, lengths);
            }
            assertClose(out.logitM(), tensor(ref.get("logit_m")), RTOL, ATOL, run + " logit_m");
            assertClose(out.logitU(), tensor(ref.get("logit_u")), RTOL, ATOL, run + " logit_u");
            assertClose(out.logitM(), tensor(ref.get("logit_m_float32")), 1e-6, 1e-6, run + " logit_m against torchaudio's float32 similarities");
            assertClose(out.logitU(), tensor(ref.get("logit_u_float32")), 1e-6, 1e-6, run + " logit_u against torchaudio's float32 similarities");
            assertEquals(DType.FLOAT32, out.featurePenalty().dtype());
            assertClose(out.featurePenalty().reshape(-1), tensor(ref.get("feature_penalty")).reshape(-1), 1e-6, 0, run + " feature penalty");
        }
    }

    /** GradMultiply: the features' gradient is scaled by feature_grad_mult, the values are not. */
    @Test
    void featureGradMultScalesTheExtractorsGradient() {
        HuBERTPretrainModel scaled = smallModel();
        HuBERTPretrainModel plain = (HuBERTPretrainModel) config(map(SMALL.get("config")), null).build().to(DType.FLOAT64);
        plain.loadStateDict(scaled.stateDict());
        Tensor labels = labels();
        Tensor[] grads = new Tensor[2];
        HuBERTPretrainModel[] models = {scaled, plain};
        for (int i = 0; i < 2; i++) {
            Tensor w = tensor(SMALL.get("waveforms")).requiresGrad_(true);
            Torch.manualSeed(3);
            models[i].call(w, labels, null).featurePenalty().backward();
            grads[i] = w.grad();
        }
        assertClose(grads[0], grads[1].mul(0.1), 1e-12, 1e-12, "feature_grad_mult 0.1");
    }

    @Test
    void gradcheckWithoutGradientScaling() {
        HuBERTPretrainModel model = (HuBERTPretrainModel) config(map(SMALL.get("config")), null).build().to(DType.FLOAT64);
        model.loadStateDict(smallModel().stateDict());
        model.eval();
        Torch.manualSeed(4);
        Tensor waveform = Torch.randn(new long[] {1, 60}, DType.FLOAT64).requiresGrad_(true);
        Tensor labels = Torch.tensor(new long[] {0, 1, 2, 3, 4}, 1, 5);
        assertTrue(GradCheck.gradcheck(in -> {
            Torch.manualSeed(5);   // the same masks on every evaluation
            HuBERTPretrainModel.Output o = model.call(in[0], labels, null);
            Tensor logits = Torch.cat(List.of(o.logitM().reshape(-1), o.logitU().reshape(-1)));
            return logits.maskedFill(logits.isinf(), 0.0);   // each label's own class is -inf
        }, waveform));
    }

    @Test
    void factoriesAreTorchaudios() {
        Map<String, Object> factories = map(DATA.get("factories"));
        Map<String, HuBERTPretrainConfig> java = Map.of("hubert_pretrain_base", HuBERTPretrainConfig.hubertPretrainBase(), "hubert_pretrain_large",
                HuBERTPretrainConfig.hubertPretrainLarge(), "hubert_pretrain_xlarge", HuBERTPretrainConfig.hubertPretrainXlarge());
        for (String name : java.keySet()) {
            Map<String, Object> args = map(map(factories.get(name)).get("arguments"));
            Double mult = args.get("feature_grad_mult") == null ? null : dbl(args, "feature_grad_mult");
            assertEquals(config(args, mult), java.get(name), name);
        }
        Map<String, Object> base = map(factories.get("hubert_pretrain_base"));
        HuBERTPretrainModel model = HuBERTPretrainModel.hubertPretrainBase();
        assertEquals(ModelsReference.keyLines(base.get("keys")), ModelsReference.keyLines(model.stateDict()));
        long parameters = 0;
        for (Tensor p : model.parameters()) parameters += p.numel();
        assertEquals(num(base, "parameters"), parameters);
    }

    @Test
    void errorsAreTorchaudios() {
        Map<String, Object> errors = map(DATA.get("errors"));
        Map<String, Object> c = map(SMALL.get("config"));
        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class, () -> config(c, 1.5).build());
        assertEquals(errors.get("feature_grad_mult"), thrown.getMessage());
        HuBERTPretrainModel model = smallModel();
        Tensor waveforms = tensor(SMALL.get("waveforms")), labels = labels();
        Tensor lengths = ModelsReference.int64(SMALL.get("audio_lengths"));
        thrown = assertThrows(IllegalArgumentException.class, () -> model.call(waveforms, labels.narrow(1, 0, labels.size(1) - 1), lengths));
        assertEquals(errors.get("labels"), thrown.getMessage());
        HuBERTPretrainConfig s = smallConfig();
        HuBERTPretrainConfig zipf = new HuBERTPretrainConfig(s.encoder(), s.maskProb(), "zipf", s.maskOther(), s.maskLength(), s.noMaskOverlap(),
                s.maskMinSpace(), s.maskChannelProb(), s.maskChannelSelection(), s.maskChannelOther(), s.maskChannelLength(),
                s.noMaskChannelOverlap(), s.maskChannelMinSpace(), s.skipMasked(), s.skipNomask(), s.numClasses(), s.finalDim(),
                s.featureGradMult());
        HuBERTPretrainModel bad = (HuBERTPretrainModel) zipf.build().to(DType.FLOAT64);
        thrown = assertThrows(IllegalArgumentException.class, () -> bad.call(waveforms, labels, lengths));
        assertEquals(errors.get("mask_selection"), thrown.getMessage());
    }
}
