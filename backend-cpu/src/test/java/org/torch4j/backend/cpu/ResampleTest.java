package org.torch4j.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.torch4j.DType;
import org.torch4j.GradCheck;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.F;

/**
 * The one-pass resampling kernel ({@link Resample}) against each output element summed here tap by tap,
 * products and sums rounded in the dtype: along the last dim (gathered) and inner dims (whole rows), with
 * 2 and 4 taps, repeated and unordered indices, rows shorter and longer than a vector, enough outer lines
 * to split across threads, and an input at a storage offset.
 */
class ResampleTest {

    @Test
    void matchesTheTapSumsBitForBit() {
        Random rnd = new Random(5);
        for (DType t : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            for (int taps : new int[] {2, 4}) {
                for (int inner : new int[] {1, 3, 16, 37}) {
                    for (int[] lens : new int[][] {{5, 11}, {9, 70}, {40, 23}, {9, 9}}) {
                        int outer = inner == 1 ? 300 : 7, inLen = lens[0], outLen = lens[1];
                        int[][] index = new int[taps][outLen];
                        double[][] weight = new double[taps][outLen];
                        for (int k = 0; k < taps; k++) {
                            for (int j = 0; j < outLen; j++) {
                                index[k][j] = rnd.nextInt(inLen);
                                weight[k][j] = rnd.nextDouble() * 2 - 0.5;
                            }
                        }
                        // one extra outer line in front: the kernel reads the input at a storage offset
                        Tensor whole = Torch.randn(outer + 1, inLen, inner).to(t);
                        Tensor x = whole.narrow(0, 1, outer);
                        Tensor out = Torch.empty(new long[] {outer, outLen, inner}, t);
                        assertTrue(Resample.resample(x.strided(), out.strided(), index, weight));
                        String where = t + " taps " + taps + " inner " + inner + " " + inLen + " -> " + outLen;
                        assertArrayEquals(expected(x, index, weight, outLen, t), out.toDoubleArray(), where);
                    }
                }
            }
        }
    }

    @Test
    void interpolationThroughTheKernelHasTheCompositesGradients() {
        Torch.manualSeed(3);
        Tensor x3 = Torch.randn(new long[] {2, 2, 7}, DType.FLOAT64).requiresGrad_();
        Tensor x4 = Torch.randn(new long[] {1, 2, 5, 6}, DType.FLOAT64).requiresGrad_();
        Tensor x5 = Torch.randn(new long[] {1, 1, 3, 4, 5}, DType.FLOAT64).requiresGrad_();
        for (double scale : new double[] {2.5, 0.6}) {
            for (boolean align : new boolean[] {false, true}) {
                checkGradients(x3, "linear", scale, align);
                checkGradients(x4, "bilinear", scale, align);
                checkGradients(x4, "bicubic", scale, align);
                checkGradients(x5, "trilinear", scale, align);
            }
            checkGradients(x4, "nearest", scale, null);
            checkGradients(x4, "nearest-exact", scale, null);
        }
    }

    /** First derivatives against finite differences, then the backward's own derivatives (create_graph). */
    private static void checkGradients(Tensor x, String mode, double scale, Boolean align) {
        java.util.function.Function<Tensor[], Tensor> f = t -> F.interpolate(t[0], null, new double[] {scale}, mode, align);
        assertTrue(GradCheck.gradcheck(f, x), mode);
        assertTrue(GradCheck.gradgradcheck(f, x), mode);
    }

    @Test
    void declinesWhatItHasNoKernelFor() {
        int[][] index = {{0, 1}, {1, 1}};
        double[][] weight = {{0.5, 1}, {0.5, 0}};
        Tensor half = Torch.randn(2, 2, 3).to(DType.FLOAT16);
        assertFalse(Resample.resample(half.strided(), Torch.empty(new long[] {2, 2, 3}, DType.FLOAT16).strided(), index, weight));
        Tensor strided = Torch.randn(2, 3, 2).transpose(1, 2);
        assertFalse(Resample.resample(strided.strided(), Torch.empty(2, 2, 3).strided(), index, weight));
    }

    private static double[] expected(Tensor x, int[][] index, double[][] weight, int outLen, DType t) {
        int outer = (int) x.size(0), inLen = (int) x.size(1), inner = (int) x.size(2);
        double[] v = x.contiguous().toDoubleArray();
        double[] want = new double[outer * outLen * inner];
        for (int o = 0; o < outer; o++) {
            for (int j = 0; j < outLen; j++) {
                for (int i = 0; i < inner; i++) {
                    if (t == DType.FLOAT32) {
                        float s = 0;
                        for (int k = 0; k < index.length; k++) {
                            float p = (float) v[(o * inLen + index[k][j]) * inner + i] * (float) weight[k][j];
                            s = k == 0 ? p : s + p;
                        }
                        want[(o * outLen + j) * inner + i] = s;
                    } else {
                        double s = 0;
                        for (int k = 0; k < index.length; k++) {
                            double p = v[(o * inLen + index[k][j]) * inner + i] * weight[k][j];
                            s = k == 0 ? p : s + p;
                        }
                        want[(o * outLen + j) * inner + i] = s;
                    }
                }
            }
        }
        return want;
    }
}
