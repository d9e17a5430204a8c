package org.torch4j.audio.functional;

import java.util.Arrays;
import java.util.Collections;
import org.torch4j.Index;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.F;

/**
 * {@code torchaudio.functional}'s filters (torchaudio 0.13's {@code filtering.py}): the IIR filter {@link #lfilter}
 * (differentiable in the waveform and both coefficient vectors), {@link #filtfilt}, {@link #biquad} and the SoX-style
 * biquads (low/high/band-pass, band-reject, all-pass, band, equalizer, bass, treble, de-emphasis), and the waveform
 * effects {@link #contrast} and {@link #dcshift}. Biquad coefficients are computed in double and rounded to the
 * waveform's dtype (torchaudio computes them with tensors of that dtype: float32 results agree to rounding).
 */
public final class Filtering {
    private Filtering() {}

    /** {@code lfilter(waveform, a_coeffs, b_coeffs)} with the output clamped to [-1, 1] and batching. */
    public static Tensor lfilter(Tensor waveform, Tensor aCoeffs, Tensor bCoeffs) {
        return lfilter(waveform, aCoeffs, bCoeffs, true, true);
    }

    /**
     * The IIR filter {@code a[0] y[t] = sum_k b[k] x[t-k] - sum_{k>=1} a[k] y[t-k]} along the last dimension, zero
     * initial state ({@code lfilter}).
     *
     * @param waveform [..., T], floating
     * @param aCoeffs denominator coefficients [n] (a[0] non-zero), or [F, n] for F filters
     * @param bCoeffs numerator coefficients, shaped as {@code aCoeffs}
     * @param clamp clamp the output to [-1, 1]
     * @param batching with 2-d coefficients: filter i applies to row i of the waveform's second-to-last dimension
     *     (which must be F); otherwise every filter applies to the whole waveform, stacked at dimension -2
     * @throws IllegalArgumentException for coefficient shapes that differ or waveform rows that do not match the
     *     filters (torchaudio's messages)
     */
    public static Tensor lfilter(Tensor waveform, Tensor aCoeffs, Tensor bCoeffs, boolean clamp, boolean batching) {
        if (!Arrays.equals(aCoeffs.shape(), bCoeffs.shape())) {
            throw new IllegalArgumentException("Expected coeffs to be the same size.Found: a_coeffs size: " + size(aCoeffs) + ", b_coeffs size: "
                    + size(bCoeffs));
        }
        if (aCoeffs.dim() > 2) throw new IllegalArgumentException("Expected coeffs to have greater than 1 dimension. Found: " + aCoeffs.dim());
        if (!waveform.isFloatingPoint()) throw new IllegalArgumentException("lfilter expects a floating waveform, got " + waveform.dtype().torchName());
        AudioFunctional.checkTimeDim(waveform, "waveform");
        if (aCoeffs.dim() > 1) {
            if (batching) {
                if (waveform.dim() < 2 || waveform.size(-2) != aCoeffs.size(0)) {
                    throw new IllegalArgumentException("Expected number of batches in waveform and coeffs to be the same.Found: coeffs batches: "
                            + aCoeffs.size(0) + ", waveform batches: " + (waveform.dim() < 2 ? "none" : waveform.size(-2)));
                }
            } else {
                waveform = Torch.stack(Collections.nCopies((int) aCoeffs.size(0), waveform), waveform.dim() - 1);
            }
        } else {
            aCoeffs = aCoeffs.unsqueeze(0);
            bCoeffs = bCoeffs.unsqueeze(0);
        }
        long[] shape = waveform.shape();
        long filters = aCoeffs.size(0), order = aCoeffs.size(1);
        if (order <= 0) throw new IllegalArgumentException("Expected n_order to be positive. Found: " + order);
        Tensor x = waveform.reshape(-1, filters, shape[shape.length - 1]);
        aCoeffs = aCoeffs.to(x.dtype());
        bCoeffs = bCoeffs.to(x.dtype());
        // the moving-average part by convolution, then the recursion, as torchaudio's _lfilter_core
        Tensor padded = Torch.pad(x, new long[] {order - 1, 0}, "constant", 0);
        Tensor a0 = aCoeffs.index(Index.ALL, Index.slice(0L, 1L));
        Tensor w = F.conv1d(padded, bCoeffs.flip(1).unsqueeze(1), null, 1, 0, 1, filters).div(a0);
        Tensor y = new IirFunction().apply(w, aCoeffs.div(a0))[0];
        if (clamp) y = y.clamp(-1.0, 1.0);
        return y.reshape(shape);
    }

    private static String size(Tensor t) {
        return "torch.Size(" + Arrays.toString(t.shape()) + ")";
    }

