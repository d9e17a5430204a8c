package org.torch4j.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.torch4j.DType;
import org.torch4j.Generator;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.io.Json;

/**
 * Tensor's {@code exponential_}, {@code geometric_}, {@code cauchy_} and {@code logNormal_} against
 * the seeded draws of PyTorch 1.13 recorded by {@code tools/gen_random_reference.py}
 * ({@code reference/random/transforms.json}), on the default generator and on a {@link Generator},
 * in the dtypes recorded; and PyTorch's errors. The bit-exact check of the sampling code itself is
 * {@code RandomReferenceTest}; here values may differ by a few ulps, where the C library's
 * {@code log}/{@code tan}/{@code exp} are not reachable.
 */
class RandomInPlaceTest {

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> cases() {
        try (InputStream in = RandomInPlaceTest.class.getResourceAsStream("/reference/random/transforms.json")) {
            Map<String, Object> data = (Map<String, Object>) Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            return (List<Map<String, Object>>) data.get("cases");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @TestFactory
    Stream<DynamicTest> pytorchSeededDraws() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Map<String, Object> c : cases()) tests.add(DynamicTest.dynamicTest((String) c.get("name") + " via " + c.get("via"), () -> replay(c)));
        return tests.stream();
    }

    @SuppressWarnings("unchecked")
    private static void replay(Map<String, Object> c) {
        Object seed = c.get("seed");
        Generator g;
        if (seed == null) {
            g = new Generator();
        } else if ("global".equals(c.get("via"))) {
            Torch.manualSeed(((Number) seed).longValue());
            g = null;
        } else {
            g = new Generator().manualSeed(((Number) seed).longValue());
        }
        int index = 0;
        for (Map<String, Object> call : (List<Map<String, Object>>) c.get("calls")) {
            String op = (String) call.get("op");
            if (op.equals("state")) continue;
            String what = c.get("name") + ", call " + index++ + " " + call.keySet().stream()
                    .filter(k -> !k.equals("out")).map(k -> k + "=" + call.get(k)).toList();
            Map<String, Object> out = (Map<String, Object>) call.get("out");
            DType dtype = dtype((String) out.get("dtype"));
            int n = ((Number) call.get("n")).intValue();
            Tensor t = Torch.zeros(new long[] {n}, dtype);
            Tensor r = switch (op) {
                case "exponential" -> g == null ? t.exponential_(num(call, "lambda")) : t.exponential_(num(call, "lambda"), g);
                case "geometric" -> g == null ? t.geometric_(num(call, "p")) : t.geometric_(num(call, "p"), g);
                case "cauchy" -> g == null ? t.cauchy_(num(call, "median"), num(call, "sigma"))
                        : t.cauchy_(num(call, "median"), num(call, "sigma"), g);
                case "log_normal" -> g == null ? t.logNormal_(num(call, "mean"), num(call, "std"))
                        : t.logNormal_(num(call, "mean"), num(call, "std"), g);
                case "randn" -> g == null ? t.normal_(0, 1) : t.normal_(0, 1, g);
                default -> throw new AssertionError("unknown op " + op);
            };
            assertTrue(r == t, what + ": returns the tensor itself");
            compare(what, out, t);
        }
    }

    private static double num(Map<String, Object> call, String key) {
        return ((Number) call.get(key)).doubleValue();
    }

    private static DType dtype(String name) {
        return switch (name) {
            case "float32" -> DType.FLOAT32;
            case "float64" -> DType.FLOAT64;
            case "int64" -> DType.INT64;
            case "int32" -> DType.INT32;
            default -> throw new AssertionError(name);
        };
    }

