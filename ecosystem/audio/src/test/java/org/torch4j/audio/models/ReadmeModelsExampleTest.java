package org.torch4j.audio.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * The README's "### Models" snippet, as written there except the checkpoint line: no torchaudio
 * checkpoint of that size ships with the tests, so the model reloads its own state dict through the same
 * {@code loadStateDict} (Wav2Vec2ModelTest loads torchaudio's own files into small models).
 */
class ReadmeModelsExampleTest {
    @Test
    void readmeModelsSnippetRuns() {
        Wav2Vec2Model asr = Wav2Vec2Model.wav2vec2Base(0.1, 0.1, 0.1, 0.1, 0.1, 29);
        asr.loadStateDict(asr.stateDict());   // README: PyTorchCheckpoint.load(Path.of("asr_base.pt"))
        asr.eval();
        Tensor waves = Torch.randn(2, 8000);                                    // [batch, samples] at 16 kHz
        try (var noGrad = Torch.noGrad()) {
            OutputAndLengths out = asr.call(waves, Torch.tensor(new long[] {8000, 6000}, 2));
            Tensor logits = out.output();                                       // [2, 24, 29] per 20 ms frame
            long[] frames = out.lengths().toLongArray();                        // {24, 18}
            LayerOutputs layers = asr.extractFeatures(waves, null, 6);          // the first 6 layers, [2, 24, 768] each
            Tensor mixture = waves.narrow(1, 0, 1600).unsqueeze(1);            // [batch, 1, samples]
            Tensor sources = ConvTasNet.convTasnetBase().eval().call(mixture);  // [2, 2, 1600], one waveform per source
            Conformer conformer = new Conformer(80, 4, 256, 2, 31);              // width, heads, ffn, layers, kernel
            conformer.eval();
            Tensor features = Torch.randn(2, 50, 80);                           // [batch, frames, features]
            Tensor encoded = conformer.call(features, Torch.tensor(new long[] {50, 30}, 2)).output();  // [2, 50, 80]
            Tacotron2 tts = Tacotron2.tacotron2();                              // torchaudio's Tacotron2() defaults
            tts.eval();                                                         // (its prenet's dropout stays on)
            Tensor tokens = Torch.tensor(new long[] {5, 12, 40, 7, 9, 3, 0, 0}, 2, 4);
            Tacotron2.Output mel = tts.call(tokens, Torch.tensor(new long[] {4, 2}, 2), Torch.randn(2, 80, 12),
                    Torch.tensor(new long[] {12, 9}, 2));                       // teacher-forced: mel.melSpecgramPostnet() [2, 80, 12]
            HDemucs demucs = HDemucs.hdemucsLow(List.of("drums", "bass", "other", "vocals"));
            demucs.eval();
            Tensor stems = demucs.call(Torch.randn(1, 2, 4096));                // [1, 4, 2, 4096]: each source, stereo

            assertArrayEquals(new long[] {2, 24, 29}, logits.shape());
            assertArrayEquals(new long[] {24, 18}, frames);
            assertEquals(6, layers.layers().size());
            assertArrayEquals(new long[] {2, 24, 768}, layers.layers().get(5).shape());
            assertArrayEquals(new long[] {2, 2, 1600}, sources.shape());
            assertArrayEquals(new long[] {2, 50, 80}, encoded.shape());
            assertArrayEquals(new long[] {2, 80, 12}, mel.melSpecgramPostnet().shape());
            assertArrayEquals(new long[] {2, 12, 4}, mel.alignments().shape());
            assertArrayEquals(new long[] {1, 4, 2, 4096}, stems.shape());
        }
    }
}
