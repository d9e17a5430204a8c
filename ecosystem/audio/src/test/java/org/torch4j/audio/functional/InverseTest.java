package org.torch4j.audio.functional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.torch4j.audio.AudioReference.assertClose;
import static org.torch4j.audio.AudioReference.list;
import static org.torch4j.audio.AudioReference.map;
import static org.torch4j.audio.AudioReference.tensor;

import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.torch4j.DType;
import org.torch4j.Generator;
import org.torch4j.GradCheck;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.audio.AudioReference;

/**
 * The way back from spectrograms against torch 1.13 / torchaudio 0.13 (inverse.json, written by
 * tools/gen_audio_reference.py): istft, inverse_spectrogram, griffinlim, phase_vocoder.
 * Tolerances: float64 within 1e-9 of each output's largest magnitude; float32 as stated per test.
 */
class InverseTest {
    static Map<String, Object> ref;

    @BeforeAll
    static void load() {
        ref = map(AudioReference.load("inverse.json").get("functional"));
    }

    /** A complex spectrogram stored as its real and imaginary parts. */
    static Tensor stft(Object parts, DType dtype) {
        Map<String, Object> p = map(parts);
        return Torch.complex(tensor(p.get("real")).to(dtype), tensor(p.get("imag")).to(dtype));
    }

    static void assertStftClose(Tensor actual, Object expected, double rtol, double atolOfMax, String what) {
        Tensor e = stft(expected, DType.FLOAT64);
        // one tolerance for both parts: relative to the largest magnitude of either
        double max = Math.max(e.real().abs().max().item(), e.imag().abs().max().item());
        double atol = atolOfMax * max / Math.max(e.real().abs().max().item(), 1e-300);
        assertClose(actual.real(), e.real(), rtol, atol, what + " real");
        atol = atolOfMax * max / Math.max(e.imag().abs().max().item(), 1e-300);
        assertClose(actual.imag(), e.imag(), rtol, atol, what + " imag");
    }

    static int i(Map<String, Object> c, String key) {
        return ((Number) c.get(key)).intValue();
    }

    static Integer opt(Map<String, Object> c, String key) {
        return c.get(key) == null ? null : ((Number) c.get(key)).intValue();
    }

    static Tensor istft(Tensor z, Map<String, Object> c) {
        DType dtype = z.real().dtype();
        Tensor w = c.get("window") == null ? null : AudioFunctional.hannWindow(i(c, "win_length"), true, dtype);
        return AudioFunctional.istft(z, i(c, "n_fft"), i(c, "hop_length"), i(c, "win_length"), w, (Boolean) c.get("center"),
                (Boolean) c.get("normalized"), (Boolean) c.get("onesided"), opt(c, "length"));
    }

    @Test
    void istftMatchesTorch() {
        for (Object o : list(ref.get("istft"))) {
            Map<String, Object> c = map(o);
            String what = "istft n_fft " + c.get("n_fft") + " hop " + c.get("hop_length");
            assertClose(istft(stft(c.get("input"), DType.FLOAT64), c), tensor(c.get("float64")), 1e-9, 1e-9, what + " float64");
            // float32: torch's pocketfft and a float32 matmul over 2 * (n_fft / 2 + 1) terms round differently:
            // a few ulps of the terms, 1e-6 of the largest sample
            Tensor y32 = istft(stft(c.get("input"), DType.FLOAT32), c);
            assertEquals(DType.FLOAT32, y32.dtype());
            assertClose(y32, tensor(c.get("float32")), 1e-5, 1e-6, what + " float32");
        }
    }

