package org.torch4j.audio.functional;

import java.util.Arrays;
import java.util.List;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.ValuesIndices;

/**
 * Feature helpers of {@code torchaudio.functional}: {@link #spectralCentroid}, {@link #linearFbanks},
 * {@link #slidingWindowCmn} and {@link #editDistance}, computed as torchaudio computes them.
 */
public final class Features {
    private Features() {}

    /**
     * The spectral centroid of each frame: the magnitude-weighted mean of the bin frequencies
     * ({@code spectral_centroid}), [..., frames].
     */
    public static Tensor spectralCentroid(Tensor waveform, int sampleRate, int pad, Tensor window, int nFft, int hopLength, int winLength) {
        Tensor spec = AudioFunctional.spectrogram(waveform, pad, window, nFft, hopLength, winLength, 1.0, "none", true, "reflect", true);
        Tensor freqs = Torch.linspace(0, sampleRate / 2, 1 + nFft / 2).to(spec).reshape(-1, 1);
        return freqs.mul(spec).sum(new int[] {-2}, false).div(spec.sum(new int[] {-2}, false));
    }

    /**
     * Triangular filters with centres spaced evenly in Hz ({@code linear_fbanks}), [nFreqs, nFilter] float32, to
     * right-multiply a [..., time, nFreqs] spectrogram: the bins are {@code linspace(0, sampleRate / 2, nFreqs)}
     * (integer division), the filter edges {@code linspace(fMin, fMax, nFilter + 2)}.
     */
    public static Tensor linearFbanks(int nFreqs, double fMin, double fMax, int nFilter, int sampleRate) {
        Tensor allFreqs = Torch.linspace(0, sampleRate / 2, nFreqs);
        Tensor fPts = Torch.linspace(fMin, fMax, nFilter + 2);
        return triangularFilterbank(allFreqs, fPts);
    }

    /** torchaudio's {@code _create_triangular_filterbank}, in float32 tensor ops. */
    static Tensor triangularFilterbank(Tensor allFreqs, Tensor fPts) {
        long n = fPts.size(0);
        Tensor fDiff = fPts.narrow(0, 1, n - 1).sub(fPts.narrow(0, 0, n - 1));
        Tensor slopes = fPts.unsqueeze(0).sub(allFreqs.unsqueeze(1));
        Tensor down = slopes.narrow(1, 0, n - 2).mul(-1.0).div(fDiff.narrow(0, 0, n - 2));
        Tensor up = slopes.narrow(1, 2, n - 2).div(fDiff.narrow(0, 1, n - 2));
        return down.minimum(up).clampMin(0.0);
    }

    /**
     * Sliding-window cepstral mean (and with {@code normVars} variance) normalisation of [..., frames, feats]
     * ({@code sliding_window_cmn}, Kaldi's apply-cmvn-sliding): each frame minus the mean of a window of
     * {@code cmnWindow} frames (centred, or ending at the frame), at least {@code minCmnWindow} frames when not
     * centred, with the running sums updated frame by frame as torchaudio does. Differentiable in the spectrogram
     * (with {@code normVars} too, which torchaudio's in-place updates do not allow).
     */
    public static Tensor slidingWindowCmn(Tensor specgram, int cmnWindow, int minCmnWindow, boolean center, boolean normVars) {
        long[] shape = specgram.shape();
        if (shape.length < 2) {
            throw new IllegalArgumentException("sliding_window_cmn: expected a spectrogram [..., frames, feats], got shape " + Arrays.toString(shape));
        }
        if (cmnWindow <= 0) throw new IllegalArgumentException("sliding_window_cmn: cmn_window must be positive, got " + cmnWindow);
        int frames = (int) shape[shape.length - 2], feats = (int) shape[shape.length - 1];
        CmnWindows w = CmnWindows.of(frames, cmnWindow, minCmnWindow, center);
        Tensor spec = specgram.reshape(-1, frames, feats);
        Tensor out = Torch.isGradEnabled() && specgram.requiresGrad() ? w.normalise(spec, normVars) : w.normaliseInDtype(spec, normVars);
        return out.reshape(shape);
    }

    /**
     * torchaudio's sliding windows as updates of a running sum: frame {@code frame[e]} enters ({@code sign +1}) or
     * leaves (-1) the sum before frame {@code time[e]} is normalised; {@code size[t]} frames make up frame t's window.
     * (torchaudio's first window sums frames [start, end - start), as it slices them.)
     */
    private record CmnWindows(int frames, long[] time, long[] frame, double[] sign, double[] size) {

