package org.torch4j.audio.functional;

import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * SoX's modulated-delay effects as torchaudio 0.13 computes them ({@code flanger}, {@code phaser}): per-sample loops
 * over delay buffers driven by a low-frequency wave table, with every step rounded to the waveform's dtype as
 * torchaudio's tensor operations round it. Both are linear before their final clamp, so their gradients are the
 * transposed loops ({@link LinearMapFunction}).
 */
public final class SoxEffects {
    private SoxEffects() {}

    /**
     * torchaudio's {@code _generate_wave_table}: one period of a sine or triangle of {@code size} points between
     * {@code min} and {@code max}, starting at {@code phase}; "FLOAT" values rounded to float32, "INT" rounded
     * half away from zero to integers.
     */
    static double[] waveTable(boolean sine, boolean integer, int size, double min, double max, double phase) {
        int offset = (int) (phase / Math.PI / 2 * size + 0.5);
        double[] d = new double[size];
        for (int t = 0; t < size; t++) {
            int point = (t + offset) % size;
            double v;
            if (sine) {
                v = (Math.sin((double) point / size * 2 * Math.PI) + 1) / 2;
            } else {
                v = point * 2.0 / size;
                int quarter = Math.floorDiv(4 * point, size);
                v = switch (quarter) {
                    case 0 -> v + 0.5;
                    case 1, 2 -> 1.5 - v;
                    default -> v - 1.5;
                };
            }
            v = v * (max - min) + min;
            d[t] = integer ? (int) (v < 0 ? v - 0.5 : v + 0.5) : (float) v;
        }
        return d;
    }

    /**
     * SoX's flanger ({@code flanger}) on [..., channels, time] (at most 4 channels): a delay of {@code delay} +
     * up to {@code depth} ms swept by a sinusoidal or triangular LFO at {@code speed} Hz, each channel's LFO
     * {@code phase} % apart, {@code regen} % feedback, mixed at {@code width} %; linear or quadratic interpolation.
     * Differentiable in the waveform (the effect is linear before its clamp to [-1, 1]), as torchaudio's.
     */
    public static Tensor flanger(Tensor waveform, int sampleRate, double delay, double depth, double regen, double width, double speed,
            double phase, String modulation, String interpolation) {
        if (!modulation.equals("sinusoidal") && !modulation.equals("triangular")) throw new IllegalArgumentException("Only \"sinusoidal\" or \"triangular\" modulation allowed");
        if (!interpolation.equals("linear") && !interpolation.equals("quadratic")) throw new IllegalArgumentException("Only \"linear\" or \"quadratic\" interpolation allowed");
        long[] shape = waveform.shape();
        if (shape.length < 2 || shape[shape.length - 2] > 4) throw new IllegalArgumentException("Max 4 channels allowed");
        int channels = (int) shape[shape.length - 2], samples = (int) shape[shape.length - 1];
        double feedbackGain = regen / 100, delayGain = width / 100, channelPhase = phase / 100;
        double delayMin = delay / 1000, delayDepth = depth / 1000;
        double inGain = 1.0 / (1 + delayGain);
        delayGain = delayGain / (1 + delayGain) * (1 - Math.abs(feedbackGain));
        int bufLength = (int) ((delayMin + delayDepth) * sampleRate + 0.5) + 2;
        int lfoLength = (int) (sampleRate / speed);
        double[] lfo = waveTable(modulation.equals("sinusoidal"), false, lfoLength, Math.floor(delayMin * sampleRate + 0.5), bufLength - 2.0,
                3 * Math.PI / 2);
        int[] channelOffset = new int[channels];
        for (int c = 0; c < channels; c++) channelOffset[c] = (int) ((float) ((float) (c * lfoLength) * (float) channelPhase) + 0.5f);
        Flanger f = new Flanger(channels, samples, bufLength, lfo, channelOffset, feedbackGain, inGain, delayGain, interpolation.equals("quadratic"));
        return LinearMapFunction.apply("FlangerBackward", waveform, f::apply, f::adjoint).clamp(-1.0, 1.0);
    }

