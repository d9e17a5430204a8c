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
 * Beamforming against torchaudio 0.13 (tools/gen_audio_beamforming_reference.py) in complex128 and complex64; the
 * principal eigenvector compared up to its phase (any unit multiple is as good), and a gradient check through the
 * real and imaginary parts.
 */
class BeamformingTest {
    private static final Map<String, Object> R = AudioReference.load("beamforming.json");

    private static double[] doubles(Object o) {
        return ((List<?>) o).stream().mapToDouble(v -> ((Number) v).doubleValue()).toArray();
    }

    /** A complex tensor of the given shape from flat [re, im] pairs. */
    private static Tensor complex(double[] pairs, long... shape) {
        long[] s = java.util.Arrays.copyOf(shape, shape.length + 1);
        s[shape.length] = 2;
        return Torch.viewAsComplex(Torch.tensor(pairs, s));
    }

    private static double[] pairs(Tensor t) {
        return Torch.viewAsReal(t.resolveConj().contiguous().to(DType.COMPLEX128)).contiguous().toDoubleArray();
    }

    private static void close(double[] expected, Tensor actual, double tol, String what) {
        double[] v = pairs(actual);
        assertEquals(expected.length, v.length, what + ": size");
        double scale = 0;
        for (double e : expected) scale = Math.max(scale, Math.abs(e));
        for (int i = 0; i < v.length; i++) assertEquals(expected[i], v[i], tol * (scale + 1), what + "[" + i + "]");
    }

