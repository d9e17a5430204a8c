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

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.torch4j.DType;
import org.torch4j.GradCheck;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.audio.AudioReference;

/**
 * torchaudio 0.13's values (tools/gen_audio_reference.py). Tolerances: float64 results within 1e-9 of
 * torchaudio relative to each output's largest magnitude (plus 1e-9 relative per element); float32
 * within 2e-5 of the largest magnitude (torch's pocketfft and torch4j's FFT kernels round differently
 * in float32).
 */
class AudioFunctionalTest {
    static Map<String, Object> ref;

    @BeforeAll
    static void load() {
        ref = AudioReference.load("functional.json");
    }

    static final double RTOL64 = 1e-9, ATOL64 = 1e-9, RTOL32 = 1e-4, ATOL32 = 2e-5;

    static void check(Tensor actual64, Tensor actual32, Map<String, Object> entry, String what) {
        Tensor e64 = tensor(entry.get("float64")), e32 = tensor(entry.get("float32"));
        assertEquals(DType.FLOAT64, actual64.dtype(), what);
        assertEquals(DType.FLOAT32, actual32.dtype(), what);
        assertClose(actual64, e64, RTOL64, ATOL64, what + " float64");
        assertClose(actual32, e32, RTOL32, ATOL32, what + " float32");
    }

    static Tensor spectrogram(Tensor x, Map<String, Object> c) {
        int nFft = ((Number) c.get("n_fft")).intValue(), win = ((Number) c.get("win_length")).intValue();
        Object normalized = c.get("normalized");
        String norm = normalized instanceof Boolean b ? (b ? "window" : null) : (String) normalized;
        return AudioFunctional.spectrogram(x, ((Number) c.get("pad")).intValue(), AudioFunctional.hannWindow(win, true, x.dtype()), nFft,
                ((Number) c.get("hop_length")).intValue(), win, ((Number) c.get("power")).doubleValue(), norm, (Boolean) c.get("center"),
                (String) c.get("pad_mode"), (Boolean) c.get("onesided"));
    }

    @Test
    void spectrogramMatchesTorchaudio() {
        Tensor x = tensor(ref.get("input"));
        for (Object o : list(ref.get("spectrogram"))) {
            Map<String, Object> c = map(o);
            check(spectrogram(x, c), spectrogram(x.to(DType.FLOAT32), c), c, "spectrogram " + c.get("n_fft") + "/" + c.get("win_length"));
        }
    }

    @Test
    void stftMatchesTorchStft() {
        Tensor x = tensor(ref.get("input")).select(0, 0);
        Map<String, Object> c = map(ref.get("stft"));
        Tensor s = AudioFunctional.stft(x, 64, 16, 48, AudioFunctional.hannWindow(48, true, DType.FLOAT64), true, "reflect", false, true);
        assertClose(s.real(), tensor(c.get("real")), RTOL64, ATOL64, "stft real");
        assertClose(s.imag(), tensor(c.get("imag")), RTOL64, ATOL64, "stft imag");
    }

    @Test
    void spectrogramDefaultsAndBatches() {
        Tensor x = Torch.randn(new long[] {2, 3, 500}, DType.FLOAT64);
        Tensor s = AudioFunctional.spectrogram(x, 128);
        assertArrayEquals(new long[] {2, 3, 65, 1 + 500 / 64}, s.shape());
        // each batch item alone gives the same result
        Tensor one = AudioFunctional.spectrogram(x.select(0, 1).select(0, 2), 128);
        assertTrue(one.allclose(s.select(0, 1).select(0, 2), 1e-12, 1e-12));
        // Parseval for a full, rectangular, two-sided frame: sum |X|^2 = N sum x^2
        Tensor frame = Torch.randn(new long[] {64}, DType.FLOAT64);
        Tensor p = AudioFunctional.spectrogram(frame, 0, null, 64, 64, 64, 2.0, null, false, "reflect", false);
        assertEquals(64 * frame.square().sum().item(), p.sum().item(), 1e-9);
    }