    /**
     * The flanger's linear part on [groups, channels, samples] rows: {@code s[t] = x[t] + feedback * delayed[t - 1]} written
     * to a circular buffer, {@code delayed[t]} interpolated from the buffer {@code lfo[t]} samples back, {@code y[t] = inGain
     * x[t] + delayGain delayed[t]}; forwards in the waveform's dtype step by step (torchaudio's rounding), and its adjoint.
     */
    private record Flanger(int channels, int samples, int bufLength, double[] lfo, int[] channelOffset, double feedbackGain, double inGain,
            double delayGain, boolean quadratic) {

        Tensor apply(Tensor waveform) {
            boolean f64 = waveform.dtype() == DType.FLOAT64;
            double[] x = waveform.to(DType.FLOAT64).contiguous().toDoubleArray(), out = new double[x.length];
            int lfoLength = lfo.length;
            for (int g = 0; g < x.length / (channels * samples); g++) {
                double[][] bufs = new double[channels][bufLength];
                double[] last = new double[channels];
                int pos = 0, lfoPos = 0;
                for (int i = 0; i < samples; i++) {
                    pos = (pos + bufLength - 1) % bufLength;
                    for (int c = 0; c < channels; c++) {
                        double delayValue = lfo[(lfoPos + channelOffset[c]) % lfoLength];
                        double frac = (float) (delayValue - Math.floor(delayValue));
                        int intDelay = (int) Math.floor(delayValue);
                        int k = (g * channels + c) * samples + i;
                        bufs[c][pos] = InDtype.r(x[k] + InDtype.r(last[c] * feedbackGain, f64), f64);
                        double d0 = bufs[c][(pos + intDelay) % bufLength], d1 = bufs[c][(pos + intDelay + 1) % bufLength];
                        double delayed;
                        if (!quadratic) {
                            delayed = InDtype.r(d0 + InDtype.r(InDtype.r(d1 - d0, f64) * frac, f64), f64);
                        } else {
                            double d2 = InDtype.r(bufs[c][(pos + intDelay + 2) % bufLength] - d0, f64);
                            d1 = InDtype.r(d1 - d0, f64);
                            double a = InDtype.r(InDtype.r(d2 * 0.5, f64) - d1, f64), b = InDtype.r(InDtype.r(d1 * 2, f64) - InDtype.r(d2 * 0.5, f64), f64);
                            delayed = InDtype.r(d0 + InDtype.r(InDtype.r(InDtype.r(a * frac, f64) + b, f64) * frac, f64), f64);
                        }
                        last[c] = delayed;
                        out[k] = InDtype.r(InDtype.r(x[k] * inGain, f64) + InDtype.r(delayed * delayGain, f64), f64);
                    }
                    lfoPos = (lfoPos + 1) % lfoLength;
                }
            }
            return Torch.tensor(out, waveform.shape()).to(waveform);
        }

        /**
         * The transposed map, backwards in time: the buffer's write times (replayed as the forward moves the buffer)
         * say which sample each read saw; a read's weight goes back to that sample's {@code s}, and {@code s[t]}'s
         * gradient to {@code x[t]} and, through the feedback, to {@code delayed[t - 1]}.
         */
        Tensor adjoint(Tensor grad) {
            double[] gy = grad.to(DType.FLOAT64).contiguous().toDoubleArray(), gx = new double[gy.length];
            int lfoLength = lfo.length, reads = quadratic ? 3 : 2;
            int[] source = new int[channels * samples * reads];
            double[] weight = new double[source.length];
            int[][] written = new int[channels][bufLength];
            for (int[] w : written) java.util.Arrays.fill(w, -1);
            int pos = 0, lfoPos = 0;
            for (int i = 0; i < samples; i++) {
                pos = (pos + bufLength - 1) % bufLength;
                for (int c = 0; c < channels; c++) {
                    double delayValue = lfo[(lfoPos + channelOffset[c]) % lfoLength];
                    double f = (float) (delayValue - Math.floor(delayValue));
                    int intDelay = (int) Math.floor(delayValue), at = (c * samples + i) * reads;
                    written[c][pos] = i;
                    double c1 = quadratic ? 2 * f - f * f : f, c2 = quadratic ? (f * f - f) / 2 : 0;
                    double[] w = {1 - c1 - c2, c1, c2};
                    for (int r = 0; r < reads; r++) {
                        source[at + r] = written[c][(pos + intDelay + r) % bufLength];
                        weight[at + r] = w[r];
                    }
                }
                lfoPos = (lfoPos + 1) % lfoLength;
            }
            for (int g = 0; g < gy.length / (channels * samples); g++) {
                for (int c = 0; c < channels; c++) {
                    int row = (g * channels + c) * samples;
                    double[] gs = new double[samples];
                    for (int i = samples - 1; i >= 0; i--) {
                        double gDelayed = delayGain * gy[row + i] + (i + 1 < samples ? feedbackGain * gs[i + 1] : 0);
                        int at = (c * samples + i) * reads;
                        for (int r = 0; r < reads; r++) {
                            if (source[at + r] >= 0) gs[source[at + r]] += weight[at + r] * gDelayed;
                        }
                        gx[row + i] = inGain * gy[row + i] + gs[i];
                    }
                }
            }
            return Torch.tensor(gx, grad.shape()).to(grad);
        }
    }

