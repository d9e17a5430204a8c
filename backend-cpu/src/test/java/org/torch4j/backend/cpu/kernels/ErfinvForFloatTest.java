package org.torch4j.backend.cpu.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The float kernel's erfinv (Giles' start and one Newton step) rounds to the same float as the double-precision
 * erfinv (Winitzki's start, Newton to an ulp), across the central range, the tails near +-1 where erfc takes over,
 * tiny inputs and the edges.
 */
class ErfinvForFloatTest {

    @Test
    void roundsToTheDoublePrecisionResult() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 300_000; i++) {
            double u = random.nextDouble();
            float y = switch (i % 3) {
                case 0 -> (float) (2 * u - 1);                               // the central range
                case 1 -> (float) (1 - Math.pow(2, -24 * u));                 // the tails, down to 1 - 2^-24
                default -> (float) Math.pow(10, -38 * u);                     // tiny inputs
            };
            if (random.nextBoolean()) y = -y;
            assertEquals((float) ScalarMath.erfinv(y), (float) ScalarMath.erfinvForFloat(y), "erfinv(" + y + ")");
        }
        for (float y : new float[] {0f, -0f, 1f, -1f, Math.nextDown(1f), -Math.nextDown(1f), Float.MIN_VALUE, 0.5f, 1.5f, Float.NaN}) {
            assertEquals((float) ScalarMath.erfinv(y), (float) ScalarMath.erfinvForFloat(y), "erfinv(" + y + ")");
        }
    }
}
