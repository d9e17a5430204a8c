/**
 * Audio signal processing functions ({@code torchaudio.functional}, version 0.13): spectrograms, mel
 * filter banks, decibels, DCT, mu-law, resampling and deltas, all written with differentiable tensor
 * operations.
 */
@Export
@Version("0.1.0")
package org.torch4j.audio.functional;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