    @Test
    void stftPartsGiveTheSpectrogram() {
        Tensor x = Torch.randn(new long[] {300}, DType.FLOAT64);
        Tensor s = AudioFunctional.stft(x, 64, 32, 64, AudioFunctional.hannWindow(64, true, DType.FLOAT64), true, "reflect", false, true);
        // the DC and Nyquist bins of a real signal are real
        assertEquals(0.0, s.imag().select(0, 0).abs().max().item(), 1e-12);
        assertEquals(0.0, s.imag().select(0, 32).abs().max().item(), 1e-12);
        assertTrue(s.abs().square().allclose(AudioFunctional.spectrogram(x, 64), 1e-12, 1e-12));
    }

    /** Where torchaudio fails on Python's tuple index or a zero division (ArrayIndexOutOfBounds/NegativeArraySize before). */
    @Test
    void degenerateArgumentsAreNamed() {
        Tensor scalar = Torch.tensor(1.5f);
        assertEquals("waveform must have a time dimension, but got a 0-dim tensor",
                assertThrows(IndexOutOfBoundsException.class, () -> AudioFunctional.resample(scalar, 2, 5)).getMessage());
        assertEquals("specgram must have a time dimension, but got a 0-dim tensor",
                assertThrows(IndexOutOfBoundsException.class, () -> AudioFunctional.computeDeltas(scalar)).getMessage());
        assertEquals("n_mels must be positive, got -1",
                assertThrows(IllegalArgumentException.class, () -> AudioFunctional.createDct(2, -1, null)).getMessage());
        assertEquals("n_mfcc must be non-negative, got -1",
                assertThrows(IllegalArgumentException.class, () -> AudioFunctional.createDct(-1, 4, null)).getMessage());
        // found by fuzzing the public API: these read the last dimension of a 0-dim tensor
        for (Executable call : List.<Executable>of(() -> Filtering.lowpassBiquad(scalar, 16000, 1000, 0.707),
                () -> Filtering.overdrive(scalar, 20, 20), () -> SoxEffects.dither(scalar, "TPDF", false),
                () -> Features.detectPitchFrequency(scalar, 16000, 0.01, 30, 85, 3400))) {
            assertEquals("waveform must have a time dimension, but got a 0-dim tensor", assertThrows(IndexOutOfBoundsException.class, call).getMessage());
        }
        assertEquals("sliding_window_cmn: expected a spectrogram [..., frames, feats], got shape [0]",
                assertThrows(IllegalArgumentException.class, () -> Features.slidingWindowCmn(Torch.zeros(0), 600, 100, false, false)).getMessage());
        assertEquals("sample_rate must be positive, got 0",
                assertThrows(IllegalArgumentException.class, () -> VoiceActivity.vad(Torch.zeros(100), 0)).getMessage());
        assertEquals("sliding_window_cmn: cmn_window must be positive, got -3",
                assertThrows(IllegalArgumentException.class, () -> Features.slidingWindowCmn(Torch.zeros(4, 3), -3, 1, false, false)).getMessage());
    }

