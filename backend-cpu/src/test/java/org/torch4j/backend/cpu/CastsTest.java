package org.torch4j.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * Dense conversions ({@link Casts}: typed loops, SIMD lanes for bfloat16 and floats to integers) give the general
 * path's values bit for bit: each pair converted from a dense source and from the same values at stride 2 (which
 * goes through {@link Convert}'s blocks), with NaN, infinities, both zeros, values beyond every integer type,
 * bfloat16 rounding ties and float16 overflow, at lengths that leave a scalar tail.
 */
class CastsTest {

    private static final float[] SPECIAL = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0f, -0f, 0.5f,
        -0.5f, 2.5f, -2.5f, 255.7f, -1.5f, 1e10f, -1e10f, 3e9f, -3e9f, 0x1p31f, -0x1p31f, 0x1p63f, -0x1p63f, 9.3e18f,
        1.00390625f, 1.01171875f, -1.00390625f, 65504f, 65520f, 1e-8f, Float.MIN_VALUE, Float.MAX_VALUE, 128f, -129f};

    private static final List<DType> FROM_FLOAT = List.of(DType.FLOAT64, DType.FLOAT16, DType.BFLOAT16, DType.INT32,
            DType.INT64, DType.BOOL, DType.UINT8, DType.INT8, DType.INT16);

    @Test
    void floatSourcesMatchTheGeneralPath() {
        for (int n : new int[] {1, 7, 16, 33, 1000, 4099}) {
            float[] v = values(n, 1);
            Tensor dense = Torch.tensor(v, n);
            for (DType from : List.of(DType.FLOAT32, DType.FLOAT64)) {
                Tensor x = dense.to(from);
                for (DType to : FROM_FLOAT) {
                    if (to == from) continue;
                    check(x, to, from + " -> " + to + " of " + n);
                }
            }
        }
    }

    @Test
    void otherSourcesMatchTheGeneralPath() {
        for (int n : new int[] {1, 7, 16, 33, 1000, 4099}) {
            SplittableRandom r = new SplittableRandom(n);
            long[] big = new long[n];
            for (int i = 0; i < n; i++) big[i] = i % 3 == 0 ? r.nextLong() : r.nextLong(-300, 300);
            Tensor longs = Torch.tensor(big, n);
            float[] v = values(n, 2);
            Tensor floats = Torch.tensor(v, n);
            List<Tensor> sources = List.of(longs, longs.to(DType.INT32), longs.to(DType.UINT8), longs.to(DType.INT8),
                    longs.to(DType.BOOL), floats.to(DType.FLOAT16), floats.to(DType.BFLOAT16));
            for (Tensor x : sources) {
                for (DType to : List.of(DType.FLOAT32, DType.FLOAT64, DType.INT64, DType.INT32)) {
                    if (to == x.dtype()) continue;
                    check(x, to, x.dtype() + " -> " + to + " of " + n);
                }
            }
        }
    }

    @Test
    void knownValues() {
        Tensor x = Torch.tensor(new float[] {Float.NaN, 3e9f, -2.7f, 1.00390625f, 1.01171875f, 0.1f}, 6);
        assertArrayEquals(new int[] {Integer.MIN_VALUE, Integer.MIN_VALUE, -2, 1, 1, 0}, x.to(DType.INT32).toIntArray());
        assertArrayEquals(new long[] {Long.MIN_VALUE, 3000000000L, -2, 1, 1, 0}, x.to(DType.INT64).toLongArray());
        // bfloat16 rounds ties to even: 1 + 2^-8 down to 1, 1 + 3 * 2^-8 up to 1 + 2^-6
        float[] bf = x.to(DType.BFLOAT16).to(DType.FLOAT32).toFloatArray();
        assertEquals(1f, bf[3]);
        assertEquals(1.015625f, bf[4]);
        assertEquals(0.10009765625f, bf[5]);
        assertArrayEquals(new long[] {1, 1, 1, 1, 1, 1}, x.to(DType.BOOL).toLongArray());
        Tensor u8 = Torch.tensor(new long[] {0, 127, 128, 255}, 4).to(DType.UINT8);
        assertArrayEquals(new float[] {0, 127, 128, 255}, u8.to(DType.FLOAT32).toFloatArray());
    }

    private static float[] values(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = i % 4 == 0 ? SPECIAL[r.nextInt(SPECIAL.length)] : (float) (r.nextGaussian() * Math.pow(10, r.nextInt(-3, 6)));
        }
        return v;
    }

    /** x.to(to) from a dense x and from x's values at stride 2, compared as bits (16-bit floats through float32, exactly). */
    private static void check(Tensor x, DType to, String what) {
        Tensor strided = Torch.stack(List.of(x, x), 1).select(1, 0);
        Tensor fast = x.to(to), general = strided.to(to);
        assertEquals(to, fast.dtype(), what);
        if (to.isFloatingPoint()) {
            double[] fd = fast.to(DType.FLOAT64).toDoubleArray(), gd = general.to(DType.FLOAT64).toDoubleArray();
            for (int i = 0; i < fd.length; i++) {
                assertEquals(Double.doubleToLongBits(gd[i]), Double.doubleToLongBits(fd[i]), what + " at " + i + ": " + fd[i] + " against " + gd[i]);
            }
        } else {
            assertArrayEquals(general.toLongArray(), fast.toLongArray(), what);
        }
    }
}
