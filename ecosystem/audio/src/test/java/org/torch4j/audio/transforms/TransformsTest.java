package org.torch4j.audio.transforms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.torch4j.audio.AudioReference.assertClose;
import static org.torch4j.audio.AudioReference.list;
import static org.torch4j.audio.AudioReference.longs;
import static org.torch4j.audio.AudioReference.map;
import static org.torch4j.audio.AudioReference.tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.torch4j.DType;
import org.torch4j.Generator;
import org.torch4j.GradCheck;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.audio.AudioReference;
import org.torch4j.nn.Module;

/**
 * torchaudio.transforms 0.13 modules against their reference outputs and state_dict keys
 * (tools/gen_audio_reference.py). Tolerances are stated per module below.
 */
class TransformsTest {
    static Map<String, Object> ref;
    static Tensor input;

    @BeforeAll
    static void load() {
        ref = AudioReference.load("transforms.json");
        input = tensor(ref.get("input"));
    }

    static Map<String, Object> entry(String name) {
        for (Object o : list(ref.get("modules"))) {
            if (map(o).get("name").equals(name)) return map(o);
        }
        throw new AssertionError("no reference for " + name);
    }

    /** Same state_dict keys, in the same order, with the same shapes. */
    static void assertState(Module m, Map<String, Object> e) {
        List<String> keys = new ArrayList<>();
        for (Object s : list(e.get("state"))) keys.add((String) map(s).get("key"));
        assertEquals(keys, new ArrayList<>(m.stateDict().keySet()), e.get("name") + " state_dict keys");
        for (Object s : list(e.get("state"))) {
            assertArrayEquals(longs(map(s).get("shape")), m.stateDict().get((String) map(s).get("key")).shape(), (String) map(s).get("key"));
        }
    }

    static void check(Module m, String name, Tensor x, double rtol, double atolOfMax) {
        Map<String, Object> e = entry(name);
        assertState(m, e);
        assertClose(m.call(x), tensor(e.get("output")), rtol, atolOfMax, name);
    }

    @Test
    void spectrogram() {
        Spectrogram s = new Spectrogram(400);
        check(s, "Spectrogram", input.to(DType.FLOAT32), 1e-4, 2e-5);
        assertEquals("Spectrogram()", s.toString());
        assertArrayEquals(new long[] {400}, s.window().shape());
        // power(null): the complex spectrogram, whose |X|^2 is the power spectrogram
        Tensor z = Spectrogram.builder().nFft(400).power(null).build().call(input.to(DType.FLOAT32));
        assertEquals(DType.COMPLEX64, z.dtype());
        assertTrue(z.abs().square().allclose(s.call(input.to(DType.FLOAT32)), 1e-4, 1e-4));
    }

    @Test
    void melSpectrogram() {
        MelSpectrogram m = MelSpectrogram.builder().sampleRate(16000).nFft(256).nMels(32).build();
        check(m, "MelSpectrogram", input.to(DType.FLOAT32), 1e-4, 2e-5);
        assertEquals("MelSpectrogram(\n  (spectrogram): Spectrogram()\n  (mel_scale): MelScale()\n)", m.toString());
    }

    @Test
    void melSpectrogramFloat64SlaneyMagnitude() {
        MelSpectrogram m = MelSpectrogram.builder().sampleRate(16000).nFft(256).hopLength(100).nMels(20).fMin(30).fMax(7000).norm("slaney")
                .melScale("slaney").power(1.0).build();
        m.to(DType.FLOAT64);
        // the filter bank is made in float32 by both libraries (torchaudio in float32 arithmetic): 1e-5
        check(m, "MelSpectrogram64", input, 1e-5, 1e-5);
    }

    @Test
    void mfcc() {
        MFCC m = new MFCC(16000, 13, 2, "ortho", false, MelSpectrogram.builder().nFft(256).nMels(32));
        // decibels amplify float32's relative error of small mel energies: 1e-4 of the largest coefficient
        check(m, "MFCC", input.to(DType.FLOAT32), 1e-4, 1e-4);
        assertEquals("MFCC(\n  (amplitude_to_DB): AmplitudeToDB()\n  (MelSpectrogram): MelSpectrogram(\n    (spectrogram): Spectrogram()\n"
                + "    (mel_scale): MelScale()\n  )\n)", m.toString());
        MFCC log = new MFCC(16000, 10, 2, null, true, MelSpectrogram.builder().nFft(256).nMels(24));
        check(log, "MFCClog", input.to(DType.FLOAT32), 1e-4, 1e-4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new MFCC(16000, 40, 2, "ortho", false, MelSpectrogram.builder().nMels(20)));
        assertEquals("Cannot select more MFCC coefficients than # mel bins", e.getMessage());
    }

    @Test
    void resample() {
        Resample r = new Resample(16000, 12000);
        check(r, "Resample", input.to(DType.FLOAT32), 1e-4, 1e-5);
        assertSame(input, new Resample(8000, 8000).call(input));
        assertTrue(new Resample(8000, 8000).stateDict().isEmpty());
    }

