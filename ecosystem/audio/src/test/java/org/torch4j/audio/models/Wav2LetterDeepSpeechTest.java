package org.torch4j.audio.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.torch4j.audio.AudioReference.assertClose;
import static org.torch4j.audio.AudioReference.list;
import static org.torch4j.audio.AudioReference.map;
import static org.torch4j.audio.AudioReference.tensor;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.torch4j.DType;
import org.torch4j.GradCheck;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.Module;

/**
 * torchaudio.models.Wav2Letter and DeepSpeech against torchaudio 0.13 (models.json): each model is
 * built right after the seed torchaudio's was built after, so both hold the same default-initialised
 * weights, then cast to float64.
 */
class Wav2LetterDeepSpeechTest {
    private static final double RTOL = 1e-9, ATOL = 1e-10;

    private static long num(Map<String, Object> m, String k) {
        return ((Number) m.get(k)).longValue();
    }

    private static Wav2Letter wav2letter(Map<String, Object> c) {
        Torch.manualSeed(num(c, "seed"));
        return new Wav2Letter((int) num(c, "num_classes"), (String) c.get("input_type"), num(c, "num_features"));
    }

    private static DeepSpeech deepspeech(Map<String, Object> c) {
        Torch.manualSeed(num(c, "seed"));
        return new DeepSpeech(num(c, "n_feature"), num(c, "n_hidden"), num(c, "n_class"), ((Number) c.get("dropout")).doubleValue());
    }

    private static void check(Module model, Map<String, Object> c, String what) {
        assertEquals(ModelsReference.keyLines(c.get("keys")), ModelsReference.keyLines(model.stateDict()), what + " keys");
        model.to(DType.FLOAT64).eval();
        try (var noGrad = Torch.noGrad()) {
            assertClose(model.call(tensor(c.get("input"))), tensor(c.get("output")), RTOL, ATOL, what);
        }
    }

    @Test
    void wav2letterMatchesTorchaudio() {
        for (Object o : list(ModelsReference.DATA.get("wav2letter"))) {
            Map<String, Object> c = map(o);
            check(wav2letter(c), c, "Wav2Letter " + c.get("input_type"));
        }
    }

    @Test
    void deepspeechMatchesTorchaudio() {
        for (Object o : list(ModelsReference.DATA.get("deepspeech"))) {
            Map<String, Object> c = map(o);
            check(deepspeech(c), c, "DeepSpeech dropout " + c.get("dropout"));
        }
    }

    @Test
    void wav2letterGradcheck() {
        Torch.manualSeed(5);
        Module model = new Wav2Letter(4, "mfcc", 2).to(DType.FLOAT64).eval();
        // only the input's gradient is checked: frozen weights spare 23M weight gradients per backward
        for (var p : model.parameters()) p.requiresGrad_(false);
        Tensor x = Torch.randn(new long[] {1, 2, 4}, DType.FLOAT64).requiresGrad_(true);
        // gradgradcheck too would take half a minute here (convolutions of 2000 channels); the model is only
        // Conv1d, ReLU and log-softmax, whose second derivatives the nn conformance tests check
        assertTrue(GradCheck.gradcheck(in -> model.call(in[0]), x));
    }

    @Test
    void deepspeechGradcheck() {
        Torch.manualSeed(6);
        Module model = new DeepSpeech(3, 5, 4, 0.0).to(DType.FLOAT64).eval();
        Tensor x = Torch.randn(new long[] {2, 1, 3, 3}, DType.FLOAT64).requiresGrad_(true);
        assertTrue(GradCheck.gradcheck(in -> model.call(in[0]), x));
        assertTrue(GradCheck.gradgradcheck(in -> model.call(in[0]), x));
    }

    @Test
    void defaultsAreTorchaudios() {
        DeepSpeech ds = new DeepSpeech(13);
        assertEquals(List.of(13L, 2048L, 40L), List.of(ds.fc1.fc.inFeatures, ds.nHidden, ds.out.outFeatures));
        assertEquals(0.0, ds.fc1.dropout);
        assertEquals(20.0, ds.fc1.reluMaxClip);
    }

    @Test
    void unknownInputTypeIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Wav2Letter(40, "spectrogram", 1));
        assertEquals("input_type must be 'waveform', 'power_spectrum' or 'mfcc', got 'spectrogram'", e.getMessage());
    }
}