        static CmnWindows of(int frames, int cmnWindow, int minCmnWindow, boolean center) {
            List<long[]> events = new java.util.ArrayList<>();
            double[] size = new double[frames];
            int lastStart = -1, lastEnd = -1;
            for (int t = 0; t < frames; t++) {
                int start, end;
                if (center) {
                    start = t - cmnWindow / 2;
                    end = start + cmnWindow;
                } else {
                    start = t - cmnWindow;
                    end = t + 1;
                }
                if (start < 0) {
                    end -= start;
                    start = 0;
                }
                if (!center && end > t) end = Math.max(t + 1, minCmnWindow);
                if (end > frames) {
                    start -= end - frames;
                    end = frames;
                    if (start < 0) start = 0;
                }
                if (lastStart == -1) {
                    for (int k = start; k < end - start; k++) events.add(new long[] {t, k, 1});
                } else {
                    if (start > lastStart) events.add(new long[] {t, lastStart, -1});
                    if (end > lastEnd) events.add(new long[] {t, lastEnd, 1});
                }
                size[t] = end - start;
                lastStart = start;
                lastEnd = end;
            }
            int n = events.size();
            long[] time = new long[n], frame = new long[n];
            double[] sign = new double[n];
            for (int e = 0; e < n; e++) {
                time[e] = events.get(e)[0];
                frame[e] = events.get(e)[1];
                sign[e] = events.get(e)[2];
            }
            return new CmnWindows(frames, time, frame, sign, size);
        }

        /** With tensor ops (differentiable): the running sums as a cumulative sum of the updates. */
        Tensor normalise(Tensor spec, boolean normVars) {
            Tensor frameSize = Torch.tensor(size, frames, 1).to(spec);
            Tensor mean = runningSum(spec).div(frameSize), out = spec.sub(mean);
            if (!normVars) return out;
            Tensor single = frameSize.eq(1.0), zero = Torch.zeros(new long[0], spec.dtype(), spec.device());
            // a one-frame window's variance is replaced before the power, so its zero gradient is not 0 * inf
            Tensor variance = Torch.where(single, zero.add(1.0), runningSum(spec.square()).div(frameSize).sub(mean.square()));
            return Torch.where(single, zero, out.mul(variance.pow(-0.5)));
        }

        private Tensor runningSum(Tensor x) {
            Tensor signs = Torch.tensor(sign, 1, sign.length, 1).to(x);
            Tensor updates = x.indexSelect(1, Torch.tensor(frame, frame.length).to(x.device())).mul(signs);
            return Torch.zerosLike(x).indexAdd(1, Torch.tensor(time, time.length).to(x.device()), updates).cumsum(1);
        }

        /** On the host, every step rounded to the spectrogram's dtype as torchaudio's loop rounds it. */
        Tensor normaliseInDtype(Tensor spec, boolean normVars) {
            int channels = (int) spec.size(0), feats = (int) spec.size(2);
            boolean f64 = spec.dtype() == DType.FLOAT64;
            double[] x = spec.to(DType.FLOAT64).contiguous().toDoubleArray(), out = new double[x.length];
            double[] sum = new double[channels * feats], sumsq = new double[channels * feats];
            int e = 0;
            for (int t = 0; t < frames; t++) {
                for (; e < time.length && time[e] == t; e++) {
                    for (int c = 0; c < channels; c++) {
                        for (int f = 0; f < feats; f++) {
                            int s = c * feats + f;
                            double v = x[(c * frames + (int) frame[e]) * feats + f];
                            sum[s] = InDtype.r(sum[s] + sign[e] * v, f64);
                            // (torchaudio's first window adds v * v unrounded, through a cumsum; later updates square first)
                            if (normVars) sumsq[s] = InDtype.r(sumsq[s] + sign[e] * (t == 0 ? v * v : InDtype.r(v * v, f64)), f64);
                        }
                    }
                }
                double windowFrames = size[t];
                for (int c = 0; c < channels; c++) {
                    for (int f = 0; f < feats; f++) {
                        int s = c * feats + f, o = (c * frames + t) * feats + f;
                        double v = InDtype.r(x[o] - InDtype.r(sum[s] / windowFrames, f64), f64);
                        if (normVars) {
                            if (windowFrames == 1) {
                                v = 0;
                            } else {
                                double var = InDtype.r(InDtype.r(sumsq[s] / windowFrames, f64)
                                        - InDtype.r(InDtype.r(sum[s] * sum[s], f64) / (windowFrames * windowFrames), f64), f64);
                                v = InDtype.r(v * InDtype.r(Math.pow(var, -0.5), f64), f64);
                            }
                        }
                        out[o] = v;
                    }
                }
            }
            return Torch.tensor(out, spec.shape()).to(spec);
        }
    }

