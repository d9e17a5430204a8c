package org.torch4j.audio.models;

import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.Embedding;
import org.torch4j.nn.Init;
import org.torch4j.nn.Module;

/**
 * Tacotron2 text-to-speech (torchaudio's {@code Tacotron2}, Shen et al. 2018, after NVIDIA's
 * implementation): token embedding, a {@link Tacotron2Encoder}, a {@link Tacotron2Decoder} with
 * location-sensitive attention producing mel frames and stop logits, and a {@link Tacotron2Postnet}
 * residual. {@link #call(Tensor, Tensor, Tensor, Tensor)} is teacher-forced training, {@link #infer}
 * generates. torchaudio's module tree, state-dict keys and initialisation order (so the same
 * {@code Torch.manualSeed} gives torchaudio's weights). The prenet's dropout is on in evaluation too, as
 * in torchaudio: seed the default generator for repeatable outputs.
 */
public class Tacotron2 extends Module {
    /** Whether {@link #forward(Tensor, Tensor, Tensor, Tensor)} masks the frames past each mel length. */
    public final boolean maskPadding;
    /** Mel bins and frames per decoder step. */
    public final long nMels, nFramesPerStep;
    /** {@code embedding}: {@code nSymbol} tokens to {@code symbolEmbeddingDim}, Xavier-uniform. */
    public final Embedding embedding;
    /** {@code encoder}. */
    public final Tacotron2Encoder encoder;
    /** {@code decoder}. */
    public final Tacotron2Decoder decoder;
    /** {@code postnet}. */
    public final Tacotron2Postnet postnet;

    /**
     * The teacher-forced outputs.
     *
     * @param melSpecgram [batch, nMels, frames], before the postnet
     * @param melSpecgramPostnet [batch, nMels, frames], with the postnet's residual
     * @param gateOutputs [batch, frames], the stop logits
     * @param alignments [batch, frames, tokens], the attention weights
     */
    public record Output(Tensor melSpecgram, Tensor melSpecgramPostnet, Tensor gateOutputs, Tensor alignments) {}

    /**
     * What {@link #infer} generates.
     *
     * @param melSpecgram [batch, nMels, frames], with the postnet's residual
     * @param melSpecgramLengths int32 [batch], each sequence's frames
     * @param alignments [batch, frames, tokens]
     */
    public record InferOutput(Tensor melSpecgram, Tensor melSpecgramLengths, Tensor alignments) {}

    /** torchaudio's defaults: 80 mels, 148 symbols, 512-wide encoder, 1024-wide LSTMs, at most 2000 frames. */
    public Tacotron2() {
        this(false, 80, 148, 1, 512, 512, 3, 5, 1024, 2000, 0.1, true, 1024, 128, 32, 31, 0.1, 256, 5, 5, 512, 0.5);
    }

    /**
     * torchaudio's constructor, its arguments in its order.
     *
     * @param maskPadding mask the frames past each mel length in forward (default false)
     * @param nMels mel bins (80)
     * @param nSymbol token vocabulary (148)
     * @param nFramesPerStep frames per decoder step; torchaudio supports only 1 (1)
     * @param symbolEmbeddingDim token embedding width, which must equal the encoder's (512)
     * @param encoderEmbeddingDim encoder width (512)
     * @param encoderNConvolution encoder convolutions (3)
     * @param encoderKernelSize encoder kernel (5)
     * @param decoderRnnDim decoder LSTM width (1024)
     * @param decoderMaxStep most frames in infer (2000)
     * @param decoderDropout decoder LSTM dropout (0.1)
     * @param decoderEarlyStopping stop infer once all sequences are finished (true)
     * @param attentionRnnDim attention LSTM width (1024)
     * @param attentionHiddenDim attention hidden width (128)
     * @param attentionLocationNFilter location filters (32)
     * @param attentionLocationKernelSize location kernel (31)
     * @param attentionDropout attention LSTM dropout (0.1)
     * @param prenetDim prenet width (256)
     * @param postnetNConvolution postnet convolutions (5)
     * @param postnetKernelSize postnet kernel (5)
     * @param postnetEmbeddingDim postnet width (512)
     * @param gateThreshold stop-token probability that finishes a sequence (0.5)
     */
    public Tacotron2(boolean maskPadding, long nMels, long nSymbol, long nFramesPerStep, long symbolEmbeddingDim, long encoderEmbeddingDim,
                     int encoderNConvolution, long encoderKernelSize, long decoderRnnDim, int decoderMaxStep, double decoderDropout,
                     boolean decoderEarlyStopping, long attentionRnnDim, long attentionHiddenDim, long attentionLocationNFilter,
                     long attentionLocationKernelSize, double attentionDropout, long prenetDim, int postnetNConvolution,
                     long postnetKernelSize, long postnetEmbeddingDim, double gateThreshold) {
        this.maskPadding = maskPadding;
        this.nMels = nMels;
        this.nFramesPerStep = nFramesPerStep;
        embedding = registerModule("embedding", new Embedding(nSymbol, symbolEmbeddingDim));
        try (var noGrad = Torch.noGrad()) {
            Init.xavierUniform_(embedding.weight, 1.0);
        }
        encoder = registerModule("encoder", new Tacotron2Encoder(encoderEmbeddingDim, encoderNConvolution, encoderKernelSize));
        decoder = registerModule("decoder", new Tacotron2Decoder(nMels, nFramesPerStep, encoderEmbeddingDim, decoderRnnDim, decoderMaxStep,
                decoderDropout, decoderEarlyStopping, attentionRnnDim, attentionHiddenDim, attentionLocationNFilter,
                attentionLocationKernelSize, attentionDropout, prenetDim, gateThreshold));
        postnet = registerModule("postnet", new Tacotron2Postnet(nMels, postnetEmbeddingDim, postnetKernelSize, postnetNConvolution));
    }

