package org.torch4j.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * A leaf keeps the gradient a backward pass made without copying it (as PyTorch steals one no one else holds), but
 * never memory another tensor can see: the caller's grad_output, a gradient another leaf received, one a hook saw.
 * Each case writes into one tensor and checks that the others did not change.
 */
class GradAccumulationTest {

    @Test
    void twoLeavesGivenTheSameGradientGetTheirOwn() {
        Tensor a = Torch.ones(new long[] {3}, DType.FLOAT64).requiresGrad_(true);
        Tensor b = Torch.ones(new long[] {3}, DType.FLOAT64).requiresGrad_(true);
        a.add(b).sum().backward();  // AddBackward passes one gradient to both
        a.grad().add_(5.0);
        assertArrayEquals(new double[] {1, 1, 1}, b.grad().toDoubleArray());
        assertArrayEquals(new double[] {6, 6, 6}, a.grad().toDoubleArray());
    }

    @Test
    void theCallersGradOutputIsCopied() {
        Tensor x = Torch.ones(new long[] {3}, DType.FLOAT64).requiresGrad_(true);
        Tensor g = Torch.tensor(new double[] {1, 2, 3});
        x.clone().backward(g);      // passes g through unchanged
        x.grad().add_(10.0);
        assertArrayEquals(new double[] {1, 2, 3}, g.toDoubleArray());
        x.clone().backward(g);      // accumulates in place into x.grad, still not into g
        assertArrayEquals(new double[] {1, 2, 3}, g.toDoubleArray());
        assertArrayEquals(new double[] {12, 14, 16}, x.grad().toDoubleArray());
    }

    @Test
    void aGradientAHookSawIsCopied() {
        Tensor x = Torch.ones(new long[] {3}, DType.FLOAT64).requiresGrad_(true);
        Tensor[] seen = new Tensor[1];
        Tensor y = x.clone();       // CloneBackward hands the hook's tensor on to x unchanged
        y.registerHook(g -> {
            seen[0] = g;
            return null;
        });
        y.mul(Torch.tensor(new double[] {1, 2, 3})).sum().backward();  // a fresh [1, 2, 3] reaches the hook
        x.grad().add_(100.0);
        assertArrayEquals(new double[] {1, 2, 3}, seen[0].toDoubleArray());
    }

    @Test
    void accumulationAcrossPassesAddsUp() {
        Tensor w = Torch.ones(new long[] {2, 2}, DType.FLOAT64).requiresGrad_(true);
        for (int i = 0; i < 3; i++) w.mul(Torch.tensor(new double[] {1, 2, 3, 4}, 2, 2)).sum().backward();
        assertArrayEquals(new double[] {3, 6, 9, 12}, w.grad().toDoubleArray());
    }
}
