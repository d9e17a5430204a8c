/**
 * Audio transforms as modules ({@code torchaudio.transforms}, version 0.13): spectrograms, mel scale,
 * MFCC, decibels, resampling, mu-law, SpecAugment masking and deltas; the inverse spectrogram and mel
 * scale, Griffin-Lim, time stretch, fade and volume. Windows, filter banks, DCT matrices, resampling
 * kernels and phase advances are buffers with torchaudio's state_dict keys.
 */
@Export
@Version("0.4.0")
package org.torch4j.audio.transforms;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
