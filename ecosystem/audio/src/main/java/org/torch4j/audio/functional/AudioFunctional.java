package org.torch4j.audio.functional;

import java.util.Arrays;
import java.util.List;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.F;

/**
 * Audio functions as {@code torchaudio.functional} 0.13 computes them. Inputs are batched as torchaudio
 * does: a waveform is {@code [..., time]}, a spectrogram {@code [..., freq, time]}.
 *
 * <p>Spectra are complex tensors, as in torchaudio: {@link #stft} is {@link Torch#stft} (frames of the
 * padded signal, windowed, through {@code Fft.rfft}) and {@link #istft} is {@link Torch#istft} (an inverse
 * real FFT per frame, overlap-added by {@code F.fold}), so they run on the backend's FFT kernels where it has
 * them and are differentiable to any order.
 */
public final class AudioFunctional {
    private AudioFunctional() {}

    private static final System.Logger LOG = System.getLogger(AudioFunctional.class.getName());

    // ---- windows ------------------------------------------------------------------------------------

    /**
     * {@code torch.hann_window(length, periodic)}: {@code 0.5 - 0.5 cos(2 pi n / N)} with
     * {@code N = length} when periodic (the default in torchaudio's transforms) and {@code length - 1}
     * otherwise.
     */
    public static Tensor hannWindow(int length, boolean periodic, DType dtype) {
        return Torch.hannWindow(length, periodic, dtype);
    }

    /** The periodic float32 Hann window, as {@code torch.hann_window(length)}. */
    public static Tensor hannWindow(int length) {
        return hannWindow(length, true, DType.FLOAT32);
    }

    // ---- STFT / spectrogram -------------------------------------------------------------------------

    /**
     * {@code torch.stft(..., return_complex=True)} of {@code waveform [..., time]} (any number of leading
     * dims, as torchaudio flattens them): the complex spectrum {@code [..., freq, frames]}, where
     * {@code freq = n_fft / 2 + 1} when onesided (else {@code n_fft}) and
     * {@code frames = 1 + (padded_length - n_fft) / hop_length}. See {@link Torch#stft}.
     *
     * @param waveform float (or complex) audio {@code [..., time]}
     * @param nFft the FFT size
     * @param hopLength the hop between frames (positive)
     * @param winLength the window length, at most {@code nFft}; the window is centred in {@code nFft}
     * @param window the window of {@code winLength} values, or null for a rectangular window
     * @param center pad {@code nFft / 2} samples on both sides so frame t is centred at {@code t * hopLength}
     * @param padMode "reflect", "constant", "replicate" or "circular" (when centred)
     * @param normalizedByFrameLength multiply by {@code nFft^-0.5} (torch.stft's {@code normalized})
     * @param onesided only the non-negative frequencies
     */
    public static Tensor stft(Tensor waveform, int nFft, int hopLength, int winLength, Tensor window, boolean center, String padMode,
            boolean normalizedByFrameLength, boolean onesided) {
        if (waveform.dim() < 1) throw new IllegalArgumentException("stft: expected a tensor with at least 1 dimension (..., time), got a scalar");
        long[] shape = waveform.shape();
        Tensor x = waveform.reshape(-1, shape[shape.length - 1]);
        Tensor z = Torch.stft(x, nFft, hopLength, winLength, window, center, padMode, normalizedByFrameLength, onesided);
        long[] out = Arrays.copyOf(shape, shape.length + 1);
        out[shape.length - 1] = z.size(1);
        out[shape.length] = z.size(2);
        return z.reshape(out);
    }

    /**
     * {@code torchaudio.functional.spectrogram}: {@code |STFT|^power} {@code [..., freq, frames]}, or the
     * complex spectrogram itself when {@code power} is null.
     *
     * @param waveform float audio {@code [..., time]}
     * @param pad two-sided zero padding applied first
     * @param window the window ({@code winLength} values), e.g. {@link #hannWindow(int)}; null for rectangular
     * @param nFft the FFT size
     * @param hopLength hop between frames
     * @param winLength window length (at most {@code nFft})
     * @param power the exponent of the magnitude (positive: 1 for magnitude, 2 for power), or null
     *     (torchaudio's {@code None}) for the complex spectrogram (complex64 for float32 audio)
     * @param normalized null or "none" for none, "window" (divide by the window's L2 norm, torchaudio's
     *     {@code True}) or "frame_length" (divide by {@code sqrt(n_fft)})
     * @param center centre frames on {@code t * hopLength} by padding {@code nFft / 2} on both sides
     * @param padMode the padding when centred: "reflect" (torchaudio's default) or "constant" (also
     *     "replicate" and "circular")
     * @param onesided keep only the {@code nFft / 2 + 1} non-negative frequencies
     */
    public static Tensor spectrogram(Tensor waveform, int pad, Tensor window, int nFft, int hopLength, int winLength, Double power,
            String normalized, boolean center, String padMode, boolean onesided) {
        if (power != null && !(power > 0)) throw new IllegalArgumentException("power must be positive (or None for a complex spectrogram), got " + power);
        boolean frameNorm = false, windowNorm = false;
        if (normalized != null && !normalized.equals("none")) {
            switch (normalized) {
                case "window" -> windowNorm = true;
                case "frame_length" -> frameNorm = true;
                default -> throw new IllegalArgumentException("Invalid normalized parameter: " + normalized);
            }
        }
        Tensor x = waveform;
        if (pad > 0) x = Torch.pad(x, new long[] {pad, pad}, "constant", 0.0);
        Tensor spec = stft(x, nFft, hopLength, winLength, window, center, padMode, frameNorm, onesided);
        if (windowNorm) {
            Tensor w = window == null ? Torch.ones(new long[] {winLength}, x.dtype(), x.device()) : window;
            spec = spec.div(w.square().sum().sqrt());
        }
        if (power == null) return spec;
        if (power == 2.0) return squaredMagnitude(spec);
        Tensor magnitude = spec.abs();
        return power == 1.0 ? magnitude : magnitude.pow(power);
    }

    /** {@code |z|^2} as {@code re^2 + im^2}: the same values as {@code z.abs().pow(2)} without the square root. */
    static Tensor squaredMagnitude(Tensor z) {
        return z.real().square().add(z.imag().square());
    }

