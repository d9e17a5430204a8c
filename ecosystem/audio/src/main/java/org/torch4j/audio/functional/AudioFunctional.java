package org.torch4j.audio.functional;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.F;

/**
 * Audio functions as {@code torchaudio.functional} 0.13 computes them. Inputs are batched as torchaudio
 * does: a waveform is {@code [..., time]}, a spectrogram {@code [..., freq, time]}.
 *
 * <p>torch4j has neither an FFT nor a complex dtype, so the short-time Fourier transform is computed as
 * frames (an {@code unfold} view of the padded signal) times the window times a real DFT basis (cosine
 * and sine matrices, cached per {@code n_fft}) through {@code matmul}: it runs on the ordinary
 * kernels and is differentiable with the ordinary autograd. The cost is O(n_fft) per output bin instead
 * of O(log n_fft), which is fine for the usual speech sizes (n_fft up to a few thousand). {@link #istft}
 * is the same in reverse: an inverse DFT basis through {@code matmul}, then {@code F.fold} to overlap-add.
 */
public final class AudioFunctional {
    private AudioFunctional() {}

    private static final System.Logger LOG = System.getLogger(AudioFunctional.class.getName());

    // ---- windows and the DFT basis ------------------------------------------------------------------

    /**
     * {@code torch.hann_window(length, periodic)}: {@code 0.5 - 0.5 cos(2 pi n / N)} with
     * {@code N = length} when periodic (the default in torchaudio's transforms) and {@code length - 1}
     * otherwise.
     */
    public static Tensor hannWindow(int length, boolean periodic, DType dtype) {
        if (length < 0) throw new IllegalArgumentException("hann_window requires non-negative window_length, got window_length=" + length);
        double[] w = new double[length];
        if (length == 1) {
            w[0] = 1;
        } else {
            int n = periodic ? length : length - 1;
            for (int i = 0; i < length; i++) w[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / n);
        }
        return Torch.tensor(w, length).to(dtype);
    }

    /** The periodic float32 Hann window, as {@code torch.hann_window(length)}. */
    public static Tensor hannWindow(int length) {
        return hannWindow(length, true, DType.FLOAT32);
    }

    private record BasisKey(int nFft, boolean onesided) {}

    /**
     * The DFT basis [2 * bins, n_fft] as float64 values, cached per n_fft: rows {@code f < bins} are
     * {@code cos(2 pi f n / N)}, rows {@code bins + f} are {@code -sin(2 pi f n / N)}, so one matmul gives
     * the real parts above the imaginary ones. Arrays rather than tensors, so no {@link org.torch4j.Scope}
     * can close a cached value under another caller.
     */
    private static final Map<BasisKey, double[]> BASES = new ConcurrentHashMap<>();

    private static Tensor basis(int nFft, boolean onesided, DType dtype) {
        int bins = onesided ? nFft / 2 + 1 : nFft;
        double[] b = BASES.computeIfAbsent(new BasisKey(nFft, onesided), k -> {
            double[] v = new double[2 * bins * nFft];
            for (int f = 0; f < bins; f++) {
                for (int n = 0; n < nFft; n++) {
                    // reduce f*n modulo n_fft first, so the angle is exact for large indices
                    long m = ((long) f * n) % nFft;
                    double angle = 2 * Math.PI * m / nFft;
                    v[f * nFft + n] = Math.cos(angle);
                    v[(bins + f) * nFft + n] = -Math.sin(angle);
                }
            }
            return v;
        });
        return Torch.tensor(b, 2L * bins, nFft).to(dtype);
    }

    // ---- STFT / spectrogram -------------------------------------------------------------------------

    /**
     * The real and imaginary parts of a short-time Fourier transform, each {@code [..., freq, frames]}
     * (torch4j's stand-in for torchaudio's complex spectrogram, {@code power=None}).
     *
     * @param real the real part
     * @param imag the imaginary part
     */
    public record Stft(Tensor real, Tensor imag) {
        /** {@code |X|^power}: {@code (real^2 + imag^2)^(power/2)}. */
        public Tensor magnitude(double power) {
            Tensor sq = real.square().add(imag.square());
            if (power == 2.0) return sq;
            if (power == 1.0) return sq.sqrt();
            return sq.pow(power / 2);
        }