    /** The Levenshtein distance between two sequences (insertions, deletions, substitutions) ({@code edit_distance}). */
    public static int editDistance(List<?> seq1, List<?> seq2) {
        int[] old = new int[seq2.size() + 1], cur = new int[seq2.size() + 1];
        for (int j = 0; j <= seq2.size(); j++) old[j] = j;
        for (int i = 1; i <= seq1.size(); i++) {
            cur[0] = i;
            for (int j = 1; j <= seq2.size(); j++) {
                cur[j] = java.util.Objects.equals(seq1.get(i - 1), seq2.get(j - 1)) ? old[j - 1]
                        : Math.min(old[j - 1] + 1, Math.min(cur[j - 1] + 1, old[j] + 1));
            }
            int[] t = old;
            old = cur;
            cur = t;
        }
        return old[seq2.size()];
    }

    /**
     * Raises the pitch by {@code nSteps} steps of {@code binsPerOctave} per octave, keeping the duration
     * ({@code pitch_shift}): a phase-vocoder time stretch by {@code 2^(nSteps / binsPerOctave)}, then resampling back,
     * cut or zero-padded to the input's length.
     *
     * @param winLength null for {@code nFft}; @param hopLength null for {@code nFft / 4}; @param window null for a
     *     periodic Hann window of {@code winLength}, in float32 whatever the waveform's dtype (torchaudio's default
     *     {@code torch.hann_window(win_length)}: a float64 waveform is shifted with its float32 values, and the
     *     inverse STFT sums its squares in float32)
     */
    public static Tensor pitchShift(Tensor waveform, int sampleRate, int nSteps, int binsPerOctave, int nFft, Integer winLength, Integer hopLength,
            Tensor window) {
        int hop = hopLength == null ? nFft / 4 : hopLength, win = winLength == null ? nFft : winLength;
        Tensor w = window == null ? AudioFunctional.hannWindow(win, true, DType.FLOAT32).to(waveform.device()) : window;
        AudioFunctional.checkTimeDim(waveform, "waveform");
        long[] shape = waveform.shape();
        long length = shape[shape.length - 1];
        Tensor flat = waveform.reshape(-1, length);
        double rate = Math.pow(2.0, -(double) nSteps / binsPerOctave);
        Tensor spec = AudioFunctional.stft(flat, nFft, hop, win, w, true, "reflect", false, true);
        Tensor phaseAdvance = Torch.linspace(0, Math.PI * hop, spec.size(-2)).to(spec.device()).to(spec.dtype().isComplex() ? realOf(spec.dtype()) : spec.dtype())
                .unsqueeze(-1);
        Tensor stretched = AudioFunctional.phaseVocoder(spec, rate, phaseAdvance);
        int lenStretch = (int) Math.rint(length / rate); // Python's round: half to even
        Tensor wave = AudioFunctional.istft(stretched, nFft, hop, win, w, true, false, null, lenStretch);
        Tensor shifted = AudioFunctional.resample(wave, (int) (sampleRate / rate), sampleRate);
        long shiftLen = shifted.size(-1);
        shifted = shiftLen > length ? shifted.narrow(-1, 0, length) : Torch.pad(shifted, new long[] {0, length - shiftLen}, "constant", 0);
        long[] out = shape.clone();
        out[out.length - 1] = shifted.size(-1);
        return shifted.reshape(out);
    }

    private static DType realOf(DType complex) {
        return complex == DType.COMPLEX128 ? DType.FLOAT64 : DType.FLOAT32;
    }