    /**
     * SoX's phaser ({@code phaser}): the input (times {@code gainIn}) plus a delayed, decaying copy whose delay up to
     * {@code delayMs} is swept at {@code modSpeed} Hz (sinusoidal or triangular), times {@code gainOut}, clipped.
     * Differentiable in the waveform, as torchaudio's.
     */
    public static Tensor phaser(Tensor waveform, int sampleRate, double gainIn, double gainOut, double delayMs, double decay, double modSpeed,
            boolean sinusoidal) {
        AudioFunctional.checkTimeDim(waveform, "waveform");
        int bufLen = (int) (delayMs * 0.001 * sampleRate + 0.5);
        if (bufLen <= 0) throw new IllegalArgumentException("delay_ms " + delayMs + " gives an empty delay buffer at " + sampleRate + " Hz");
        int modLen = (int) (sampleRate / modSpeed + 0.5);
        Phaser p = new Phaser((int) waveform.size(-1), bufLen, waveTable(sinusoidal, true, modLen, 1.0, bufLen, Math.PI / 2), gainIn, gainOut, decay);
        return LinearMapFunction.apply("PhaserBackward", waveform, p::apply, p::adjoint).clamp(-1.0, 1.0);
    }

    /**
     * The phaser's linear part on rows of {@code samples}: {@code temp[t] = gainIn x[t] + decay temp[t']}, t' the step
     * that wrote the buffer slot {@code mod[t]} places ahead (0 before any write), {@code y[t] = gainOut temp[t]}; forwards
     * in the waveform's dtype, and its adjoint.
     */
    private record Phaser(int samples, int bufLen, double[] mod, double gainIn, double gainOut, double decay) {

        Tensor apply(Tensor waveform) {
            boolean f64 = waveform.dtype() == DType.FLOAT64;
            double[] x = waveform.to(DType.FLOAT64).contiguous().toDoubleArray(), out = new double[x.length];
            for (int row = 0; row * samples < x.length; row++) {
                double[] buf = new double[bufLen];
                int delayPos = 0, modPos = 0;
                for (int i = 0; i < samples; i++) {
                    int idx = Math.floorMod(delayPos + (int) mod[modPos], bufLen);
                    modPos = (modPos + 1) % mod.length;
                    delayPos = (delayPos + 1) % bufLen;
                    double temp = InDtype.r(InDtype.r(x[row * samples + i] * gainIn, f64) + buf[idx], f64);
                    buf[delayPos] = InDtype.r(temp * decay, f64);
                    out[row * samples + i] = InDtype.r(temp * gainOut, f64);
                }
            }
            return Torch.tensor(out, waveform.shape()).to(waveform);
        }

