/**
 * Audio models ({@code torchaudio.models}, version 0.13) built from {@code org.torch4j.nn} modules, with
 * torchaudio's structure and state-dict keys, so its checkpoints load with {@code loadStateDict}:
 * {@link org.torch4j.audio.models.Wav2Vec2Model} (wav2vec 2.0 and HuBERT encoders, with torchaudio's
 * factories), {@link org.torch4j.audio.models.Wav2Letter}, {@link org.torch4j.audio.models.DeepSpeech},
 * {@link org.torch4j.audio.models.ConvTasNet}, {@link org.torch4j.audio.models.Conformer},
 * {@link org.torch4j.audio.models.WaveRNN}, {@link org.torch4j.audio.models.Emformer},
 * {@link org.torch4j.audio.models.Tacotron2}, {@link org.torch4j.audio.models.HDemucs}, the Emformer transducer
 * {@link org.torch4j.audio.models.RNNT} with {@link org.torch4j.audio.models.RNNTBeamSearch}, and HuBERT's
 * {@link org.torch4j.audio.models.HuBERTPretrainModel}.
 */
@Export
@Version("0.3.0")
package org.torch4j.audio.models;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
