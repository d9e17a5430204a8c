package org.torch4j.audio.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.audio.Wav;
import org.torch4j.data.Dataset;
import org.torch4j.platform.Catalog;

class DatasetsTest {

    static void wav(Path f, int frames, int rate) throws IOException {
        Files.createDirectories(f.getParent());
        Wav.save(f, Torch.zeros(1, frames), rate);
    }

    @Test
    void speechFolderLabelsSortedClassesAndWalksRecursively(@TempDir Path root) throws IOException {
        wav(root.resolve("yes/b.wav"), 10, 8000);
        wav(root.resolve("yes/a.WAV"), 11, 8000);
        wav(root.resolve("yes/sub/c.wav"), 12, 8000);
        wav(root.resolve("No/x.wav"), 13, 16000);
        Files.writeString(root.resolve("yes/notes.txt"), "not audio");
        SpeechFolder ds = new SpeechFolder(root, w -> w.mul(2));
        assertEquals(List.of("No", "yes"), ds.classes());
        assertEquals(4, ds.size());
        LabeledAudio first = ds.get(0);
        assertEquals(0, first.label());
        assertEquals(16000, first.sampleRate());
        assertArrayEquals(new long[] {1, 13}, first.waveform().shape());
        assertEquals(List.of("a.WAV", "b.wav", "c.wav"), ds.samples().subList(1, 4).stream().map(e -> e.path().getFileName().toString()).toList());
        assertEquals(1, ds.get(3).label());
        assertEquals(1L, ds.get(3).labelTensor().itemLong());
    }

    @Test
    void batchesWithACustomCollate(@TempDir Path root) throws IOException {
        wav(root.resolve("a/1.wav"), 30, 8000);
        wav(root.resolve("a/2.wav"), 50, 8000);
        wav(root.resolve("b/3.wav"), 40, 8000);
        SpeechFolder ds = new SpeechFolder(root);
        List<Tensor> batches = new java.util.ArrayList<>();
        for (Tensor batch : org.torch4j.data.DataLoader.of(ds).batchSize(3)
                .collate(items -> Torch.stack(items.stream().map(a -> Torch.pad(a.waveform(), new long[] {0, 64 - a.waveform().size(1)}, "constant", 0.0)).toList()))
                .build()) {
            batches.add(batch);
        }
        assertEquals(1, batches.size());
        assertArrayEquals(new long[] {3, 1, 64}, batches.get(0).shape());
    }

    @Test
    void speechFolderErrors(@TempDir Path root) throws IOException {
        IOException e = assertThrows(IOException.class, () -> new SpeechFolder(root.resolve("none")));
        assertTrue(e.getMessage().contains("is not a directory"), e.getMessage());
        e = assertThrows(IOException.class, () -> new SpeechFolder(root));
        assertTrue(e.getMessage().startsWith("Couldn't find any class folder"), e.getMessage());
        Files.createDirectories(root.resolve("empty"));
        wav(root.resolve("full/a.wav"), 5, 8000);
        e = assertThrows(IOException.class, () -> new SpeechFolder(root));
        assertTrue(e.getMessage().startsWith("Found no valid file for the classes empty. Supported extensions are: .wav"), e.getMessage());
    }

    @Test
    void catalogListsAudioDatasetsAndTransforms(@TempDir Path root) throws Exception {
        wav(root.resolve("a/1.wav"), 400, 8000);
        Dataset<?> ds = Catalog.dataset("speech-folder").orElseThrow().open(Map.of("root", root.toString()));
        assertEquals(1, ds.size());
        assertTrue(Catalog.dataset("spoken-digits").isPresent());
        assertEquals("audio", Catalog.dataset("spoken-digits").orElseThrow().domain());
        Tensor mel = Catalog.transform("mel-spectrogram").orElseThrow().create(Map.of("sampleRate", 8000, "nFft", "128", "nMels", 20))
                .apply(Torch.randn(1, 800));
        assertArrayEquals(new long[] {1, 20, 13}, mel.shape());
        assertArrayEquals(new long[] {1, 400}, Catalog.transform("resample").orElseThrow().create(Map.of("origFreq", 16000, "newFreq", 8000))
                .apply(Torch.randn(1, 800)).shape());
        assertArrayEquals(new long[] {1, 13, 7}, Catalog.transform("mfcc").orElseThrow()
                .create(Map.of("sampleRate", 8000, "nMfcc", 13, "nFft", 256, "nMels", 20)).apply(Torch.randn(1, 800)).shape());
        assertThrows(IllegalArgumentException.class, () -> Catalog.transform("resample").orElseThrow().create(Map.of()));
    }

    @Test
    void spokenDigitsSaysWhenEspeakIsMissing(@TempDir Path root) {
        String old = System.getProperty("torch4j.espeak");
        System.setProperty("torch4j.espeak", "/nonexistent/espeak-ng");
        try {
            IOException e = assertThrows(IOException.class, () -> SpokenDigits.create(root, List.of("en-us"), List.of(150), List.of(50)));
            assertTrue(e.getMessage().contains("espeak-ng is not installed"), e.getMessage());
            assertTrue(e.getMessage().contains("10 recordings are missing"), e.getMessage());
        } finally {
            if (old == null) System.clearProperty("torch4j.espeak");
            else System.setProperty("torch4j.espeak", old);
        }
    }

    @Test
    void spokenDigitsSynthesisesOnceAndSplitsByVoice(@TempDir Path root) throws IOException {
        assumeTrue(SpokenDigits.espeakAvailable(), "espeak-ng is not installed: skipping synthesis (the dataset needs it)");
        SpokenDigits ds = SpokenDigits.create(root, List.of("en-us", "en-gb"), List.of(160), List.of(40, 60));
        assertEquals(40, ds.size());
        LabeledAudio seven = ds.get(7 * 4);
        assertEquals(7, seven.label());
        assertEquals(22050, seven.sampleRate());
        assertEquals(1, seven.waveform().size(0));
        assertTrue(seven.waveform().size(1) > 2000, "a word lasts more than 0.1 s");
        assertTrue(seven.waveform().abs().max().item() > 0.05, "not silence");
        long modified = Files.getLastModifiedTime(ds.utterances().get(0).path()).toMillis();
        // cached: a second create needs no synthesis, even without espeak-ng
        System.setProperty("torch4j.espeak", "/nonexistent/espeak-ng");
        try {
            SpokenDigits again = SpokenDigits.create(root, List.of("en-us", "en-gb"), List.of(160), List.of(40, 60));
            assertEquals(40, again.size());
        } finally {
            System.clearProperty("torch4j.espeak");
        }
        assertEquals(modified, Files.getLastModifiedTime(ds.utterances().get(0).path()).toMillis());
        assertEquals(20, ds.withVoices(v -> v.equals("en-gb")).size());
        assertThrows(IllegalArgumentException.class, () -> SpokenDigits.create(root, List.of("en us; rm"), List.of(160), List.of(40)));
    }
}
