package org.torch4j.audio.functional;

import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.fft.Fft;

/**
 * SoX's voice activity detector as torchaudio 0.13's {@code vad}: trims leading silence (or noise) up to the
 * first burst of voice. Every {@code 1 / measureFreq} s, a window of {@code measureDuration} is measured: its
 * spectrum, smoothed, minus a running noise estimate, then the cepstral power between the lifter frequencies; a
 * channel triggers when the running mean of the measures reaches {@code triggerLevel}, and the output starts up to
 * {@code searchTime} (and {@code preTriggerTime}) before, at the last quiet measure. State is kept in float32, as
 * torchaudio's tensors keep it. To trim the end too, reverse, apply, and reverse again.
 */
public final class VoiceActivity {
    private VoiceActivity() {}

    /** {@link #vad(Tensor, int, double, double, double, double, double, double, double, double, double, double, Double, double, double, double, double, double)} with torchaudio's defaults. */
    public static Tensor vad(Tensor waveform, int sampleRate) {
        return vad(waveform, sampleRate, 7.0, 0.25, 1.0, 0.25, 0.0, 0.35, 0.1, 0.01, 1.35, 20.0, null, 0.4, 50.0, 6000.0, 150.0, 2000.0);
    }

    /**
     * {@code vad(waveform, sample_rate, ...)} on [channels, time] or [time] (the trigger of any channel trims all).
     *
     * @param measureDuration null for two measure periods
     * @throws IllegalArgumentException if the lifter band is empty for this sample rate (torchaudio's message)
     */
    public static Tensor vad(Tensor waveform, int sampleRate, double triggerLevel, double triggerTime, double searchTime, double allowedGap,
            double preTriggerTime, double bootTime, double noiseUpTime, double noiseDownTime, double noiseReductionAmount, double measureFreq,
            Double measureDuration, double measureSmoothTime, double hpFilterFreq, double lpFilterFreq, double hpLifterFreq, double lpLifterFreq) {
        // torchaudio divides by both (a ZeroDivisionError); here a zero or NaN sized the buffers
        if (sampleRate <= 0) throw new IllegalArgumentException("sample_rate must be positive, got " + sampleRate);
        if (!(measureFreq > 0)) throw new IllegalArgumentException("measure_freq must be positive, got " + measureFreq);
        double duration = measureDuration == null ? 2.0 / measureFreq : measureDuration;
        int measureLen = (int) (sampleRate * duration + 0.5);
        int dftLen = 16;
        while (dftLen < measureLen) dftLen *= 2;
        int measurePeriod = (int) (sampleRate / measureFreq + 0.5);
        int measuresLen = (int) Math.ceil(searchTime * measureFreq);
        int gapLen = (int) (allowedGap * measureFreq + 0.5);
        int samplesLen = (int) (preTriggerTime * sampleRate + 0.5) + measuresLen * measurePeriod + measureLen;
        float[] spectrumWindow = scaledHann(measureLen);
        int spectrumStart = Math.max((int) (hpFilterFreq / sampleRate * dftLen + 0.5), 1);
        int spectrumEnd = Math.min((int) (lpFilterFreq / sampleRate * dftLen + 0.5), dftLen / 2);
        float[] cepstrumWindow = scaledHann(spectrumEnd - spectrumStart);
        int cepstrumStart = (int) Math.ceil(sampleRate * 0.5 / lpLifterFreq);
        int cepstrumEnd = Math.min((int) Math.floor(sampleRate * 0.5 / hpLifterFreq), dftLen / 4);
        if (cepstrumEnd <= cepstrumStart) {
            throw new IllegalArgumentException("Expected cepstrum_start to be smaller than cepstrum_end.Found: cepstrum_start: " + cepstrumStart
                    + ", cepstrum_end: " + cepstrumEnd + ".");
        }
        double noiseUp = Math.exp(-1.0 / (noiseUpTime * measureFreq)), noiseDown = Math.exp(-1.0 / (noiseDownTime * measureFreq));
        double smoothMult = Math.exp(-1.0 / (measureSmoothTime * measureFreq)), triggerMult = Math.exp(-1.0 / (triggerTime * measureFreq));
        int bootCountMax = (int) (bootTime * measureFreq - 0.5);
        AudioFunctional.checkTimeDim(waveform, "waveform");
        long[] shape = waveform.shape();
        int length = (int) shape[shape.length - 1];
        float[] x = waveform.reshape(-1, length).to(org.torch4j.DType.FLOAT32).contiguous().toFloatArray();
        int channels = x.length / Math.max(1, length);
        Measure m = new Measure(measureLen, dftLen, spectrumWindow, spectrumStart, spectrumEnd, cepstrumWindow, cepstrumStart, cepstrumEnd,
                noiseReductionAmount, smoothMult, noiseUp, noiseDown);
        float[] meanMeas = new float[channels];
        float[][] samples = new float[channels][samplesLen], spectrum = new float[channels][dftLen], noise = new float[channels][dftLen];
        float[][] measures = new float[channels][measuresLen];
        int timer = measureLen, bootCount = 0, measuresIndex = 0, flushedLen = 0, samplesIndex = 0, toFlush = 0, pos = 0;
        boolean triggered = false;
        while (pos < length && !triggered) {
            timer--;
            for (int c = 0; c < channels; c++) {
                samples[c][samplesIndex] = x[c * length + pos];
                if (timer == 0) {
                    int index = (samplesIndex + samplesLen - measureLen) % samplesLen;
                    double meas = m.measure(samples[c], spectrum[c], noise[c], index, bootCount);
                    measures[c][measuresIndex] = (float) meas;
                    meanMeas[c] = (float) ((double) (float) (meanMeas[c] * triggerMult) + (float) (meas * (1.0 - triggerMult)));
                    triggered = triggered || meanMeas[c] >= triggerLevel;
                    if (triggered) {
                        int n = measuresLen, k = measuresIndex, jTrigger = n, jZero = n, j = 0;
                        for (j = 0; j < n; j++) {
                            if (measures[c][k] >= triggerLevel && j <= jTrigger + gapLen) {
                                jZero = jTrigger = j;
                            } else if (measures[c][k] == 0 && jTrigger >= jZero) {
                                jZero = j;
                            }
                            k = (k + n - 1) % n;
                        }
                        j = Math.min(n - 1, jZero); // torchaudio reads its loop variable after the loop: n - 1
                        toFlush = Math.min(Math.max(toFlush, j), n);
                    }
                }
            }
            samplesIndex++;
            pos++;
            if (samplesIndex == samplesLen) samplesIndex = 0;
            if (timer == 0) {
                timer = measurePeriod;
                measuresIndex = (measuresIndex + 1) % measuresLen;
                if (bootCount >= 0) bootCount = bootCount == bootCountMax ? -1 : bootCount + 1;
            }
            if (triggered) {
                flushedLen = (measuresLen - toFlush) * measurePeriod;
                samplesIndex = (samplesIndex + flushedLen) % samplesLen;
            }
        }
        int start = pos - samplesLen + flushedLen;
        if (start < 0) start = Math.max(0, length + start); // Python's negative slice start counts from the end
        Tensor res = waveform.narrow(-1, Math.min(start, length), length - Math.min(start, length));
        return res;
    }

