package org.torch4j.backend.cpu.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.DataInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;
import org.torch4j.backend.cpu.Simd;
import org.torch4j.spi.UnaryOp;

/** The SIMD transcendental kernels: accuracy against double-precision Java, and the same bits in every JIT tier. */
class VectorMathTest {

    /** Distance in units in the last place between two floats of the same sign (0 for equal bits, NaN = NaN). */
    static long ulps(float a, float b) {
        if (Float.isNaN(a) || Float.isNaN(b)) return Float.isNaN(a) && Float.isNaN(b) ? 0 : Long.MAX_VALUE;
        if (a == b) return 0;
        return Math.abs(ordered(a) - ordered(b));
    }

    private static long ordered(float f) {
        int bits = Float.floatToRawIntBits(f);
        return bits < 0 ? -(long) (bits & 0x7fffffff) : bits;
    }

    private static void assertAccurate(UnaryOp op, DoubleUnaryOperator exact, long maxUlps, float lo, float hi) {
        SplittableRandom random = new SplittableRandom(op.ordinal());
        float[] x = new float[200_003];
        for (int i = 0; i < x.length; i++) {
            // uniform in value on half the inputs, uniform in exponent on the other half (small magnitudes too)
            double magnitude = Math.exp(random.nextDouble(-103, Math.log(Math.max(-lo, hi))));
            x[i] = i % 2 == 0 ? (float) random.nextDouble(lo, hi)
                    : (float) (lo < 0 && random.nextBoolean() ? -magnitude : magnitude);
            x[i] = Math.min(hi, Math.max(lo, x[i]));
        }
        float[] y = VectorMathBits.run(op, x);
        long worst = 0;
        float worstX = 0;
        for (int i = 0; i < x.length; i++) {
            float want = (float) exact.applyAsDouble(x[i]);
            long d = ulps(y[i], want);
            if (d > worst) {
                worst = d;
                worstX = x[i];
            }
        }
        assertTrue(worst <= maxUlps, op + ": " + worst + " ulp at x = " + worstX + " (" + VectorMathBits.run(op, new float[] {worstX})[0]
                + " against " + (float) exact.applyAsDouble(worstX) + ")");
    }

    private static float one(UnaryOp op, float x) {
        float[] in = new float[33];
        java.util.Arrays.fill(in, x);
        float[] out = VectorMathBits.run(op, in);
        // the vector lanes and the masked tail agree
        for (float v : out) assertEquals(Float.floatToRawIntBits(out[0]), Float.floatToRawIntBits(v), op + "(" + x + ")");
        return out[0];
    }

    @Test
    void expAndLogAreWithinOneUlp() {
        assertAccurate(UnaryOp.EXP, Math::exp, 1, -104f, 89f);
        assertAccurate(UnaryOp.LOG, Math::log, 1, 0f, Float.MAX_VALUE);
        assertAccurate(UnaryOp.LOG, Math::log, 1, 0f, 1e-37f); // subnormals
        assertAccurate(UnaryOp.LOG, Math::log, 1, 0.5f, 2f);
    }

    @Test
    void derivedFunctionsAreWithinTwoUlps() {
        assertAccurate(UnaryOp.EXPM1, Math::expm1, 2, -20f, 20f);
        assertAccurate(UnaryOp.LOG1P, Math::log1p, 2, -0.999f, 1e6f);
        assertAccurate(UnaryOp.TANH, Math::tanh, 2, -12f, 12f);
        assertAccurate(UnaryOp.SIGMOID, x -> 1 / (1 + Math.exp(-x)), 2, -80f, 80f);
        assertAccurate(UnaryOp.SILU, x -> x / (1 + Math.exp(-x)), 2, -80f, 80f);
        assertAccurate(UnaryOp.ERF, ScalarMath::erf, 2, -6f, 6f);
        assertAccurate(UnaryOp.GELU, ScalarMath::gelu, 2, 0f, 80f);
    }

    @Test
    void activationsOnExpAndLogAreWithinTwoUlps() {
        DoubleUnaryOperator softplus = x -> x > 20 ? x : Math.log1p(Math.exp(x));
        assertAccurate(UnaryOp.SOFTPLUS, softplus, 2, -80f, 80f);
        assertAccurate(UnaryOp.LOG_SIGMOID, x -> Math.min(x, 0) - Math.log1p(Math.exp(-Math.abs(x))), 2, -80f, 80f);
        assertAccurate(UnaryOp.ELU, x -> x > 0 ? x : Math.expm1(x), 2, -20f, 20f);
        // mish's tanh flattens the error of its argument (tanh'(y) <= 1), but x tanh(y) rounds twice: 3 ulps
        assertAccurate(UnaryOp.MISH, x -> x * Math.tanh(Math.log1p(Math.exp(x))), 3, -80f, 80f);
        float[] x = {-3f, 0.5f, 30f};
        // softplus with beta 2 and threshold 10: log1p(exp(2x)) / 2 below 10 / 2, x above
        float[] y = VectorMathBits.run(UnaryOp.SOFTPLUS, x, new double[] {2, 10});
        assertEquals((float) (Math.log1p(Math.exp(-6)) / 2), y[0], 2 * Math.ulp(y[0]));
        assertEquals((float) (Math.log1p(Math.exp(1)) / 2), y[1], 2 * Math.ulp(y[1]));
        assertEquals(30f, y[2]);
        // SELU: scale 1.0507..., alpha 1.6732...; CELU(alpha 2): input scale 1 / 2
        y = VectorMathBits.run(UnaryOp.ELU, x, new double[] {1.6732632423543772, 1.0507009873554805, 1});
        assertEquals((float) (1.6732632423543772 * 1.0507009873554805 * Math.expm1(-3)), y[0], 2 * Math.ulp(y[0]));
        assertEquals((float) (1.0507009873554805 * 0.5), y[1], Math.ulp(y[1]));
        y = VectorMathBits.run(UnaryOp.ELU, x, new double[] {2, 1, 0.5});
        assertEquals((float) (2 * Math.expm1(-1.5)), y[0], 2 * Math.ulp(y[0]));
    }