    /**
     * The power spectrogram with torchaudio's defaults: periodic Hann window of {@code nFft},
     * {@code hop = nFft / 2}, power 2, not normalized, centred with reflect padding, one-sided.
     */
    public static Tensor spectrogram(Tensor waveform, int nFft) {
        return spectrogram(waveform, 0, hannWindow(nFft, true, waveform.dtype()).to(waveform.device()), nFft, nFft / 2, nFft, 2.0, null, true, "reflect", true);
    }

    // ---- back from spectrograms: istft, inverse spectrogram, Griffin-Lim, phase vocoder ---------------

    /**
     * {@code torch.istft} (PyTorch 1.13, {@code return_complex=False}): the least-squares inverse of
     * {@link #stft}; see {@link Torch#istft}.
     *
     * @param stft complex {@code [freq, frames]} or {@code [batch, freq, frames]} (torch's limit: one batch dim)
     * @param nFft the FFT size
     * @param hopLength the hop, {@code 0 < hopLength <= winLength}
     * @param winLength the window length, at most {@code nFft}
     * @param window {@code winLength} values, or null for a rectangular window
     * @param center whether the STFT was centred: drops {@code nFft / 2} samples at both ends
     * @param normalized whether the STFT was multiplied by {@code nFft^-0.5}
     * @param onesided whether {@code freq} holds only {@code nFft / 2 + 1} bins; null infers it from
     *     {@code freq != nFft}, as torch does
     * @param length the output length (cut, or padded with zeros as torch does), or null
     * @return {@code [time]} or {@code [batch, time]}
     */
    public static Tensor istft(Tensor stft, int nFft, int hopLength, int winLength, Tensor window, boolean center, boolean normalized,
            Boolean onesided, Integer length) {
        return Torch.istft(stft, nFft, hopLength, winLength, window, center, normalized, onesided, length);
    }

    /** {@code torch.istft} with its defaults: hop {@code nFft / 4}, window length {@code nFft}, centred, not normalized, onesided inferred. */
    public static Tensor istft(Tensor stft, int nFft, Tensor window) {
        return istft(stft, nFft, nFft / 4, window == null ? nFft : (int) window.size(0), window, true, false, null, null);
    }

    /**
     * {@code torchaudio.functional.inverse_spectrogram}: the waveform {@code [..., time]} of a complex
     * spectrogram {@code [..., freq, frames]}.
     *
     * @param spectrogram the complex spectrogram
     * @param length the output length, or null; when given, {@code pad} samples are also cut from both ends
     * @param pad the two-sided padding the forward applied (only used with a {@code length}, as torchaudio does)
     * @param window the window ({@code winLength} values)
     * @param normalized null or "none", "window" (the forward divided by the window's L2 norm) or "frame_length"
     * @param center whether frames were centred
     * @param padMode unused (torchaudio takes it for symmetry with {@link #spectrogram})
     * @param onesided whether the spectrogram holds only the non-negative frequencies
     */
    public static Tensor inverseSpectrogram(Tensor spectrogram, Integer length, int pad, Tensor window, int nFft, int hopLength, int winLength,
            String normalized, boolean center, String padMode, boolean onesided) {
        if (!spectrogram.isComplex()) throw new IllegalArgumentException("Expected `spectrogram` to be complex dtype.");
        boolean frameNorm = false;
        Tensor s = spectrogram;
        if (normalized != null && !normalized.equals("none")) {
            switch (normalized) {
                case "window" -> {
                    Tensor w = window == null ? Torch.ones(new long[] {winLength}, Torch.viewAsReal(s).dtype(), s.device()) : window;
                    s = s.mul(w.square().sum().sqrt());
                }
                case "frame_length" -> frameNorm = true;
                default -> throw new IllegalArgumentException("Invalid normalized parameter: " + normalized);
            }
        }
        long[] shape = s.shape();
        if (shape.length < 2) {
            throw new IllegalArgumentException("inverse_spectrogram: expected a spectrogram [..., freq, time], got shape " + Arrays.toString(shape));
        }
        long freq = shape[shape.length - 2], frames = shape[shape.length - 1];
        Tensor y = istft(s.reshape(-1, freq, frames), nFft, hopLength, winLength, window, center, frameNorm, onesided,
                length == null ? null : length + 2 * pad);
        if (length != null && pad > 0) y = y.narrow(1, pad, y.size(1) - 2L * pad);
        long[] out = Arrays.copyOf(shape, shape.length - 1);
        out[out.length - 1] = y.size(1);
        return y.reshape(out);
    }