        /**
         * {@code |X|}, as {@code torch.abs} of a complex tensor, with torch's gradient at zero: 0 (the
         * plain {@code sqrt(re^2 + im^2)} would give 0/0 there, e.g. for phase_vocoder's zero padding).
         */
        public Tensor abs() {
            Tensor sq = real.square().add(imag.square());
            Tensor zero = sq.eq(0.0).to(sq.dtype());
            // where |X| = 0: sqrt(0 + 1) * 0, whose derivative is 0; elsewhere unchanged (+ 0, * 1)
            return sq.add(zero).sqrt().mul(zero.rsub(1.0));
        }

        /** {@code angle(X) = atan2(imag, real)}, as {@code torch.angle}: 0 at zero, with a zero gradient there. */
        public Tensor angle() {
            Tensor zero = real.eq(0.0).logicalAnd(imag.eq(0.0)).to(real.dtype());
            return imag.atan2(real.add(zero));
        }

        /** {@code torch.polar(abs, angle)}: {@code abs * (cos(angle) + i sin(angle))}. */
        public static Stft polar(Tensor abs, Tensor angle) {
            return new Stft(abs.mul(angle.cos()), abs.mul(angle.sin()));
        }

        /** Both parts times a real tensor (broadcasting), as a complex tensor times a real one. */
        public Stft mul(Tensor factor) {
            return new Stft(real.mul(factor), imag.mul(factor));
        }

        /** Both parts reshaped to {@code shape}. */
        public Stft reshape(long... shape) {
            return new Stft(real.reshape(shape), imag.reshape(shape));
        }
    }

    /**
     * The STFT of {@code waveform [..., time]} as {@code torch.stft(..., return_complex=True)} would
     * give it, split into real and imaginary parts, each {@code [..., freq, frames]}, where
     * {@code freq = n_fft / 2 + 1} when onesided (else {@code n_fft}) and
     * {@code frames = 1 + (padded_length - n_fft) / hop_length}.
     *
     * @param waveform float32 or float64 audio {@code [..., time]}
     * @param nFft the FFT size
     * @param hopLength the hop between frames (positive)
     * @param winLength the window length, at most {@code nFft}; the window is centred in {@code nFft}
     * @param window the window of {@code winLength} values, or null for a rectangular window
     * @param center pad {@code nFft / 2} samples on both sides so frame t is centred at {@code t * hopLength}
     * @param padMode "reflect", "constant", "replicate" or "circular" (when centred)
     * @param normalizedByFrameLength multiply by {@code nFft^-0.5} (torch.stft's {@code normalized})
     * @param onesided only the non-negative frequencies
     */
    public static Stft stft(Tensor waveform, int nFft, int hopLength, int winLength, Tensor window, boolean center, String padMode,
            boolean normalizedByFrameLength, boolean onesided) {
        if (!waveform.isFloatingPoint()) {
            throw new IllegalArgumentException("stft: expected a tensor of floating point dtype, but got " + waveform.dtype());
        }
        if (waveform.dim() < 1) throw new IllegalArgumentException("stft: expected a tensor with at least 1 dimension (..., time), got a scalar");
        if (hopLength <= 0) throw new IllegalArgumentException("stft: expected hop_length > 0, but got hop_length=" + hopLength);
        if (winLength <= 0 || winLength > nFft) {
            throw new IllegalArgumentException("stft: expected 0 < win_length <= n_fft, but got win_length=" + winLength);
        }
        if (window != null && (window.dim() != 1 || window.size(0) != winLength)) {
            throw new IllegalArgumentException("stft: expected a 1D window tensor of size equal to win_length=" + winLength
                    + ", but got window with size " + Arrays.toString(window.shape()));
        }
        long[] shape = waveform.shape();
        long time = shape[shape.length - 1];
        Tensor x = waveform.reshape(-1, time);
        if (center) {
            int p = nFft / 2;
            if (padMode.equals("reflect") && p >= time) {
                throw new IllegalArgumentException("Argument #4: Padding size should be less than the corresponding input dimension, but got: padding ("
                        + p + ", " + p + ") at dimension 2 of input " + Arrays.toString(new long[] {x.size(0), 1, time}));
            }
            x = padMode.equals("reflect") ? reflectPad(x, p) : Torch.pad(x, new long[] {p, p}, padMode, 0.0);
        }
        long len = x.size(1);
        if (nFft <= 0 || nFft > len) {
            // torch's wording (n_fft == length is allowed although it prints "<")
            throw new IllegalArgumentException("stft: expected 0 < n_fft < " + len + ", but got n_fft=" + nFft
                    + (center ? "" : " (the input has " + len + " samples and center=false)"));
        }
        Tensor frames = x.unfold(1, nFft, hopLength); // [B, frames, n_fft], a view
        Tensor w = window != null ? window.to(x.dtype()) : winLength < nFft ? Torch.ones(new long[] {winLength}, x.dtype()) : null;
        if (w != null && winLength < nFft) {
            long left = (nFft - winLength) / 2;
            w = Torch.pad(w, new long[] {left, nFft - winLength - left}, "constant", 0.0);
        }
        // the window multiplies the basis' columns (2 * bins * n_fft products) rather than every frame
        Tensor basis = basis(nFft, onesided, x.dtype());
        if (w != null) basis = basis.mul(w);
        // [2 * bins, n_fft] x [B, n_fft, frames]: real parts above imaginary ones, already [..., freq, frames]
        Tensor both = basis.matmul(frames.transpose(1, 2));
        int bins = (int) (both.size(1) / 2);
        Tensor re = both.narrow(1, 0, bins), im = both.narrow(1, bins, bins);
        if (normalizedByFrameLength) {
            double s = 1 / Math.sqrt(nFft);
            re = re.mul(s);
            im = im.mul(s);
        }
        long[] out = Arrays.copyOf(shape, shape.length + 1);
        out[shape.length - 1] = re.size(1);
        out[shape.length] = re.size(2);
        return new Stft(re.reshape(out), im.reshape(out));
    }