    /** {@code 2 / sqrt(n)} times a periodic Hann window, in float32. */
    private static float[] scaledHann(int n) {
        float[] w = AudioFunctional.hannWindow(n).toFloatArray();
        float scale = (float) (2.0 / Math.sqrt(n));
        for (int i = 0; i < n; i++) w[i] = scale * w[i];
        return w;
    }

    /** torchaudio's {@code _measure}: one cepstral measure, updating the smoothed spectrum and the noise estimate. */
    private record Measure(int measureLen, int dftLen, float[] spectrumWindow, int spectrumStart, int spectrumEnd, float[] cepstrumWindow,
            int cepstrumStart, int cepstrumEnd, double noiseReduction, double smoothMult, double noiseUp, double noiseDown) {
        double measure(float[] samples, float[] spectrum, float[] noise, int index, int bootCount) {
            float[] buf = new float[dftLen];
            for (int i = 0; i < measureLen; i++) buf[i] = samples[(index + i) % samples.length] * spectrumWindow[i];
            float[] mag = Fft.rfft(Torch.tensor(buf, dftLen)).abs().toFloatArray();
            double mult = bootCount >= 0 ? bootCount / (1.0 + bootCount) : smoothMult;
            int n = spectrumEnd - spectrumStart;
            float[] d = new float[n];
            for (int i = 0; i < n; i++) {
                int f = spectrumStart + i;
                spectrum[f] = (float) (spectrum[f] * mult) + (float) (mag[f] * (1 - mult));
                d[i] = spectrum[f] * spectrum[f];
            }
            float[] cep = new float[dftLen >> 1];
            for (int i = 0; i < n; i++) {
                int f = spectrumStart + i;
                float nm = bootCount >= 0 ? 0f : d[i] > noise[f] ? (float) noiseUp : (float) noiseDown;
                noise[f] = noise[f] * nm + d[i] * (1 - nm);
                float v = (float) Math.sqrt(Math.max(0f, d[i] - (float) (noiseReduction * noise[f])));
                cep[f] = v * cepstrumWindow[i];
            }
            float[] c = Fft.rfft(Torch.tensor(cep, cep.length)).abs().pow(2.0).toFloatArray();
            float sum = 0f;
            for (int i = cepstrumStart; i < cepstrumEnd; i++) sum += c[i];
            double result = sum > 0 ? Math.log(sum / (double) (cepstrumEnd - cepstrumStart)) : Double.NEGATIVE_INFINITY;
            return Math.max(0, 21 + result);
        }
    }
}