    /**
     * The filter applied forwards and then backwards, for zero phase ({@code filtfilt}); the output clamped to
     * [-1, 1] after the second pass when {@code clamp}.
     */
    public static Tensor filtfilt(Tensor waveform, Tensor aCoeffs, Tensor bCoeffs, boolean clamp) {
        Tensor forward = lfilter(waveform, aCoeffs, bCoeffs, false, true);
        return lfilter(forward.flip(-1), aCoeffs, bCoeffs, clamp, true).flip(-1);
    }

    /** A second-order filter with these coefficients ({@code biquad}): {@link #lfilter} with [a0, a1, a2] and [b0, b1, b2]. */
    public static Tensor biquad(Tensor waveform, double b0, double b1, double b2, double a0, double a1, double a2) {
        Tensor a = Torch.tensor(new double[] {a0, a1, a2}, 3).to(waveform);
        Tensor b = Torch.tensor(new double[] {b0, b1, b2}, 3).to(waveform);
        return lfilter(waveform, a, b);
    }

    private static double w0(double freq, int sampleRate) {
        return 2 * Math.PI * freq / sampleRate;
    }

    /** Second-order low-pass at {@code cutoffFreq} Hz, quality {@code q} (default 0.707) ({@code lowpass_biquad}). */
    public static Tensor lowpassBiquad(Tensor waveform, int sampleRate, double cutoffFreq, double q) {
        double w0 = w0(cutoffFreq, sampleRate), alpha = Math.sin(w0) / 2 / q, cos = Math.cos(w0);
        double b0 = (1 - cos) / 2;
        return biquad(waveform, b0, 1 - cos, b0, 1 + alpha, -2 * cos, 1 - alpha);
    }

    /** Second-order high-pass ({@code highpass_biquad}). */
    public static Tensor highpassBiquad(Tensor waveform, int sampleRate, double cutoffFreq, double q) {
        double w0 = w0(cutoffFreq, sampleRate), alpha = Math.sin(w0) / 2.0 / q, cos = Math.cos(w0);
        double b0 = (1 + cos) / 2;
        return biquad(waveform, b0, -1 - cos, b0, 1 + alpha, -2 * cos, 1 - alpha);
    }

    /** Second-order all-pass ({@code allpass_biquad}). */
    public static Tensor allpassBiquad(Tensor waveform, int sampleRate, double centralFreq, double q) {
        double w0 = w0(centralFreq, sampleRate), alpha = Math.sin(w0) / 2 / q, cos = Math.cos(w0);
        return biquad(waveform, 1 - alpha, -2 * cos, 1 + alpha, 1 + alpha, -2 * cos, 1 - alpha);
    }

    /**
     * Band-pass ({@code bandpass_biquad}); with {@code constSkirtGain} the gain is Q at the peak instead of 0 dB.
     */
    public static Tensor bandpassBiquad(Tensor waveform, int sampleRate, double centralFreq, double q, boolean constSkirtGain) {
        double w0 = w0(centralFreq, sampleRate), alpha = Math.sin(w0) / 2 / q;
        double temp = constSkirtGain ? Math.sin(w0) / 2 : alpha;
        return biquad(waveform, temp, 0.0, -temp, 1 + alpha, -2 * Math.cos(w0), 1 - alpha);
    }

    /** Band-reject (notch) ({@code bandreject_biquad}). */
    public static Tensor bandrejectBiquad(Tensor waveform, int sampleRate, double centralFreq, double q) {
        double w0 = w0(centralFreq, sampleRate), alpha = Math.sin(w0) / 2 / q, cos = Math.cos(w0);
        return biquad(waveform, 1.0, -2 * cos, 1.0, 1 + alpha, -2 * cos, 1 - alpha);
    }

    /** SoX's two-pole band filter ({@code band_biquad}); {@code noise} for unpitched audio. */
    public static Tensor bandBiquad(Tensor waveform, int sampleRate, double centralFreq, double q, boolean noise) {
        double w0 = w0(centralFreq, sampleRate), bw = centralFreq / q;
        double a2 = Math.exp(-2 * Math.PI * bw / sampleRate);
        double a1 = -4 * a2 / (1 + a2) * Math.cos(w0);
        double b0 = Math.sqrt(1 - a1 * a1 / (4 * a2)) * (1 - a2);
        if (noise) b0 = Math.sqrt(((1 + a2) * (1 + a2) - a1 * a1) * (1 - a2) / (1 + a2)) / b0 * b0;
        return biquad(waveform, b0, 0.0, 0.0, 1.0, a1, a2);
    }