    /**
     * {@code torchaudio.functional.griffinlim}: a waveform {@code [..., time]} whose magnitude
     * spectrogram approximates {@code specgram} {@code [..., n_fft / 2 + 1, frames]}, by fast Griffin-Lim
     * (alternating {@link #istft} and {@link #stft} with a momentum on the phase estimate). The STFTs are
     * centred, reflect-padded, unnormalized and one-sided, as torchaudio's.
     *
     * @param specgram {@code |X|^power}
     * @param window the window ({@code winLength} values)
     * @param power the exponent of {@code specgram} (1 for magnitude, 2 for power)
     * @param nIter the number of iterations
     * @param momentum in [0, 1): 0 is the original Griffin-Lim, torchaudio's transform uses 0.99
     * @param length the output length, or null
     * @param randInit start from random phases ({@code torch.rand} of a complex dtype: real and
     *     imaginary parts uniform in [0, 1), drawn interleaved from {@code generator}, the same numbers as
     *     torchaudio after {@code torch.manual_seed}) rather than zero phase
     * @param generator the random source for {@code randInit} (null for the default generator)
     */
    public static Tensor griffinlim(Tensor specgram, Tensor window, int nFft, int hopLength, int winLength, double power, int nIter, double momentum,
            Integer length, boolean randInit, org.torch4j.Generator generator) {
        if (!(0 <= momentum && momentum < 1)) throw new IllegalArgumentException("momentum must be in range [0, 1). Found: " + momentum);
        double m = momentum / (1 + momentum);
        long[] shape = specgram.shape();
        if (shape.length < 2) throw new IllegalArgumentException("griffinlim: expected a spectrogram [..., freq, time], got shape " + Arrays.toString(shape));
        long freq = shape[shape.length - 2], frames = shape[shape.length - 1];
        Tensor spec = specgram.reshape(-1, freq, frames).pow(1 / power);
        // The iterations hold the phase estimate's real and imaginary parts as separate planes in frame-major
        // order, [batch, frames, freq]: the order the STFT's FFT writes (its [batch, freq, frames] result is a
        // transposed view) and istft reads, so the transposes are free views, and every elementwise op runs on
        // same-shaped operands (broadcasting a magnitude over interleaved (re, im) pairs is many times slower).
        Tensor magnitude = spec.transpose(1, 2).contiguous();
        Tensor re, im;
        if (randInit) { // drawn in torchaudio's [batch, freq, frames] order, real and imaginary parts interleaved
            long[] pairs = {spec.size(0), freq, frames, 2};
            Tensor u = Torch.zeros(pairs, spec.dtype(), spec.device()).uniform_(0, 1, generator == null ? Torch.defaultGenerator() : generator).transpose(1, 2);
            re = u.select(3, 0).contiguous();
            im = u.select(3, 1).contiguous();
        } else {
            re = Torch.onesLike(magnitude);
            im = Torch.zerosLike(magnitude);
        }
        // without a graph to record, each iteration's intermediates are closed as it ends (an enclosing
        // Scope would otherwise hold all 32 iterations' buffers until it closes)
        boolean graph = Torch.isGradEnabled() && (specgram.requiresGrad() || (window != null && window.requiresGrad()));
        Tensor prevRe = null, prevIm = null; // momentum times the previous rebuilt spectrum (torchaudio's tprev.mul_(momentum))
        for (int it = 0; it < nIter; it++) {
            Tensor[] old = {re, im, prevRe, prevIm};
            try (org.torch4j.Scope scope = graph ? null : Torch.scope()) {
                Tensor inverse = istft(spectrum(re, im, magnitude), nFft, hopLength, winLength, window, true, false, null, length);
                Tensor rebuilt = Torch.viewAsReal(stft(inverse, nFft, hopLength, winLength, window, true, "reflect", false, true).transpose(1, 2));
                Tensor rRe = rebuilt.select(3, 0), rIm = rebuilt.select(3, 1);
                Tensor aRe = prevRe == null ? rRe : rRe.sub(prevRe), aIm = prevIm == null ? rIm : rIm.sub(prevIm);
                // with a graph, torchaudio's angles.abs(): its derivative at 0 is 0 (sqrt's would be NaN)
                Tensor norm = (graph ? Torch.complex(aRe, aIm).abs() : aRe.square().add(aIm.square()).sqrt()).add(1e-16);
                re = aRe.div(norm);
                im = aIm.div(norm);
                if (m != 0) {
                    prevRe = rRe.mul(m);
                    prevIm = rIm.mul(m);
                }
                if (scope != null) {
                    for (Tensor t : new Tensor[] {re, im, prevRe, prevIm}) {
                        if (t != null) scope.keep(t);
                    }
                }
            }
            if (!graph && it > 0) { // the previous iteration's results (not the caller's tensors)
                for (Tensor t : old) {
                    if (t != null && t != prevRe && t != prevIm) t.close();
                }
            }
        }
        Tensor waveform = istft(spectrum(re, im, magnitude), nFft, hopLength, winLength, window, true, false, null, length);
        long[] out = Arrays.copyOf(shape, shape.length - 1);
        out[out.length - 1] = waveform.size(1);
        return waveform.reshape(out);
    }

    /** {@code magnitude * (re + i im)} from frame-major planes {@code [batch, frames, freq]}, as a complex {@code [batch, freq, frames]}. */
    private static Tensor spectrum(Tensor re, Tensor im, Tensor magnitude) {
        long frames = magnitude.size(1), rebuilt = re.size(1);
        if (frames != rebuilt && frames != 1 && rebuilt != 1) { // a length too short for the frames: torchaudio's specgram * angles
            throw new IllegalArgumentException("The size of tensor a (" + frames + ") must match the size of tensor b (" + rebuilt
                    + ") at non-singleton dimension 2");
        }
        return Torch.complex(re.mul(magnitude), im.mul(magnitude)).transpose(1, 2);
    }

    /**
     * {@code torchaudio.functional.phase_vocoder}: stretches a complex spectrogram {@code [..., freq, frames]}
     * in time by {@code 1 / rate} without changing the pitch, to {@code ceil(frames / rate)} frames.
     * Frame {@code t} of the output interpolates the magnitudes of input frames {@code floor(t rate)} and the
     * next (zero past the end) and accumulates their phase differences. Returns the input itself when
     * {@code rate == 1}.
     *
     * @param complexSpecgrams the complex spectrogram
     * @param rate the speed-up factor
     * @param phaseAdvance the expected phase advance of each bin per hop, {@code [freq, 1]}
     *     (torchaudio: {@code linspace(0, pi * hop_length, freq)[..., None]})
     */
    public static Tensor phaseVocoder(Tensor complexSpecgrams, double rate, Tensor phaseAdvance) {
        if (rate == 1.0) return complexSpecgrams;
        // torchaudio's torch.arange(0, frames, rate) refuses these so
        if (rate == 0) throw new IllegalArgumentException("step must be nonzero");
        if (!(rate > 0)) throw new IllegalArgumentException("upper bound and larger bound inconsistent with step sign");
        if (!complexSpecgrams.isComplex()) throw new IllegalArgumentException("phase_vocoder: expected a complex spectrogram, got " + complexSpecgrams.dtype());
        long[] shape = complexSpecgrams.shape();
        if (shape.length < 2) {
            throw new IllegalArgumentException("phase_vocoder: expected a spectrogram [..., freq, time], got shape " + Arrays.toString(shape));
        }
        long freq = shape[shape.length - 2], frames = shape[shape.length - 1];
        // the time axis is picked from the real view [batch, freq, time, 2]: complex tensors have no indexSelect
        Tensor s = Torch.viewAsReal(complexSpecgrams.reshape(-1, freq, frames));
        DType dtype = s.dtype();
        // torch.arange(0, frames, rate): ceil(frames / rate) steps, each start + i * step in double, then cast
        int steps = (int) Math.ceil(frames / rate);
        double[] t = new double[steps];
        long[] i0 = new long[steps], i1 = new long[steps];
        for (int i = 0; i < steps; i++) t[i] = i * rate;
        Tensor timeSteps = Torch.tensor(t, steps).to(dtype);
        double[] rounded = timeSteps.toDouble().toDoubleArray();
        for (int i = 0; i < steps; i++) {
            i0[i] = (long) rounded[i];
            i1[i] = (long) (rounded[i] + 1);
        }
        timeSteps = timeSteps.to(s.device());
        Tensor alphas = timeSteps.remainder(1.0);
        Tensor phase0 = angle(s.narrow(2, 0, 1));
        Tensor padded = Torch.pad(s, new long[] {0, 0, 0, 2}, "constant", 0.0);
        Tensor s0 = padded.indexSelect(2, Torch.tensor(i0, steps).to(s.device())), s1 = padded.indexSelect(2, Torch.tensor(i1, steps).to(s.device()));
        Tensor advance = phaseAdvance.to(s.device()).to(dtype);
        Tensor phase = angle(s1).sub(angle(s0)).sub(advance);
        phase = phase.sub(phase.div(2 * Math.PI).round().mul(2 * Math.PI));
        phase = phase.add(advance);
        phase = Torch.cat(List.of(phase0, phase.narrow(2, 0, steps - 1)), 2);
        Tensor phaseAcc = phase.cumsum(2);
        Tensor mag = alphas.mul(abs(s1)).add(alphas.rsub(1.0).mul(abs(s0)));
        long[] out = shape.clone();
        out[out.length - 1] = steps;
        return Torch.complex(mag.mul(phaseAcc.cos()), mag.mul(phaseAcc.sin())).reshape(out);
    }

