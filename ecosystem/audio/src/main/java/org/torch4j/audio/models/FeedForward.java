package org.torch4j.audio.models;

import org.torch4j.Tensor;
import org.torch4j.nn.Dropout;
import org.torch4j.nn.F;
import org.torch4j.nn.Linear;
import org.torch4j.nn.Module;

/**
 * The position-wise feed-forward block of a wav2vec 2.0 encoder layer (torchaudio's {@code FeedForward}):
 * linear, GELU, dropout, linear, dropout.
 */
public class FeedForward extends Module {
    /** {@code intermediate_dense} and {@code output_dense}. */
    public final Linear intermediateDense, outputDense;
    /** {@code intermediate_dropout} and {@code output_dropout}. */
    public final Dropout intermediateDropout, outputDropout;

    /** Widens {@code ioFeatures} to {@code intermediateFeatures} and back. */
    public FeedForward(long ioFeatures, long intermediateFeatures, double intermediateDropout, double outputDropout) {
        intermediateDense = registerModule("intermediate_dense", new Linear(ioFeatures, intermediateFeatures));
        this.intermediateDropout = registerModule("intermediate_dropout", new Dropout(intermediateDropout));
        outputDense = registerModule("output_dense", new Linear(intermediateFeatures, ioFeatures));
        this.outputDropout = registerModule("output_dropout", new Dropout(outputDropout));
    }

    /** [batch, length, io_features] to the same shape. */
    @Override
    public Tensor forward(Tensor x) {
        x = intermediateDropout.call(F.gelu(intermediateDense.call(x)));
        return outputDropout.call(outputDense.call(x));
    }
}