    /**
     * Reflect padding of the last dim of {@code x [B, time]} by {@code p < time}: the mirrored edges
     * (without the edge samples) around the signal. The same values as {@code Torch.pad(x, {p, p},
     * "reflect")}, whose index gather over the whole signal costs about ten times a copy for long audio.
     */
    private static Tensor reflectPad(Tensor x, int p) {
        if (p == 0) return x;
        long n = x.size(1);
        return Torch.cat(List.of(x.narrow(1, 1, p).flip(1), x, x.narrow(1, n - 1 - p, p).flip(1)), 1);
    }

    /**
     * {@code torchaudio.functional.spectrogram}: the magnitude spectrogram {@code |STFT|^power},
     * {@code [..., freq, frames]}.
     *
     * @param waveform float audio {@code [..., time]}
     * @param pad two-sided zero padding applied first
     * @param window the window ({@code winLength} values), e.g. {@link #hannWindow(int)}; null for rectangular
     * @param nFft the FFT size
     * @param hopLength hop between frames
     * @param winLength window length (at most {@code nFft})
     * @param power the exponent of the magnitude (positive: 1 for magnitude, 2 for power). torchaudio's
     *     {@code power=None} (a complex spectrogram) is not supported, since torch4j has no complex
     *     dtype: pass null to get an {@link UnsupportedOperationException} saying so, and use
     *     {@link #stft} for the real and imaginary parts instead
     * @param normalized null or "none" for none, "window" (divide by the window's L2 norm, torchaudio's
     *     {@code True}) or "frame_length" (divide by {@code sqrt(n_fft)})
     * @param center centre frames on {@code t * hopLength} by padding {@code nFft / 2} on both sides
     * @param padMode the padding when centred: "reflect" (torchaudio's default) or "constant" (also
     *     "replicate" and "circular")
     * @param onesided keep only the {@code nFft / 2 + 1} non-negative frequencies
     */
    public static Tensor spectrogram(Tensor waveform, int pad, Tensor window, int nFft, int hopLength, int winLength, Double power,
            String normalized, boolean center, String padMode, boolean onesided) {
        if (power == null) {
            throw new UnsupportedOperationException("spectrogram with power=None (a complex spectrogram) is not supported: torch4j has no complex"
                    + " dtype. Use power=1 or 2, or AudioFunctional.stft for the real and imaginary parts.");
        }
        if (!(power > 0)) throw new IllegalArgumentException("power must be positive (or None for a complex spectrogram), got " + power);
        boolean frameNorm = false, windowNorm = false;
        if (normalized != null && !normalized.equals("none")) {
            switch (normalized) {
                case "window" -> windowNorm = true;
                case "frame_length" -> frameNorm = true;
                default -> throw new IllegalArgumentException("Invalid normalized parameter: " + normalized);
            }
        }
        if (!padMode.equals("reflect") && !padMode.equals("constant") && !padMode.equals("replicate") && !padMode.equals("circular")) {
            throw new IllegalArgumentException("Unrecognised padding mode " + padMode);
        }
        Tensor x = waveform;
        if (pad > 0) x = Torch.pad(x, new long[] {pad, pad}, "constant", 0.0);
        Stft s = stft(x, nFft, hopLength, winLength, window, center, padMode, frameNorm, onesided);
        Tensor re = s.real(), im = s.imag();
        if (windowNorm) {
            Tensor w = window == null ? Torch.ones(new long[] {winLength}, re.dtype()) : window.to(re.dtype());
            Tensor norm = w.square().sum().sqrt();
            re = re.div(norm);
            im = im.div(norm);
        }
        return new Stft(re, im).magnitude(power);
    }