    /*
     * |z| and arg z of complex numbers given as (re, im) pairs in the last dim, with torch's zero gradient at
     * z = 0 (phase_vocoder's zero padding), written with real ops whose second derivatives are the exact ones
     * there too (gradgradcheck).
     */

    private static Tensor abs(Tensor pairs) {
        Tensor sq = pairs.square().sum(new int[] {-1}, false);
        Tensor zero = sq.eq(0.0).to(sq.dtype());
        // where |z| = 0: sqrt(0 + 1) * 0, whose derivative is 0; elsewhere unchanged (+ 0, * 1)
        return sq.add(zero).sqrt().mul(zero.rsub(1.0));
    }

    private static Tensor angle(Tensor pairs) {
        Tensor re = pairs.select(-1, 0), im = pairs.select(-1, 1);
        Tensor zero = re.eq(0.0).logicalAnd(im.eq(0.0)).to(re.dtype());
        return im.atan2(re.add(zero));
    }

    /** {@code torchaudio.functional.gain}: {@code waveform * 10^(gainDb / 20)}; the input itself for 0 dB. */
    public static Tensor gain(Tensor waveform, double gainDb) {
        if (gainDb == 0) return waveform;
        return waveform.mul(Math.pow(10, gainDb / 20));
    }

    // ---- mel scale, decibels, DCT -------------------------------------------------------------------

    /** Hz to mel on the "htk" or "slaney" scale, as torchaudio's {@code _hz_to_mel}. */
    public static double hzToMel(double freq, String melScale) {
        checkMelScale(melScale);
        if (melScale.equals("htk")) return 2595.0 * Math.log10(1.0 + freq / 700.0);
        double fSp = 200.0 / 3, minLogHz = 1000.0, minLogMel = minLogHz / fSp, logstep = Math.log(6.4) / 27.0;
        double mels = freq / fSp;
        if (freq >= minLogHz) mels = minLogMel + Math.log(freq / minLogHz) / logstep;
        return mels;
    }

    /** Mel to Hz on the "htk" or "slaney" scale, as torchaudio's {@code _mel_to_hz}. */
    public static double melToHz(double mel, String melScale) {
        checkMelScale(melScale);
        if (melScale.equals("htk")) return 700.0 * (Math.pow(10.0, mel / 2595.0) - 1.0);
        double fSp = 200.0 / 3, minLogHz = 1000.0, minLogMel = minLogHz / fSp, logstep = Math.log(6.4) / 27.0;
        return mel >= minLogMel ? minLogHz * Math.exp(logstep * (mel - minLogMel)) : fSp * mel;
    }

    private static void checkMelScale(String melScale) {
        if (!"htk".equals(melScale) && !"slaney".equals(melScale)) throw new IllegalArgumentException("mel_scale should be one of \"htk\" or \"slaney\".");
    }

    /**
     * {@code torchaudio.functional.melscale_fbanks}: triangular mel filters, a float32 matrix
     * {@code [nFreqs, nMels]} to right-multiply a {@code [..., time, nFreqs]} spectrogram with.
     * Frequencies of the STFT bins are {@code linspace(0, sampleRate / 2 (integer division), nFreqs)}.
     * Logs a warning, as torchaudio does, when a filter is all zeros.
     *
     * @param norm null, or "slaney" to divide each triangle by its mel band width (area normalisation)
     * @param melScale "htk" or "slaney"
     */
    public static Tensor melscaleFbanks(int nFreqs, double fMin, double fMax, int nMels, int sampleRate, String norm, String melScale) {
        if (norm != null && !norm.equals("slaney")) throw new IllegalArgumentException("norm must be one of None or \"slaney\"");
        checkMelScale(melScale);
        // in float32, as torchaudio's tensors compute it: near a filter's edge its rounding is the value
        Tensor allFreqs = Torch.linspace(0, sampleRate / 2, nFreqs);
        float[] mPts = Torch.linspace(hzToMel(fMin, melScale), hzToMel(fMax, melScale), nMels + 2).toFloatArray();
        float[] fPts = new float[nMels + 2];
        for (int i = 0; i < fPts.length; i++) fPts[i] = melToHzFloat32(mPts[i], melScale);
        Tensor edges = Torch.tensor(fPts, fPts.length);
        Tensor fb = Features.triangularFilterbank(allFreqs, edges);
        if (norm != null) fb = fb.mul(edges.narrow(0, 2, nMels).sub(edges.narrow(0, 0, nMels)).reciprocal().mul(2.0).unsqueeze(0));
        if (nMels > 0 && fb.amax(new int[] {0}, false).eq(0.0).any().item() != 0) {
            LOG.log(System.Logger.Level.WARNING, "At least one mel filterbank has all zero values. The value for `n_mels` (" + nMels
                    + ") may be set too high. Or, the value for `n_freqs` (" + nFreqs + ") may be set too low.");
        }
        return fb;
    }

    /** torchaudio's {@code _mel_to_hz} on a float32 tensor: each op rounded to float32, its Python scalars too. */
    private static float melToHzFloat32(float mel, String melScale) {
        if (melScale.equals("htk")) return ((float) Math.pow(10.0, mel / 2595f) - 1f) * 700f;
        float minLogMel = (float) (1000.0 / (200.0 / 3)), logstep = (float) (Math.log(6.4) / 27.0);
        if (mel >= minLogMel) return 1000f * (float) Math.exp((mel - minLogMel) * logstep);
        return 0f + (float) (200.0 / 3) * mel;
    }

