package org.torch4j.audio.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.torch4j.audio.AudioReference.assertClose;
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
import org.torch4j.nn.Conv2d;
import org.torch4j.nn.Module;

/** torchaudio.models.WaveRNN against torchaudio 0.13 (models.json, wavernn_*.pt). */
class WaveRNNTest {
    private static final double RTOL = 1e-9, ATOL = 1e-10;

    private static long num(Map<String, Object> m, String k) {
        return ((Number) m.get(k)).longValue();
    }

    private static Map<String, Object> small(String name) {
        return ModelsReference.section("wavernn", "small", name);
    }

    private static List<Long> scales(Map<String, Object> c) {
        List<Long> out = new ArrayList<>();
        for (long s : longs(c.get("upsample_scales"))) out.add(s);
        return out;
    }

    private static WaveRNN build(Map<String, Object> c) {
        return new WaveRNN(scales(c), num(c, "n_classes"), num(c, "hop_length"), (int) num(c, "n_res_block"), num(c, "n_rnn"),
                num(c, "n_fc"), num(c, "kernel_size"), num(c, "n_freq"), num(c, "n_hidden"), num(c, "n_output"));
    }

    /** The small model {@code name} in float64 with torchaudio's weights, in eval mode. */
    private static WaveRNN smallModel(String name) {
        WaveRNN model = (WaveRNN) build(map(small(name).get("config"))).to(DType.FLOAT64);
        Module.LoadResult r = model.loadStateDict(ModelsReference.checkpoint("wavernn_" + name + ".pt"));
        assertTrue(r.missingKeys().isEmpty() && r.unexpectedKeys().isEmpty(), r.toString());
        model.eval();
        return model;
    }

    @ParameterizedTest
    @ValueSource(strings = {"two_scales", "one_scale"})
    void keysAndInitialisationAreTorchaudios(String name) {
        WaveRNN model = build(map(small(name).get("config")));
        assertEquals(ModelsReference.keyLines(small(name).get("keys")), ModelsReference.keyLines(model.stateDict()));
        // each upsampling convolution starts as a moving average over 2 * scale + 1 samples
        for (Module m : model.upsample.upsampleLayers.children()) {
            if (m instanceof Conv2d conv) {
                double expected = 1.0 / conv.weight.size(3);
                assertEquals(0.0, conv.weight.sub(expected).abs().max().item(), 0.0);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"two_scales", "one_scale"})
    void forwardMatchesTorchaudio(String name) {
        Map<String, Object> ref = small(name);
        WaveRNN model = smallModel(name);
        try (var noGrad = Torch.noGrad()) {
            Tensor waveform = tensor(ref.get("waveform")), specgram = tensor(ref.get("specgram"));
            assertClose(model.call(waveform, specgram), tensor(ref.get("output")), RTOL, ATOL, name);
            model.train();   // batch norm on the batch's statistics
            assertClose(model.call(waveform, specgram), tensor(ref.get("train_output")), RTOL, ATOL, name + " training");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"two_scales", "one_scale"})
    void inferDrawsTorchaudiosSamples(String name) {
        Map<String, Object> ref = small(name);
        WaveRNN model = smallModel(name);
        try (var noGrad = Torch.noGrad()) {
            Torch.manualSeed(num(ref, "infer_seed"));
            OutputAndLengths out = model.infer(tensor(ref.get("specgram")).squeeze(1), ModelsReference.int64(ref.get("infer_lengths")));
            Tensor expected = tensor(ref.get("infer_output"));
            assertEquals(DType.FLOAT32, out.output().dtype());
            assertArrayEquals(expected.shape(), out.output().shape());
            assertTrue(out.output().equal(expected), name + ": " + out.output() + " vs " + expected);
            assertArrayEquals(longs(ref.get("infer_out_lengths")), out.lengths().toLongArray());
            assertEquals(null, model.infer(tensor(ref.get("specgram")).squeeze(1), null).lengths());
        }
    }

    @Test
    void gradcheckAndGradgradcheck() {
        WaveRNN model = smallModel("two_scales");   // kernel 3, hop 6: 4 frames give 12 samples
        Torch.manualSeed(4);
        Tensor waveform = Torch.rand(new long[] {1, 1, 12}, DType.FLOAT64).mul(2).sub(1).requiresGrad_(true);
        Tensor specgram = Torch.randn(new long[] {1, 1, 5, 4}, DType.FLOAT64).requiresGrad_(true);
        assertTrue(GradCheck.gradcheck(in -> model.call(in[0], in[1]), waveform, specgram));
        assertTrue(GradCheck.gradgradcheck(in -> model.call(in[0], in[1]), waveform, specgram));
    }

    @Test
    void errorsAreTorchaudios() {
        Map<String, Object> errors = ModelsReference.section("wavernn", "errors");
        Map<String, Object> hop = map(errors.get("hop"));
        Map<String, Object> config = map(small("two_scales").get("config"));
        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
                () -> new WaveRNN(scales(hop), 16, num(hop, "hop_length"), 2, 8, 7, 3, 5, 6, 8));
        assertEquals(hop.get("message"), thrown.getMessage());
        WaveRNN model = (WaveRNN) build(config).to(DType.FLOAT64);
        model.eval();
        for (String key : new String[] {"waveform", "specgram"}) {
            Map<String, Object> e = map(errors.get(key));
            thrown = assertThrows(IllegalArgumentException.class, () -> model.call(Torch.zeros(longs(e.get("waveform")), DType.FLOAT64),
                    Torch.zeros(longs(e.get("specgram")), DType.FLOAT64)));
            assertEquals(e.get("message"), thrown.getMessage());
        }
    }
}
