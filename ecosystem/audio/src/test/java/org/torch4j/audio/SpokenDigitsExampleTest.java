package org.torch4j.audio;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.torch4j.Generator;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.audio.datasets.LabeledAudio;
import org.torch4j.audio.datasets.SpokenDigits;
import org.torch4j.audio.transforms.AmplitudeToDB;
import org.torch4j.audio.transforms.MelSpectrogram;
import org.torch4j.audio.transforms.Resample;
import org.torch4j.nn.AdaptiveAvgPool2d;
import org.torch4j.nn.BatchNorm2d;
import org.torch4j.nn.Conv2d;
import org.torch4j.nn.F;
import org.torch4j.nn.Flatten;
import org.torch4j.nn.Linear;
import org.torch4j.nn.MaxPool2d;
import org.torch4j.nn.Module;
import org.torch4j.nn.ReLU;
import org.torch4j.nn.Sequential;
import org.torch4j.optim.Adam;

/**
 * The end-to-end example: spoken digits synthesised with espeak-ng (7 voices x 3 speeds x 2 pitches),
 * resampled to 8 kHz, padded to 1 s, log-mel spectrograms (32 mels), a small CNN trained on six
 * voices and evaluated on the seventh, a voice it never heard. Skipped when espeak-ng is missing.
 * Recordings are cached in target/spoken-digits.
 */
class SpokenDigitsExampleTest {
    static final String HELD_OUT = "en-029";

    static Tensor features(SpokenDigits ds, Resample resample, MelSpectrogram mel, AmplitudeToDB db, List<Long> labels) {
        List<Tensor> out = new ArrayList<>();
        for (long i = 0; i < ds.size(); i++) {
            LabeledAudio a = ds.get(i);
            Tensor w = resample.call(a.waveform()); // [1, n] at 8 kHz
            long n = w.size(1);
            w = n >= 8000 ? w.narrow(1, 0, 8000) : Torch.pad(w, new long[] {0, 8000 - n}, "constant", 0.0);
            Tensor x = db.call(mel.call(w)); // [1, 32, 63]
            out.add(x.sub(x.mean()).div(x.std().add(1e-5)));
            labels.add((long) a.label());
        }
        return Torch.stack(out); // [N, 1, 32, 63]
    }

    @Test
    void trainsACnnThatRecognisesAnUnheardVoice() throws IOException {
        assumeTrue(SpokenDigits.espeakAvailable(), "espeak-ng is not installed: the spoken-digit example needs it to synthesise its data");
        long t0 = System.nanoTime();
        SpokenDigits all = SpokenDigits.create(Path.of("target", "spoken-digits"));
        long t1 = System.nanoTime();
        Resample resample = new Resample(22050, 8000);
        MelSpectrogram mel = MelSpectrogram.builder().sampleRate(8000).nFft(256).hopLength(128).nMels(32).build();
        AmplitudeToDB db = new AmplitudeToDB("power", 80.0);
        List<Long> trainLabels = new ArrayList<>(), testLabels = new ArrayList<>();
        Tensor trainX, testX;
        try (var g = Torch.noGrad()) {
            trainX = features(all.withVoices(v -> !v.equals(HELD_OUT)), resample, mel, db, trainLabels);
            testX = features(all.withVoices(HELD_OUT::equals), resample, mel, db, testLabels);
        }
        Tensor trainY = Torch.tensor(trainLabels.stream().mapToLong(Long::longValue).toArray(), trainLabels.size());
        Tensor testY = Torch.tensor(testLabels.stream().mapToLong(Long::longValue).toArray(), testLabels.size());
        long t2 = System.nanoTime();

        Torch.manualSeed(0);
        Module model = new Sequential(new Conv2d(1, 16, 3, 1, 1), new BatchNorm2d(16), new ReLU(), new MaxPool2d(2), new Conv2d(16, 32, 3, 1, 1),
                new BatchNorm2d(32), new ReLU(), new MaxPool2d(2), new Conv2d(32, 32, 3, 1, 1), new BatchNorm2d(32), new ReLU(),
                new AdaptiveAvgPool2d(2, 4), new Flatten(), new Linear(32 * 8, 10));
        Adam opt = new Adam(model.parameters(), 3e-3);
        Generator gen = new Generator().manualSeed(1);
        int epochs = 15, batch = 32;
        long n = trainX.size(0);
        for (int epoch = 0; epoch < epochs; epoch++) {
            model.train();
            long[] perm = Torch.randperm(n, gen).toLongArray();
            for (int s = 0; s < n; s += batch) {
                try (var scope = Torch.scope()) {
                    Tensor idx = Torch.tensor(java.util.Arrays.copyOfRange(perm, s, (int) Math.min(n, s + batch)), Math.min(batch, n - s));
                    Tensor loss = F.crossEntropy(model.call(trainX.indexSelect(0, idx)), trainY.indexSelect(0, idx));
                    opt.zeroGrad();
                    loss.backward();
                    opt.step();
                }
            }
        }
        long t3 = System.nanoTime();
        model.eval();
        double trainAcc, testAcc;
        try (var g = Torch.noGrad()) {
            trainAcc = model.call(trainX).argmax(1, false).eq(trainY).toDouble().mean().item();
            testAcc = model.call(testX).argmax(1, false).eq(testY).toDouble().mean().item();
        }
        System.out.printf("spoken digits: %d train / %d held-out (voice %s); synthesis %.1f s, features %.1f s, training %d epochs %.1f s;"
                + " train accuracy %.3f, held-out voice accuracy %.3f%n", n, testX.size(0), HELD_OUT, (t1 - t0) / 1e9, (t2 - t1) / 1e9, epochs,
                (t3 - t2) / 1e9, trainAcc, testAcc);
        // measured: 1.000 on the held-out voice (train 1.000) with these seeds; 0.9 leaves room for other CPUs' rounding
        assertTrue(testAcc >= 0.9, "held-out voice accuracy " + testAcc + " should be at least 0.9");
    }
}