    /**
     * Integrated loudness in LUFS after ITU-R BS.1770-4 ({@code loudness}): K-weighting (a +4 dB shelf at 1500 Hz and
     * a 38 Hz high-pass), mean square energy in 400 ms blocks with 75% overlap weighted per channel (1, 1, 1, 1.41,
     * 1.41), blocks gated at -70 LUFS and then 10 LU below the ungated loudness. Input [..., channels, time], at most 5
     * channels; the result has the leading dimensions.
     */
    public static Tensor loudness(Tensor waveform, int sampleRate) {
        if (waveform.size(-2) > 5) throw new IllegalArgumentException("Only up to 5 channels are supported.");
        int gateSamples = (int) Math.rint(0.4 * sampleRate);
        int step = (int) Math.rint(gateSamples * (1 - 0.75));
        Tensor x = Filtering.trebleBiquad(waveform, sampleRate, 4.0, 1500.0, 1 / Math.sqrt(2));
        x = Filtering.highpassBiquad(x, sampleRate, 38.0, 0.5);
        Tensor energy = x.square().unfold(-1, gateSamples, step).mean(new int[] {-1}, false);
        Tensor g = Torch.tensor(new double[] {1.0, 1.0, 1.0, 1.41, 1.41}, 5).to(x).narrow(0, 0, energy.size(-2));
        Tensor weighted = g.unsqueeze(-1).mul(energy).sum(new int[] {-2}, false);
        Tensor blockLoudness = weighted.log10().mul(10).add(-0.691);
        Tensor gated = blockLoudness.gt(-70.0).unsqueeze(-2);
        Tensor filtered = gated.mul(energy).sum(new int[] {-1}, false).div(gated.to(x.dtype()).sum(new int[] {-1}, false));
        Tensor gammaRel = g.mul(filtered).sum(new int[] {-1}, false).log10().mul(10).add(-0.691).sub(10);
        gated = gated.squeeze(-2).logicalAnd(blockLoudness.gt(gammaRel.unsqueeze(-1))).unsqueeze(-2);
        filtered = gated.mul(energy).sum(new int[] {-1}, false).div(gated.to(x.dtype()).sum(new int[] {-1}, false));
        return g.mul(filtered).sum(new int[] {-1}, false).log10().mul(10).add(-0.691);
    }

    /**
     * The pitch of each 10 ms frame (by default) in Hz ({@code detect_pitch_frequency}): normalised cross-correlation
     * over lags up to {@code sampleRate / freqLow}, the best lag from {@code sampleRate / freqHigh} on (one in the first
     * half preferred when within 1% of the best), median-smoothed over {@code winLength} frames.
     */
    public static Tensor detectPitchFrequency(Tensor waveform, int sampleRate, double frameTime, int winLength, int freqLow, int freqHigh) {
        AudioFunctional.checkTimeDim(waveform, "waveform");
        long[] shape = waveform.shape();
        Tensor x = waveform.reshape(-1, shape[shape.length - 1]);
        Tensor nccf = nccf(x, sampleRate, frameTime, freqLow);
        int lagMin = (int) Math.ceil((double) sampleRate / freqHigh);
        long lags = nccf.size(-1);
        ValuesIndices best = nccf.narrow(-1, lagMin, lags - lagMin).max(-1);
        long half = lags / 2;
        ValuesIndices firstHalf = nccf.narrow(-1, lagMin, Math.max(0, half - lagMin)).max(-1);
        Tensor mask = firstHalf.values().gt(best.values().mul(0.99));
        Tensor indices = Torch.where(mask, firstHalf.indices(), best.indices()).add(lagMin + 1);
        indices = medianSmoothing(indices, winLength);
        Tensor freq = indices.to(DType.FLOAT32).add(1e-9).reciprocal().mul(sampleRate);
        long[] out = shape.clone();
        out[out.length - 1] = freq.size(-1);
        return freq.reshape(out);
    }

    /** torchaudio's {@code _compute_nccf}: [..., frames, lags]. */
    private static Tensor nccf(Tensor x, int sampleRate, double frameTime, int freqLow) {
        double eps = 1e-9;
        int lags = (int) Math.ceil((double) sampleRate / freqLow);
        int frameSize = (int) Math.ceil(sampleRate * frameTime);
        long length = x.size(-1);
        int frames = (int) Math.ceil((double) length / frameSize);
        long p = lags + (long) frames * frameSize - length;
        Tensor padded = Torch.pad(x, new long[] {0, p}, "constant", 0);
        long total = padded.size(-1);
        java.util.List<Tensor> out = new java.util.ArrayList<>();
        for (int lag = 1; lag <= lags; lag++) {
            Tensor s1 = padded.narrow(-1, 0, total - lag).unfold(-1, frameSize, frameSize).narrow(-2, 0, frames);
            Tensor s2 = padded.narrow(-1, lag, total - lag).unfold(-1, frameSize, frameSize).narrow(-2, 0, frames);
            Tensor n1 = s1.norm(2, new int[] {-1}, false).add(eps).pow(2), n2 = s2.norm(2, new int[] {-1}, false).add(eps).pow(2);
            out.add(s1.mul(s2).sum(new int[] {-1}, false).div(n1).div(n2).unsqueeze(-1));
        }
        return Torch.cat(out, -1);
    }

    /** torchaudio's {@code _median_smoothing}: the first value repeated in front, then a running (lower) median. */
    private static Tensor medianSmoothing(Tensor indices, int winLength) {
        int pad = (winLength - 1) / 2;
        Tensor first = indices.narrow(-1, 0, 1);
        Tensor padded = Torch.cat(java.util.List.of(first.expand(indices.size(0), pad), indices), -1);
        return padded.unfold(-1, winLength, 1).median(-1).values();
    }
}
