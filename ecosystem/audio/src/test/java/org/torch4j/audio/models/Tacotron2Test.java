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

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.torch4j.DType;
import org.torch4j.GradCheck;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.Module;

/** torchaudio.models.Tacotron2 against torchaudio 0.13 (tts.json, tacotron2_small.pt). */
class Tacotron2Test {
    private static final double RTOL = 1e-9, ATOL = 1e-10;

    private static Map<String, Object> ref() {
        return ModelsReference.tts("tacotron2");
    }

    private static long num(Map<String, Object> m, String k) {
        return ((Number) m.get(k)).longValue();
    }

    private static double dbl(Map<String, Object> m, String k) {
        return ((Number) m.get(k)).doubleValue();
    }

    private static Tacotron2 build(Map<String, Object> c) {
        return new Tacotron2((Boolean) c.get("mask_padding"), num(c, "n_mels"), num(c, "n_symbol"), num(c, "n_frames_per_step"),
                num(c, "symbol_embedding_dim"), num(c, "encoder_embedding_dim"), (int) num(c, "encoder_n_convolution"),
                num(c, "encoder_kernel_size"), num(c, "decoder_rnn_dim"), (int) num(c, "decoder_max_step"), dbl(c, "decoder_dropout"),
                (Boolean) c.get("decoder_early_stopping"), num(c, "attention_rnn_dim"), num(c, "attention_hidden_dim"),
                num(c, "attention_location_n_filter"), num(c, "attention_location_kernel_size"), dbl(c, "attention_dropout"),
                num(c, "prenet_dim"), (int) num(c, "postnet_n_convolution"), num(c, "postnet_kernel_size"), num(c, "postnet_embedding_dim"),
                dbl(c, "gate_threshold"));
    }

    /** The small model in float64 with torchaudio's weights, in eval mode. */
    private static Tacotron2 smallModel() {
        Tacotron2 model = (Tacotron2) build(map(ref().get("config"))).to(DType.FLOAT64);
        Module.LoadResult r = model.loadStateDict(ModelsReference.checkpoint("tacotron2_small.pt"));
        assertTrue(r.missingKeys().isEmpty() && r.unexpectedKeys().isEmpty(), r.toString());
        model.eval();
        return model;
    }

    private static Tensor tokens() {
        List<Object> rows = list(ref().get("tokens"));
        long[] first = longs(rows.get(0));
        long[] flat = new long[rows.size() * first.length];
        for (int i = 0; i < rows.size(); i++) System.arraycopy(longs(rows.get(i)), 0, flat, i * first.length, first.length);
        return Torch.tensor(flat, rows.size(), first.length);
    }

    @Test
    void seededInitialisationAndKeysAreTorchaudios() {
        Map<String, Object> ref = ref();
        Torch.manualSeed(num(ref, "seed"));
        Tacotron2 model = (Tacotron2) build(map(ref.get("config"))).to(DType.FLOAT64);
        Map<String, Tensor> expected = ModelsReference.checkpoint("tacotron2_small.pt");
        assertEquals(ModelsReference.keyLines(expected), ModelsReference.keyLines(model.stateDict()));
        Set<Object> perturbed = new HashSet<>(list(ref.get("perturbed")));
        model.stateDict().forEach((k, v) -> {
            if (!perturbed.contains(k) && !k.endsWith("num_batches_tracked")) assertTrue(v.equal(expected.get(k)), k);
        });
    }