    @Test
    void istftInvertsStft() {
        Tensor x = Torch.randn(new long[] {3, 500}, DType.FLOAT64);
        Tensor w = AudioFunctional.hannWindow(128, true, DType.FLOAT64);
        Tensor s = AudioFunctional.stft(x, 128, 32, 128, w, true, "reflect", false, true);
        assertTrue(AudioFunctional.istft(s, 128, 32, 128, w, true, false, null, 500).allclose(x, 1e-12, 1e-12));
        // two-sided, normalized, rectangular, no centring: every sample is covered
        Tensor t = AudioFunctional.stft(x, 64, 16, 64, null, false, "reflect", true, false);
        Tensor y = AudioFunctional.istft(t, 64, 16, 64, null, false, true, false, null);
        long covered = 64 + 16 * (t.size(2) - 1);
        assertTrue(y.allclose(x.narrow(1, 0, covered), 1e-12, 1e-12));
        // a window shorter than n_fft leaves (n_fft - win) / 2 samples at each end unwindowed: torch's NOLA check refuses
        Tensor u = AudioFunctional.stft(x, 64, 16, 50, null, false, "reflect", false, true);
        assertThrows(IllegalArgumentException.class, () -> AudioFunctional.istft(u, 64, 16, 50, null, false, false, null, null));
        // the default form: hop n_fft / 4
        Tensor d = AudioFunctional.stft(x.select(0, 0), 64, 16, 64, AudioFunctional.hannWindow(64, true, DType.FLOAT64), true, "reflect", false, true);
        assertTrue(AudioFunctional.istft(d, 64, AudioFunctional.hannWindow(64, true, DType.FLOAT64)).allclose(x.select(0, 0).narrow(0, 0, 496), 1e-12, 1e-12));
    }

