package org.torch4j.audio.functional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.torch4j.DType;
import org.torch4j.GradCheck;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.audio.AudioReference;

/**
 * The filters against torchaudio 0.13 (tools/gen_audio_filtering_reference.py) in float64 and float32, and lfilter's
 * gradients against torchaudio's C++ differentiable kernel, plus gradcheck and gradgradcheck in float64.
 */
class FilteringTest {
    private static final Map<String, Object> R = AudioReference.load("filtering.json");
    private static final int SR = 16000;

    @SuppressWarnings("unchecked")
    private static <T> T get(Map<String, Object> m, String k) {
        return (T) m.get(k);
    }

    private static double[] doubles(Object o) {
        return ((List<?>) o).stream().mapToDouble(v -> ((Number) v).doubleValue()).toArray();
    }

    private static Tensor coeffs(Object o, DType dtype) {
        List<?> l = (List<?>) o;
        if (l.get(0) instanceof List<?>) {
            double[] flat = l.stream().flatMap(r -> ((List<?>) r).stream()).mapToDouble(v -> ((Number) v).doubleValue()).toArray();
            return Torch.tensor(flat, l.size(), ((List<?>) l.get(0)).size()).to(dtype);
        }
        return Torch.tensor(doubles(o), l.size()).to(dtype);
    }

    static Tensor input(DType dtype) {
        return Torch.tensor(doubles(R.get(dtype == DType.FLOAT64 ? "input64" : "input32")), 2, 160).to(dtype);
    }

    static Tensor call(String fn, Map<String, Object> p, Tensor x) {
        DType dt = x.dtype();
        return switch (fn) {
            case "lowpass_biquad" -> Filtering.lowpassBiquad(x, SR, num(p, "cutoff_freq"), num(p, "Q"));
            case "highpass_biquad" -> Filtering.highpassBiquad(x, SR, num(p, "cutoff_freq"), num(p, "Q"));
            case "allpass_biquad" -> Filtering.allpassBiquad(x, SR, num(p, "central_freq"), num(p, "Q"));
            case "bandpass_biquad" -> Filtering.bandpassBiquad(x, SR, num(p, "central_freq"), num(p, "Q"), (Boolean) p.get("const_skirt_gain"));
            case "bandreject_biquad" -> Filtering.bandrejectBiquad(x, SR, num(p, "central_freq"), num(p, "Q"));
            case "band_biquad" -> Filtering.bandBiquad(x, SR, num(p, "central_freq"), num(p, "Q"), (Boolean) p.get("noise"));
            case "equalizer_biquad" -> Filtering.equalizerBiquad(x, SR, num(p, "center_freq"), num(p, "gain"), num(p, "Q"));
            case "bass_biquad" -> Filtering.bassBiquad(x, SR, num(p, "gain"), num(p, "central_freq"), num(p, "Q"));
            case "treble_biquad" -> Filtering.trebleBiquad(x, SR, num(p, "gain"), num(p, "central_freq"), num(p, "Q"));
            case "deemph_biquad" -> Filtering.deemphBiquad(x, ((Number) p.get("sample_rate")).intValue());
            case "riaa_biquad" -> Filtering.riaaBiquad(x, ((Number) p.get("sample_rate")).intValue());
            case "overdrive" -> Filtering.overdrive(x, num(p, "gain"), num(p, "colour"));
            case "flanger" -> SoxEffects.flanger(x, SR, opt(p, "delay", 0.0), opt(p, "depth", 2.0), opt(p, "regen", 0.0), opt(p, "width", 71.0),
                    opt(p, "speed", 0.5), opt(p, "phase", 25.0), (String) p.getOrDefault("modulation", "sinusoidal"),
                    (String) p.getOrDefault("interpolation", "linear"));
            case "phaser" -> SoxEffects.phaser(x, SR, opt(p, "gain_in", 0.4), opt(p, "gain_out", 0.74), opt(p, "delay_ms", 3.0), opt(p, "decay", 0.4),
                    opt(p, "mod_speed", 0.5), !Boolean.FALSE.equals(p.get("sinusoidal")));
            case "spectral_centroid" -> Features.spectralCentroid(x, SR, 0, AudioFunctional.hannWindow(64, true, dt), 64, 16, 64);
            case "contrast" -> Filtering.contrast(x, num(p, "enhancement_amount"));
            case "dcshift" -> Filtering.dcshift(x, num(p, "shift"), p.get("limiter_gain") == null ? null : num(p, "limiter_gain"));
            case "lfilter" -> Filtering.lfilter(x, coeffs(p.get("a"), dt), coeffs(p.get("b"), dt), (Boolean) p.get("clamp"), (Boolean) p.get("batching"));
            case "filtfilt" -> Filtering.filtfilt(x, coeffs(p.get("a"), dt), coeffs(p.get("b"), dt), (Boolean) p.get("clamp"));
            default -> throw new IllegalArgumentException(fn);
        };
    }

