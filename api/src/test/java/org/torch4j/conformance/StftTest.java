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

/**
 * {@code Torch.stft} / {@code Torch.istft} against PyTorch 1.13 ({@code stft.json} from
 * {@code tools/gen_stft_reference.py}): real and complex signals, windows shorter than the frame, the padding
 * modes, normalization, one- and two-sided spectra, lengths; the gradients of a real loss; the error messages.
 * Then gradcheck and gradgradcheck in float64 of both as real functions (complex ends through viewAsReal).
 */
class StftTest {

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> section(String name) {
        return (List<Map<String, Object>>) ((Map<String, Object>) Reference.load("stft.json")).get(name);
    }

    private static Integer integer(Object o) {
        return o == null ? null : ((Number) o).intValue();
    }

    @SuppressWarnings("unchecked")
    private static Tensor call(Map<String, Object> c, Tensor x) {
        Map<String, Object> kw = (Map<String, Object>) c.get("kw");
        Object w = ((List<Object>) c.get("args")).get(1);
        Tensor window = w == null ? null : Reference.tensor(w);
        int nFft = integer(kw.get("n_fft"));
        boolean center = !Boolean.FALSE.equals(kw.get("center"));
        boolean normalized = Boolean.TRUE.equals(kw.get("normalized"));
        Boolean onesided = (Boolean) kw.get("onesided");
        Integer hop = integer(kw.get("hop_length")), win = integer(kw.get("win_length"));
        if ("stft".equals(c.get("fn"))) {
            String mode = kw.get("pad_mode") == null ? "reflect" : (String) kw.get("pad_mode");
            return Torch.stft(x, nFft, hop, win, window, center, mode, normalized, onesided);
        }
        return Torch.istft(x, nFft, hop, win, window, center, normalized, onesided, integer(kw.get("length")),
                Boolean.TRUE.equals(kw.get("return_complex")));
    }

    @SuppressWarnings("unchecked")
    private static Tensor arg(Map<String, Object> c) {
        return Reference.tensor(((List<Object>) c.get("args")).get(0));
    }

    /** float32: a few ulps of the largest values (sums of n_fft products); float64: 1e-9. */
    @SuppressWarnings("unchecked")
    private static void assertClose(Map<String, Object> c, Tensor out) {
        DType d = DType.of((String) ((Map<String, Object>) c.get("out")).get("dtype"));
        boolean single = d == DType.FLOAT32 || d == DType.COMPLEX64;
        Reference.assertTensor(c.get("out"), out, single ? 1e-5 : 1e-9, single ? 5e-5 : 1e-9, (String) c.get("name"));
    }

    @TestFactory
    Stream<DynamicNode> stftMatchesPyTorch() {
        return section("stft").stream().map(c -> DynamicTest.dynamicTest((String) c.get("name"), () -> assertClose(c, call(c, arg(c)))));
    }

    @TestFactory
    Stream<DynamicNode> istftMatchesPyTorch() {
        return section("istft").stream().map(c -> DynamicTest.dynamicTest((String) c.get("name"), () -> assertClose(c, call(c, arg(c)))));
    }

    /** istft(..., return_complex=True): complex signals from two-sided spectra, real or complex windows. */
    @TestFactory
    Stream<DynamicNode> istftReturnComplexMatchesPyTorch() {
        return Stream.of(section("istft_complex").stream().map(c -> DynamicTest.dynamicTest((String) c.get("name"),
                        () -> assertClose(c, call(c, arg(c))))), gradients("istft_complex_grads"), errors("istft_complex_errors"))
                .flatMap(s -> s);
    }

    @TestFactory
    Stream<DynamicNode> gradientsMatchPyTorch() {
        return gradients("grads");
    }

    private static Stream<DynamicNode> gradients(String section) {
        return section(section).stream().map(c -> DynamicTest.dynamicTest((String) c.get("name"), () -> {
            Tensor x = arg(c).requiresGrad_();
            Tensor out = call(c, x);
            Tensor loss = (out.isComplex() ? Torch.viewAsReal(out) : out).mul(Reference.tensor(c.get("weight"))).sum();
            Reference.assertTensor(c.get("grad"), Autograd.grad(loss, x, false), 1e-9, 1e-9, (String) c.get("name"));
        }));
    }

    @TestFactory
    Stream<DynamicNode> errorsAsPyTorch() {
        return errors("errors");
    }

    private static Stream<DynamicNode> errors(String section) {
        return section(section).stream().map(c -> DynamicTest.dynamicTest((String) c.get("name"), () -> {
            Tensor x = arg(c);
            Class<? extends RuntimeException> type = "IndexError".equals(c.get("type")) ? IndexOutOfBoundsException.class
                    : IllegalArgumentException.class;
            var e = assertThrows(type, () -> call(c, x));
            assertEquals(c.get("error"), e.getMessage().split("\n")[0]);
        }));
    }

