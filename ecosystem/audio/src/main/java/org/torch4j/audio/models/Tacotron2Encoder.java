package org.torch4j.audio.models;

import org.torch4j.Tensor;
import org.torch4j.nn.BatchNorm1d;
import org.torch4j.nn.F;
import org.torch4j.nn.LSTM;
import org.torch4j.nn.Module;
import org.torch4j.nn.ModuleList;
import org.torch4j.nn.PackedSequence;
import org.torch4j.nn.Sequential;

/**
 * Tacotron2's text encoder (torchaudio's {@code _Encoder}): convolutions with batch norm, ReLU and
 * dropout 0.5 in training, then a bidirectional LSTM of half the width over the packed sequences (the
 * lengths must be decreasing, as {@code pack_padded_sequence} requires).
 */
public class Tacotron2Encoder extends Module {
    /** {@code convolutions}: each a {@code Sequential(Conv1d, BatchNorm1d)}. */
    public final ModuleList convolutions;
    /** {@code lstm}: bidirectional, batch first, {@code encoderEmbeddingDim / 2} wide each way. */
    public final LSTM lstm;

    /**
     * torchaudio's constructor.
     *
     * @param encoderEmbeddingDim the channels throughout
     * @param encoderNConvolution the number of convolutions
     * @param encoderKernelSize their kernel ("same" padding for odd kernels)
     */
    public Tacotron2Encoder(long encoderEmbeddingDim, int encoderNConvolution, long encoderKernelSize) {
        convolutions = registerModule("convolutions", new ModuleList());
        for (int i = 0; i < encoderNConvolution; i++) {
            convolutions.add(new Sequential(Tacotron2Layers.conv1d(encoderEmbeddingDim, encoderEmbeddingDim, encoderKernelSize,
                    (encoderKernelSize - 1) / 2, true, "relu"), new BatchNorm1d(encoderEmbeddingDim)));
        }
        lstm = registerModule("lstm", new LSTM(encoderEmbeddingDim, encoderEmbeddingDim / 2, 1, true, true, 0, true));
    }

    /** Not a one-input module: use {@link #forward(Tensor, Tensor)}. */
    @Override
    public Tensor forward(Tensor input) {
        throw new UnsupportedOperationException("Tacotron2Encoder takes the embedded tokens and their lengths");
    }

    /** {@code encoder(x, input_lengths)}: {@link #forward(Tensor, Tensor)} with the hooks around it. */
    public final Tensor call(Tensor x, Tensor inputLengths) {
        return callWithHooks(a -> forward((Tensor) a.get(0), (Tensor) a.get(1)), x, inputLengths);
    }

    /**
     * Encodes embedded tokens.
     *
     * @param x [batch, encoderEmbeddingDim, tokens]
     * @param inputLengths int64 [batch], decreasing
     * @return [batch, max(inputLengths), encoderEmbeddingDim], zeros past each length
     */
    public Tensor forward(Tensor x, Tensor inputLengths) {
        for (Module conv : convolutions.children()) x = F.dropout(F.relu(((Sequential) conv).call(x)), 0.5, isTraining());
        PackedSequence packed = PackedSequence.pack(x.transpose(1, 2), inputLengths.toLongArray(), true, true);
        return lstm.call(packed, null).output().pad(true, 0, null).output();
    }
}