    @Test
    void istftErrorsAreTorchs() {
        Tensor z = Torch.complex(Torch.randn(2, 33, 10), Torch.randn(2, 33, 10));
        Tensor w = AudioFunctional.hannWindow(64);
        String prefix = "istft(CPUComplexFloatType[2, 33, 10], n_fft=64, hop_length=16, win_length=64, window=torch.FloatTensor{[64]}, ";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AudioFunctional.istft(z, 64, 16, 64, Torch.zeros(64), true, false, null, null));
        assertEquals(prefix + "center=1, normalized=0, onesided=None, length=None, return_complex=0) window overlap add min: 1\n[ CPUBoolType{} ]",
                e.getMessage());
        // the periodic Hann window is 0 at its first sample: without centring, NOLA fails at sample 0
        e = assertThrows(IllegalArgumentException.class, () -> AudioFunctional.istft(z, 64, 16, 64, w, false, false, null, 200));
        assertEquals(prefix + "center=0, normalized=0, onesided=None, length=200, return_complex=0) window overlap add min: 1\n[ CPUBoolType{} ]",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> AudioFunctional.istft(z, 60, 16, 64, w, true, false, null, null));
        assertEquals("istft(CPUComplexFloatType[2, 33, 10], n_fft=60, hop_length=16, win_length=64, window=torch.FloatTensor{[64]}, center=1,"
                + " normalized=0, onesided=None, length=None, return_complex=0) : expected the frequency dimension (3rd to the last) of the input"
                + " tensor to match n_fft / 2 + 1 when onsided=True, but got 33", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> AudioFunctional.istft(z, 64, 80, 64, w, true, false, null, null));
        assertTrue(e.getMessage().endsWith("hop_length=80, win_length=64, window=torch.FloatTensor{[64]}, center=1, normalized=0, onesided=None,"
                + " length=None, return_complex=0) : expected 0 < hop_length <= win_length"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> AudioFunctional.istft(z, 64, 16, 80, AudioFunctional.hannWindow(80), true, false, null, null));
        assertTrue(e.getMessage().endsWith(" : expected 0 < win_length <= n_fft"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> AudioFunctional.istft(z, 64, 16, 48, w, true, false, null, null));
        assertTrue(e.getMessage().endsWith(" : Invalid window shape. window has to be 1D and length of `win_length`"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> AudioFunctional.istft(z, 64, 16, 64, w, true, false, false, null));
        assertTrue(e.getMessage().endsWith("onesided=0, length=None, return_complex=0) : expected the frequency dimension (3rd to the last) of the"
                + " input tensor to match n_fft when onsided=False, but got 33"), e.getMessage());
        Tensor four = Torch.complex(Torch.randn(2, 2, 33, 10), Torch.randn(2, 2, 33, 10));
        e = assertThrows(IllegalArgumentException.class, () -> AudioFunctional.istft(four, 64, 16, 64, w, true, false, null, null));
        assertTrue(e.getMessage().endsWith(" : expected a tensor with 3 or 4 dimensions, but got 5"), e.getMessage());
        Tensor empty = Torch.complex(Torch.randn(33, 0), Torch.randn(33, 0));
        e = assertThrows(IllegalArgumentException.class, () -> AudioFunctional.istft(empty, 64, 16, 64, w, true, false, null, null));
        assertTrue(e.getMessage().endsWith(" : input tensor cannot be empty."), e.getMessage());
        Tensor flat = Torch.complex(Torch.randn(33), Torch.randn(33));
        IndexOutOfBoundsException x = assertThrows(IndexOutOfBoundsException.class, () -> AudioFunctional.istft(flat, 64, 16, 64, w, true, false, null, null));
        assertEquals("Dimension out of range (expected to be in range of [-2, 1], but got -3)", x.getMessage());
        // length 0 leaves an empty envelope, whose min() fails in torch
        e = assertThrows(IllegalArgumentException.class, () -> AudioFunctional.istft(z, 64, 16, 64, w, true, false, null, 0));
        assertEquals("min(): Expected reduction dim to be specified for input.numel() == 0. Specify the reduction dim with the 'dim' argument.",
                e.getMessage());
        // length past the frames: zeros at the end, as torch pads (with a warning)
        Tensor y = AudioFunctional.istft(z, 64, 16, 64, w, true, false, null, 400);
        assertArrayEquals(new long[] {2, 400}, y.shape());
        assertEquals(0.0, y.narrow(1, 176, 224).abs().max().item(), 0.0); // 64 + 16 * 9 - 32 samples, then zeros (torch: the same)
        assertArrayEquals(new long[] {144}, AudioFunctional.istft(z.select(0, 0), 64, 16, 64, w, true, false,
                null, null).shape());
    }

    @Test
    void gradcheckIstft() {
        Tensor re = Torch.randn(new long[] {2, 9, 6}, DType.FLOAT64).requiresGrad_(true);
        Tensor im = Torch.randn(new long[] {2, 9, 6}, DType.FLOAT64).requiresGrad_(true);
        Tensor w = AudioFunctional.hannWindow(16, true, DType.FLOAT64);
        assertTrue(GradCheck.gradcheck(in -> AudioFunctional.istft(Torch.complex(in[0], in[1]), 16, 4, 16, w, true, false, null, null), re, im));
        assertTrue(GradCheck.gradgradcheck(in -> AudioFunctional.istft(Torch.complex(in[0], in[1]), 16, 4, 16, w, true, false, null, null), re, im));
        Tensor re2 = Torch.randn(new long[] {15, 5}, DType.FLOAT64).requiresGrad_(true);
        Tensor im2 = Torch.randn(new long[] {15, 5}, DType.FLOAT64).requiresGrad_(true);
        assertTrue(GradCheck.gradcheck(in -> AudioFunctional.istft(Torch.complex(in[0], in[1]), 15, 5, 15, null, false, true, false, 30), re2, im2));
        assertTrue(GradCheck.gradgradcheck(in -> AudioFunctional.istft(Torch.complex(in[0], in[1]), 15, 5, 15, null, false, true, false, 30), re2, im2));
    }

    @Test
    void inverseSpectrogramMatchesTorchaudio() {
        for (Object o : list(ref.get("inverse_spectrogram"))) {
            Map<String, Object> c = map(o);
            Object normalized = c.get("normalized");
            String norm = normalized instanceof Boolean b ? (b ? "window" : null) : (String) normalized;
            for (DType dtype : new DType[] {DType.FLOAT64, DType.FLOAT32}) {
                Tensor y = AudioFunctional.inverseSpectrogram(stft(c.get("input"), dtype), opt(c, "length"), i(c, "pad"),
                        AudioFunctional.hannWindow(i(c, "win_length"), true, dtype), i(c, "n_fft"), i(c, "hop_length"), i(c, "win_length"), norm,
                        (Boolean) c.get("center"), "reflect", (Boolean) c.get("onesided"));
                String what = "inverse_spectrogram " + norm + " pad " + c.get("pad") + " " + dtype;
                if (dtype == DType.FLOAT64) assertClose(y, tensor(c.get("float64")), 1e-9, 1e-9, what);
                else assertClose(y, tensor(c.get("float32")), 1e-5, 1e-6, what);
            }
        }
        Tensor z = Torch.complex(Torch.randn(33, 4), Torch.randn(33, 4));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AudioFunctional.inverseSpectrogram(z, null, 0, AudioFunctional.hannWindow(64), 64, 16, 64, "power", true, "reflect", true));
        assertEquals("Invalid normalized parameter: power", e.getMessage());
    }

    static Tensor griffinlim(Tensor spec, Map<String, Object> c, Generator g) {
        return AudioFunctional.griffinlim(spec, AudioFunctional.hannWindow(i(c, "win_length"), true, spec.dtype()), i(c, "n_fft"), i(c, "hop_length"),
                i(c, "win_length"), ((Number) c.get("power")).doubleValue(), i(c, "n_iter"), ((Number) c.get("momentum")).doubleValue(), opt(c, "length"),
                (Boolean) c.get("rand_init"), g);
    }

    @Test
    void griffinlimMatchesTorchaudio() {
        for (Object o : list(ref.get("griffinlim"))) {
            Map<String, Object> c = map(o);
            Tensor spec = tensor(c.get("input"));
            String what = "griffinlim momentum " + c.get("momentum") + " rand_init " + c.get("rand_init");
            // rand_init draws torch.rand of a complex dtype after torch.manual_seed(seed): the same numbers from a seeded Generator
            Generator g = c.get("seed") == null ? null : new Generator().manualSeed(((Number) c.get("seed")).longValue());
            Tensor y64 = griffinlim(spec, c, g);
            assertClose(y64, tensor(c.get("float64")), 1e-9, 1e-9, what + " float64");
            g = c.get("seed") == null ? null : new Generator().manualSeed(((Number) c.get("seed")).longValue());
            Tensor y32 = griffinlim(spec.to(DType.FLOAT32), c, g);
            assertEquals(DType.FLOAT32, y32.dtype());
            // float32: fast Griffin-Lim extrapolates each phase estimate by the momentum (1 / (1 + 0.99) of
            // the previous one taken away), which amplifies rounding: torchaudio's own float32 result is 2e-5
            // (of the largest sample) off its float64 one after 8 iterations, torch4j's float32 about 5e-5
            // off torchaudio's float32; allow 5x torchaudio's own float32 error
            assertClose(y32, tensor(c.get("float32")), 1e-3, 1e-4, what + " float32");
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AudioFunctional.griffinlim(Torch.rand(33, 5),
                AudioFunctional.hannWindow(64), 64, 16, 64, 2.0, 2, 1.0, null, false, null));
        assertEquals("momentum must be in range [0, 1). Found: 1.0", e.getMessage());
    }

    @Test
    void griffinlimClosesOnlyItsOwnIntermediates() {
        Tensor spec = Torch.rand(new long[] {2, 33, 12}, DType.FLOAT64);
        Tensor w = AudioFunctional.hannWindow(64, true, DType.FLOAT64);
        for (boolean rand : new boolean[] {false, true}) {
            Tensor plain = AudioFunctional.griffinlim(spec, w, 64, 16, 64, 2.0, 5, 0.99, null, rand, new Generator().manualSeed(1));
            Tensor scoped;
            try (var scope = Torch.scope()) {
                scoped = scope.keep(AudioFunctional.griffinlim(spec, w, 64, 16, 64, 2.0, 5, 0.99, null, rand, new Generator().manualSeed(1)));
            }
            assertTrue(scoped.allclose(plain, 0, 0));
            assertTrue(!spec.isClosed() && !w.isClosed() && !plain.isClosed());
        }
    }

    @Test
    void gradcheckGriffinlim() {
        Tensor spec = Torch.rand(new long[] {2, 9, 5}, DType.FLOAT64).add(0.5).requiresGrad_(true);
        Tensor w = AudioFunctional.hannWindow(16, true, DType.FLOAT64);
        assertTrue(GradCheck.gradcheck(in -> AudioFunctional.griffinlim(in[0], w, 16, 4, 16, 2.0, 2, 0.9, null, false, null), spec));
        assertTrue(GradCheck.gradgradcheck(in -> AudioFunctional.griffinlim(in[0], w, 16, 4, 16, 1.0, 1, 0.5, null, false, null), spec));
    }

    @Test
    void phaseVocoderMatchesTorchaudio() {
        Object input = ref.get("phase_vocoder_input");
        for (Object o : list(ref.get("phase_vocoder"))) {
            Map<String, Object> c = map(o);
            double rate = ((Number) c.get("rate")).doubleValue();
            int hop = i(c, "hop_length");
            for (DType dtype : new DType[] {DType.FLOAT64, DType.FLOAT32}) {
                double[] adv = new double[33];
                for (int k = 0; k < 33; k++) adv[k] = Math.PI * hop * k / 32;
                Tensor advance = dtype == DType.FLOAT64 ? Torch.tensor(adv, 33, 1) : new org.torch4j.audio.transforms.TimeStretch(hop, 33, null).phaseAdvance();
                Tensor in = stft(input, dtype);
                Tensor out = AudioFunctional.phaseVocoder(in, rate, advance);
                String what = "phase_vocoder rate " + rate + " " + dtype;
                if (rate == 1.0) assertSame(in, out);
                if (dtype == DType.FLOAT64) {
                    assertStftClose(out, c.get("float64"), 1e-9, 1e-9, what);
                } else {
                    // float32: the accumulated phase (a cumsum of up to 29 terms of size up to pi * 16) carries
                    // float32's absolute rounding, ~1e-5 radians, into cos and sin: 1e-4 of the largest magnitude
                    assertEquals(DType.COMPLEX64, out.dtype());
                    assertStftClose(out, c.get("float32"), 1e-4, 1e-4, what);
                }
            }
        }
    }

    @Test
    void phaseVocoderAndGriffinlimErrors() {
        Tensor z = Torch.complex(Torch.randn(33, 10), Torch.randn(33, 10));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AudioFunctional.phaseVocoder(z, 0.0, Torch.zeros(33, 1)));
        assertEquals("step must be nonzero", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> AudioFunctional.phaseVocoder(z, -1.0, Torch.zeros(33, 1)));
        assertEquals("upper bound and larger bound inconsistent with step sign", e.getMessage());
        // a spectrogram of the wrong height fails in istft, with the packed batch in torch's message
        e = assertThrows(IllegalArgumentException.class, () -> AudioFunctional.griffinlim(Torch.rand(30, 10), AudioFunctional.hannWindow(64), 64, 16,
                64, 2.0, 2, 0.5, null, false, null));
        assertEquals("istft(CPUComplexFloatType[1, 30, 10], n_fft=64, hop_length=16, win_length=64, window=torch.FloatTensor{[64]}, center=1,"
                + " normalized=0, onesided=None, length=None, return_complex=0) : expected the frequency dimension (3rd to the last) of the input"
                + " tensor to match n_fft / 2 + 1 when onsided=True, but got 30", e.getMessage());
    }

    @Test
    void gradcheckPhaseVocoder() {
        Tensor re = Torch.randn(new long[] {2, 4, 5}, DType.FLOAT64).requiresGrad_(true);
        Tensor im = Torch.randn(new long[] {2, 4, 5}, DType.FLOAT64).requiresGrad_(true);
        Tensor advance = Torch.linspace(0, Math.PI * 3, 4).to(DType.FLOAT64).unsqueeze(1);
        for (double rate : new double[] {1.3, 0.7}) {
            assertTrue(GradCheck.gradcheck(in -> {
                return Torch.viewAsReal(AudioFunctional.phaseVocoder(Torch.complex(in[0], in[1]), rate, advance));
            }, re, im));
            assertTrue(GradCheck.gradgradcheck(in -> {
                return Torch.viewAsReal(AudioFunctional.phaseVocoder(Torch.complex(in[0], in[1]), rate, advance));
            }, re, im));
        }
    }
}
