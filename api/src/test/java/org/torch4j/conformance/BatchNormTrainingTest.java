package org.torch4j.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.torch4j.DType;
import org.torch4j.GradCheck;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.F;

/**
 * Training-mode batch norm's single node (closed-form backward; values against PyTorch are {@code NnLayerTest}'s
 * batchnorm cases): first and second derivatives by finite differences, with and without the affine parameters and
 * for a 3-d input, and PyTorch's node name.
 */
class BatchNormTrainingTest {

    @Test
    void firstAndSecondDerivatives() {
        Torch.manualSeed(5);
        Tensor x = Torch.randn(new long[] {3, 2, 2, 3}, DType.FLOAT64).requiresGrad_(true);
        Tensor w = Torch.randn(new long[] {2}, DType.FLOAT64).requiresGrad_(true);
        Tensor b = Torch.randn(new long[] {2}, DType.FLOAT64).requiresGrad_(true);
        assertTrue(GradCheck.gradcheck(in -> F.batchNorm(in[0], null, null, in[1], in[2], true, 0.1, 1e-5), x, w, b));
        assertTrue(GradCheck.gradgradcheck(in -> F.batchNorm(in[0], null, null, in[1], in[2], true, 0.1, 1e-5), x, w, b));
        assertTrue(GradCheck.gradgradcheck(in -> F.batchNorm(in[0], null, null, null, null, true, 0.1, 1e-5), x));
        Tensor x3 = Torch.randn(new long[] {4, 3, 2}, DType.FLOAT64).requiresGrad_(true);
        assertTrue(GradCheck.gradgradcheck(in -> F.batchNorm(in[0], null, null, in[1], null, true, 0.1, 1e-3), x3,
                Torch.randn(new long[] {3}, DType.FLOAT64).requiresGrad_(true)));
        assertEquals("NativeBatchNormBackward0", F.batchNorm(x, null, null, w, b, true, 0.1, 1e-5).gradFn().name());
    }
}