    // ---- gradcheck and gradgradcheck in float64 ---------------------------------------------------------

    private static void check(String what, UnaryOperator<Tensor> f, Tensor x) {
        Tensor in = x.requiresGrad_();
        UnaryOperator<Tensor> real = t -> {
            Tensor out = f.apply(t);
            return out.isComplex() ? Torch.viewAsReal(out) : out;
        };
        assertTrue(GradCheck.gradcheck(a -> real.apply(a[0]), in), what + " gradcheck");
        assertTrue(GradCheck.gradgradcheck(a -> real.apply(a[0]), in), what + " gradgradcheck");
    }

    @Test
    void gradcheckStft() {
        Torch.manualSeed(11);
        Tensor hann = Torch.arange(8).toDouble().mul(2 * Math.PI / 8).cos().rsub(1).mul(0.5);
        check("stft hann reflect", x -> Torch.stft(x, 8, 3, null, hann, true, "reflect", false, null), Torch.randn(new long[] {20}, DType.FLOAT64));
        check("stft batched two-sided normalized", x -> Torch.stft(x, 6, 2, 5, null, true, "constant", true, false),
                Torch.randn(new long[] {2, 13}, DType.FLOAT64));
        check("stft of complex", x -> Torch.stft(Torch.viewAsComplex(x), 5, 2, null, null, false, "reflect", false, null),
                Torch.randn(new long[] {12, 2}, DType.FLOAT64));
    }

    @Test
    void gradcheckIstft() {
        Torch.manualSeed(12);
        Tensor hann = Torch.arange(8).toDouble().mul(2 * Math.PI / 8).cos().rsub(1).mul(0.5);
        check("istft hann", x -> Torch.istft(Torch.viewAsComplex(x), 8, 2, null, hann, true, false, null, null),
                Torch.randn(new long[] {5, 6, 2}, DType.FLOAT64));
        check("istft odd, not centred, length", x -> Torch.istft(Torch.viewAsComplex(x), 7, 3, null, null, false, true, null, 18),
                Torch.randn(new long[] {2, 4, 5, 2}, DType.FLOAT64));
        check("istft two-sided", x -> Torch.istft(Torch.viewAsComplex(x), 6, 2, null, null, true, false, false, null),
                Torch.randn(new long[] {6, 4, 2}, DType.FLOAT64));
        check("istft return_complex", x -> Torch.istft(Torch.viewAsComplex(x), 6, 2, null, hann.narrow(0, 1, 6), true, false, null, 9, true),
                Torch.randn(new long[] {6, 4, 2}, DType.FLOAT64));
        Tensor complexWindow = Torch.complex(hann.narrow(0, 0, 6).add(1.0), Torch.linspace(-0.5, 0.5, 6).toDouble());
        check("istft return_complex, complex window, batched", x -> Torch.istft(Torch.viewAsComplex(x), 6, 3, null, complexWindow, false,
                true, false, null, true), Torch.randn(new long[] {2, 6, 3, 2}, DType.FLOAT64));
    }

    @Test
    void roundTripAndDefaults() {
        Torch.manualSeed(13);
        Tensor x = Torch.randn(2, 300);
        Tensor hann = Torch.arange(64).toDouble().mul(2 * Math.PI / 64).cos().rsub(1).mul(0.5).toFloat();
        Tensor z = Torch.stft(x, 64, hann);
        assertEquals(DType.COMPLEX64, z.dtype());
        assertArrayEquals(new long[] {2, 33, 1 + 300 / 16}, z.shape());
        Tensor back = Torch.istft(z, 64, null, null, hann, true, false, null, 300);
        assertTrue(back.allclose(x, 1e-5, 1e-5));
        assertEquals(DType.COMPLEX128, Torch.stft(x.toDouble().select(0, 0), 16).dtype());
        assertArrayEquals(new long[] {9, 1 + 300 / 4}, Torch.stft(x.select(0, 0), 16).shape());
    }

    /** The README's example. */
    @Test
    void readmeExample() {
        Torch.manualSeed(14);
        Tensor signal = Torch.randn(2, 300);                                // a batch of two signals
        Tensor hann = Torch.arange(64).toDouble().mul(2 * Math.PI / 64).cos().rsub(1).mul(0.5).toFloat();
        Tensor z = Torch.stft(signal, 64, hann);                             // complex64 [2, 33, 19], hop 16
        Tensor again = Torch.istft(z, 64, null, null, hann, true, false, null, 300); // signal again
        assertEquals(DType.COMPLEX64, z.dtype());
        assertArrayEquals(new long[] {2, 33, 19}, z.shape());
        assertTrue(again.allclose(signal, 1e-5, 1e-5));
    }
}
