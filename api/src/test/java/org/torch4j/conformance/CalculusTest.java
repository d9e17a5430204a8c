package org.torch4j.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.torch4j.DType;
import org.torch4j.GradCheck;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * The window functions ({@code hann_window}, ..., {@code kaiser_window}), {@code diff}, {@code gradient}, {@code trapezoid} and
 * {@code cumulative_trapezoid} against PyTorch 1.13 ({@code calculus.json} from {@code tools/gen_calculus_reference.py}):
 * values, the gradients of a weighted sum, error messages; then gradcheck and gradgradcheck in float64.
 */
class CalculusTest {

    @TestFactory
    Stream<DynamicTest> pytorchReference() {
        return Reference.cases("calculus.json").stream().map(c -> DynamicTest.dynamicTest(c.get("op") + " " + c.get("args"), () -> check(c)));
    }

    /**
     * float32 Hann, Hamming and Blackman windows of up to 8 points are PyTorch's bits, not just close: PyTorch rounds each
     * op's Python scalar to float32 first (torch4j rounded the products once, an ulp off in a third of the points), and
     * its vectorized cosine is correctly rounded at these points. (Longer windows can differ by an ulp here and there,
     * where that cosine is not.)
     */
    @Test
    @SuppressWarnings("unchecked")
    void shortFloat32WindowsArePyTorchsBits() {
        int checked = 0;
        for (Map<String, Object> c : Reference.cases("calculus.json")) {
            String op = (String) c.get("op");
            List<Object> args = (List<Object>) c.get("args");
            if (!List.of("hann_window", "hamming_window", "blackman_window").contains(op) || c.containsKey("error")
                    || !"float32".equals(args.get(2)) || i(args.get(0)) > 8) {
                continue;
            }
            float[] expected = Reference.tensor(c.get("out")).toFloatArray(), actual = op(op).apply(new ArrayList<>(args)).toFloatArray();
            for (int k = 0; k < expected.length; k++) {
                assertEquals(Float.floatToIntBits(expected[k]), Float.floatToIntBits(actual[k]), op + " " + args + " [" + k + "]");
            }
            checked++;
        }
        assertEquals(30, checked);
    }

    @SuppressWarnings("unchecked")
    private static void check(Map<String, Object> c) {
        List<Object> args = new ArrayList<>();
        for (Object a : (List<Object>) c.get("args")) args.add(decode(a));
        boolean grad = c.containsKey("grad");
        if (grad) args.set(0, ((Tensor) args.get(0)).requiresGrad_());
        Function<List<Object>, Tensor> op = op((String) c.get("op"));
        if (c.containsKey("error")) {
            RuntimeException e = assertThrows(RuntimeException.class, () -> op.apply(args));
            assertEquals(c.get("error"), e.getMessage());
            return;
        }
        Tensor out = op.apply(args);
        Reference.assertTensor(c.get("out"), out.detach(), "value");
        if (grad) {
            Tensor w = Torch.arange(1, out.numel() + 1, 1).to(out.dtype()).reshape(out.shape());
            out.mul(w).sum().backward();
            Reference.assertTensor(c.get("grad"), ((Tensor) args.get(0)).grad(), "gradient");
        }
    }

    private static Object decode(Object a) {
        if (a instanceof Map<?, ?> m) return m.containsKey("none") ? null : Reference.tensor(a);
        return a;
    }

    private static int i(Object o) {
        return ((Number) o).intValue();
    }

    private static double d(Object o) {
        return ((Number) o).doubleValue();
    }

    private static double[] doubles(Object o) {
        return ((List<?>) o).stream().mapToDouble(CalculusTest::d).toArray();
    }

    private static int[] ints(Object o) {
        return o == null ? null : ((List<?>) o).stream().mapToInt(CalculusTest::i).toArray();
    }

    private static DType dtype(Object o) {
        return DType.valueOf(((String) o).toUpperCase());
    }