    private static double opt(Map<String, Object> p, String k, double dflt) {
        return p.get(k) == null ? dflt : num(p, k);
    }

    private static double num(Map<String, Object> p, String k) {
        return ((Number) p.get(k)).doubleValue();
    }

    @TestFactory
    Stream<DynamicTest> filtersMatchTorchaudio() {
        List<Map<String, Object>> cases = get(R, "cases");
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.get("fn") + " " + c.get("params") + " " + c.get("dtype"), () -> {
            DType dtype = c.get("dtype").equals("float64") ? DType.FLOAT64 : DType.FLOAT32;
            Tensor in = input(dtype);
            if (c.get("input") != null) {
                long[] shape = ((List<?>) c.get("shape")).stream().mapToLong(v -> ((Number) v).longValue()).toArray();
                in = Torch.tensor(doubles(c.get("input")), shape).to(dtype);
            }
            Map<String, Object> p = get(c, "params");
            Tensor out = c.get("fn").equals("sliding_window_cmn")
                    ? Features.slidingWindowCmn(in, ((Number) p.get("cmn_window")).intValue(), ((Number) p.get("min_cmn_window")).intValue(),
                            (Boolean) p.get("center"), (Boolean) p.get("norm_vars"))
                    : call((String) c.get("fn"), p, in);
            assertEquals(dtype, out.dtype());
            double[] expected = doubles(c.get("output")), actual = out.contiguous().to(DType.FLOAT64).toDoubleArray();
            assertEquals(expected.length, actual.length, "size");
            // float64: the stored values have 14 digits; float32: coefficients rounded to float32 in another order than torchaudio's
            double tol = dtype == DType.FLOAT64 ? 1e-11 : 2e-5;
            for (int i = 0; i < expected.length; i++) {
                assertTrue(Math.abs(expected[i] - actual[i]) <= tol * (1 + Math.abs(expected[i])), "[" + i + "] expected " + expected[i] + " but was " + actual[i]);
            }
        }));
    }

    @Test
    void lfilterGradientsMatchTorchaudio() {
        Map<String, Object> g = get(R, "grads");
        Tensor x = input(DType.FLOAT64).requiresGrad_(true);
        Tensor a = Torch.tensor(doubles(g.get("a")), 2, 3).requiresGrad_(true);
        Tensor b = Torch.tensor(doubles(g.get("b")), 2, 3).requiresGrad_(true);
        Tensor y = Filtering.lfilter(x, a, b, false, true);
        double[] w = new double[(int) y.numel()];
        for (int i = 0; i < w.length; i++) w[i] = i < w.length / 2 ? -1 + i * (2.0 / (w.length - 1)) : 1 - (w.length - 1 - i) * (2.0 / (w.length - 1));
        y.mul(Torch.tensor(w, y.shape())).sum().backward();
        close(doubles(g.get("output")), y);
        close(doubles(g.get("grad_x")), x.grad());
        close(doubles(g.get("grad_a")), a.grad());
        close(doubles(g.get("grad_b")), b.grad());
    }

    private static void close(double[] expected, Tensor actual) {
        double[] v = actual.contiguous().toDoubleArray();
        for (int i = 0; i < expected.length; i++) {
            assertTrue(Math.abs(expected[i] - v[i]) <= 1e-10 * (1 + Math.abs(expected[i])), "[" + i + "] expected " + expected[i] + " but was " + v[i]);
        }
    }

    @Test
    void linearFbanksAndEditDistanceMatchTorchaudio() {
        Map<String, Object> extras = get(get(R, "grads"), "extras");
        close32(doubles(extras.get("linear_fbanks")), Features.linearFbanks(65, 100.0, 7000.0, 12, SR));
        for (Object o : (List<?>) extras.get("edit")) {
            List<?> e = (List<?>) o;
            assertEquals(((Number) e.get(2)).intValue(), Features.editDistance((List<?>) e.get(0), (List<?>) e.get(1)), e.toString());
        }
    }

    @Test
    void lfccAndSpectralCentroidTransformsMatchTorchaudio() {
        Map<String, Object> extras = get(get(R, "grads"), "extras");
        Tensor x = input(DType.FLOAT32);
        var lfcc = new org.torch4j.audio.transforms.LFCC(SR, 20, 0.0, null, 12, 2, "ortho", false,
                org.torch4j.audio.transforms.Spectrogram.builder().nFft(64).hopLength(16));
        assertEquals(extras.get("lfcc_keys"), lfcc.stateDict().keySet().stream().sorted().toList());
        Tensor out = lfcc.call(x);
        assertEquals(((List<?>) extras.get("lfcc_shape")).stream().map(v -> ((Number) v).longValue()).toList(),
                java.util.Arrays.stream(out.shape()).boxed().toList());
        closeAbs(doubles(extras.get("lfcc")), out, 2e-4); // float32 rounding on values up to ~100
        var lfccLog = new org.torch4j.audio.transforms.LFCC(SR, 16, 50.0, 6000.0, 10, 2, "ortho", true,
                org.torch4j.audio.transforms.Spectrogram.builder().nFft(64));
        closeAbs(doubles(extras.get("lfcc_log")), lfccLog.call(x), 2e-5);
        closeAbs(doubles(extras.get("centroid")), new org.torch4j.audio.transforms.SpectralCentroid(SR, 64, null, 16, 0).call(x), 1e-3);
        Tensor feats = Torch.randn(2, 9, 4);
        assertEquals(0.0, new org.torch4j.audio.transforms.SlidingWindowCmn(4, 2, true, true).call(feats)
                .sub(Features.slidingWindowCmn(feats, 4, 2, true, true)).abs().max().item());
    }

    /** The test's one-second two-channel signal (sines only, so both sides compute it). */
    private static Tensor longSignal(DType dtype) {
        double[] v = new double[2 * 16000];
        for (int i = 0; i < 16000; i++) {
            double t = i / 16000.0;
            v[i] = 0.3 * Math.sin(2 * Math.PI * 330 * t) * (1 + 0.5 * Math.sin(2 * Math.PI * 3 * t));
            v[16000 + i] = 0.1 * Math.sin(2 * Math.PI * 1200 * t) + 0.05 * Math.cos(2 * Math.PI * 77 * t);
        }
        return Torch.tensor(v, 2, 16000).to(dtype);
    }

    @Test
    void pitchShiftAndLoudnessMatchTorchaudio() {
        Map<String, Object> extras = get(get(R, "grads"), "extras");
        Tensor x = longSignal(DType.FLOAT32);
        closeAbs(doubles(extras.get("pitch_shift")), Features.pitchShift(x.narrow(0, 0, 1).narrow(1, 0, 1200), SR, 12, 12, 256, null, null, null), 5e-6);
        // coprime rates: torchaudio's functional resample builds the kernel in float32 (coarse phases), as it is built here;
        // a float64 kernel differs from it by 3.6e-5 on this signal
        closeAbs(doubles(extras.get("resample_coprime")), AudioFunctional.resample(x.narrow(0, 0, 1).narrow(1, 0, 1200), 1999, 1601), 1e-6);
        closeAbs(doubles(extras.get("loudness")), Features.loudness(x, SR), 1e-3);
        closeAbs(doubles(extras.get("loudness64")), Features.loudness(longSignal(DType.FLOAT64), SR), 1e-9);
        assertThrows(IllegalArgumentException.class, () -> Features.loudness(Torch.zeros(6, 8000), SR));
        closeAbs(doubles(extras.get("pitch")), Features.detectPitchFrequency(x, SR, 0.01, 30, 85, 3400), 1e-2);
        closeAbs(doubles(extras.get("pitch64")), Features.detectPitchFrequency(longSignal(DType.FLOAT64), SR, 0.01, 30, 85, 3400), 1e-3); // float32 Hz, as torchaudio's
        closeAbs(doubles(extras.get("pitch_short")), Features.detectPitchFrequency(x.narrow(1, 0, 4000), SR, 0.02, 5, 100, 1000), 1e-2);
    }

    /** The generator's vad_signal: faint tones for 0.7 s, then a 150 Hz harmonic series (each channel 0.1 s later). */
    private static Tensor vadSignal(int channels) {
        double[] v = new double[channels * 24000];
        for (int c = 0; c < channels; c++) {
            double onset = 0.7 + 0.1 * c;
            for (int i = 0; i < 24000; i++) {
                double t = i / 16000.0;
                double voiced = 0;
                for (int k = 1; k < 8; k++) voiced += 0.3 / k * Math.sin(2 * Math.PI * 150 * k * t);
                v[c * 24000 + i] = 0.001 * Math.sin(2 * Math.PI * 3000 * t) + 0.0005 * Math.sin(2 * Math.PI * 5000 * t) + (t >= onset ? voiced : 0);
            }
        }
        return Torch.tensor(v, channels, 24000).to(DType.FLOAT32);
    }

    @Test
    void ditherMatchesTorchaudioSeeded() {
        Map<String, Object> d = get(get(get(R, "grads"), "extras"), "dither");
        Tensor x = input(DType.FLOAT32);
        closeAbs(doubles(d.get("tpdf")), SoxEffects.dither(x, "TPDF", false), 1e-7); // the stored values have 9 digits
        Torch.manualSeed(21);
        closeAbs(doubles(d.get("rpdf")), SoxEffects.dither(x, "RPDF", false), 1e-7); // the stored values have 9 digits
        Torch.manualSeed(22);
        closeAbs(doubles(d.get("gpdf")), SoxEffects.dither(x, "GPDF", false), 1e-7); // the stored values have 9 digits
        Torch.manualSeed(22);
        Tensor before = x.clone();
        closeAbs(doubles(d.get("gpdf_shaped")), SoxEffects.dither(x, "GPDF", true), 1e-7); // the stored values have 9 digits
        assertEquals(0.0, x.sub(before).abs().max().item(), "the input is left unchanged");
        Torch.manualSeed(23);
        closeAbs(doubles(d.get("tpdf_shaped")), SoxEffects.dither(x, "TPDF", true), 1e-7); // the stored values have 9 digits
        Tensor wave = longSignal(DType.FLOAT32);
        assertEquals(Features.loudness(wave, SR).item(), new org.torch4j.audio.transforms.Loudness(SR).call(wave).item());
        Tensor shortWave = wave.narrow(1, 0, 1200);
        assertEquals(0.0, new org.torch4j.audio.transforms.PitchShift(SR, 12, 12, 256, null, null).call(shortWave)
                .sub(Features.pitchShift(shortWave, SR, 12, 12, 256, null, null, null)).abs().max().item());
    }

    @Test
    void vadTrimsWhereTorchaudioDoes() {
        Map<String, Object> extras = get(get(R, "grads"), "extras");
        for (Object o : (List<?>) extras.get("vad")) {
            Map<String, Object> c = get(Map.of("c", o), "c");
            int channels = ((Number) c.get("channels")).intValue();
            double level = ((Number) c.get("trigger_level")).doubleValue();
            Tensor trimmed = VoiceActivity.vad(vadSignal(channels), SR, level, 0.25, 1.0, 0.25, 0.0, 0.35, 0.1, 0.01, 1.35, 20.0, null, 0.4, 50.0,
                    6000.0, 150.0, 2000.0);
            assertEquals(((Number) c.get("length")).longValue(), trimmed.size(-1), c.toString());
        }
        assertEquals(vadSignal(1).size(-1) - 9600, VoiceActivity.vad(vadSignal(1), SR).size(-1));
        assertEquals(vadSignal(1).size(-1) - 9600, new org.torch4j.audio.transforms.Vad(SR).call(vadSignal(1)).size(-1));
    }

    private static void closeAbs(double[] expected, Tensor actual, double atol) {
        double[] v = actual.contiguous().to(DType.FLOAT64).toDoubleArray();
        assertEquals(expected.length, v.length);
        for (int i = 0; i < expected.length; i++) assertEquals(expected[i], v[i], atol, "[" + i + "]");
    }

    private static void close32(double[] expected, Tensor actual) {
        assertEquals(DType.FLOAT32, actual.dtype());
        double[] v = actual.contiguous().to(DType.FLOAT64).toDoubleArray();
        assertEquals(expected.length, v.length);
        for (int i = 0; i < expected.length; i++) assertEquals(expected[i], v[i], 1e-6 * (1 + Math.abs(expected[i])), "[" + i + "]");
    }

    @Test
    void lfilterPassesGradcheckAndGradgradcheck() {
        Tensor x = Torch.randn(new long[] {2, 12}, new org.torch4j.Generator().manualSeed(3)).to(DType.FLOAT64).mul(0.3).requiresGrad_(true);
        Tensor a = Torch.tensor(new double[] {1.2, -0.5, 0.2, 0.9, 0.3, -0.1}, 2, 3).requiresGrad_(true);
        Tensor b = Torch.tensor(new double[] {0.4, 0.3, -0.2, 1.0, 0.1, 0.2}, 2, 3).requiresGrad_(true);
        assertTrue(GradCheck.gradcheck(in -> Filtering.lfilter(in[0], in[1], in[2], false, true), x, a, b));
        assertTrue(GradCheck.gradgradcheck(in -> Filtering.lfilter(in[0], in[1], in[2], false, true), x, a, b));
    }

    /**
     * The sox effects and the sliding-window CMN are differentiable (their host loops through the transposed loops, the
     * CMN through its running sums as tensor ops): first and second derivatives by finite differences. Amplitudes stay
     * inside the effects' final clamp, whose kinks finite differences cannot straddle.
     */
    @Test
    void effectsAndSlidingWindowCmnPassGradcheckAndGradgradcheck() {
        org.torch4j.Generator gen = new org.torch4j.Generator().manualSeed(5);
        Tensor stereo = Torch.randn(new long[] {2, 40}, gen).to(DType.FLOAT64).mul(0.1).requiresGrad_(true);
        for (String interpolation : List.of("linear", "quadratic")) {
            java.util.function.Function<Tensor[], Tensor> flanger = in -> SoxEffects.flanger(in[0], 1000, 2.0, 5.0, 50.0, 71.0, 3.0, 25.0,
                    "sinusoidal", interpolation);
            assertTrue(GradCheck.gradcheck(flanger, stereo), interpolation);
            assertTrue(GradCheck.gradgradcheck(flanger, stereo), interpolation);
        }
        java.util.function.Function<Tensor[], Tensor> phaser = in -> SoxEffects.phaser(in[0], 1000, 0.4, 0.74, 5.0, 0.6, 20.0, false);
        assertTrue(GradCheck.gradcheck(phaser, stereo));
        assertTrue(GradCheck.gradgradcheck(phaser, stereo));
        Tensor spec = Torch.randn(new long[] {2, 9, 3}, gen).to(DType.FLOAT64).requiresGrad_(true);
        for (boolean normVars : new boolean[] {false, true}) {
            for (boolean center : new boolean[] {false, true}) {
                java.util.function.Function<Tensor[], Tensor> cmn = in -> Features.slidingWindowCmn(in[0], 4, 2, center, normVars);
                assertTrue(GradCheck.gradcheck(cmn, spec), "normVars " + normVars + ", center " + center);
                assertTrue(GradCheck.gradgradcheck(cmn, spec), "normVars " + normVars + ", center " + center);
            }
        }
        // the differentiable CMN gives the host loop's values
        Tensor plain = spec.detach();
        double[] host = Features.slidingWindowCmn(plain, 4, 2, false, true).toDoubleArray();
        double[] graph = Features.slidingWindowCmn(spec, 4, 2, false, true).detach().toDoubleArray();
        for (int i = 0; i < host.length; i++) assertEquals(host[i], graph[i], 1e-12, "[" + i + "]");
    }

    @Test
    void badArgumentsFailWithTorchaudiosMessages() {
        Tensor x = input(DType.FLOAT32);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Filtering.lfilter(x, Torch.ones(3), Torch.ones(2)));
        assertTrue(e.getMessage().startsWith("Expected coeffs to be the same size."), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Filtering.lfilter(x, Torch.ones(3, 3), Torch.ones(3, 3)));
        assertTrue(e.getMessage().startsWith("Expected number of batches in waveform and coeffs to be the same."), e.getMessage());
        assertEquals("Sample rate must be 44100 (audio-CD) or 48000 (DAT)",
                assertThrows(IllegalArgumentException.class, () -> Filtering.deemphBiquad(x, 16000)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Filtering.contrast(x, 101));
    }
}
