package org.torch4j.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.func.Func;
import org.torch4j.nn.F;

/**
 * The backward formulas that skip work (x * x as one gradient 2 g x, mean's gradient divided before it is expanded, a
 * difference's second gradient only where it is needed) give the gradients of the plain rules: the same bits as
 * g x + g x, a leaf gradient that is a dense tensor of its own, second derivatives through createGraph.
 */
class BackwardShortcutsTest {

    @Test
    void squareGivesTwiceTheProductAndItsSecondDerivative() {
        Torch.manualSeed(3);
        Tensor x = Torch.randn(37, 19).requiresGrad_(), g = Torch.randn(37, 19);
        x.mul(x).backward(g);
        Tensor xd = x.detach();
        Tensor plain = g.mul(xd).add(g.mul(xd));
        assertArrayEquals(plain.toFloatArray(), x.grad().toFloatArray(), 0f);
        // d/dx of sum(2 x) = 2, through the recorded gradient
        Tensor v = Torch.randn(new long[] {5, 3}, DType.FLOAT64).requiresGrad_();
        Func.grad((Tensor t) -> t.mul(t).sum()).apply(v).sum().backward();
        assertArrayEquals(Torch.full(new long[] {5, 3}, 2.0, DType.FLOAT64).toDoubleArray(), v.grad().toDoubleArray(), 0);
    }

    @Test
    void meanLossGradientsAreDenseAndOnlyWhereNeeded() {
        Torch.manualSeed(4);
        Tensor x = Torch.randn(64, 33).requiresGrad_(), target = Torch.randn(64, 33);
        F.mseLoss(x, target).backward();
        Tensor expected = x.detach().sub(target).mul(2.0 / (64 * 33));
        assertArrayEquals(expected.toFloatArray(), x.grad().toFloatArray(), 1e-7f);
        assertNull(target.grad(), "the target needs no gradient");
        // the leaf's gradient is its own dense tensor, which in-place ops may change
        x.grad().mul_(2.0);
        assertEquals(2 * expected.sum().item(), x.grad().sum().item(), 1e-5);
        Tensor y = Torch.randn(3, 4).requiresGrad_();
        y.mean().backward();
        assertArrayEquals(Torch.full(new long[] {3, 4}, 1.0 / 12).toFloatArray(), y.grad().toFloatArray(), 0f);
        y.grad().add_(1.0);
    }
}