    /** Peaking equalizer: {@code gain} dB at {@code centerFreq} ({@code equalizer_biquad}). */
    public static Tensor equalizerBiquad(Tensor waveform, int sampleRate, double centerFreq, double gain, double q) {
        double w0 = w0(centerFreq, sampleRate), a = Math.exp(gain / 40.0 * Math.log(10)), alpha = Math.sin(w0) / 2 / q, cos = Math.cos(w0);
        return biquad(waveform, 1 + alpha * a, -2 * cos, 1 - alpha * a, 1 + alpha / a, -2 * cos, 1 - alpha / a);
    }

    /** Low shelf: {@code gain} dB below {@code centralFreq} (default 100 Hz) ({@code bass_biquad}). */
    public static Tensor bassBiquad(Tensor waveform, int sampleRate, double gain, double centralFreq, double q) {
        return shelf(waveform, sampleRate, gain, centralFreq, q, -1, true);
    }

    /** High shelf: {@code gain} dB above {@code centralFreq} (default 3000 Hz) ({@code treble_biquad}). */
    public static Tensor trebleBiquad(Tensor waveform, int sampleRate, double gain, double centralFreq, double q) {
        return shelf(waveform, sampleRate, gain, centralFreq, q, 1, false);
    }

    /** The RBJ shelf filters; {@code sign} -1 for bass, +1 for treble; torchaudio normalises the bass's by a0 itself. */
    private static Tensor shelf(Tensor waveform, int sampleRate, double gain, double centralFreq, double q, int sign, boolean normalise) {
        double w0 = w0(centralFreq, sampleRate), alpha = Math.sin(w0) / 2 / q, a = Math.exp(gain / 40 * Math.log(10));
        double t1 = 2 * Math.sqrt(a) * alpha, t2 = (a - 1) * Math.cos(w0), t3 = (a + 1) * Math.cos(w0);
        double b0 = a * ((a + 1) + sign * t2 + t1), b1 = -sign * 2 * a * ((a - 1) + sign * t3), b2 = a * ((a + 1) + sign * t2 - t1);
        double a0 = (a + 1) - sign * t2 + t1, a1 = sign * 2 * ((a - 1) - sign * t3), a2 = (a + 1) - sign * t2 - t1;
        if (!normalise) return biquad(waveform, b0, b1, b2, a0, a1, a2);
        return biquad(waveform, b0 / a0, b1 / a0, b2 / a0, a0 / a0, a1 / a0, a2 / a0);
    }

    /** ISO 908 CD de-emphasis, for 44100 or 48000 Hz ({@code deemph_biquad}). */
    public static Tensor deemphBiquad(Tensor waveform, int sampleRate) {
        double centralFreq, widthSlope, gain;
        if (sampleRate == 44100) {
            centralFreq = 5283;
            widthSlope = 0.4845;
            gain = -9.477;
        } else if (sampleRate == 48000) {
            centralFreq = 5356;
            widthSlope = 0.479;
            gain = -9.62;
        } else {
            throw new IllegalArgumentException("Sample rate must be 44100 (audio-CD) or 48000 (DAT)");
        }
        double w0 = w0(centralFreq, sampleRate), a = Math.exp(gain / 40.0 * Math.log(10));
        double alpha = Math.sin(w0) / 2 * Math.sqrt((a + 1 / a) * (1 / widthSlope - 1) + 2);
        double t1 = 2 * Math.sqrt(a) * alpha, t2 = (a - 1) * Math.cos(w0), t3 = (a + 1) * Math.cos(w0);
        return biquad(waveform, a * ((a + 1) + t2 + t1), -2 * a * ((a - 1) + t3), a * ((a + 1) + t2 - t1), (a + 1) - t2 + t1,
                2 * ((a - 1) - t3), (a + 1) - t2 - t1);
    }