    /** Rounding, sign and the hard activations are exact: the same bits as Math's functions on every input class. */
    @Test
    void exactFunctionsMatchMathBitForBit() {
        float[] x = VectorMathBits.inputs();
        float[] more = {0.5f, -0.5f, 1.5f, 2.5f, -2.5f, 4194304.5f, -4194303.5f, 8388607.5f, 8388608f, -8388609f,
            1e20f, -1e-20f, 0.49999997f, -3f, 3f, -2.9999998f, 6f};
        x = java.util.Arrays.copyOf(x, x.length + more.length);
        System.arraycopy(more, 0, x, x.length - more.length, more.length);
        Map<UnaryOp, java.util.function.Function<Float, Float>> exact = Map.of(
                UnaryOp.ROUND, v -> (float) Math.rint(v),
                UnaryOp.FLOOR, v -> (float) Math.floor(v),
                UnaryOp.CEIL, v -> (float) Math.ceil(v),
                UnaryOp.TRUNC, v -> (float) (v < 0 ? Math.ceil(v) : Math.floor(v)),
                UnaryOp.FRAC, v -> v - (float) (v < 0 ? Math.ceil(v) : Math.floor(v)),
                UnaryOp.SIGN, v -> v > 0 ? 1f : v < 0 ? -1f : 0f,
                UnaryOp.HARDSIGMOID, v -> Math.min(Math.max(v + 3f, 0f), 6f) / 6f,
                UnaryOp.HARDSWISH, v -> v * Math.min(Math.max(v + 3f, 0f), 6f) / 6f);
        for (var e : exact.entrySet()) {
            float[] y = VectorMathBits.run(e.getKey(), x);
            for (int i = 0; i < x.length; i++) {
                float want = e.getValue().apply(x[i]);
                assertEquals(Float.floatToIntBits(want), Float.floatToIntBits(y[i]), e.getKey() + "(" + x[i] + ") = " + y[i] + ", want " + want);
            }
        }
    }

    /** Below 0, 1 + erf(x / sqrt 2) cancels, as in PyTorch's GELU: the error is absolute, a few 1e-8 of |x|. */
    @Test
    void geluLeftTailHasPyTorchsAbsoluteError() {
        float[] x = new float[10_001];
        for (int i = 0; i < x.length; i++) x[i] = -i * 0.002f;
        float[] y = VectorMathBits.run(UnaryOp.GELU, x);
        for (int i = 0; i < x.length; i++) {
            double want = ScalarMath.gelu(x[i]);
            assertTrue(Math.abs(y[i] - want) <= 6e-8 * Math.abs(x[i]), "gelu(" + x[i] + ") = " + y[i] + ", want " + want);
        }
    }

    @Test
    void sinAndCosAreWithinTwoUlpsOnTheirRange() {
        assertAccurate(UnaryOp.SIN, Math::sin, 2, -10f, 10f);
        assertAccurate(UnaryOp.COS, Math::cos, 2, -10f, 10f);
        assertAccurate(UnaryOp.SIN, Math::sin, 2, -8192f, 8192f);
        assertAccurate(UnaryOp.COS, Math::cos, 2, -8192f, 8192f);
        assertAccurate(UnaryOp.SIN, Math::sin, 1, -1e30f, 1e30f); // mostly beyond 8192: Math's, exactly
    }

