package org.torch4j.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.torch4j.Autograd;
import org.torch4j.DType;
import org.torch4j.GradCheck;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.fft.Fft;

/**
 * {@code org.torch4j.fft} against PyTorch 1.13 ({@code fft.json} from {@code tools/gen_fft_reference.py}): every
 * transform with sizes, dims and norms, real, complex and integer inputs; the gradients of a real loss of each
 * (PyTorch's complex convention); the frequencies and shifts; the error messages. Then gradcheck and
 * gradgradcheck in float64 of each transform as a real function (complex ends through viewAsReal).
 */
class FftTest {

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> section(String name) {
        return (List<Map<String, Object>>) ((Map<String, Object>) Reference.load("fft.json")).get(name);
    }

    @SuppressWarnings("unchecked")
    static Tensor call(Map<String, Object> c, Tensor x) {
        String fn = (String) c.get("fn");
        Map<String, Object> kw = (Map<String, Object>) c.get("kw");
        String norm = (String) kw.get("norm");
        int[] dims = kw.get("dim") instanceof List<?> l ? ((List<Object>) l).stream().mapToInt(v -> ((Number) v).intValue()).toArray() : null;
        long[] s = kw.get("s") == null ? null : Reference.longs((List<Object>) kw.get("s"));
        Long n = kw.get("n") == null ? null : ((Number) kw.get("n")).longValue();
        int dim = kw.get("dim") instanceof Number d ? d.intValue() : -1;
        return switch (fn) {
            case "fft" -> Fft.fft(x, n, dim, norm);
            case "ifft" -> Fft.ifft(x, n, dim, norm);
            case "rfft" -> Fft.rfft(x, n, dim, norm);
            case "irfft" -> Fft.irfft(x, n, dim, norm);
            case "hfft" -> Fft.hfft(x, n, dim, norm);
            case "ihfft" -> Fft.ihfft(x, n, dim, norm);
            case "fft2" -> Fft.fft2(x, s, dims, norm);
            case "ifft2" -> Fft.ifft2(x, s, dims, norm);
            case "rfft2" -> Fft.rfft2(x, s, dims, norm);
            case "irfft2" -> Fft.irfft2(x, s, dims, norm);
            case "fftn" -> Fft.fftn(x, s, dims, norm);
            case "ifftn" -> Fft.ifftn(x, s, dims, norm);
            case "rfftn" -> Fft.rfftn(x, s, dims, norm);
            case "irfftn" -> Fft.irfftn(x, s, dims, norm);
            case "hfft2" -> Fft.hfft2(x, s, dims, norm);
            case "ihfft2" -> Fft.ihfft2(x, s, dims, norm);
            case "hfftn" -> Fft.hfftn(x, s, dims, norm);
            case "ihfftn" -> Fft.ihfftn(x, s, dims, norm);
            case "fftfreq" -> Fft.fftfreq(n, Reference.number(kw.get("d")), DType.of((String) kw.get("dtype")));
            case "rfftfreq" -> Fft.rfftfreq(n, Reference.number(kw.get("d")), DType.of((String) kw.get("dtype")));
            case "fftshift" -> dims == null ? Fft.fftshift(x) : Fft.fftshift(x, dims);
            case "ifftshift" -> dims == null ? Fft.ifftshift(x) : Fft.ifftshift(x, dims);
            default -> throw new IllegalArgumentException("unknown fn " + fn);
        };
    }

    @SuppressWarnings("unchecked")
    static Tensor arg(Map<String, Object> c) {
        List<Object> args = (List<Object>) c.get("args");
        return args.isEmpty() ? null : Reference.tensor(args.get(0));
    }

    /**
     * Tolerances for sums of n products: pocketfft's float32 error (and ours) grows with the values' magnitude,
     * so float32 gets an absolute tolerance of a few ulps of the largest values.
     */
    static double[] tolerance(Object spec) {
        @SuppressWarnings("unchecked")
        DType d = DType.of((String) ((Map<String, Object>) spec).get("dtype"));
        return d == DType.FLOAT32 || d == DType.COMPLEX64 ? new double[] {1e-5, 5e-5} : new double[] {1e-9, 1e-9};
    }

    @TestFactory
    Stream<DynamicNode> transformsMatchPyTorch() {
        return section("ops").stream().map(c -> DynamicTest.dynamicTest((String) c.get("name"), () -> {
            double[] tol = tolerance(c.get("out"));
            Reference.assertTensor(c.get("out"), call(c, arg(c)), tol[0], tol[1], (String) c.get("name"));
        }));
    }

    @TestFactory
    Stream<DynamicNode> gradientsMatchPyTorch() {
        return section("grads").stream().map(c -> DynamicTest.dynamicTest((String) c.get("name"), () -> {
            Tensor x = arg(c).requiresGrad_();
            Tensor out = call(c, x);
            Tensor w = Reference.tensor(c.get("weight"));
            Tensor loss = (out.isComplex() ? Torch.viewAsReal(out) : out).mul(w).sum();
            Tensor g = Autograd.grad(loss, x, false);
            Reference.assertTensor(c.get("grad"), g, 1e-9, 1e-9, (String) c.get("name"));
        }));
    }

    @TestFactory
    Stream<DynamicNode> errorsAsPyTorch() {
        return section("errors").stream().map(c -> DynamicTest.dynamicTest((String) c.get("name"), () -> {
            Tensor x = arg(c);
            Class<? extends RuntimeException> type = "IndexError".equals(c.get("type"))
                    ? IndexOutOfBoundsException.class : IllegalArgumentException.class;
            var e = assertThrows(type, () -> call(c, x));
            assertEquals(c.get("error"), e.getMessage());
        }));
    }

    // ---- gradcheck and gradgradcheck in float64, complex ends through the real view --------------------

