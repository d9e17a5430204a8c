package org.torch4j.audio.datasets;

import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * One item of an audio classification dataset, as torchaudio's datasets return it: the (transformed)
 * waveform, its sample rate and the class index. Recordings differ in length, so batch them with a
 * collate of your own (as torchaudio users pass a {@code collate_fn}), e.g. pad or crop each waveform
 * and stack: {@code DataLoader.of(ds).batchSize(32).collate(items -> ...)}; the default collate would
 * give a map of the three columns.
 *
 * @param waveform float32 {@code [channels, frames]} (or whatever the transform returned)
 * @param sampleRate the file's sample rate
 * @param label the class index
 */
public record LabeledAudio(Tensor waveform, int sampleRate, int label) {
    /** The label as a 0-dim int64 tensor (for collating into a batch). */
    public Tensor labelTensor() {
        return Torch.scalarTensor((long) label);
    }
}