    @TestFactory
    Stream<DynamicTest> matchesTorchaudio() {
        return Stream.of(DType.COMPLEX128, DType.COMPLEX64).map(dtype -> DynamicTest.dynamicTest(dtype.torchName(), () -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> c = (Map<String, Object>) ((Map<String, Object>) R.get("cases")).get(dtype.torchName());
            DType real = dtype == DType.COMPLEX128 ? DType.FLOAT64 : DType.FLOAT32;
            double tol = dtype == DType.COMPLEX128 ? 1e-9 : 2e-4;
            Tensor spec = complex(doubles(R.get("spec")), 3, 5, 20).to(dtype);
            Tensor ms = Torch.tensor(doubles(R.get("mask_s")), 5, 20).to(real), mn = ms.rsub(1.0);
            Tensor psdS = Beamforming.psd(spec, ms, true, 1e-10), psdN = Beamforming.psd(spec, mn, true, 1e-10);
            close(doubles(c.get("psd_s")), psdS, tol, "psd");
            close(doubles(c.get("psd_plain")), Beamforming.psd(spec, null, true, 1e-10), tol, "psd without mask");
            close(doubles(c.get("psd_unnormalized")), Beamforming.psd(spec, ms, false, 1e-10), tol, "psd unnormalised");
            Tensor onehot = Torch.tensor(new double[] {0, 1, 0}, 3).to(real), soft = Torch.tensor(new double[] {0.2, 0.5, 0.3}, 3).to(real);
            close(doubles(c.get("souden_int")), Beamforming.mvdrWeightsSouden(psdS, psdN, 1, true, 1e-7, 1e-8), tol, "souden");
            close(doubles(c.get("souden_onehot")), Beamforming.mvdrWeightsSouden(psdS, psdN, onehot, true, 1e-7, 1e-8), tol, "souden one-hot");
            close(doubles(c.get("souden_soft_noload")), Beamforming.mvdrWeightsSouden(psdS, psdN, soft, false, 1e-7, 1e-8), tol, "souden soft");
            Tensor p3 = Beamforming.rtfPower(psdS, psdN, 0, 3, true, 1e-7);
            close(doubles(c.get("rtf_power3")), p3, tol, "rtf power");
            close(doubles(c.get("rtf_power1")), Beamforming.rtfPower(psdS, psdN, soft, 1, true, 1e-7), tol, "rtf power 1");
            close(doubles(c.get("mvdr_rtf_none")), Beamforming.mvdrWeightsRtf(p3, psdN, null, true, 1e-7, 1e-8), tol, "mvdr rtf");
            Tensor w = Beamforming.mvdrWeightsRtf(p3, psdN, 1, true, 1e-7, 1e-8);
            close(doubles(c.get("mvdr_rtf_int")), w, tol, "mvdr rtf int");
            close(doubles(c.get("mvdr_rtf_soft")), Beamforming.mvdrWeightsRtf(p3, psdN, soft, true, 1e-7, 1e-8), tol, "mvdr rtf soft");
            close(doubles(c.get("applied")), Beamforming.applyBeamforming(w, spec), tol, "applied");
            // eigenvectors are unique up to a unit complex factor: |<v, v_ref>| = 1 for each frequency
            Tensor v = Beamforming.rtfEvd(psdS).to(DType.COMPLEX128), vr = complex(doubles(c.get("rtf_evd")), 5, 3);
            double[] overlap = Torch.einsum("fc,fc->f", v.conj(), vr).abs().toDoubleArray();
            for (double o : overlap) assertEquals(1.0, o, dtype == DType.COMPLEX128 ? 1e-9 : 1e-4, "eigenvector alignment");
        }));
    }

    @Test
    void gradientsThroughPsdAndMvdrWeights() {
        Tensor re = Torch.randn(new long[] {2, 3, 6}, new org.torch4j.Generator().manualSeed(8)).to(DType.FLOAT64).requiresGrad_(true);
        Tensor im = Torch.randn(new long[] {2, 3, 6}, new org.torch4j.Generator().manualSeed(9)).to(DType.FLOAT64).requiresGrad_(true);
        Tensor mask = Torch.rand(new long[] {3, 6}, new org.torch4j.Generator().manualSeed(10)).to(DType.FLOAT64);
        assertTrue(GradCheck.gradcheck(in -> {
            Tensor spec = Torch.complex(in[0], in[1]);
            Tensor s = Beamforming.psd(spec, mask, true, 1e-10), n = Beamforming.psd(spec, mask.rsub(1.0), true, 1e-10);
            Tensor weights = Beamforming.mvdrWeightsSouden(s, n, 0, true, 1e-7, 1e-8);
            return Torch.viewAsReal(Beamforming.applyBeamforming(weights, spec));
        }, re, im));
    }

    @Test
    void psdTransformAveragesPerChannelMasks() {
        Tensor spec = complex(doubles(R.get("spec")), 3, 5, 20);
        Tensor ms = Torch.tensor(doubles(R.get("mask_s")), 5, 20);
        Tensor perChannel = Torch.stack(List.of(ms, ms.mul(0.5), ms.rsub(1.0)), 0);
        Tensor expected = Beamforming.psd(spec, perChannel.mean(new int[] {0}, false), true, 1e-15);
        Tensor actual = new org.torch4j.audio.transforms.PSD(true, true, 1e-15).call(spec, perChannel);
        assertEquals(0.0, Torch.viewAsReal(actual.sub(expected)).abs().max().item());
        close(pairs(Beamforming.psd(spec, null, true, 1e-15)), new org.torch4j.audio.transforms.PSD().call(spec), 0, "no mask");
    }

    @Test
    void mvdrTransformsApplyTheWeights() {
        Tensor spec = complex(doubles(R.get("spec")), 3, 5, 20);
        Tensor ms = Torch.tensor(doubles(R.get("mask_s")), 5, 20);
        Tensor s = Beamforming.psd(spec, ms, true, 1e-10), n = Beamforming.psd(spec, ms.rsub(1.0), true, 1e-10);
        @SuppressWarnings("unchecked")
        Map<String, Object> c = (Map<String, Object>) ((Map<String, Object>) R.get("cases")).get("complex128");
        Tensor souden = new org.torch4j.audio.transforms.SoudenMVDR().forward(spec, s, n, 1);
        close(pairs(Beamforming.applyBeamforming(Beamforming.mvdrWeightsSouden(s, n, 1, true, 1e-7, 1e-8), spec)), souden, 0, "souden");
        Tensor rtf = Beamforming.rtfPower(s, n, 0, 3, true, 1e-7);
        close(doubles(c.get("applied")), new org.torch4j.audio.transforms.RTFMVDR().forward(spec, rtf, n, 1), 1e-9, "rtf mvdr");
        assertThrows(IllegalStateException.class, () -> new org.torch4j.audio.transforms.SoudenMVDR().forward(spec));
    }

    @Test
    void badInputsFail() {
        Tensor real = Torch.zeros(5, 3, 3);
        assertThrows(IllegalArgumentException.class, () -> Beamforming.mvdrWeightsSouden(real, real, 0, true, 1e-7, 1e-8));
        Tensor c = Torch.complex(Torch.zeros(5, 3, 3), Torch.zeros(5, 3, 3));
        assertThrows(IllegalArgumentException.class, () -> Beamforming.rtfPower(c, c, 0, 0, true, 1e-7));
        assertThrows(IllegalArgumentException.class, () -> Beamforming.psd(Torch.complex(Torch.zeros(2, 3, 4), Torch.zeros(2, 3, 4)), Torch.zeros(3, 5), true, 1e-10));
    }
}