    /**
     * {@code torchaudio.functional.amplitude_to_DB}:
     * {@code multiplier * log10(max(x, amin)) - multiplier * dbMultiplier}, then, when {@code topDb} is
     * given, clamped from below at (the maximum of each item - {@code topDb}), where an item is the last
     * three dims of {@code [..., channel, freq, time]} (or the whole input when it has two dims).
     *
     * @param multiplier 10 for power, 20 for amplitude
     * @param amin the floor applied to {@code x}
     * @param dbMultiplier {@code log10(max(ref, amin))}
     * @param topDb the dynamic range kept, or null
     */
    public static Tensor amplitudeToDB(Tensor x, double multiplier, double amin, double dbMultiplier, Double topDb) {
        Tensor db = x.clampMin(amin).log10().mul(multiplier).sub(multiplier * dbMultiplier);
        if (topDb == null) return db;
        long[] shape = db.shape();
        if (shape.length < 2) throw new IllegalArgumentException("amplitude_to_DB with top_db expects (..., freq, time), got " + Arrays.toString(shape));
        long packed = shape.length > 2 ? shape[shape.length - 3] : 1;
        Tensor r = db.reshape(-1, packed, shape[shape.length - 2], shape[shape.length - 1]);
        Tensor floor = r.amax(new int[] {1, 2, 3}, true).sub(topDb);
        return r.maximum(floor).reshape(shape);
    }

    /** {@code torchaudio.functional.DB_to_amplitude}: {@code ref * (10^(0.1 x))^power}. */
    public static Tensor dbToAmplitude(Tensor x, double ref, double power) {
        return x.mul(0.1 * Math.log(10.0)).exp().pow(power).mul(ref);
    }

    /**
     * {@code torchaudio.functional.create_dct}: the DCT-II matrix {@code [nMels, nMfcc]} (float32) to
     * right-multiply mel spectra with; {@code norm} is "ortho" or null (then scaled by 2).
     */
    public static Tensor createDct(int nMfcc, int nMels, String norm) {
        if (norm != null && !norm.equals("ortho")) throw new IllegalArgumentException("norm must be either \"ortho\" or None");
        // torchaudio fails inside arange or on a zero division for these; torch4j names the argument
        if (nMels <= 0) throw new IllegalArgumentException("n_mels must be positive, got " + nMels);
        if (nMfcc < 0) throw new IllegalArgumentException("n_mfcc must be non-negative, got " + nMfcc);
        double[] d = new double[nMels * nMfcc];
        for (int n = 0; n < nMels; n++) {
            for (int k = 0; k < nMfcc; k++) {
                double v = Math.cos(Math.PI / nMels * (n + 0.5) * k);
                if (norm == null) {
                    v *= 2.0;
                } else {
                    if (k == 0) v *= 1.0 / Math.sqrt(2.0);
                    v *= Math.sqrt(2.0 / nMels);
                }
                d[n * nMfcc + k] = v;
            }
        }
        return Torch.tensor(d, nMels, nMfcc).to(DType.FLOAT32);
    }

    // ---- mu-law ------------------------------------------------------------------------------------

    /**
     * {@code torchaudio.functional.mu_law_encoding}: a signal in [-1, 1] to int64 codes in
     * [0, quantizationChannels - 1]. Non-float inputs are converted to float32 first (torchaudio warns).
     */
    public static Tensor muLawEncoding(Tensor x, int quantizationChannels) {
        if (quantizationChannels < 2) throw new IllegalArgumentException("quantization_channels must be at least 2, got " + quantizationChannels);
        Tensor f = x.isFloatingPoint() ? x : x.to(DType.FLOAT32);
        double mu = quantizationChannels - 1.0;
        double logMu = Torch.scalarTensor(mu).to(f.dtype()).log1p().item();
        Tensor y = f.sign().mul(f.abs().mul(mu).log1p()).div(logMu);
        return y.add(1).div(2).mul(mu).add(0.5).to(DType.INT64);
    }

    /** {@code torchaudio.functional.mu_law_decoding}: codes in [0, quantizationChannels - 1] back to [-1, 1] (float32 for integer codes). */
    public static Tensor muLawDecoding(Tensor xMu, int quantizationChannels) {
        if (quantizationChannels < 2) throw new IllegalArgumentException("quantization_channels must be at least 2, got " + quantizationChannels);
        Tensor f = xMu.isFloatingPoint() ? xMu : xMu.to(DType.FLOAT32);
        double mu = quantizationChannels - 1.0;
        double logMu = Torch.scalarTensor(mu).to(f.dtype()).log1p().item();
        Tensor x = f.div(mu).mul(2).sub(1.0);
        return x.sign().mul(x.abs().mul(logMu).exp().sub(1.0)).div(mu);
    }

    // ---- resampling --------------------------------------------------------------------------------

    /**
     * A resampling kernel {@code [newFreq / gcd, 1, 2 * width + origFreq / gcd]} and its half width.
     *
     * @param kernel the filter bank, one row per output phase
     * @param width the half width in input samples, the padding each side of the input needs
     * @param origFreq the original frequency divided by the two frequencies' greatest common divisor
     * @param newFreq the new frequency divided by that divisor
     */
    public record ResampleKernel(Tensor kernel, int width, int origFreq, int newFreq) {}

    /** The Kaiser window's default beta in torchaudio. */
    public static final double DEFAULT_KAISER_BETA = 14.769656459379492;

    /**
     * torchaudio's {@code _get_sinc_resample_kernel}: windowed-sinc filters, one per output phase,
     * computed in float64 and returned as {@code dtype}.
     *
     * @param method "sinc_interpolation" (Hann window; also accepted as "sinc_interp_hann", its name from
     *     torchaudio 2.1) or "kaiser_window" (also "sinc_interp_kaiser")
     * @param beta the Kaiser window's shape (null for {@link #DEFAULT_KAISER_BETA})
     */
    public static ResampleKernel resampleKernel(int origFreq, int newFreq, int lowpassFilterWidth, double rolloff, String method, Double beta,
            DType dtype) {
        return resampleKernel(origFreq, newFreq, lowpassFilterWidth, rolloff, method, beta, dtype, false);
    }