    @Test
    void forwardMatchesTorchaudioInEvalAndTraining() {
        Map<String, Object> ref = ref();
        Tacotron2 model = smallModel();
        Tensor tokens = tokens(), tokenLengths = ModelsReference.int64(ref.get("token_lengths"));
        Tensor mel = tensor(ref.get("mel")), melLengths = ModelsReference.int64(ref.get("mel_lengths"));
        String[] names = {"mel_specgram", "mel_specgram_postnet", "gate_outputs", "alignments"};
        for (String mode : new String[] {"eval", "train"}) {
            model.train(mode.equals("train"));   // training: every dropout and the batch norms' batch statistics
            try (var noGrad = Torch.noGrad()) {
                Torch.manualSeed(num(ref, "forward_seed"));
                Tacotron2.Output out = model.call(tokens, tokenLengths, mel, melLengths);
                Tensor[] actual = {out.melSpecgram(), out.melSpecgramPostnet(), out.gateOutputs(), out.alignments()};
                List<Object> expected = list(ref.get(mode));
                for (int i = 0; i < 4; i++) assertClose(actual[i], tensor(expected.get(i)), RTOL, ATOL, mode + " " + names[i]);
            }
        }
    }

    @Test
    void inferMatchesTorchaudio() {
        Tacotron2 model = smallModel();
        Tensor tokens = tokens(), lengths = ModelsReference.int64(ref().get("token_lengths"));
        for (Object o : list(ref().get("infer"))) {
            Map<String, Object> c = map(o);
            model.decoder.gateThreshold = dbl(c, "gate_threshold");
            boolean withLengths = (Boolean) c.get("with_lengths");
            String what = "seed " + num(c, "seed");
            try (var noGrad = Torch.noGrad()) {
                Torch.manualSeed(num(c, "seed"));
                Tacotron2.InferOutput out = withLengths ? model.infer(tokens, lengths) : model.infer(tokens.narrow(0, 0, 1), null);
                assertClose(out.melSpecgram(), tensor(c.get("mel")), RTOL, ATOL, what + " mel");
                assertClose(out.alignments(), tensor(c.get("alignments")), RTOL, ATOL, what + " alignments");
                assertEquals(DType.INT32, out.melSpecgramLengths().dtype());
                assertArrayEquals(longs(c.get("lengths")), out.melSpecgramLengths().toLongArray(), what);
            }
        }
    }

    @Test
    void defaultModelIsTorchaudios() {
        Tacotron2 model = Tacotron2.tacotron2();
        assertEquals(ModelsReference.keyLines(ref().get("default_keys")), ModelsReference.keyLines(model.stateDict()));
        long count = 0;
        for (Tensor p : model.parameters()) count += p.numel();
        assertEquals(num(ref(), "default_parameters"), count);
        assertEquals(2000, model.decoder.decoderMaxStep);
        assertEquals(0.5, model.decoder.gateThreshold);
    }

    @Test
    void gradcheckWithRespectToTheMelSpectrogram() {
        Tacotron2 model = smallModel();
        Tensor tokens = tokens().narrow(1, 0, 3), tokenLengths = Torch.tensor(new long[] {3, 2}, 2);
        Torch.manualSeed(3);
        Tensor mel = Torch.randn(new long[] {2, 3, 2}, DType.FLOAT64).requiresGrad_(true);
        Tensor melLengths = Torch.tensor(new long[] {2, 1}, 2);
        Tensor weights = Torch.randn(new long[] {2 * 3 * 2 + 2 * 2 + 2 * 2 * 3}, DType.FLOAT64);
        // a random projection of the outputs: one backward pass, against finite differences for every input
        assertTrue(GradCheck.gradcheck(in -> {
            Torch.manualSeed(9);   // the prenet's dropout masks, the same for every evaluation
            Tacotron2.Output out = model.call(tokens, tokenLengths, in[0], melLengths);
            return Torch.cat(List.of(out.melSpecgramPostnet().flatten(), out.gateOutputs().flatten(), out.alignments().flatten()))
                    .mul(weights).sum();
        }, mel));
    }

    @Test
    void errorsAreTorchaudios() {
        Map<String, Object> e = map(map(ref().get("errors")).get("unsorted"));
        Tacotron2 model = smallModel();
        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class, () -> model.call(tokens(),
                ModelsReference.int64(e.get("token_lengths")), tensor(ref().get("mel")), ModelsReference.int64(ref().get("mel_lengths"))));
        assertEquals(e.get("message"), thrown.getMessage());
    }
}
