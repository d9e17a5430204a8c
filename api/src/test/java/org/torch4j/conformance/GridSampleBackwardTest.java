package org.torch4j.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.torch4j.Autograd;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.F;

/**
 * grid_sample's two backward paths agree: without {@code create_graph} the gradients come from the
 * backend's backward kernel where it has one; with it, from the differentiable composite. Every mode,
 * padding mode and alignCorners, float32 and float64, 2-d and 3-d, grid points well outside [-1, 1] and
 * exactly on the border, non-contiguous input and grid, and either operand alone requiring grad.
 * (PyTorch's own values are checked by {@link NnSpatialTest}.)
 */
class GridSampleBackwardTest {
    private static final String[] MODES = {"bilinear", "nearest", "bicubic"};
    private static final String[] PADDINGS = {"zeros", "border", "reflection"};

    @TestFactory
    Stream<DynamicTest> kernelMatchesComposite() {
        List<DynamicTest> tests = new ArrayList<>();
        for (int d = 2; d <= 3; d++) {
            for (String mode : MODES) {
                if (d == 3 && mode.equals("bicubic")) continue;
                for (String padding : PADDINGS) {
                    for (boolean align : new boolean[] {false, true}) {
                        for (DType dtype : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
                            int dims = d;
                            tests.add(DynamicTest.dynamicTest(dims + "d " + mode + " " + padding + " align=" + align + " " + dtype,
                                    () -> compare(dims, mode, padding, align, dtype)));
                        }
                    }
                }
            }
        }
        return tests.stream();
    }

    /** Same gradients through both paths, for both operands and for each alone. */
    private static void compare(int d, String mode, String padding, boolean align, DType dtype) {
        Torch.manualSeed(7 + d);
        // input stored channels-last and transposed back, grid stored with its last two dims swapped: neither contiguous
        long[] stored = d == 2 ? new long[] {2, 5, 6, 3} : new long[] {2, 4, 5, 3, 3};
        int[] back = d == 2 ? new int[] {0, 3, 1, 2} : new int[] {0, 4, 1, 2, 3};
        Tensor x = Torch.randn(stored).to(dtype).permute(back);
        long[] gridShape = d == 2 ? new long[] {2, 4, 7, 2} : new long[] {2, 3, 4, 2, 3};
        Tensor raw = Torch.rand(gridShape).to(dtype).mul(2.8).sub(1.4);
        // some points exactly on the corners' centres and edges, where border and reflection clip
        raw.select(1, 0).fill_(-1);
        raw.select(1, 1).fill_(1);
        Tensor grid = raw.transpose(-1, -2).contiguous().transpose(-1, -2);
        assertTrue(!x.isContiguous() && !grid.isContiguous());
        for (boolean[] want : new boolean[][] {{true, true}, {true, false}, {false, true}}) {
            Tensor[] fast = grads(x, grid, mode, padding, align, want, false);
            Tensor[] composite = grads(x, grid, mode, padding, align, want, true);
            for (int k = 0; k < 2; k++) {
                if (!want[k]) continue;
                assertNotNull(fast[k]);
                double tol = dtype == DType.FLOAT32 ? 1e-4 : 1e-10;
                assertTrue(fast[k].allclose(composite[k].detach(), tol, tol),
                        (k == 0 ? "input" : "grid") + " gradient: kernel " + fast[k] + " composite " + composite[k]);
            }
        }
    }

    private static Tensor[] grads(Tensor x, Tensor grid, String mode, String padding, boolean align, boolean[] want,
                                  boolean createGraph) {
        Tensor xs = x.detach().requiresGrad_(want[0]), gs = grid.detach().requiresGrad_(want[1]);
        Tensor y = F.gridSample(xs, gs, mode, padding, align);
        // the composite's nearest does not depend on the grid: with only the grid requiring grad, nothing is recorded
        if (!y.requiresGrad()) return new Tensor[] {null, Torch.zerosLike(grid)};
        Torch.manualSeed(3);
        Tensor gy = Torch.randn(y.shape()).to(y.dtype());
        List<Tensor> targets = new ArrayList<>();
        if (want[0]) targets.add(xs);
        if (want[1]) targets.add(gs);
        List<Tensor> r = Autograd.grad(List.of(y), targets, List.of(gy), createGraph, createGraph, true);
        Tensor[] out = new Tensor[2];
        int k = 0;
        if (want[0]) out[0] = r.get(k++);
        if (want[1]) out[1] = r.get(k);
        // nearest's grid gradient is PyTorch's zeros on either path
        if (want[1] && out[1] == null) out[1] = Torch.zerosLike(grid);
        return out;
    }

    /** The fast path's gradients still differentiate: the second derivative through create_graph is the composite's. */
    @Test
    void doubleBackwardThroughKernelPath() {
        Torch.manualSeed(11);
        Tensor x = Torch.randn(new long[] {1, 2, 4, 5}, DType.FLOAT64).requiresGrad_();
        Tensor grid = Torch.rand(new long[] {1, 3, 3, 2}, DType.FLOAT64).mul(2.4).sub(1.2).requiresGrad_();
        Tensor y = F.gridSample(x, grid, "bilinear", "border", false);
        Tensor gx = Autograd.grad(List.of(y.pow(2).sum()), List.of(grid), null, true, true, false).get(0);
        assertNotNull(gx.gradFn());
        Tensor second = Autograd.grad(List.of(gx.sum()), List.of(x), null, false, false, false).get(0);
        assertEquals(x.dim(), second.dim());
        assertTrue(second.abs().sum().item() > 0, "the grid gradient depends on the input");
    }
}