    /**
     * {@link #resampleKernel(int, int, int, double, String, Double, DType)}, computed in float32 arithmetic when
     * {@code inDtype} and {@code dtype} is float32: torchaudio's functional {@code resample} builds the kernel with
     * tensors of the waveform's dtype (for large coprime rates its float32 phases are visibly coarse), its
     * {@code Resample} transform in float64.
     */
    static ResampleKernel resampleKernel(int origFreq, int newFreq, int lowpassFilterWidth, double rolloff, String method, Double beta,
            DType dtype, boolean inDtype) {
        checkFrequencies(origFreq, newFreq);
        boolean kaiser = switch (method) {
            case "sinc_interpolation", "sinc_interp_hann" -> false;
            case "kaiser_window", "sinc_interp_kaiser" -> true;
            default -> throw new IllegalArgumentException("Invalid resampling method: " + method);
        };
        if (lowpassFilterWidth <= 0) throw new IllegalArgumentException("Low pass filter width should be positive.");
        int gcd = gcd(origFreq, newFreq);
        int orig = origFreq / gcd, neu = newFreq / gcd;
        double baseFreq = Math.min(orig, neu) * rolloff;
        int width = (int) Math.ceil(lowpassFilterWidth * orig / baseFreq);
        int taps = 2 * width + orig;
        // torchaudio holds beta in a float32 tensor and takes i0(beta) in float32: do the same
        double b = (float) (beta == null ? DEFAULT_KAISER_BETA : beta);
        double i0b = (float) besselI0(b);
        double scale = baseFreq / orig;
        double[] k = new double[neu * taps];
        if (inDtype && dtype == DType.FLOAT32) {
            float32Kernel(k, orig, neu, width, taps, lowpassFilterWidth, (float) baseFreq, scale, kaiser, (float) b, (float) i0b);
            Tensor kernel;
            try (Torch.Mode ignored = Torch.noGrad()) {
                kernel = Torch.tensor(k, neu, 1, taps).to(dtype);
            }
            return new ResampleKernel(kernel, width, orig, neu);
        }
        for (int j = 0; j < neu; j++) {
            for (int i = 0; i < taps; i++) {
                double idx = (double) (i - width) / orig;
                double t = ((double) -j / neu + idx) * baseFreq;
                t = Math.max(-lowpassFilterWidth, Math.min(lowpassFilterWidth, t));
                double window;
                if (kaiser) {
                    double r = t / lowpassFilterWidth;
                    window = besselI0(b * Math.sqrt(1 - r * r)) / i0b;
                } else {
                    double c = Math.cos(t * Math.PI / lowpassFilterWidth / 2);
                    window = c * c;
                }
                t *= Math.PI;
                double sinc = t == 0 ? 1.0 : Math.sin(t) / t;
                k[j * taps + i] = sinc * window * scale;
            }
        }
        Tensor kernel;
        try (Torch.Mode ignored = Torch.noGrad()) {
            kernel = Torch.tensor(k, neu, 1, taps).to(dtype);
        }
        return new ResampleKernel(kernel, width, orig, neu);
    }

    /** The kernel as torchaudio's float32 tensors compute it: every operation rounded to float. */
    private static void float32Kernel(double[] k, int orig, int neu, int width, int taps, int lowpassFilterWidth, float baseFreq, double scale,
            boolean kaiser, float beta, float i0beta) {
        float w = lowpassFilterWidth, pi = (float) Math.PI, scaleF = (float) scale;
        for (int j = 0; j < neu; j++) {
            float phase = (float) -j / (float) neu;
            for (int i = 0; i < taps; i++) {
                float idx = (float) (i - width) / (float) orig;
                float t = (phase + idx) * baseFreq;
                t = Math.max(-w, Math.min(w, t));
                float window;
                if (kaiser) {
                    float r = t / w;
                    window = (float) besselI0(beta * (float) Math.sqrt(1f - r * r)) / i0beta;
                } else {
                    float c = (float) Math.cos(t * pi / w / 2f);
                    window = c * c;
                }
                t *= pi;
                float sinc = t == 0f ? 1f : (float) Math.sin(t) / t;
                k[j * taps + i] = sinc * (window * scaleF);
            }
        }
    }

