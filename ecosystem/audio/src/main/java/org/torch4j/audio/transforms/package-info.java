/**
 * Audio transforms as modules ({@code torchaudio.transforms}, version 0.13): spectrograms, mel scale,
 * MFCC, decibels, resampling, mu-law, SpecAugment masking and deltas. Windows, filter banks, DCT
 * matrices and resampling kernels are buffers with torchaudio's state_dict keys.
 */
@Export
@Version("0.1.0")
package org.torch4j.audio.transforms;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