    /**
     * The power spectrogram with torchaudio's defaults: periodic Hann window of {@code nFft},
     * {@code hop = nFft / 2}, power 2, not normalized, centred with reflect padding, one-sided.
     */
    public static Tensor spectrogram(Tensor waveform, int nFft) {
        return spectrogram(waveform, 0, hannWindow(nFft, true, waveform.dtype()), nFft, nFft / 2, nFft, 2.0, null, true, "reflect", true);
    }

    // ---- back from spectrograms: istft, inverse spectrogram, Griffin-Lim, phase vocoder ---------------

    /**
     * {@code torch.istft} (PyTorch 1.13, {@code return_complex=False}): the least-squares inverse of
     * {@link #stft}. Each frame's inverse real DFT (the imaginary parts of DC and, for even
     * {@code nFft}, Nyquist are ignored, as an inverse real FFT does) is multiplied by the window,
     * the frames are overlap-added {@code hopLength} apart, and the sum is divided by the overlap-added
     * squared window; torch's NOLA check fails with its message where that envelope is below 1e-11.
     * The inverse DFT is a cached basis through {@code matmul} and the overlap-add is {@code F.fold}:
     * differentiable to any order.
     *
     * @param stft {@code [freq, frames]} or {@code [batch, freq, frames]} (torch's limit: one batch dim)
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
    public static Tensor istft(Stft stft, int nFft, int hopLength, int winLength, Tensor window, boolean center, boolean normalized,
            Boolean onesided, Integer length) {
        return Istft.istft(stft, nFft, hopLength, winLength, window, center, normalized, onesided, length);
    }

    /** {@code torch.istft} with its defaults: hop {@code nFft / 4}, window length {@code nFft}, centred, not normalized, onesided inferred. */
    public static Tensor istft(Stft stft, int nFft, Tensor window) {
        return istft(stft, nFft, nFft / 4, window == null ? nFft : (int) window.size(0), window, true, false, null, null);
    }

