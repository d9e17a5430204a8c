package org.torch4j.backend.cpu.kernels;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.torch4j.spi.BinaryOp;
import org.torch4j.spi.UnaryOp;

/**
 * The float kernels whose SIMD loops compute transcendental functions, run over a fixed set of inputs;
 * {@code main} writes the output bits to a file, so that a JVM started with {@code -Xint} can be
 * compared with a warmed-up one (VectorMathTest).
 */
final class VectorMathBits {
    static final List<UnaryOp> UNARY = List.of(UnaryOp.EXP, UnaryOp.EXPM1, UnaryOp.LOG, UnaryOp.LOG1P,
            UnaryOp.TANH, UnaryOp.SIGMOID, UnaryOp.SILU, UnaryOp.GELU_TANH, UnaryOp.SIN, UnaryOp.COS, UnaryOp.ERF, UnaryOp.GELU,
            UnaryOp.SOFTPLUS, UnaryOp.LOG_SIGMOID, UnaryOp.MISH, UnaryOp.ELU, UnaryOp.HARDSIGMOID, UnaryOp.HARDSWISH,
            UnaryOp.SIGN, UnaryOp.ROUND, UnaryOp.FLOOR, UnaryOp.CEIL, UnaryOp.TRUNC, UnaryOp.FRAC);

    /** 4099 values (not a multiple of any vector length, so that the tail runs too) over [-90, 90], and some specials. */
    static float[] inputs() {
        SplittableRandom random = new SplittableRandom(17);
        float[] x = new float[4099];
        for (int i = 0; i < x.length; i++) {
            double scale = Math.pow(10, random.nextInt(-6, 2));
            x[i] = (float) (random.nextDouble(-1, 1) * scale * 9);
        }
        float[] special = {0f, -0f, 1f, -1f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
            Float.MIN_VALUE, Float.MIN_NORMAL, Float.MAX_VALUE, 88.7f, -103f, 0.625f, 0.5f, 8192f, -8192.5f, 1e5f};
        System.arraycopy(special, 0, x, 0, special.length);
        return x;
    }

    static float[] run(UnaryOp op, float[] x) {
        // the parameterised kernels with PyTorch's defaults (softplus: beta 1, threshold 20; ELU: alpha, scale, input scale 1)
        double[] p = switch (op) {
            case SOFTPLUS -> new double[] {1, 20};
            case ELU -> new double[] {1, 1, 1};
            default -> null;
        };
        return run(op, x, p);
    }

    static float[] run(UnaryOp op, float[] x, double[] p) {
        float[] out = new float[x.length];
        FloatKernels.unary(op).apply(x.length, out, 0, x, 0, p);
        return out;
    }

    static float[] pow(float[] x, float[] y) {
        float[] out = new float[x.length];
        FloatKernels.binary(BinaryOp.POW).apply(x.length, out, 0, x, 0, y, 0, null);
        return out;
    }

    /** Every kernel's output bits for {@link #inputs}, in order: UNARY, then pow by 2 and by 1.5 (NaN as one pattern: its payload may differ). */
    static int[] bits() {
        float[] x = inputs();
        int n = x.length;
        int[] all = new int[(UNARY.size() + 2) * n];
        int k = 0;
        for (UnaryOp op : UNARY) {
            for (float v : run(op, x)) all[k++] = Float.floatToIntBits(v);
        }
        float[] two = new float[n], threeHalves = new float[n];
        java.util.Arrays.fill(two, 2f);
        java.util.Arrays.fill(threeHalves, 1.5f);
        for (float v : pow(x, two)) all[k++] = Float.floatToIntBits(v);
        for (float v : pow(x, threeHalves)) all[k++] = Float.floatToIntBits(v);
        return all;
    }

    public static void main(String[] args) throws IOException {
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(Path.of(args[0])))) {
            for (int b : bits()) out.writeInt(b);
        }
    }
}