    private static Function<List<Object>, Tensor> op(String name) {
        return switch (name) {
            case "hann_window" -> a -> Torch.hannWindow(i(a.get(0)), (Boolean) a.get(1), dtype(a.get(2)));
            case "hamming_window" -> a -> Torch.hammingWindow(i(a.get(0)), (Boolean) a.get(1), 0.54, 0.46, dtype(a.get(2)));
            case "blackman_window" -> a -> Torch.blackmanWindow(i(a.get(0)), (Boolean) a.get(1), dtype(a.get(2)));
            case "bartlett_window" -> a -> Torch.bartlettWindow(i(a.get(0)), (Boolean) a.get(1), dtype(a.get(2)));
            case "kaiser_window" -> a -> Torch.kaiserWindow(i(a.get(0)), (Boolean) a.get(1), 12.0, dtype(a.get(2)));
            case "hamming_window_ab" -> a -> Torch.hammingWindow(i(a.get(0)), (Boolean) a.get(1), d(a.get(2)), d(a.get(3)), DType.FLOAT64);
            case "kaiser_window_beta" -> a -> Torch.kaiserWindow(i(a.get(0)), (Boolean) a.get(1), d(a.get(2)), DType.FLOAT64);
            case "diff" -> a -> Torch.diff((Tensor) a.get(0), i(a.get(1)), i(a.get(2)), (Tensor) a.get(3), (Tensor) a.get(4));
            case "trapezoid_dx" -> a -> Torch.trapezoid((Tensor) a.get(0), d(a.get(1)), i(a.get(2)));
            case "trapezoid_x" -> a -> Torch.trapezoid((Tensor) a.get(0), (Tensor) a.get(1), i(a.get(2)));
            case "cumulative_trapezoid_dx" -> a -> Torch.cumulativeTrapezoid((Tensor) a.get(0), d(a.get(1)), i(a.get(2)));
            case "cumulative_trapezoid_x" -> a -> Torch.cumulativeTrapezoid((Tensor) a.get(0), (Tensor) a.get(1), i(a.get(2)));
            case "gradient_default" -> a -> Torch.stack(Torch.gradient((Tensor) a.get(0)), 0);
            case "gradient_spacing" -> a -> Torch.stack(Torch.gradient((Tensor) a.get(0), doubles(a.get(1)), ints(a.get(2)), i(a.get(3))), 0);
            case "gradient_coordinates" -> a -> Torch.stack(Torch.gradient((Tensor) a.get(0), List.of((Tensor) a.get(1), (Tensor) a.get(2)),
                    null, i(a.get(3))), 0);
            default -> throw new IllegalArgumentException("unknown op " + name);
        };
    }

    @TestFactory
    Stream<DynamicTest> gradcheckAndGradgradcheck() {
        Torch.manualSeed(2);
        Tensor x = Torch.rand(new long[] {6}, DType.FLOAT64).cumsum(0);
        Map<String, Function<Tensor[], Tensor>> fns = Map.of(
                "diff n=2 with prepend", t -> Torch.diff(t[0], 2, 1, t[0].narrow(1, 0, 1), null),
                "trapezoid dx", t -> Torch.trapezoid(t[0], 0.3, 1),
                "trapezoid x", t -> Torch.trapezoid(t[0], x, 1),
                "cumulative_trapezoid x", t -> Torch.cumulativeTrapezoid(t[0], x, 1),
                "trapezoid wrt x", t -> Torch.trapezoid(Torch.ones(3, 6).toDouble(), t[0].narrow(0, 0, 1).reshape(6), 1),
                "gradient edge order 2", t -> Torch.stack(Torch.gradient(t[0], new double[] {0.5, 2.0}, null, 2), 0),
                "gradient coordinates", t -> Torch.stack(Torch.gradient(t[0], List.of(x.narrow(0, 0, 3), x), null, 2), 0));
        return fns.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            Tensor in = Torch.randn(new long[] {3, 6}, DType.FLOAT64).requiresGrad_();
            assertTrue(GradCheck.gradcheck(e.getValue(), in), "gradcheck");
            assertTrue(GradCheck.gradgradcheck(e.getValue(), in), "gradgradcheck");
        }));
    }
}
