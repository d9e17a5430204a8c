package org.torch4j.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.F;

/**
 * Softmax and log-softmax along the last dim of many float32 rows (the backend's fused lines, several rows per step):
 * every row gives the bits it gives alone, on one thread and two, and the values of the double-precision definition
 * within float's rounding bound; rows of -inf give NaN, a NaN fills its row with NaN, as in PyTorch.
 */
class SoftmaxRowsTest {

    @Test
    void manyRowsGiveEachRowsOwnBitsAndTheDefinitionsValues() {
        SplittableRandom random = new SplittableRandom(11);
        int[] lengths = {1, 2, 3, 4, 5, 7, 8, 15, 16, 17, 31, 32, 33, 63, 64, 65, 100, 256, 1000};
        int threads = Torch.getNumThreads();
        try {
            for (int n : lengths) {
                int rows = 4 * (1 + 3000 / n) + 3;
                float[] x = new float[rows * n];
                for (int i = 0; i < x.length; i++) x[i] = (float) (random.nextGaussian() * 4);
                x[n] = Float.NaN;                                         // row 1 all NaN
                for (int j = 0; j < n; j++) x[2 * n + j] = Float.NEGATIVE_INFINITY;   // row 2 all NaN too
                x[3 * n] = 1e30f;                                         // row 3: one term dominates
                Tensor t = Torch.tensor(x, rows, n);
                for (boolean log : new boolean[] {false, true}) {
                    float[][] alone = new float[rows][];
                    for (int r = 0; r < rows; r++) {
                        Tensor row = t.narrow(0, r, 1).contiguous();
                        alone[r] = (log ? F.logSoftmax(row, -1) : F.softmax(row, -1)).toFloatArray();
                    }
                    for (int th = 1; th <= 2; th++) {
                        Torch.setNumThreads(th);
                        float[] all = (log ? F.logSoftmax(t, -1) : F.softmax(t, -1)).toFloatArray();
                        for (int r = 0; r < rows; r++) {
                            checkRow(x, r, n, log, alone[r], all, th);
                        }
                    }
                }
            }
        } finally {
            Torch.setNumThreads(threads);
        }
    }

    private static void checkRow(float[] x, int r, int n, boolean log, float[] alone, float[] all, int threads) {
        double max = Double.NEGATIVE_INFINITY, sum = 0;
        for (int j = 0; j < n; j++) max = Math.max(max, x[r * n + j]);
        // x - max in float, as the kernels (and PyTorch's) subtract: the rest is checked to a few ulps
        for (int j = 0; j < n; j++) sum += Math.exp(x[r * n + j] - (float) max);
        for (int j = 0; j < n; j++) {
            String where = (log ? "log_softmax" : "softmax") + " row " + r + " element " + j + " of rows of " + n + " on " + threads + " threads";
            float v = all[r * n + j];
            assertEquals(Float.floatToIntBits(alone[j]), Float.floatToIntBits(v), where + ": " + v + " against the row alone " + alone[j]);
            double d = x[r * n + j] - (float) max;
            double expected = log ? d - Math.log(sum) : Math.exp(d) / sum;
            if (Double.isNaN(expected)) {
                assertEquals(Float.NaN, v, where);
            } else {
                // the float sum's rounding: its terms' (exp within 1 ulp) and its adds' (at most n / 8 into a lane, then
                // 16 lanes), relative; log-softmax subtracts its log, an absolute error of that size (the same
                // cancellation in PyTorch's), softmax divides by it
                double sumError = (n / 8 + 20) * Math.ulp(1f);
                double bound = log ? sumError + 2 * Math.ulp((float) Math.log(sum)) + 2 * Math.ulp((float) expected)
                        : sumError * Math.abs(expected) + 2 * Math.ulp((float) expected);
                assertEquals(expected, v, bound + 1e-30, where);
            }
        }
    }

    /**
     * The backward of many rows: each row's input gradient has the bits of that row's alone, on one thread and two, and
     * the definition's value (y (g - sum(g y)), or g - exp(y) sum(g) for log-softmax) within float rounding.
     */
    @Test
    void backwardOfManyRowsGivesEachRowsOwnBits() {
        SplittableRandom random = new SplittableRandom(12);
        int threads = Torch.getNumThreads();
        try {
            for (int n : new int[] {1, 3, 4, 7, 16, 17, 33, 64, 100, 1000}) {
                int rows = 4 * (1 + 2000 / n) + 3;
                float[] x = new float[rows * n], g = new float[rows * n];
                for (int i = 0; i < x.length; i++) {
                    x[i] = (float) (random.nextGaussian() * 3);
                    g[i] = (float) random.nextGaussian();
                }
                for (boolean log : new boolean[] {false, true}) {
                    float[][] alone = new float[rows][];
                    for (int r = 0; r < rows; r++) {
                        alone[r] = inputGradient(slice(x, r, n), slice(g, r, n), 1, n, log);
                    }
                    float[] y = (log ? F.logSoftmax(Torch.tensor(x, rows, n), -1) : F.softmax(Torch.tensor(x, rows, n), -1)).toFloatArray();
                    for (int th = 1; th <= 2; th++) {
                        Torch.setNumThreads(th);
                        float[] all = inputGradient(x, g, rows, n, log);
                        for (int r = 0; r < rows; r++) {
                            double s = 0, magnitude = 0;
                            for (int j = 0; j < n; j++) {
                                double term = log ? g[r * n + j] : (double) g[r * n + j] * y[r * n + j];
                                s += term;
                                magnitude += Math.abs(term);
                            }
                            for (int j = 0; j < n; j++) {
                                int i = r * n + j;
                                String where = (log ? "log_softmax" : "softmax") + " backward, row " + r + " element " + j + " of rows of " + n + " on " + th + " threads";
                                assertEquals(Float.floatToIntBits(alone[r][j]), Float.floatToIntBits(all[i]), where + ": " + all[i] + " against the row alone " + alone[r][j]);
                                double p = log ? Math.exp(y[i]) : y[i];
                                double expected = log ? g[i] - p * s : p * (g[i] - s);
                                // the float sum's rounding (at most n / 8 adds into a lane, then 16 lanes) and exp's ulp
                                double bound = Math.abs(p) * (n / 8 + 20) * Math.ulp((float) magnitude) + 4 * Math.ulp((float) expected) + 1e-30;
                                assertEquals(expected, all[i], bound, where);
                            }
                        }
                    }
                }
            }
        } finally {
            Torch.setNumThreads(threads);
        }
    }

    private static float[] slice(float[] a, int row, int n) {
        return java.util.Arrays.copyOfRange(a, row * n, row * n + n);
    }

    private static float[] inputGradient(float[] x, float[] g, int rows, int n, boolean log) {
        Tensor t = Torch.tensor(x, rows, n).requiresGrad_();
        (log ? F.logSoftmax(t, -1) : F.softmax(t, -1)).backward(Torch.tensor(g, rows, n));
        return t.grad().toFloatArray();
    }
}
