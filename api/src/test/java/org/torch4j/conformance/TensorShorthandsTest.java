package org.torch4j.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * The one-dimension forms of the reductions ({@code x.sum(1, keepdim=True)}, {@code x.std(0)}, {@code x.argmax(1)},
 * ...): PyTorch's defaults (keepdim false, the unbiased correction 1, largest and sorted for topk, ascending sort),
 * checked on values small enough to work out by hand.
 */
class TensorShorthandsTest {
    private final Tensor x = Torch.tensor(new double[][] {{1, 2}, {3, 5}});

    private static void assertValues(double[] want, long[] shape, Tensor got) {
        assertArrayEquals(shape, got.shape());
        assertArrayEquals(want, got.toDoubleArray(), 1e-12);
    }

    @Test
    void keepdimForms() {
        assertValues(new double[] {3, 8}, new long[] {2, 1}, x.sum(1, true));
        assertValues(new double[] {4, 7}, new long[] {2}, x.sum(0, false));
        assertValues(new double[] {2, 3.5}, new long[] {1, 2}, x.mean(0, true));
        assertValues(new double[] {3, 5}, new long[] {1, 2}, x.amax(0, true));
        assertValues(new double[] {1, 3}, new long[] {2, 1}, x.amin(1, true));
        assertValues(new double[] {2 + Math.log1p(Math.exp(-1)), 5 + Math.log1p(Math.exp(-2))}, new long[] {2, 1}, x.logsumexp(1, true));
    }

    @Test
    void droppedDimensionForms() {
        assertValues(new double[] {Math.sqrt(2), Math.sqrt(4.5)}, new long[] {2}, x.std(0));
        assertValues(new double[] {0.5, 2}, new long[] {2, 1}, x.var(1, true));
        assertValues(new double[] {0.5, 2}, new long[] {2}, x.var(1));
        assertValues(new double[] {Math.sqrt(2), Math.sqrt(4.5)}, new long[] {1, 2}, x.std(0, true));
        assertValues(new double[] {1, 1}, new long[] {2}, x.argmax(1));
        assertValues(new double[] {0, 0}, new long[] {2}, x.argmin(0));
        assertValues(new double[] {2, 15}, new long[] {2}, x.prod(1));
        assertValues(new double[] {Math.sqrt(5), Math.sqrt(34)}, new long[] {2}, x.norm(2, 1));
        assertValues(new double[] {3, 5}, new long[] {1, 2}, x.topk(1, 0).values());
        Tensor y = Torch.tensor(new double[][] {{3, 1}, {1, 2}});
        assertValues(new double[] {1, 1, 3, 2}, new long[] {2, 2}, y.sort(0).values());
        assertValues(new double[] {1, 0, 0, 1}, new long[] {2, 2}, y.sort(0).indices());
    }
}