    /** RIAA vinyl playback equalisation, for 44.1, 48, 88.2 or 96 kHz ({@code riaa_biquad}). */
    public static Tensor riaaBiquad(Tensor waveform, int sampleRate) {
        double[] zeros, poles;
        switch (sampleRate) {
            case 44100 -> {
                zeros = new double[] {-0.2014898, 0.9233820};
                poles = new double[] {0.7083149, 0.9924091};
            }
            case 48000 -> {
                zeros = new double[] {-0.1766069, 0.9321590};
                poles = new double[] {0.7396325, 0.9931330};
            }
            case 88200 -> {
                zeros = new double[] {-0.1168735, 0.9648312};
                poles = new double[] {0.8590646, 0.9964002};
            }
            case 96000 -> {
                zeros = new double[] {-0.1141486, 0.9676817};
                poles = new double[] {0.8699137, 0.9966946};
            }
            default -> throw new IllegalArgumentException("Sample rate must be 44.1k, 48k, 88.2k, or 96k");
        }
        double b0 = 1.0, b1 = -(zeros[0] + zeros[1]), b2 = zeros[0] * zeros[1];
        double a0 = 1.0, a1 = -(poles[0] + poles[1]), a2 = poles[0] * poles[1];
        double y = 2 * Math.PI * 1000 / sampleRate; // unit gain at 1 kHz
        double bRe = b0 + b1 * Math.cos(-y) + b2 * Math.cos(-2 * y), aRe = a0 + a1 * Math.cos(-y) + a2 * Math.cos(-2 * y);
        double bIm = b1 * Math.sin(-y) + b2 * Math.sin(-2 * y), aIm = a1 * Math.sin(-y) + a2 * Math.sin(-2 * y);
        double g = 1 / Math.sqrt((bRe * bRe + bIm * bIm) / (aRe * aRe + aIm * aIm));
        return biquad(waveform, b0 * g, b1 * g, b2 * g, a0, a1, a2);
    }

    /**
     * SoX's overdrive ({@code overdrive}): the signal, amplified by {@code gain} dB and offset by {@code colour}/200,
     * soft-clipped by {@code x - x^3/3} (hard beyond +-1), high-passed, mixed 3:2 with the dry signal, clipped.
     */
    public static Tensor overdrive(Tensor waveform, double gain, double colour) {
        AudioFunctional.checkTimeDim(waveform, "waveform");
        long[] shape = waveform.shape();
        int samples = (int) shape[shape.length - 1];
        boolean f64 = waveform.dtype() == org.torch4j.DType.FLOAT64;
        double g = Math.exp(gain * Math.log(10) / 20.0), c = colour / 200;
        double[] x = waveform.to(org.torch4j.DType.FLOAT64).contiguous().toDoubleArray(), out = new double[x.length];
        for (int row = 0; row * samples < x.length; row++) {
            double lastIn = 0, lastOut = 0;
            for (int i = 0; i < samples; i++) {
                int k = row * samples + i;
                double t = softClip(InDtype.r(InDtype.r(x[k] * InDtype.r(g, f64), f64) + InDtype.r(c, f64), f64), f64);
                // torchaudio's C++ loop: the 0.995 and the mix are double constants, the state is stored in the dtype
                lastOut = InDtype.r(InDtype.r(t - lastIn, f64) + 0.995 * lastOut, f64);
                lastIn = t;
                out[k] = Math.max(-1, Math.min(1, InDtype.r(x[k] * 0.5 + lastOut * 0.75, f64)));
            }
        }
        return Torch.tensor(out, shape).to(waveform);
    }

    /** {@code x - x^3/3} within [-1, 1], else +-2/3, each step in the dtype. */
    private static double softClip(double t, boolean f64) {
        if (t < -1) return InDtype.r(-2.0 / 3.0, f64);
        if (t > 1) return InDtype.r(2.0 / 3.0, f64);
        return InDtype.r(t - InDtype.r(InDtype.r(InDtype.r(t * t, f64) * t, f64) * InDtype.r(1.0 / 3, f64), f64), f64);
    }

    /** SoX's contrast: {@code sin(x pi/2 + c sin(x 2 pi))}, c = amount / 750 ({@code contrast}). */
    public static Tensor contrast(Tensor waveform, double enhancementAmount) {
        if (!(enhancementAmount >= 0 && enhancementAmount <= 100)) throw new IllegalArgumentException("Allowed range of values for enhancement_amount : 0-100");
        double c = enhancementAmount / 750.0;
        Tensor t1 = waveform.mul(Math.PI / 2);
        return t1.add(t1.mul(4).sin().mul(c)).sin();
    }

    /**
     * Adds {@code shift} and clips to [-1, 1]; with {@code limiterGain}, values beyond the limiter threshold are
     * compressed instead ({@code dcshift}).
     */
    public static Tensor dcshift(Tensor waveform, double shift, Double limiterGain) {
        if (limiterGain == null || shift == 0) return waveform.add(shift).clamp(-1.0, 1.0);
        double threshold = 1.0 - (Math.abs(shift) - limiterGain);
        Tensor mask = shift > 0 ? waveform.gt(threshold) : waveform.lt(-threshold);
        Tensor limited = shift > 0
                ? waveform.sub(threshold).mul(limiterGain).div(1 - threshold).add(threshold).add(shift).clampMax(threshold)
                : waveform.add(threshold).mul(limiterGain).div(1 - threshold).sub(threshold).add(shift).clampMin(-threshold);
        return Torch.where(mask, limited, waveform.add(shift).clamp(-1.0, 1.0));
    }
}