    /** The transform as a real function: a complex input is given as its real view, a complex output returned as one. */
    private static Tensor real(UnaryOperator<Tensor> f, Tensor x, boolean complexIn) {
        Tensor out = f.apply(complexIn ? Torch.viewAsComplex(x) : x);
        return out.isComplex() ? Torch.viewAsReal(out) : out;
    }

    private static void check(String what, UnaryOperator<Tensor> f, long[] shape, boolean complexIn) {
        Torch.manualSeed(3);
        long[] s = complexIn ? java.util.stream.LongStream.concat(java.util.Arrays.stream(shape), java.util.stream.LongStream.of(2)).toArray() : shape;
        Tensor x = Torch.randn(s, DType.FLOAT64).requiresGrad_();
        assertTrue(GradCheck.gradcheck(in -> real(f, in[0], complexIn), x), what + " gradcheck");
        assertTrue(GradCheck.gradgradcheck(in -> real(f, in[0], complexIn), x), what + " gradgradcheck");
    }

    @Test
    void gradcheckOneDimensional() {
        check("fft", x -> Fft.fft(x), new long[] {5}, true);
        check("fft of real", x -> Fft.fft(x, 6L, -1, "ortho"), new long[] {2, 5}, false);
        check("ifft dim 0 n 3", x -> Fft.ifft(x, 3L, 0, null), new long[] {4, 2}, true);
        check("rfft", x -> Fft.rfft(x), new long[] {6}, false);
        check("rfft odd forward", x -> Fft.rfft(x, 7L, -1, "forward"), new long[] {2, 5}, false);
        check("irfft", x -> Fft.irfft(x), new long[] {4}, true);
        check("irfft odd n", x -> Fft.irfft(x, 5L, -1, "ortho"), new long[] {2, 4}, true);
        check("hfft", x -> Fft.hfft(x, 6L, 0, null), new long[] {4, 2}, true);
        check("ihfft", x -> Fft.ihfft(x), new long[] {7}, false);
    }

    @Test
    void gradcheckMultiDimensional() {
        check("fft2", x -> Fft.fft2(x), new long[] {3, 4}, true);
        check("ifftn s", x -> Fft.ifftn(x, new long[] {2, 5}, null, "ortho"), new long[] {3, 4}, true);
        check("rfft2", x -> Fft.rfft2(x), new long[] {3, 4}, false);
        check("rfftn dims", x -> Fft.rfftn(x, null, new int[] {2, 0}, null), new long[] {2, 2, 3}, false);
        check("irfft2", x -> Fft.irfft2(x, new long[] {3, 4}), new long[] {3, 3}, true);
        check("irfftn", x -> Fft.irfftn(x), new long[] {2, 3}, true);
        check("hfftn", x -> Fft.hfftn(x, new long[] {3, 4}), new long[] {3, 3}, true);
        check("ihfft2", x -> Fft.ihfft2(x, null, new int[] {0, 1}, "forward"), new long[] {3, 4}, false);
        check("fftshift", x -> Fft.fftshift(x), new long[] {3, 4}, true);
    }

    @Test
    void roundTripsAndDtypes() {
        Torch.manualSeed(5);
        Tensor x = Torch.randn(3, 10);
        Tensor back = Fft.irfft(Fft.rfft(x), 10);
        Reference.assertTensor(Reference.spec(x), back, 1e-5, 1e-5, "irfft(rfft(x))");
        Tensor z = Fft.fft(x);
        assertEquals(DType.COMPLEX64, z.dtype());
        assertEquals(DType.COMPLEX128, Fft.fft(x.toDouble()).dtype());
        assertEquals(DType.COMPLEX64, Fft.fft(Torch.arange(4)).dtype());
        Tensor again = Fft.ifft(z);
        Reference.assertTensor(Reference.spec(x), Torch.viewAsReal(again).select(-1, 0), 1e-5, 1e-5, "ifft(fft(x))");
        assertEquals(DType.FLOAT32, Fft.irfft(z).dtype());
    }

    /** The README's example. */
    @Test
    void readmeExample() {
        Tensor t = Torch.arange(0.0, 1.0, 1.0 / 64);
        Tensor x = t.mul(2 * Math.PI * 5).sin().add(t.mul(2 * Math.PI * 12).cos().mul(0.5));
        Tensor spectrum = Fft.rfft(x);
        assertEquals(DType.COMPLEX64, spectrum.dtype());
        assertArrayEquals(new long[] {33}, spectrum.shape());
        double[] power = Torch.viewAsReal(spectrum).pow(2).sum(new int[] {-1}, false).toDoubleArray();
        for (int k = 0; k < 33; k++) {
            // sin: (64/2)^2 at bin 5; 0.5 cos: (0.5 * 64/2)^2 at bin 12; nothing elsewhere
            double expected = k == 5 ? 1024 : k == 12 ? 256 : 0;
            assertEquals(expected, power[k], 1e-3, "bin " + k);
        }
        assertEquals(32.0, Fft.rfftfreq(64, 1.0 / 64).toDoubleArray()[32], 1e-6);
        Reference.assertTensor(Reference.spec(x), Fft.irfft(spectrum, 64L, -1, null), 1e-5, 1e-5, "irfft");
        Tensor image = Torch.randn(3, 32, 32);
        Tensor centred = Fft.fftshift(Fft.fft2(image), -2, -1);
        // the zero frequency (the sum of each image) sits at [16, 16]
        double[] dc = Torch.viewAsReal(centred).select(1, 16).select(1, 16).select(1, 0).toDoubleArray();
        double[] sums = image.sum(new int[] {1, 2}, false).toDoubleArray();
        for (int i = 0; i < 3; i++) assertEquals(sums[i], dc[i], 1e-3);
    }
}
