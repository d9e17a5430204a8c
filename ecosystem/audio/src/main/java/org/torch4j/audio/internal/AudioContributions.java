package org.torch4j.audio.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Component;
import org.torch4j.audio.datasets.SpeechFolder;
import org.torch4j.audio.datasets.SpokenDigits;
import org.torch4j.data.Dataset;
import org.torch4j.platform.DatasetProvider;
import org.torch4j.platform.TransformProvider;
import org.torch4j.Tensor;
import org.torch4j.audio.transforms.MFCC;
import org.torch4j.audio.transforms.MelSpectrogram;
import org.torch4j.audio.transforms.Resample;
import java.util.function.UnaryOperator;

/** What the audio bundle contributes to the platform, as services (whiteboard) and ServiceLoader providers. */
public final class AudioContributions {
    private AudioContributions() {}

    static Path root(Map<String, Object> options, String name) throws IOException {
        Object root = options.get("root");
        if (root == null) throw new IOException(name + ": give the folder as option 'root'");
        return Path.of(root.toString());
    }

    /** {@code speech-folder}: WAV files in one subfolder per class. */
    @Component(service = DatasetProvider.class)
    public static final class SpeechFolderDataset implements DatasetProvider {
        @Override
        public String name() {
            return "speech-folder";
        }

        @Override
        public String domain() {
            return "audio";
        }

        @Override
        public String description() {
            return "WAV files in one subfolder per class (option root)";
        }

        @Override
        public Dataset<?> open(Map<String, Object> options) throws IOException {
            return new SpeechFolder(root(options, name()));
        }
    }

    /** {@code spoken-digits}: digits synthesised with espeak-ng into {@code root}. */
    @Component(service = DatasetProvider.class)
    public static final class SpokenDigitsDataset implements DatasetProvider {
        @Override
        public String name() {
            return "spoken-digits";
        }

        @Override
        public String domain() {
            return "audio";
        }

        @Override
        public String description() {
            return "spoken digits 0-9 synthesised locally with espeak-ng and cached (options: root; voices, comma-separated)";
        }

        @Override
        public Dataset<?> open(Map<String, Object> options) throws IOException {
            Object v = options.get("voices");
            List<String> voices = v == null ? SpokenDigits.DEFAULT_VOICES
                    : Arrays.stream(v.toString().split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
            return SpokenDigits.create(root(options, name()), voices, SpokenDigits.DEFAULT_SPEEDS, SpokenDigits.DEFAULT_PITCHES);
        }
    }

    static int intOption(Map<String, Object> options, String key, int def) {
        Object v = options.get(key);
        return v == null ? def : Integer.parseInt(v.toString().strip());
    }

    /** {@code mel-spectrogram}: torchaudio's MelSpectrogram. */
    @Component(service = TransformProvider.class)
    public static final class MelSpectrogramTransform implements TransformProvider {
        @Override
        public String name() {
            return "mel-spectrogram";
        }

        @Override
        public String domain() {
            return "audio";
        }

        @Override
        public String description() {
            return "waveform [..., time] to a mel power spectrogram (options: sampleRate 16000, nFft 400, hopLength nFft/2, nMels 128)";
        }

        @Override
        public UnaryOperator<Tensor> create(Map<String, Object> options) {
            int nFft = intOption(options, "nFft", 400);
            MelSpectrogram m = MelSpectrogram.builder().sampleRate(intOption(options, "sampleRate", 16000)).nFft(nFft)
                    .hopLength(intOption(options, "hopLength", nFft / 2)).nMels(intOption(options, "nMels", 128)).build();
            return m::call;
        }
    }

    /** {@code mfcc}: torchaudio's MFCC. */
    @Component(service = TransformProvider.class)
    public static final class MfccTransform implements TransformProvider {
        @Override
        public String name() {
            return "mfcc";
        }

        @Override
        public String domain() {
            return "audio";
        }

        @Override
        public String description() {
            return "waveform [..., time] to MFCCs (options: sampleRate 16000, nMfcc 40, nFft 400, nMels 128)";
        }

        @Override
        public UnaryOperator<Tensor> create(Map<String, Object> options) {
            MFCC m = new MFCC(intOption(options, "sampleRate", 16000), intOption(options, "nMfcc", 40), 2, "ortho", false,
                    MelSpectrogram.builder().nFft(intOption(options, "nFft", 400)).nMels(intOption(options, "nMels", 128)));
            return m::call;
        }
    }

    /** {@code resample}: torchaudio's Resample. */
    @Component(service = TransformProvider.class)
    public static final class ResampleTransform implements TransformProvider {
        @Override
        public String name() {
            return "resample";
        }

        @Override
        public String domain() {
            return "audio";
        }

        @Override
        public String description() {
            return "band-limited resampling of [..., time] (options: origFreq, newFreq; both required)";
        }

        @Override
        public UnaryOperator<Tensor> create(Map<String, Object> options) {
            if (options.get("origFreq") == null || options.get("newFreq") == null) {
                throw new IllegalArgumentException("resample: give the options origFreq and newFreq");
            }
            Resample r = new Resample(intOption(options, "origFreq", 0), intOption(options, "newFreq", 0));
            return r::call;
        }
    }
}