    @SuppressWarnings("unchecked")
    private static void compare(String what, Map<String, Object> out, Tensor actual) {
        if (out.containsKey("data")) { // integers
            long[] expected = ((List<Object>) out.get("data")).stream().mapToLong(o -> ((Number) o).longValue()).toArray();
            assertArrayEquals(expected, actual.to(DType.INT64).toLongArray(), what);
            return;
        }
        ByteBuffer b = ByteBuffer.wrap(Base64.getDecoder().decode((String) out.get("b64"))).order(ByteOrder.LITTLE_ENDIAN);
        double[] got = actual.to(DType.FLOAT64).toDoubleArray();
        boolean single = actual.dtype() == DType.FLOAT32;
        for (int i = 0; i < got.length; i++) {
            double e = single ? b.getFloat(i * 4) : b.getDouble(i * 8);
            double ulp = single ? Math.ulp((float) e) : Math.ulp(e);
            boolean same = e == got[i] || (Double.isNaN(e) && Double.isNaN(got[i])) || Math.abs(e - got[i]) <= 4 * ulp;
            if (!same) fail(what + ": element " + i + " is " + got[i] + ", PyTorch gives " + e);
        }
    }

    @Test
    void halfPrecisionGoesThroughFloatAsPyTorch() {
        // PyTorch casts the double sample to float, then to half: the same as float32 then a cast
        Tensor h = Torch.zeros(new long[] {64}, DType.FLOAT16).exponential_(2.0, new Generator().manualSeed(5));
        Tensor f = Torch.zeros(new long[] {64}, DType.FLOAT32).exponential_(2.0, new Generator().manualSeed(5));
        assertArrayEquals(f.to(DType.FLOAT16).to(DType.FLOAT64).toDoubleArray(), h.to(DType.FLOAT64).toDoubleArray());
    }

    @Test
    void errorsHavePyTorchsWording() {
        Tensor x = Torch.zeros(3);
        assertMessage("geometric_ expects p to be in (0, 1), but got p=0", () -> x.geometric_(0));
        assertMessage("geometric_ expects p to be in (0, 1), but got p=1", () -> x.geometric_(1.0));
        assertMessage("geometric_ expects p to be in (0, 1), but got p=1.5", () -> x.geometric_(1.5));
        assertMessage("exponential_ expects lambda >= 0.0, but found lambda=-1", () -> x.exponential_(-1));
        assertMessage("log_normal_ expects std > 0.0, but found std=0", () -> x.logNormal_(0, 0));
        assertMessage("log_normal_ expects std > 0.0, but found std=-1", () -> x.logNormal_(0, -1));
        Tensor l = Torch.zeros(new long[] {3}, DType.INT64);
        assertMessage("\"exponential_cpu\" not implemented for 'Long'", () -> l.exponential_(1));
        assertMessage("\"cauchy_cpu\" not implemented for 'Long'", () -> l.cauchy_(0, 1));
        assertMessage("\"log_normal_cpu\" not implemented for 'Long'", () -> l.logNormal_(0, 1));
        assertMessage("\"geometric_cpu\" not implemented for 'Bool'",
                () -> Torch.zeros(new long[] {3}, DType.BOOL).geometric_(0.5));
        // a failed call leaves the tensor and the generator as they were
        Generator g = new Generator().manualSeed(1);
        byte[] before = g.getState();
        assertThrows(IllegalArgumentException.class, () -> x.geometric_(2, g));
        assertArrayEquals(before, g.getState());
        assertArrayEquals(new double[3], x.to(DType.FLOAT64).toDoubleArray());
        // PyTorch's edge cases: rate 0 gives inf, scale 0 gives the median
        assertEquals(Double.POSITIVE_INFINITY, Torch.zeros(2).exponential_(0).sum().item());
        assertArrayEquals(new double[] {2, 2}, Torch.zeros(new long[] {2}, DType.FLOAT64).cauchy_(2, 0).toDoubleArray());
    }

    @Test
    void inPlaceOnALeafThatRequiresGradFails() {
        Tensor w = Torch.zeros(3).requiresGrad_(true);
        assertEquals("a leaf Variable that requires grad is being used in an in-place operation.",
                assertThrows(IllegalStateException.class, () -> w.exponential_(1)).getMessage());
    }

    private static void assertMessage(String message, org.junit.jupiter.api.function.Executable f) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, f).getMessage());
    }
}