    /**
     * {@code torchaudio.functional.inverse_spectrogram}: the waveform {@code [..., time]} of a complex
     * spectrogram {@code [..., freq, frames]} given as real and imaginary parts.
     *
     * @param spectrogram the spectrogram
     * @param length the output length, or null; when given, {@code pad} samples are also cut from both ends
     * @param pad the two-sided padding the forward applied (only used with a {@code length}, as torchaudio does)
     * @param window the window ({@code winLength} values)
     * @param normalized null or "none", "window" (the forward divided by the window's L2 norm) or "frame_length"
     * @param center whether frames were centred
     * @param padMode unused (torchaudio takes it for symmetry with {@link #spectrogram})
     * @param onesided whether the spectrogram holds only the non-negative frequencies
     */
    public static Tensor inverseSpectrogram(Stft spectrogram, Integer length, int pad, Tensor window, int nFft, int hopLength, int winLength,
            String normalized, boolean center, String padMode, boolean onesided) {
        boolean frameNorm = false;
        Stft s = spectrogram;
        if (normalized != null && !normalized.equals("none")) {
            switch (normalized) {
                case "window" -> {
                    Tensor w = window == null ? Torch.ones(new long[] {winLength}, s.real().dtype()) : window.to(s.real().dtype());
                    s = s.mul(w.square().sum().sqrt());
                }
                case "frame_length" -> frameNorm = true;
                default -> throw new IllegalArgumentException("Invalid normalized parameter: " + normalized);
            }
        }
        long[] shape = s.real().shape();
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
        Stft angles;
        if (randInit) {
            long[] pairs = {spec.size(0), freq, frames, 2};
            Tensor u = Torch.zeros(pairs, spec.dtype()).uniform_(0, 1, generator == null ? Torch.defaultGenerator() : generator);
            angles = new Stft(u.select(3, 0), u.select(3, 1));
        } else {
            angles = new Stft(Torch.ones(spec.shape(), spec.dtype()), Torch.zeros(spec.shape(), spec.dtype()));
        }
        // without a graph to record, each iteration's intermediates are closed as it ends (an enclosing
        // Scope would otherwise hold all 32 iterations' buffers until it closes)
        boolean graph = Torch.isGradEnabled() && (specgram.requiresGrad() || (window != null && window.requiresGrad()));
        Tensor prevRe = null, prevIm = null; // momentum times the previous rebuilt spectrum (torchaudio's tprev.mul_(momentum))
        for (int it = 0; it < nIter; it++) {
            Stft old = angles;
            Tensor oldRe = prevRe, oldIm = prevIm;
            try (org.torch4j.Scope scope = graph ? null : Torch.scope()) {
                Tensor inverse = istft(angles.mul(spec), nFft, hopLength, winLength, window, true, false, null, length);
                Stft rebuilt = stft(inverse, nFft, hopLength, winLength, window, true, "reflect", false, true);
                Stft a = prevRe == null ? rebuilt : new Stft(rebuilt.real().sub(prevRe), rebuilt.imag().sub(prevIm));
                Tensor norm = a.abs().add(1e-16);
                angles = new Stft(a.real().div(norm), a.imag().div(norm));
                if (m != 0) {
                    prevRe = rebuilt.real().mul(m);
                    prevIm = rebuilt.imag().mul(m);
                }
                if (scope != null) {
                    for (Tensor t : new Tensor[] {angles.real(), angles.imag(), prevRe, prevIm}) {
                        if (t != null) scope.keep(t);
                    }
                }
            }
            if (!graph && it > 0) { // the previous iteration's results (not the caller's tensors)
                for (Tensor t : new Tensor[] {old.real(), old.imag(), oldRe, oldIm}) {
                    if (t != null && t != prevRe && t != prevIm) t.close();
                }
            }
        }
        Tensor waveform = istft(angles.mul(spec), nFft, hopLength, winLength, window, true, false, null, length);
        long[] out = Arrays.copyOf(shape, shape.length - 1);
        out[out.length - 1] = waveform.size(1);
        return waveform.reshape(out);
    }

