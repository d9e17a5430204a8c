package org.torch4j.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * float32 sin and cos within one ulp of the exact value (PyTorch 1.13's SLEEF kernels: 0.9): the quarter turns come
 * off as a float pair, so the reduced argument keeps its digits (rounded to one float, 0.7% of the values were 1-1.6
 * ulp off). Also near multiples of pi/2, beyond the vector range, at special values, and the same bits for a value
 * in the body of a tensor and in its last partial vector.
 */
class SinCosAccuracyTest {

    private static void assertWithinOneUlp(float[] x) {
        Tensor t = Torch.tensor(x);
        float[] sin = t.sin().toFloatArray(), cos = t.cos().toFloatArray();
        for (int i = 0; i < x.length; i++) {
            double s = StrictMath.sin(x[i]), c = StrictMath.cos(x[i]);
            assertTrue(Math.abs(sin[i] - s) <= Math.ulp((float) s), "sin(" + x[i] + ") = " + sin[i] + ", exact " + s);
            assertTrue(Math.abs(cos[i] - c) <= Math.ulp((float) c), "cos(" + x[i] + ") = " + cos[i] + ", exact " + c);
        }
    }

    @Test
    void randomArgumentsOfEveryScale() {
        Random r = new Random(41);
        for (double range : new double[] {1, 10, 100, 8192, 1e6}) {
            float[] x = new float[200_003];
            for (int i = 0; i < x.length; i++) x[i] = (float) ((r.nextDouble() * 2 - 1) * range);
            assertWithinOneUlp(x);
        }
    }

    @Test
    void argumentsNextToMultiplesOfHalfPi() {
        float[] x = new float[2 * 5200 * 21];
        int n = 0;
        for (int k = 1; k <= 5200; k++) {
            int bits = Float.floatToRawIntBits((float) (k * Math.PI / 2));
            for (int d = -10; d <= 10; d++) {
                x[n++] = Float.intBitsToFloat(bits + d);
                x[n++] = -Float.intBitsToFloat(bits + d);
            }
        }
        assertWithinOneUlp(x);
    }

    @Test
    void specialValuesAndTheLastPartialVector() {
        float[] x = {0f, -0f, Float.MIN_VALUE, -1e-30f, 0.7853982f, 1e-4f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 3e38f};
        float[] sin = Torch.tensor(x).sin().toFloatArray(), cos = Torch.tensor(x).cos().toFloatArray();
        assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(sin[1]), "sin(-0) is -0");
        assertEquals(0f, sin[0]);
        assertEquals(1f, cos[0]);
        assertEquals(Float.MIN_VALUE, sin[2]);
        for (int i = 6; i < 9; i++) assertTrue(Float.isNaN(sin[i]) && Float.isNaN(cos[i]), "sin and cos of " + x[i]);
        assertEquals((float) Math.sin(3e38f), sin[9]);
        // 0.3 in the body (positions 0..63) and in the tail (the 65th of 65)
        float[] body = new float[65];
        java.util.Arrays.fill(body, 0.3f);
        float[] s = Torch.tensor(body).sin().toFloatArray();
        assertEquals(Float.floatToRawIntBits(s[0]), Float.floatToRawIntBits(s[64]), "body and tail");
    }
}
