package org.torch4j.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.audio.datasets.SpokenDigits;
import org.torch4j.audio.functional.AudioFunctional;

/**
 * The Griffin-Lim example: a phrase spoken by espeak-ng ("three one four one five", SpokenDigits'
 * synthesis), its magnitude spectrogram, the waveform rebuilt from the magnitudes alone (32 iterations of
 * fast Griffin-Lim, zero initial phase), its spectral convergence {@code ||S - S_hat|| / ||S||} compared
 * with torchaudio's on the same samples (inverse.json), and the result written as
 * target/griffinlim-phrase/rebuilt.wav. Skipped when espeak-ng is missing.
 */
class GriffinLimExampleTest {
    @Test
    void rebuildsASpokenPhraseFromItsMagnitudes() throws IOException {
        assumeTrue(SpokenDigits.espeakAvailable(), "espeak-ng is not installed: the Griffin-Lim example needs it to synthesise its phrase");
        Map<String, Object> ref = AudioReference.map(AudioReference.load("inverse.json").get("griffinlim_phrase"));
        List<Object> words = AudioReference.list(ref.get("words"));
        int nFft = ((Number) ref.get("n_fft")).intValue(), hop = ((Number) ref.get("hop_length")).intValue();
        int nIter = ((Number) ref.get("n_iter")).intValue();
        double momentum = ((Number) ref.get("momentum")).doubleValue();

        // one voice, speed and pitch: the dataset holds the ten digits in order
        Path root = Path.of("target", "griffinlim-phrase");
        SpokenDigits digits = SpokenDigits.create(root, List.of((String) ref.get("voice")), List.of(((Number) ref.get("speed")).intValue()),
                List.of(((Number) ref.get("pitch")).intValue()));
        List<Tensor> parts = new ArrayList<>();
        for (Object w : words) parts.add(digits.get(SpokenDigits.WORDS.indexOf((String) w)).waveform());
        Tensor x = Torch.cat(parts, 1); // [1, time] float32 at 22050 Hz
        int sampleRate = 22050;

        long t0 = System.nanoTime();
        Tensor window = AudioFunctional.hannWindow(nFft);
        Tensor s = AudioFunctional.spectrogram(x, 0, window, nFft, hop, nFft, 1.0, null, true, "reflect", true);
        Tensor y = AudioFunctional.griffinlim(s, window, nFft, hop, nFft, 1.0, nIter, momentum, (int) x.size(1), false, null);
        long t1 = System.nanoTime();
        Tensor rebuilt = AudioFunctional.spectrogram(y, 0, window, nFft, hop, nFft, 1.0, null, true, "reflect", true);
        double sc = s.sub(rebuilt).norm().item() / s.norm().item();
        Path out = root.resolve("rebuilt.wav");
        Wav.save(out, y, sampleRate, true, "PCM_S", 16);
        System.out.printf("griffin-lim: %.2f s of speech, %d iterations in %.2f s; spectral convergence %.6f (torchaudio %.6f); wrote %s%n",
                x.size(1) / (double) sampleRate, nIter, (t1 - t0) / 1e9, sc, ((Number) ref.get("spectral_convergence")).doubleValue(), out);

        assertTrue(Files.size(out) > 44 + 2 * x.size(1) - 1, "the WAV holds every sample");
        assertTrue(sc < 0.2, "spectral convergence " + sc);
        // torchaudio's figure is for the samples its espeak-ng made: compare only when ours are the same
        boolean same = x.size(1) == ((Number) ref.get("samples")).longValue()
                && Math.abs(x.toDouble().abs().sum().item() - ((Number) ref.get("sum_abs")).doubleValue()) < 1e-3;
        assumeTrue(same, "this espeak-ng synthesised other samples than the reference's (" + ref.get("espeak") + ")");
        // both in float32: the same algorithm, rounded differently by FFT and matmul over 32 momentum steps
        assertEquals(((Number) ref.get("spectral_convergence")).doubleValue(), sc, 0.005, "spectral convergence against torchaudio's");
    }
}