    @Test
    void edgesAreIeeeAndPyTorchs() {
        assertEquals(1f, one(UnaryOp.EXP, 0f));
        assertEquals(0f, one(UnaryOp.EXP, Float.NEGATIVE_INFINITY));
        assertEquals(Float.POSITIVE_INFINITY, one(UnaryOp.EXP, Float.POSITIVE_INFINITY));
        assertEquals(Float.POSITIVE_INFINITY, one(UnaryOp.EXP, 88.73f));
        assertEquals(Float.MIN_VALUE, one(UnaryOp.EXP, -103.2789f)); // the smallest subnormal
        assertEquals(0f, one(UnaryOp.EXP, -104f));
        assertEquals(Float.NaN, one(UnaryOp.EXP, Float.NaN));
        assertEquals(0f, one(UnaryOp.LOG, 1f));
        assertEquals(Float.NEGATIVE_INFINITY, one(UnaryOp.LOG, 0f));
        assertEquals(Float.NEGATIVE_INFINITY, one(UnaryOp.LOG, -0f));
        assertEquals(Float.NaN, one(UnaryOp.LOG, -1f));
        assertEquals(Float.NaN, one(UnaryOp.LOG, Float.NEGATIVE_INFINITY));
        assertEquals(Float.POSITIVE_INFINITY, one(UnaryOp.LOG, Float.POSITIVE_INFINITY));
        assertEquals(Float.NaN, one(UnaryOp.LOG, Float.NaN));
        assertEquals((float) Math.log(Float.MIN_VALUE), one(UnaryOp.LOG, Float.MIN_VALUE));
        assertEquals(-0f, one(UnaryOp.EXPM1, -0f));
        assertEquals(-1f, one(UnaryOp.EXPM1, Float.NEGATIVE_INFINITY));
        assertEquals(1e-10f, one(UnaryOp.EXPM1, 1e-10f));
        assertEquals(-0f, one(UnaryOp.LOG1P, -0f));
        assertEquals(Float.NEGATIVE_INFINITY, one(UnaryOp.LOG1P, -1f));
        assertEquals(Float.NaN, one(UnaryOp.LOG1P, -2f));
        assertEquals(Float.POSITIVE_INFINITY, one(UnaryOp.LOG1P, Float.POSITIVE_INFINITY));
        assertEquals(1e-10f, one(UnaryOp.LOG1P, 1e-10f));
        assertEquals(-0f, one(UnaryOp.TANH, -0f));
        assertEquals(1f, one(UnaryOp.TANH, Float.POSITIVE_INFINITY));
        assertEquals(-1f, one(UnaryOp.TANH, Float.NEGATIVE_INFINITY));
        assertEquals(-1f, one(UnaryOp.TANH, -10f));
        assertEquals(Float.NaN, one(UnaryOp.TANH, Float.NaN));
        assertEquals(0f, one(UnaryOp.SIGMOID, Float.NEGATIVE_INFINITY));
        assertEquals(1f, one(UnaryOp.SIGMOID, Float.POSITIVE_INFINITY));
        assertEquals(Float.NaN, one(UnaryOp.SILU, Float.NEGATIVE_INFINITY)); // x / (1 + e^-x), as PyTorch's kernel
        assertEquals(-0f, one(UnaryOp.SIN, -0f));
        assertEquals(-0f, one(UnaryOp.ERF, -0f));
        assertEquals(1f, one(UnaryOp.ERF, 3.96f));
        assertEquals(-1f, one(UnaryOp.ERF, Float.NEGATIVE_INFINITY));
        assertEquals(Float.NaN, one(UnaryOp.ERF, Float.NaN));
        assertEquals(Float.POSITIVE_INFINITY, one(UnaryOp.GELU, Float.POSITIVE_INFINITY));
        assertEquals(1f, one(UnaryOp.COS, -0f));
        assertEquals(Float.NaN, one(UnaryOp.SIN, Float.POSITIVE_INFINITY));
        assertEquals(Float.NaN, one(UnaryOp.COS, Float.NEGATIVE_INFINITY));
        assertEquals(Float.NaN, one(UnaryOp.SIN, Float.NaN));
        assertEquals((float) Math.sin(1e5f), one(UnaryOp.SIN, 1e5f));
    }

    /**
     * The reason these kernels exist: an interpreted JVM ({@code -Xint}) and this one, with the loops
     * compiled by C2, give the same bits. With {@code lanewise(EXP)} about 4% of lanes differed.
     */
    @Test
    void interpretedAndCompiledGiveTheSameBits() throws Exception {
        assumeTrue(Simd.ENABLED, "the Vector API is not enabled in this run (the scalar kernels are tier-independent)");
        for (int i = 0; i < 400; i++) VectorMathBits.bits(); // warm up: C2 compiles the loops
        int[] compiled = VectorMathBits.bits();

        Path file = Files.createTempFile("vector-math", ".bits");
        try {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xint", "--add-modules=jdk.incubator.vector", "-cp", System.getProperty("java.class.path"),
                    VectorMathBits.class.getName(), file.toString()));
            Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
            String log = new String(child.getInputStream().readAllBytes());
            assertTrue(child.waitFor(120, TimeUnit.SECONDS), "the -Xint JVM did not finish");
            assertEquals(0, child.exitValue(), log);
            try (DataInputStream in = new DataInputStream(Files.newInputStream(file))) {
                int n = VectorMathBits.inputs().length;
                for (int i = 0; i < compiled.length; i++) {
                    int interpreted = in.readInt();
                    if (interpreted != compiled[i]) {
                        String what = i / n < VectorMathBits.UNARY.size() ? VectorMathBits.UNARY.get(i / n).toString() : "POW";
                        throw new AssertionError(what + " of " + VectorMathBits.inputs()[i % n] + ": interpreted "
                                + Float.intBitsToFloat(interpreted) + ", compiled " + Float.intBitsToFloat(compiled[i]));
                    }
                }
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
