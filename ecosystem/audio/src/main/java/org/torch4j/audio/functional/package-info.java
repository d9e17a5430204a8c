/**
 * Audio signal processing functions ({@code torchaudio.functional}, version 0.13): spectrograms, mel
 * filter banks, decibels, DCT, mu-law, resampling and deltas, and the way back from spectrograms
 * ({@code torch.istft}, inverse spectrogram, Griffin-Lim, phase vocoder), all written with
 * differentiable tensor operations; and the IIR filters and biquads of {@code filtering.py}
 * ({@link org.torch4j.audio.functional.Filtering}), SoX's flanger and phaser ({@link org.torch4j.audio.functional.SoxEffects}),
 * and feature helpers ({@link org.torch4j.audio.functional.Features}:
 * spectral centroid, linear filter banks, sliding-window CMN, edit distance, pitch shift, loudness, pitch detection), and SoX's voice activity detector
 * ({@link org.torch4j.audio.functional.VoiceActivity}), and multi-channel beamforming
 * ({@link org.torch4j.audio.functional.Beamforming}: PSD, RTF, MVDR weights).
 */
@Export
@Version("0.5.0")
package org.torch4j.audio.functional;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