    @Test
    void spectrogramErrors() {
        Tensor x = Torch.randn(1, 100);
        Tensor w = AudioFunctional.hannWindow(400);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AudioFunctional.spectrogram(x, 0, w, 400, 200, 400, 2.0, null, true, "reflect", true));
        assertTrue(e.getMessage().contains("Padding size should be less than the corresponding input dimension, but got: padding (200, 200) at dimension 2 of input [1, 1, 100]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> AudioFunctional.spectrogram(x, 0, w, 400, 200, 400, 2.0, null, false, "reflect", true));
        // torch: "stft(...) : expected 0 < n_fft < 100, but got n_fft=400"
        assertEquals("stft(torch.FloatTensor[1, 100], n_fft=400, hop_length=200, win_length=400, window=torch.FloatTensor{[400]}, normalized=0,"
                + " onesided=1, return_complex=1) : expected 0 < n_fft < 100, but got n_fft=400", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> AudioFunctional.spectrogram(x, 0, w, 64, 16, 80, 2.0, null, true, "reflect", true));
        assertTrue(e.getMessage().endsWith(" : expected 0 < win_length <= n_fft, but got win_length=80"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> AudioFunctional.spectrogram(x, 0, AudioFunctional.hannWindow(64), 64, 0, 64, 2.0, null, true, "reflect", true));
        assertTrue(e.getMessage().endsWith(" : expected hop_length > 0, but got hop_length=0"), e.getMessage());
        // constant padding has no such limit: 100 + 2 * 200 samples hold one frame
        assertArrayEquals(new long[] {1, 201, 1}, AudioFunctional.spectrogram(x, 0, w, 400, 200, 400, 2.0, null, true, "constant", true).shape());
    }

    @Test
    void spectrogramComplexAndBadArguments() {
        Tensor x = Torch.randn(1, 1000);
        Tensor w = AudioFunctional.hannWindow(64);
        // power=None: the complex spectrogram, whose |X|^2 is the power spectrogram
        Tensor z = AudioFunctional.spectrogram(x, 0, w, 64, 16, 64, null, "window", true, "reflect", true);
        assertEquals(DType.COMPLEX64, z.dtype());
        assertTrue(z.abs().square().allclose(AudioFunctional.spectrogram(x, 0, w, 64, 16, 64, 2.0, "window", true, "reflect", true), 1e-5, 1e-6));
        assertThrows(IllegalArgumentException.class, () -> AudioFunctional.spectrogram(x, 0, w, 64, 16, 64, 2.0, "bogus", true, "reflect", true));
        assertThrows(IllegalArgumentException.class, () -> AudioFunctional.spectrogram(x, 0, w, 64, 0, 64, 2.0, null, true, "reflect", true));
        assertThrows(IllegalArgumentException.class, () -> AudioFunctional.spectrogram(x, 0, w, 32, 16, 64, 2.0, null, true, "reflect", true));
        assertThrows(IllegalArgumentException.class, () -> AudioFunctional.spectrogram(x.toLong(), 0, w, 64, 16, 64, 2.0, null, true, "reflect", true));
    }

    @Test
    void melscaleFbanksMatchTorchaudio() {
        for (Object o : list(ref.get("melscale_fbanks"))) {
            Map<String, Object> c = map(o);
            Tensor fb = AudioFunctional.melscaleFbanks(((Number) c.get("n_freqs")).intValue(), ((Number) c.get("f_min")).doubleValue(),
                    ((Number) c.get("f_max")).doubleValue(), ((Number) c.get("n_mels")).intValue(), ((Number) c.get("sample_rate")).intValue(),
                    (String) c.get("norm"), (String) c.get("mel_scale"));
            assertEquals(DType.FLOAT32, fb.dtype());
            // torchaudio computes in float32 (mel points, exp, slopes), torch4j in float64 then rounds:
            // neighbouring mel points subtract, so float32's error grows to a few 1e-6 of the peak
            assertClose(fb, tensor(c.get("fb")), 1e-5, 5e-6, "melscale_fbanks " + c.get("norm") + "/" + c.get("mel_scale"));
        }
        assertThrows(IllegalArgumentException.class, () -> AudioFunctional.melscaleFbanks(10, 0, 8000, 4, 16000, "area", "htk"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AudioFunctional.melscaleFbanks(10, 0, 8000, 4, 16000, null, "mel"));
        assertEquals("mel_scale should be one of \"htk\" or \"slaney\".", e.getMessage());
    }

    @Test
    void amplitudeToDbMatchesTorchaudio() {
        Tensor x = tensor(ref.get("db_input"));
        for (Object o : list(ref.get("amplitude_to_DB"))) {
            Map<String, Object> c = map(o);
            double mult = ((Number) c.get("multiplier")).doubleValue(), amin = ((Number) c.get("amin")).doubleValue();
            double dbm = ((Number) c.get("db_multiplier")).doubleValue();
            Double top = c.get("top_db") == null ? null : ((Number) c.get("top_db")).doubleValue();
            check(AudioFunctional.amplitudeToDB(x, mult, amin, dbm, top), AudioFunctional.amplitudeToDB(x.to(DType.FLOAT32), mult, amin, dbm, top), c,
                    "amplitude_to_DB " + c.get("top_db"));
            assertClose(AudioFunctional.amplitudeToDB(x.select(0, 0).select(0, 0), mult, amin, dbm, top), tensor(c.get("2d")), 1e-9, 1e-9, "2-d");
        }
        Map<String, Object> d = map(ref.get("DB_to_amplitude"));
        assertClose(AudioFunctional.dbToAmplitude(tensor(d.get("input")), 2.0, 0.5), tensor(d.get("output")), 1e-12, 1e-12, "DB_to_amplitude");
    }

    @Test
    void createDctMatchesTorchaudio() {
        for (Object o : list(ref.get("create_dct"))) {
            Map<String, Object> c = map(o);
            Tensor dct = AudioFunctional.createDct(((Number) c.get("n_mfcc")).intValue(), ((Number) c.get("n_mels")).intValue(), (String) c.get("norm"));
            // torchaudio evaluates the cosines in float32 (angles up to 40 * pi): 5e-6 of the largest entry
            assertClose(dct, tensor(c.get("dct")), 1e-5, 5e-6, "create_dct " + c.get("norm"));
        }
        assertThrows(IllegalArgumentException.class, () -> AudioFunctional.createDct(4, 8, "backward"));
    }

    @Test
    void muLawMatchesTorchaudio() {
        Map<String, Object> m = map(ref.get("mu_law"));
        Tensor x = tensor(m.get("input")).to(DType.FLOAT32);
        Tensor enc = AudioFunctional.muLawEncoding(x, 256);
        assertEquals(DType.INT64, enc.dtype());
        assertArrayEquals(tensor(m.get("encoded")).toLongArray(), enc.toLongArray());
        assertArrayEquals(tensor(m.get("encoded16")).toLongArray(), AudioFunctional.muLawEncoding(x, 16).toLongArray());
        Tensor dec = AudioFunctional.muLawDecoding(tensor(m.get("codes")), 256);
        assertEquals(DType.FLOAT32, dec.dtype());
        assertClose(dec, tensor(m.get("decoded")), 1e-6, 1e-7, "mu_law_decoding");
    }

    @Test
    void resampleMatchesTorchaudio() {
        Tensor x = tensor(ref.get("resample_input"));
        for (Object o : list(ref.get("resample"))) {
            Map<String, Object> c = map(o);
            int orig = ((Number) c.get("orig_freq")).intValue(), neu = ((Number) c.get("new_freq")).intValue();
            int width = ((Number) c.get("lowpass_filter_width")).intValue();
            double rolloff = ((Number) c.get("rolloff")).doubleValue();
            String method = (String) c.get("method");
            Double beta = c.get("beta") == null ? null : ((Number) c.get("beta")).doubleValue();
            // torchaudio builds the float32 kernel in float32 arithmetic, torch4j in float64: hence 1e-5 there
            Tensor e64 = tensor(map(c.get("float64"))), e32 = tensor(map(c.get("float32")));
            // the Kaiser window divides by torch.i0(beta) taken in float32, which is a few ulps off the true
            // value (i0(8) = 427.5642 in torch's float32, 427.56412 exactly): 5e-7 for that method
            double tol = method.equals("kaiser_window") ? 5e-7 : 1e-9;
            assertClose(AudioFunctional.resample(x, orig, neu, width, rolloff, method, beta), e64, tol, tol, "resample " + orig + "->" + neu + " " + method);
            assertClose(AudioFunctional.resample(x.to(DType.FLOAT32), orig, neu, width, rolloff, method, beta), e32, 1e-4, 1e-5, "resample float32 " + orig + "->" + neu + " " + method);
        }
    }

    @Test
    void resampleArguments() {
        Tensor x = Torch.randn(2, 100);
        assertSame(x, AudioFunctional.resample(x, 16000, 16000));
        assertArrayEquals(new long[] {2, 50}, AudioFunctional.resample(x, 16000, 8000).shape());
        assertArrayEquals(new long[] {2, 37}, AudioFunctional.resample(x, 44100.0, 16000.0).shape());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AudioFunctional.resample(x, 44100.0, 5512.5));
        assertTrue(e.getMessage().startsWith("Frequencies must be of integer type"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> AudioFunctional.resample(x, 0, 8000));
        assertEquals("Original frequency and desired frequecy should be positive", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> AudioFunctional.resample(x, 16000, 8000, 6, 0.99, "linear", null));
        assertEquals("Invalid resampling method: linear", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> AudioFunctional.resample(x, 16000, 8000, 0, 0.99, "sinc_interpolation", null));
        assertEquals("Low pass filter width should be positive.", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> AudioFunctional.resample(x.toLong(), 16000, 8000));
    }

    @Test
    void besselI0() {
        // scipy.special.i0 values
        assertEquals(1.0, AudioFunctional.besselI0(0), 0);
        assertEquals(1.2660658777520082, AudioFunctional.besselI0(1), 1e-15);
        assertEquals(2815.716628466254, AudioFunctional.besselI0(10), 1e-9);
    }

    @Test
    void computeDeltasMatchesTorchaudio() {
        Tensor x = tensor(ref.get("deltas_input"));
        for (Object o : list(ref.get("compute_deltas"))) {
            Map<String, Object> c = map(o);
            int w = ((Number) c.get("win_length")).intValue();
            check(AudioFunctional.computeDeltas(x, w, "replicate"), AudioFunctional.computeDeltas(x.to(DType.FLOAT32), w, "replicate"), c, "compute_deltas " + w);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AudioFunctional.computeDeltas(x, 2, "replicate"));
        assertEquals("Window length should be greater than or equal to 3. Found win_length 2", e.getMessage());
    }

    @Test
    void gradcheckSpectrogramResampleDb() {
        Tensor x = Torch.randn(new long[] {2, 40}, DType.FLOAT64).requiresGrad_(true);
        Tensor w = AudioFunctional.hannWindow(16, true, DType.FLOAT64);
        assertTrue(GradCheck.gradcheck(in -> AudioFunctional.spectrogram(in[0], 0, w, 16, 4, 16, 2.0, null, true, "reflect", true), x));
        Tensor w12 = AudioFunctional.hannWindow(12, true, DType.FLOAT64);
        assertTrue(GradCheck.gradcheck(in -> AudioFunctional.spectrogram(in[0], 2, w12, 16, 5, 12, 1.0, "window", true, "constant", false), x));
        assertTrue(GradCheck.gradcheck(in -> AudioFunctional.resample(in[0], 4, 3), x));
        assertTrue(GradCheck.gradcheck(in -> AudioFunctional.resample(in[0], 3, 5, 4, 0.9, "kaiser_window", 6.0), x));
        Tensor p = Torch.rand(new long[] {2, 5, 6}, DType.FLOAT64).add(0.1).requiresGrad_(true);
        assertTrue(GradCheck.gradcheck(in -> AudioFunctional.amplitudeToDB(in[0], 10, 1e-10, 0, null), p));
        assertTrue(GradCheck.gradcheck(in -> AudioFunctional.computeDeltas(in[0]), p));
    }
}
