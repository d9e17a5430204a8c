package org.torch4j.backend.cpu.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The double-precision erf and erfc against mpmath at 4,000 points (tools/gen_erf_table.py): small, central,
 * halfway between the expansion's grid points, tiny, and erfc's far tail (its continued fraction rounds once per
 * step: up to 8 ulps there; 700 before x squared's rounding error was put back); both signs.
 */
class ErfTest {

    @Test
    void withinTwoUlpsOfMpmathAndEightInErfcsFarTail() throws IOException {
        double worstErf = 0, worstErfc = 0, worstTail = 0;
        int rows = 0;
        try (var in = new BufferedReader(new InputStreamReader(ErfTest.class.getResourceAsStream("/erf_mpmath.csv"), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                if (line.startsWith("#")) continue;
                String[] f = line.split(",");
                double x = Double.parseDouble(f[0]), erf = Double.parseDouble(f[1]), erfc = Double.parseDouble(f[2]);
                double e = ulps(ScalarMath.erf(x), erf), c = ulps(ScalarMath.erfc(x), erfc);
                assertTrue(e <= 2, "erf(" + x + ") = " + ScalarMath.erf(x) + ", mpmath " + erf);
                // beyond 6, erfc's continued fraction: a rounding per step of the product
                assertTrue(c <= (Math.abs(x) < 6 ? 2 : 8), "erfc(" + x + ") = " + ScalarMath.erfc(x) + ", mpmath " + erfc);
                worstErf = Math.max(worstErf, e);
                if (Math.abs(x) < 6) worstErfc = Math.max(worstErfc, c); else worstTail = Math.max(worstTail, c);
                rows++;
            }
        }
        assertEquals(4000, rows);
        System.out.printf("erf within %.2f ulp, erfc within %.2f ulp (beyond 6 %.2f) of mpmath%n", worstErf, worstErfc, worstTail);
    }

    @Test
    void edges() {
        assertEquals(0.0, ScalarMath.erf(0.0));
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(ScalarMath.erf(-0.0)));
        assertEquals(1.0, ScalarMath.erf(Double.POSITIVE_INFINITY));
        assertEquals(-1.0, ScalarMath.erf(Double.NEGATIVE_INFINITY));
        assertEquals(1.0, ScalarMath.erf(6.0));
        assertEquals(0.0, ScalarMath.erfc(Double.POSITIVE_INFINITY));
        assertEquals(2.0, ScalarMath.erfc(Double.NEGATIVE_INFINITY));
        assertEquals(1.0, ScalarMath.erfc(0.0));
        assertTrue(Double.isNaN(ScalarMath.erf(Double.NaN)) && Double.isNaN(ScalarMath.erfc(Double.NaN)));
    }

    private static double ulps(double got, double want) {
        if (got == want) return 0;
        return Math.abs(got - want) / Math.ulp(want);
    }
}