    /**
     * {@code torchaudio.functional.phase_vocoder}: stretches a complex spectrogram {@code [..., freq, frames]}
     * in time by {@code 1 / rate} without changing the pitch, to {@code ceil(frames / rate)} frames.
     * Frame {@code t} of the output interpolates the magnitudes of input frames {@code floor(t rate)} and the
     * next (zero past the end) and accumulates their phase differences. Returns the input itself when
     * {@code rate == 1}.
     *
     * @param complexSpecgrams the spectrogram as real and imaginary parts
     * @param rate the speed-up factor
     * @param phaseAdvance the expected phase advance of each bin per hop, {@code [freq, 1]}
     *     (torchaudio: {@code linspace(0, pi * hop_length, freq)[..., None]})
     */
    public static Stft phaseVocoder(Stft complexSpecgrams, double rate, Tensor phaseAdvance) {
        if (rate == 1.0) return complexSpecgrams;
        // torchaudio's torch.arange(0, frames, rate) refuses these so
        if (rate == 0) throw new IllegalArgumentException("step must be nonzero");
        if (!(rate > 0)) throw new IllegalArgumentException("upper bound and larger bound inconsistent with step sign");
        long[] shape = complexSpecgrams.real().shape();
        if (shape.length < 2) {
            throw new IllegalArgumentException("phase_vocoder: expected a spectrogram [..., freq, time], got shape " + Arrays.toString(shape));
        }
        long freq = shape[shape.length - 2], frames = shape[shape.length - 1];
        Stft s = complexSpecgrams.reshape(-1, freq, frames);
        DType dtype = s.real().dtype();
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
        Tensor alphas = timeSteps.remainder(1.0);
        Tensor phase0 = s.angle().narrow(2, 0, 1);
        long[] padTime = {0, 2};
        Stft padded = new Stft(Torch.pad(s.real(), padTime, "constant", 0.0), Torch.pad(s.imag(), padTime, "constant", 0.0));
        Tensor idx0 = Torch.tensor(i0, steps), idx1 = Torch.tensor(i1, steps);
        Stft s0 = new Stft(padded.real().indexSelect(2, idx0), padded.imag().indexSelect(2, idx0));
        Stft s1 = new Stft(padded.real().indexSelect(2, idx1), padded.imag().indexSelect(2, idx1));
        Tensor advance = phaseAdvance.to(dtype);
        Tensor phase = s1.angle().sub(s0.angle()).sub(advance);
        phase = phase.sub(phase.div(2 * Math.PI).round().mul(2 * Math.PI));
        phase = phase.add(advance);
        phase = Torch.cat(List.of(phase0, phase.narrow(2, 0, steps - 1)), 2);
        Tensor phaseAcc = phase.cumsum(2);
        Tensor mag = alphas.mul(s1.abs()).add(alphas.rsub(1.0).mul(s0.abs()));
        long[] out = shape.clone();
        out[out.length - 1] = steps;
        return Stft.polar(mag, phaseAcc).reshape(out);
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
        double[] allFreqs = linspace(0, sampleRate / 2, nFreqs);
        double mMin = hzToMel(fMin, melScale), mMax = hzToMel(fMax, melScale);
        double[] mPts = linspace(mMin, mMax, nMels + 2);
        double[] fPts = new double[nMels + 2];
        for (int i = 0; i < fPts.length; i++) fPts[i] = melToHz(mPts[i], melScale);
        double[] fb = new double[nFreqs * nMels];
        boolean[] nonZero = new boolean[nMels];
        for (int f = 0; f < nFreqs; f++) {
            for (int m = 0; m < nMels; m++) {
                double down = -(fPts[m] - allFreqs[f]) / (fPts[m + 1] - fPts[m]);
                double up = (fPts[m + 2] - allFreqs[f]) / (fPts[m + 2] - fPts[m + 1]);
                double v = Math.max(0.0, Math.min(down, up));
                if (norm != null) v *= 2.0 / (fPts[m + 2] - fPts[m]);
                fb[f * nMels + m] = v;
                if (v > 0) nonZero[m] = true;
            }
        }
        for (boolean nz : nonZero) {
            if (!nz) {
                LOG.log(System.Logger.Level.WARNING, "At least one mel filterbank has all zero values. The value for `n_mels` (" + nMels
                        + ") may be set too high. Or, the value for `n_freqs` (" + nFreqs + ") may be set too low.");
                break;
            }
        }
        return Torch.tensor(fb, nFreqs, nMels).to(DType.FLOAT32);
    }

    /** As {@code torch.linspace}: the step computed once, the upper half counted back from the end. */
    private static double[] linspace(double start, double end, int steps) {
        double[] out = new double[steps];
        if (steps == 1) {
            out[0] = start;
            return out;
        }
        double step = (end - start) / (steps - 1);
        int half = steps / 2;
        for (int i = 0; i < steps; i++) out[i] = i < half ? start + step * i : end - step * (steps - 1 - i);
        return out;
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

    /** A resampling kernel {@code [newFreq / gcd, 1, 2 * width + origFreq / gcd]} and its half width. */
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
        if (origFreq == newFreq) return waveform;
        if (!waveform.isFloatingPoint()) throw new IllegalArgumentException("Expected floating point type for waveform tensor, but received " + waveform.dtype() + ".");
        return applyResampleKernel(waveform, resampleKernel(origFreq, newFreq, lowpassFilterWidth, rolloff, method, beta, waveform.dtype()));
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
        long[] shape = waveform.shape();
        long length = shape[shape.length - 1];
        Tensor x = waveform.reshape(-1, length);
        long num = x.size(0);
        x = Torch.pad(x, new long[] {k.width(), k.width() + k.origFreq()}, "constant", 0.0);
        Tensor kernel = k.kernel().to(x.dtype());
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
        Tensor idx = Torch.arange(size);
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
        Tensor idx = Torch.arange(size);
        Tensor mask = idx.ge(start).logicalAnd(idx.lt(end)); // [b, c, 1, size]
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

    /** {@link #computeDeltas(Tensor, int, String)} with window 5 and "replicate" padding. */
    public static Tensor computeDeltas(Tensor specgram) {
        return computeDeltas(specgram, 5, "replicate");
    }
}