    /** {@code Tacotron2()}: the model with torchaudio's defaults (about 28.2 million parameters). */
    public static Tacotron2 tacotron2() {
        return new Tacotron2();
    }

    /** Not a one-input module: use {@link #call(Tensor, Tensor, Tensor, Tensor)} or {@link #infer}. */
    @Override
    public Tensor forward(Tensor input) {
        throw new UnsupportedOperationException("Tacotron2 takes tokens, token lengths, a mel spectrogram and its lengths; infer takes tokens");
    }

    /** {@code tacotron2(tokens, token_lengths, mel_specgram, mel_specgram_lengths)}: {@link #forward(Tensor, Tensor, Tensor, Tensor)} with the hooks around it. */
    public final Output call(Tensor tokens, Tensor tokenLengths, Tensor melSpecgram, Tensor melSpecgramLengths) {
        return callWithHooks(a -> forward((Tensor) a.get(0), (Tensor) a.get(1), (Tensor) a.get(2), (Tensor) a.get(3)), tokens, tokenLengths,
                melSpecgram, melSpecgramLengths);
    }

    /**
     * Teacher-forced training pass. With {@link #maskPadding}, the frames past each mel length are 0 in
     * both spectrograms and 1000 in the gate logits.
     *
     * @param tokens int64 [batch, tokens], zero-padded
     * @param tokenLengths int64 [batch], decreasing
     * @param melSpecgram [batch, nMels, frames], the target
     * @param melSpecgramLengths int64 [batch]
     * @return the spectrogram before and after the postnet, the gate logits and the alignments
     * @throws IllegalArgumentException when the token lengths are not decreasing (pack_padded_sequence's message)
     */
    public Output forward(Tensor tokens, Tensor tokenLengths, Tensor melSpecgram, Tensor melSpecgramLengths) {
        Tensor memory = encoder.call(embedding.call(tokens).transpose(1, 2), tokenLengths);
        Tacotron2Decoder.Output d = decoder.call(memory, melSpecgram, tokenLengths);
        Tensor mel = d.melSpecgram(), postnetMel = mel.add(postnet.call(mel)), gate = d.gateOutputs();
        if (maskPadding) {
            Tensor mask = Tacotron2Layers.paddingMask(melSpecgramLengths);
            Tensor melMask = mask.unsqueeze(1).expand(mask.size(0), nMels, mask.size(1));
            mel = mel.maskedFill(melMask, 0.0);
            postnetMel = postnetMel.maskedFill(melMask, 0.0);
            gate = gate.maskedFill(mask, 1e3);
        }
        return new Output(mel, postnetMel, gate, d.alignments());
    }

    /**
     * Generates mel spectrograms from tokens (autoregressive decoding, then the postnet).
     *
     * @param tokens int64 [batch, tokens], zero-padded
     * @param lengths int64 [batch], decreasing; null when every sequence fills the batch
     * @return the spectrograms, their lengths and the alignments
     */
    public InferOutput infer(Tensor tokens, Tensor lengths) {
        long batch = tokens.size(0), maxLength = tokens.size(1);
        if (lengths == null) lengths = Torch.full(new long[] {batch}, maxLength, tokens.dtype(), tokens.device());
        Tensor memory = encoder.call(embedding.call(tokens).transpose(1, 2), lengths);
        Tacotron2Decoder.Output d = decoder.infer(memory, lengths);
        Tensor mel = d.melSpecgram();
        return new InferOutput(mel.add(postnet.call(mel)), d.melSpecgramLengths(), d.alignments());
    }
}