    /** The modified Bessel function of the first kind, order 0 (power series; as {@code torch.i0}). */
    static double besselI0(double x) {
        double sum = 1, term = 1, q = x * x / 4;
        for (int k = 1; k < 500; k++) {
            term *= q / ((double) k * k);
            sum += term;
            if (term < sum * 1e-17) break;
        }
        return sum;
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    private static void checkFrequencies(double origFreq, double newFreq) {
        if (origFreq <= 0.0 || newFreq <= 0.0) throw new IllegalArgumentException("Original frequency and desired frequecy should be positive");
    }

    /**
     * {@code torchaudio.functional.resample} with torchaudio's defaults: lowpass filter width 6, rolloff
     * 0.99, "sinc_interpolation".
     */
    public static Tensor resample(Tensor waveform, int origFreq, int newFreq) {
        return resample(waveform, origFreq, newFreq, 6, 0.99, "sinc_interpolation", null);
    }

    /**
     * {@code torchaudio.functional.resample}: band-limited interpolation of {@code [..., time]} from
     * {@code origFreq} to {@code newFreq} Hz; the output has {@code ceil(newFreq * time / origFreq)}
     * samples (after dividing both rates by their gcd). Returns the input itself when the rates are equal.
     */
    public static Tensor resample(Tensor waveform, int origFreq, int newFreq, int lowpassFilterWidth, double rolloff, String method, Double beta) {
        checkFrequencies(origFreq, newFreq);
        checkTimeDim(waveform, "waveform");
        if (origFreq == newFreq) return waveform;
        if (!waveform.isFloatingPoint()) throw new IllegalArgumentException("Expected floating point type for waveform tensor, but received " + waveform.dtype() + ".");
        return applyResampleKernel(waveform, resampleKernel(origFreq, newFreq, lowpassFilterWidth, rolloff, method, beta, waveform.dtype(), true));
    }

    /**
     * {@code resample} with rates given as doubles, as Python callers pass them: they must be whole numbers
     * (torchaudio's rule), otherwise this fails with torchaudio's advice to scale them.
     */
    public static Tensor resample(Tensor waveform, double origFreq, double newFreq) {
        checkFrequencies(origFreq, newFreq);
        if (origFreq != Math.rint(origFreq) || newFreq != Math.rint(newFreq) || origFreq > Integer.MAX_VALUE || newFreq > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("Frequencies must be of integer type to ensure quality resampling computation. To work around this,"
                    + " manually convert both frequencies to integer values that maintain their resampling rate ratio before passing them into the"
                    + " function. Example: To downsample a 44100 hz waveform by a factor of 8, use `orig_freq=8` and `new_freq=1` instead of"
                    + " `orig_freq=44100` and `new_freq=5512.5`. (got orig_freq=" + origFreq + ", new_freq=" + newFreq + ")");
        }
        return resample(waveform, (int) origFreq, (int) newFreq);
    }

    /** Applies a precomputed kernel (torchaudio's {@code _apply_sinc_resample_kernel}). */
    public static Tensor applyResampleKernel(Tensor waveform, ResampleKernel k) {
        if (!waveform.isFloatingPoint()) throw new IllegalArgumentException("Expected floating point type for waveform tensor, but received " + waveform.dtype() + ".");
        checkTimeDim(waveform, "waveform");
        long[] shape = waveform.shape();
        long length = shape[shape.length - 1];
        Tensor x = waveform.reshape(-1, length);
        long num = x.size(0);
        x = Torch.pad(x, new long[] {k.width(), k.width() + k.origFreq()}, "constant", 0.0);
        Tensor kernel = k.kernel().to(x);
        Tensor y = F.conv1d(x.unsqueeze(1), kernel, null, k.origFreq(), 0, 1, 1); // [num, new, frames]
        y = y.transpose(1, 2).reshape(num, -1);
        long target = (long) Math.ceil((double) k.newFreq() * length / k.origFreq());
        y = y.narrow(1, 0, Math.min(target, y.size(1)));
        long[] out = shape.clone();
        out[out.length - 1] = y.size(1);
        return y.reshape(out);
    }

    // ---- SpecAugment masking -------------------------------------------------------------------------

    private static int maskParam(int maskParam, double p, long axisLength) {
        if (!(p >= 0.0 && p <= 1.0)) throw new IllegalArgumentException("The value of p must be between 0.0 and 1.0 (" + p + " given).");
        return p == 1.0 ? maskParam : (int) Math.min(maskParam, (long) (axisLength * p));
    }

    /**
     * {@code torchaudio.functional.mask_along_axis}: one band {@code [v0, v0 + v)} along {@code axis}
     * (1 for frequency, 2 for time, counted in the last two dims {@code [..., freq, time]}), with
     * {@code v = floor(u * maxV)}, {@code v0 = floor(u' * (size - u * maxV))}, {@code u, u'} uniform,
     * {@code maxV = maskParam} (or {@code min(maskParam, floor(size * p))} when {@code p < 1}), set to
     * {@code maskValue}; the same band for every spectrogram in the batch.
     *
     * @param generator the random source (null for the default generator)
     */
    public static Tensor maskAlongAxis(Tensor specgram, int maskParam, double maskValue, int axis, double p, org.torch4j.Generator generator) {
        if (axis != 1 && axis != 2) throw new IllegalArgumentException("Only Frequency and Time masking are supported");
        if (specgram.dim() < 2) throw new IllegalArgumentException("mask_along_axis expects (..., freq, time), got " + specgram.dim() + " dims");
        long size = specgram.size(specgram.dim() - 3 + axis);
        int mp = maskParam(maskParam, p, size);
        if (mp < 1) return specgram;
        org.torch4j.Generator g = generator == null ? Torch.defaultGenerator() : generator;
        double value = Torch.rand(new long[] {1}, g).item() * mp;
        double minValue = Torch.rand(new long[] {1}, g).item() * (size - value);
        long start = (long) minValue, end = (long) minValue + (long) value;
        Tensor idx = Torch.arange(size).to(specgram.device());
        Tensor mask = idx.ge(start).logicalAnd(idx.lt(end));
        if (axis == 1) mask = mask.unsqueeze(-1);
        return specgram.maskedFill(mask, maskValue);
    }

    /**
     * {@code torchaudio.functional.mask_along_axis_iid}: as {@link #maskAlongAxis} but with an independent
     * band for each (batch, channel) of {@code [batch, channel, freq, time]}; {@code axis} is 2 (frequency)
     * or 3 (time).
     */
    public static Tensor maskAlongAxisIid(Tensor specgrams, int maskParam, double maskValue, int axis, double p, org.torch4j.Generator generator) {
        if (axis != 2 && axis != 3) throw new IllegalArgumentException("Only Frequency and Time masking are supported");
        if (specgrams.dim() != 4) throw new IllegalArgumentException("mask_along_axis_iid expects (batch, channel, freq, time), got " + specgrams.dim() + " dims");
        long size = specgrams.size(axis);
        int mp = maskParam(maskParam, p, size);
        if (mp < 1) return specgrams;
        org.torch4j.Generator g = generator == null ? Torch.defaultGenerator() : generator;
        long[] bc = {specgrams.size(0), specgrams.size(1)};
        Tensor value = Torch.rand(bc, g).toDouble().mul(mp);
        Tensor minValue = Torch.rand(bc, g).toDouble().mul(value.rsub(size));
        Tensor start = minValue.toLong().unsqueeze(-1).unsqueeze(-1);
        Tensor end = minValue.toLong().add(value.toLong()).unsqueeze(-1).unsqueeze(-1);
        Tensor idx = Torch.arange(size).to(specgrams.device());
        Tensor mask = idx.ge(start.to(specgrams.device())).logicalAnd(idx.lt(end.to(specgrams.device()))); // [b, c, 1, size]
        if (axis == 2) mask = mask.transpose(2, 3); // [b, c, size, 1]
        return specgrams.maskedFill(mask, maskValue);
    }

    // ---- deltas ------------------------------------------------------------------------------------

    /**
     * {@code torchaudio.functional.compute_deltas}:
     * {@code d_t = sum_{n=1..N} n (c_{t+n} - c_{t-n}) / (2 sum n^2)}, {@code N = (winLength - 1) / 2},
     * along the last dim of {@code [..., freq, time]}, the ends padded with {@code mode}
     * ("replicate" by default in torchaudio).
     */
    public static Tensor computeDeltas(Tensor specgram, int winLength, String mode) {
        if (winLength < 3) throw new IllegalArgumentException("Window length should be greater than or equal to 3. Found win_length " + winLength);
        checkTimeDim(specgram, "specgram");
        long[] shape = specgram.shape();
        long time = shape[shape.length - 1];
        int n = (winLength - 1) / 2;
        double denom = n * (n + 1) * (2 * n + 1) / 3.0;
        Tensor x = specgram.reshape(1, -1, time);
        x = Torch.pad(x, new long[] {n, n}, mode, 0.0);
        Tensor out = null;
        for (int i = 1; i <= n; i++) {
            Tensor d = x.narrow(2, n + i, time).sub(x.narrow(2, n - i, time)).mul(i);
            out = out == null ? d : out.add(d);
        }
        return out.div(denom).reshape(shape);
    }

    /** A tensor with a last (time) dimension; torchaudio fails on a 0-dim one with Python's "tuple index out of range". */
    static void checkTimeDim(Tensor t, String name) {
        if (t.dim() == 0) throw new IndexOutOfBoundsException(name + " must have a time dimension, but got a 0-dim tensor");
    }

    /** {@link #computeDeltas(Tensor, int, String)} with window 5 and "replicate" padding. */
    public static Tensor computeDeltas(Tensor specgram) {
        return computeDeltas(specgram, 5, "replicate");
    }

    // ---- RNN-T loss ---------------------------------------------------------------------------------

    /**
     * {@code torchaudio.functional.rnnt_loss} (Graves 2012, "Sequence Transduction with Recurrent Neural
     * Networks"): the negative log probability of each target sequence under the joint network's logits, summed
     * over all alignments (the forward-backward recursion in log space, with the log-softmax fused, as torchaudio
     * 0.13's kernel always does), then reduced. Differentiable with respect to the logits, with torchaudio's
     * gradient (clamped when {@code clamp > 0}); the gradient is not differentiable again.
     *
     * <p>torchaudio 0.13 takes float32 or float16 logits; float64 logits are also accepted here (computed and
     * returned in float64). Out-of-range targets raise an {@link IndexOutOfBoundsException} (torchaudio reads
     * past its buffers).
     *
     * @param logits [batch, max time, max target length + 1, classes], contiguous
     * @param targets int32 [batch, max target length], contiguous, zero-padded
     * @param logitLengths int32 [batch] valid frames of each sequence; the longest must be the logits' time
     * @param targetLengths int32 [batch] valid targets; the longest plus one must be the logits' third size
     * @param blank the blank label; negative counts from the end (torchaudio's default -1, the last class)
     * @param clamp the gradient's bound when positive (torchaudio's default -1: no clamp)
     * @param reduction "none" (one cost per sequence), "mean" (torchaudio's default) or "sum"
     * @throws IllegalArgumentException with torchaudio's message for a bad reduction, dtype, layout, rank, batch,
     *     length or blank
     */
    public static Tensor rnntLoss(Tensor logits, Tensor targets, Tensor logitLengths, Tensor targetLengths, int blank, double clamp,
                                  String reduction) {
        if (!reduction.equals("none") && !reduction.equals("mean") && !reduction.equals("sum")) {
            throw new IllegalArgumentException("reduction should be one of \"none\", \"mean\", or \"sum\"");
        }
        if (blank < 0 && logits.dim() > 0) blank = (int) (logits.size(-1) + blank);
        checkRnntLossArguments(logits, targets, logitLengths, targetLengths, blank);
        Tensor costs = new RNNTLossFunction(targets, logitLengths, targetLengths, blank, clamp).apply1(logits);
        return switch (reduction) {
            case "mean" -> costs.mean();
            case "sum" -> costs.sum();
            default -> costs;
        };
    }

    /** {@link #rnntLoss(Tensor, Tensor, Tensor, Tensor, int, double, String)} with torchaudio's defaults: the last class as blank, no clamp, the mean. */
    public static Tensor rnntLoss(Tensor logits, Tensor targets, Tensor logitLengths, Tensor targetLengths) {
        return rnntLoss(logits, targets, logitLengths, targetLengths, -1, -1.0, "mean");
    }

    /** torchaudio's checks of the kernel's arguments, in its order and words. */
    private static void checkRnntLossArguments(Tensor logits, Tensor targets, Tensor logitLengths, Tensor targetLengths, int blank) {
        String device = logits.device().type();
        require(device.equals(targets.device().type()), "logits and targets must be on the same device");
        require(device.equals(logitLengths.device().type()), "logits and logit_lengths must be on the same device");
        require(device.equals(targetLengths.device().type()), "logits and target_lengths must be on the same device");
        DType dtype = logits.dtype();
        require(dtype == DType.FLOAT32 || dtype == DType.FLOAT16 || dtype == DType.FLOAT64, "logits must be float32 or float16 (half) type");
        require(targets.dtype() == DType.INT32, "targets must be int32 type");
        require(logitLengths.dtype() == DType.INT32, "logit_lengths must be int32 type");
        require(targetLengths.dtype() == DType.INT32, "target_lengths must be int32 type");
        require(logits.isContiguous(), "logits must be contiguous");
        require(targets.isContiguous(), "targets must be contiguous");
        require(logitLengths.isContiguous(), "logit_lengths must be contiguous");
        require(targetLengths.isContiguous(), "target_lengths must be contiguous");
        require(logits.dim() == 4, "logits must be 4-D (batch, time, target, class)");
        require(targets.dim() == 2, "targets must be 2-D (batch, max target length)");
        require(logitLengths.dim() == 1, "logit_lengths must be 1-D");
        require(targetLengths.dim() == 1, "target_lengths must be 1-D");
        require(logitLengths.size(0) == logits.size(0), "batch dimension mismatch between logits and logit_lengths");
        require(targetLengths.size(0) == logits.size(0), "batch dimension mismatch between logits and target_lengths");
        require(targets.size(0) == logits.size(0), "batch dimension mismatch between logits and targets");
        require(blank >= 0 && blank < logits.size(-1), "blank must be within [0, logits.shape[-1])");
        long maxTargetLength = targetLengths.max().itemLong();
        require(logits.size(1) == logitLengths.max().itemLong(), "input length mismatch");
        require(logits.size(2) == maxTargetLength + 1, "output length mismatch");
        require(targets.size(1) == maxTargetLength, "target length mismatch");
    }

    private static void require(boolean condition, String message) {
        if (!condition) throw new IllegalArgumentException(message);
    }
}