        /** The transposed map, backwards in time through the replayed buffer's write times. */
        Tensor adjoint(Tensor grad) {
            double[] gy = grad.to(DType.FLOAT64).contiguous().toDoubleArray(), gx = new double[gy.length];
            int[] source = new int[samples], written = new int[bufLen];
            java.util.Arrays.fill(written, -1);
            int delayPos = 0, modPos = 0;
            for (int i = 0; i < samples; i++) {
                int idx = Math.floorMod(delayPos + (int) mod[modPos], bufLen);
                modPos = (modPos + 1) % mod.length;
                delayPos = (delayPos + 1) % bufLen;
                source[i] = written[idx];
                written[delayPos] = i;
            }
            for (int row = 0; row * samples < gy.length; row++) {
                double[] gTemp = new double[samples];
                for (int i = samples - 1; i >= 0; i--) {
                    gTemp[i] += gainOut * gy[row * samples + i];
                    gx[row * samples + i] = gainIn * gTemp[i];
                    if (source[i] >= 0) gTemp[source[i]] += decay * gTemp[i];
                }
            }
            return Torch.tensor(gx, grad.shape()).to(grad);
        }
    }

    /**
     * Dither for 16-bit quantisation ({@code dither}): the waveform scaled by 2^15 - 2, plus TPDF (a triangular
     * Bartlett window over the samples, torchaudio's "TPDF"), RPDF (one random sample minus 0.5) or GPDF (a sum of
     * seven random samples) noise, rounded and scaled back by 2^15; with {@code noiseShaping} the quantisation error,
     * delayed by one sample, is added. Random samples are drawn with {@code torch.randint} in torchaudio's order
     * (two draws even for TPDF), so seeded results match, GPDF's quirk included (torchaudio sums into one of the
 * input's samples in place, so drawing that sample again reads the running sum); unlike torchaudio, the input itself
 * is left unchanged.
     *
     * @param densityFunction "TPDF" (torchaudio's default), "RPDF" or "GPDF"
     */
    public static Tensor dither(Tensor waveform, String densityFunction, boolean noiseShaping) {
        AudioFunctional.checkTimeDim(waveform, "waveform");
        long[] shape = waveform.shape();
        int samples = (int) shape[shape.length - 1];
        Tensor x = waveform.reshape(-1, samples);
        int channelSize = (int) x.size(0) - 1, timeSize = samples - 1;
        int randomChannel = channelSize > 0 ? (int) Torch.randint(0, channelSize, 1).item() : 0;
        int randomTime = timeSize > 0 ? (int) Torch.randint(0, timeSize, 1).item() : 0;
        Tensor scaled = x.mul(Math.pow(2, 15) - 2);
        Tensor reference = x; // what the noise shaping subtracts (torchaudio's GPDF leaves its sum in the input)
        Tensor noisy = switch (densityFunction) {
            case "RPDF" -> scaled.add(x.get(randomChannel, randomTime).sub(0.5));
            case "GPDF" -> {
                // torchaudio accumulates in place into the input's sample [randomChannel, randomTime], so a later draw of
                // that same sample reads the running sum; mirrored here on a copy
                Tensor sum = x.get(randomChannel, randomTime).clone();
                for (int k = 0; k < 6; k++) {
                    int c = (int) Torch.randint(0, channelSize, 1).item();
                    long t = (long) Torch.randint(0, timeSize, 1).item();
                    sum = sum.add(c == randomChannel && t == randomTime ? sum : x.get(c, t));
                }
                reference = x.clone();
                reference.get(randomChannel, randomTime).copy_(sum);
                yield scaled.add(sum);
            }
            default -> scaled.add(Torch.bartlettWindow(timeSize + 1, true, x.dtype()).unsqueeze(0)); // "TPDF", as any other name there
        };
        Tensor dithered = noisy.round().div(Math.pow(2, 15));
        if (noiseShaping) {
            Tensor error = dithered.sub(reference);
            Tensor delayed = Torch.pad(error, new long[] {1, 0}, "constant", 0).narrow(-1, 0, samples);
            dithered = dithered.add(delayed);
        }
        return dithered.reshape(shape);
    }
}
