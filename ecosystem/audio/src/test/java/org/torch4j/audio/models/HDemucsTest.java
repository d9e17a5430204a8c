package org.torch4j.audio.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.torch4j.audio.AudioReference.assertClose;
import static org.torch4j.audio.AudioReference.list;
import static org.torch4j.audio.AudioReference.longs;
import static org.torch4j.audio.AudioReference.map;
import static org.torch4j.audio.AudioReference.tensor;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.torch4j.DType;
import org.torch4j.GradCheck;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.Module;

/** torchaudio.models.HDemucs against torchaudio 0.13 (tts.json, hdemucs_small.pt, hdemucs_blstm.pt). */
class HDemucsTest {
    private static final double RTOL = 1e-9, ATOL = 1e-10;

    private static Map<String, Object> ref() {
        return ModelsReference.tts("hdemucs");
    }

    private static long num(Map<String, Object> m, String k) {
        return ((Number) m.get(k)).longValue();
    }

    private static double dbl(Map<String, Object> m, String k) {
        return ((Number) m.get(k)).doubleValue();
    }

    private static List<String> strings(Object o) {
        return list(o).stream().map(String.class::cast).toList();
    }

    /** The small configuration with some arguments replaced. */
    private static HDemucs build(Map<String, Object> c, Map<String, Object> changes) {
        Function<String, Object> at = k -> changes.containsKey(k) ? changes.get(k) : c.get(k);
        Function<String, Long> n = k -> ((Number) at.apply(k)).longValue();
        Function<String, Double> d = k -> ((Number) at.apply(k)).doubleValue();
        return new HDemucs(strings(c.get("sources")), n.apply("audio_channels"), n.apply("channels"), n.apply("growth"), n.apply("nfft"),
                n.apply("depth").intValue(), d.apply("freq_emb"), d.apply("emb_scale"), (Boolean) c.get("emb_smooth"), n.apply("kernel_size"),
                n.apply("time_stride"), n.apply("stride"), n.apply("context"), n.apply("context_enc"), n.apply("norm_starts").intValue(),
                n.apply("norm_groups"), n.apply("dconv_depth").intValue(), d.apply("dconv_comp"), n.apply("dconv_attn").intValue(),
                n.apply("dconv_lstm").intValue(), d.apply("dconv_init"));
    }

    /** The small model in float64 with torchaudio's weights, in eval mode. */
    private static HDemucs smallModel() {
        HDemucs model = (HDemucs) build(map(ref().get("config")), Map.of()).to(DType.FLOAT64);
        Module.LoadResult r = model.loadStateDict(ModelsReference.checkpoint("hdemucs_small.pt"));
        assertTrue(r.missingKeys().isEmpty() && r.unexpectedKeys().isEmpty(), r.toString());
        model.eval();
        return model;
    }

    @Test
    void seededInitialisationAndKeysAreTorchaudios() {
        Torch.manualSeed(num(ref(), "seed"));
        HDemucs model = (HDemucs) build(map(ref().get("config")), Map.of()).to(DType.FLOAT64);
        Map<String, Tensor> expected = ModelsReference.checkpoint("hdemucs_small.pt");
        assertEquals(ModelsReference.keyLines(expected), ModelsReference.keyLines(model.stateDict()));
        Set<Object> perturbed = new HashSet<>(list(ref().get("perturbed")));
        model.stateDict().forEach((k, v) -> {
            if (!perturbed.contains(k)) assertTrue(v.equal(expected.get(k)), () -> k + " " + v.sub(expected.get(k)).abs().max().item() + " " + v.abs().max().item());
        });
    }

    @Test
    void forwardMatchesTorchaudio() {
        HDemucs model = smallModel();
        try (var noGrad = Torch.noGrad()) {
            Tensor sources = model.call(tensor(ref().get("mixture")));
            assertClose(sources, tensor(ref().get("output")), RTOL, ATOL, "sources");
            // torchaudio's own output, with float32 Hann windows cast to float64 (their last bits differ from
            // torch4j's float32 windows; torch4j makes a float64 model's windows in float64): about 1e-7 apart
            assertClose(sources, tensor(ref().get("output_float32_window")), 1e-6, 1e-6, "sources, torchaudio's float32 windows");
        }
    }

    @Test
    void blstmRunsLongInputsInChunksAsTorchaudio() {
        Map<String, Object> b = map(ref().get("blstm"));
        BLSTM blstm = (BLSTM) new BLSTM(num(b, "dim"), (int) num(b, "layers"), true).to(DType.FLOAT64);
        Module.LoadResult r = blstm.loadStateDict(ModelsReference.checkpoint("hdemucs_blstm.pt"));
        assertTrue(r.missingKeys().isEmpty() && r.unexpectedKeys().isEmpty(), r.toString());
        try (var noGrad = Torch.noGrad()) {
            assertClose(blstm.call(tensor(b.get("input"))), tensor(b.get("output")), RTOL, ATOL, "framed BLSTM");
        }
    }

    @Test
    void factoriesAreTorchaudios() {
        List<String> sources = strings(ref().get("factory_sources"));
        Map<String, Object> factories = map(ref().get("factories"));
        Map<String, java.util.function.Supplier<HDemucs>> java = Map.of("hdemucs_low", () -> HDemucs.hdemucsLow(sources), "hdemucs_medium",
                () -> HDemucs.hdemucsMedium(sources), "hdemucs_high", () -> HDemucs.hdemucsHigh(sources));
        assertEquals(factories.keySet(), java.keySet());
        for (String name : factories.keySet()) {
            Map<String, Object> f = map(factories.get(name));
            HDemucs model = java.get(name).get();
            assertEquals(ModelsReference.keyLines(f.get("keys")), ModelsReference.keyLines(model.stateDict()), name);
            long count = 0;
            for (Tensor p : model.parameters()) count += p.numel();
            assertEquals(num(f, "parameters"), count, name);
        }
    }

    @Test
    void gradcheckWithRespectToTheMixture() {
        HDemucs model = smallModel();
        Torch.manualSeed(5);
        // 16 samples: one STFT frame, and shorter than the reflection padding (zeros are added first)
        Tensor mixture = Torch.randn(new long[] {1, 2, 16}, DType.FLOAT64).requiresGrad_(true);
        Tensor weights = Torch.randn(new long[] {1, 2, 2, 16}, DType.FLOAT64);
        // a random projection of the sources: one backward pass, against finite differences for every input
        assertTrue(GradCheck.gradcheck(in -> model.call(in[0]).mul(weights).sum(), mixture));
    }

    @Test
    void errorsAreTorchaudios() {
        Map<String, Object> errors = map(ref().get("errors"));
        Map<String, Object> config = map(ref().get("config"));
        HDemucs model = smallModel();
        for (String key : new String[] {"dim", "channels", "length"}) {
            Map<String, Object> e = map(errors.get(key));
            IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
                    () -> model.call(Torch.zeros(longs(e.get("shape")), DType.FLOAT64)));
            assertEquals(e.get("message"), thrown.getMessage(), key);
        }
        for (String key : new String[] {"heads", "kernel"}) {
            Map<String, Object> e = map(errors.get(key));
            Map<String, Object> change = new java.util.HashMap<>(e);
            change.remove("message");
            IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class, () -> build(config, change));
            assertEquals(e.get("message"), thrown.getMessage(), key);
        }
    }
}
