package org.torch4j.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.torch4j.Tensor;
import org.torch4j.audio.datasets.SpokenDigits;
import org.torch4j.audio.functional.AudioFunctional;
import org.torch4j.audio.transforms.AmplitudeToDB;
import org.torch4j.audio.transforms.FrequencyMasking;
import org.torch4j.audio.transforms.InverseSpectrogram;
import org.torch4j.audio.transforms.MFCC;
import org.torch4j.audio.transforms.MelSpectrogram;
import org.torch4j.audio.transforms.Resample;
import org.torch4j.audio.transforms.Spectrogram;
import org.torch4j.audio.transforms.TimeMasking;
import org.torch4j.audio.transforms.TimeStretch;

/** The README's "## Audio" snippets, as written there (paths moved to target/ and a temporary folder). */
class ReadmeExampleTest {
    @Test
    void readmeSnippetRuns(@TempDir Path dir) throws IOException {
        assumeTrue(SpokenDigits.espeakAvailable(), "espeak-ng is not installed: the README example synthesises its data with it");
        SpokenDigits digits = SpokenDigits.create(Path.of("target", "spoken-digits"));   // needs espeak-ng once
        Wav.Audio seven = Wav.load(digits.utterances().get(7 * 42).path());        // [1, frames] at 22050 Hz
        Tensor wave = new Resample(22050, 16000).call(seven.waveform());
        MelSpectrogram mel = MelSpectrogram.builder().sampleRate(16000).nFft(400).hopLength(160).nMels(64).build();
        Tensor logMel = new AmplitudeToDB("power", 80.0).call(mel.call(wave));   // [1, 64, frames]
        Tensor augmented = new TimeMasking(20).call(new FrequencyMasking(8).call(logMel));
        Tensor mfcc = new MFCC(16000, 13, 2, "ortho", false, MelSpectrogram.builder().nMels(40)).call(wave);
        Tensor power = AudioFunctional.spectrogram(wave, 512);                    // [1, 257, frames]
        Wav.save(dir.resolve("seven-16k.wav"), wave, 16000, true, "PCM_S", 16);

        assertEquals(7, digits.utterances().get(7 * 42).digit());
        assertEquals(64, logMel.size(1));
        assertArrayEquals(logMel.shape(), augmented.shape());
        assertEquals(13, mfcc.size(1));
        assertEquals(257, power.size(1));
        assertEquals(16000, Wav.info(dir.resolve("seven-16k.wav")).sampleRate());
        assertEquals(true, Files.size(dir.resolve("seven-16k.wav")) > 44);
    }

    @Test
    void readmeInverseSnippetRuns(@TempDir Path dir) throws IOException {
        assumeTrue(SpokenDigits.espeakAvailable(), "espeak-ng is not installed: the README example synthesises its data with it");
        SpokenDigits digits = SpokenDigits.create(Path.of("target", "spoken-digits"));
        Tensor wave = new Resample(22050, 16000).call(Wav.load(digits.utterances().get(7 * 42).path()).waveform());

        // the way back: magnitudes to a waveform (Griffin-Lim), and a time stretch through the complex STFT
        Tensor window = AudioFunctional.hannWindow(400);
        Tensor mag = AudioFunctional.spectrogram(wave, 0, window, 400, 100, 400, 1.0, null, true, "reflect", true);
        Tensor rebuilt = AudioFunctional.griffinlim(mag, window, 400, 100, 400, 1.0, 32, 0.99, (int) wave.size(1), false, null);
        Wav.save(dir.resolve("seven-griffinlim.wav"), rebuilt, 16000, true, "PCM_S", 16);
        Tensor z = AudioFunctional.stft(wave, 512, 128, 512, AudioFunctional.hannWindow(512), true, "reflect", false, true);
        Tensor slow = new TimeStretch(128, 257, 0.8).call(z);    // 1 / 0.8 = 1.25x longer, same pitch
        Tensor slower = new InverseSpectrogram(Spectrogram.builder().nFft(512).hopLength(128)).call(slow);

        assertArrayEquals(wave.shape(), rebuilt.shape());
        assertEquals((long) Math.ceil(z.size(2) / 0.8), slow.size(2));
        assertEquals(128L * (slow.size(2) - 1), slower.size(1));
        assertEquals(true, Files.size(dir.resolve("seven-griffinlim.wav")) > 44);
    }
}