    @Test
    void amplitudeToDbAndDeltas() {
        Tensor x = input.abs().to(DType.FLOAT32).reshape(2, 20, 40);
        check(new AmplitudeToDB("magnitude", 60.0), "AmplitudeToDB", x, 1e-5, 1e-5);
        check(new ComputeDeltas(7, "replicate"), "ComputeDeltas", input.to(DType.FLOAT32).reshape(2, 20, 40), 1e-5, 1e-6);
        assertThrows(IllegalArgumentException.class, () -> new AmplitudeToDB("energy", null));
        assertThrows(IllegalArgumentException.class, () -> new AmplitudeToDB("power", -1.0));
    }

    @Test
    void muLawRoundTrip() {
        Tensor x = Torch.linspace(-1, 1, 101).to(DType.FLOAT32);
        Tensor codes = new MuLawEncoding().call(x);
        assertEquals(0, codes.min().itemLong());
        assertEquals(255, codes.max().itemLong());
        Tensor back = new MuLawDecoding().call(codes);
        assertTrue(back.sub(x).abs().max().item() < 0.02, "8-bit mu-law is within 2% of the signal");
    }

    @Test
    void frequencyAndTimeMaskingStructure() {
        Generator g = new Generator().manualSeed(7);
        Tensor spec = Torch.ones(new long[] {3, 2, 20, 30}, DType.FLOAT32);
        for (int trial = 0; trial < 20; trial++) {
            // shared: the same band of whole rows in every spectrogram, narrower than the mask parameter
            Tensor f = new FrequencyMasking(8, false, g).call(spec);
            Tensor zeroRows = f.eq(0.0).all(3, false); // [3, 2, 20]
            assertTrue(f.eq(0.0).logicalOr(f.eq(1.0)).all().itemBool());
            assertTrue(zeroRows.toLong().sum(new int[] {2}).le(7).all().itemBool());
            assertTrue(zeroRows.eq(zeroRows.select(0, 0).select(0, 0)).all().itemBool(), "one band for the whole batch");
            assertEquals(f.eq(0.0).toLong().sum().itemLong(), zeroRows.toLong().sum().itemLong() * 30, "masks whole rows only");
            assertContiguousBands(zeroRows);
            // iid: whole columns, bands may differ per (batch, channel)
            Tensor t = new TimeMasking(10, true, 1.0, g).call(spec, -5.0);
            Tensor masked = t.eq(-5.0).all(2, false); // [3, 2, 30]
            assertEquals(t.eq(-5.0).toLong().sum().itemLong(), masked.toLong().sum().itemLong() * 20, "masks whole columns only");
            assertTrue(masked.toLong().sum(new int[] {2}).le(9).all().itemBool());
            assertContiguousBands(masked);
        }
        // p limits the band to p * frames: p = 0.1 of 30 frames -> at most 2 frames
        for (int trial = 0; trial < 20; trial++) {
            Tensor t = new TimeMasking(10, false, 0.1, g).call(spec);
            assertTrue(t.eq(0.0).all(2, false).toLong().sum(new int[] {2}).le(2).all().itemBool());
        }
        // a seeded generator makes the masks reproducible
        Tensor a = new FrequencyMasking(8, true, new Generator().manualSeed(3)).call(spec);
        Tensor b = new FrequencyMasking(8, true, new Generator().manualSeed(3)).call(spec);
        assertTrue(a.equal(b));
        // iid masks differ across the batch for some seed
        boolean differ = false;
        for (int s = 0; s < 5 && !differ; s++) {
            Tensor m = new FrequencyMasking(15, true, new Generator().manualSeed(s)).call(spec).eq(0.0).all(3, false);
            differ = !m.eq(m.select(0, 0).select(0, 0)).all().itemBool();
        }
        assertTrue(differ, "iid masks differ between spectrograms");
        assertThrows(IllegalArgumentException.class, () -> new TimeMasking(5, false, 1.5, null));
    }

    /** Each row of a boolean [..., n] mask is one contiguous run (or empty). */
    static void assertContiguousBands(Tensor mask) {
        boolean[] m = mask.contiguous().toBooleanArray();
        int n = (int) mask.size(mask.dim() - 1);
        for (int r = 0; r < m.length / n; r++) {
            int runs = 0;
            for (int i = 0; i < n; i++) if (m[r * n + i] && (i == 0 || !m[r * n + i - 1])) runs++;
            assertTrue(runs <= 1, "row " + r + " has " + runs + " masked bands");
        }
    }

    @Test
    void gradcheckMelSpectrogramAndMfcc() {
        Tensor x = Torch.randn(new long[] {1, 64}, DType.FLOAT64).requiresGrad_(true);
        MelSpectrogram mel = MelSpectrogram.builder().sampleRate(8000).nFft(32).hopLength(16).nMels(6).build();
        mel.to(DType.FLOAT64);
        assertTrue(GradCheck.gradcheck(in -> mel.call(in[0]), x));
        MFCC mfcc = new MFCC(8000, 4, 2, "ortho", false, MelSpectrogram.builder().nFft(32).hopLength(16).nMels(6));
        mfcc.to(DType.FLOAT64);
        assertTrue(GradCheck.gradcheck(in -> mfcc.call(in[0]), x));
        Resample r = new Resample(5, 4);
        r.to(DType.FLOAT64);
        assertTrue(GradCheck.gradcheck(in -> r.call(in[0]), x));
    }
}
