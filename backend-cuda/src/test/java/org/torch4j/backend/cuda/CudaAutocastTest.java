package org.torch4j.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.torch4j.DType;
import org.torch4j.Device;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.F;

/**
 * {@code Torch.autocast("cuda", float16)} on a GPU: the result dtypes of PyTorch's CUDA lists (lower
 * precision for matrix products, float32 for softmax, the normalisations and the losses), and
 * binary_cross_entropy refused as PyTorch refuses it. Skipped, printing why, without a GPU.
 */
class CudaAutocastTest {

    private static final Device CUDA = Device.of("cuda");

    @BeforeAll
    static void requireCuda() {
        RequireCuda.orSkip("CUDA autocast tests");
    }

    @Test
    void resultDtypesFollowTheCudaLists() {
        Torch.manualSeed(0);
        Tensor x = Torch.randn(4, 6).to(CUDA), w = Torch.randn(3, 6).to(CUDA), half = x.to(DType.FLOAT16);
        Tensor target = Torch.randint(0, 6, 4).to(CUDA);
        try (var ac = Torch.autocast("cuda", DType.FLOAT16)) {
            assertEquals(DType.FLOAT16, x.matmul(w.t()).dtype(), "matmul");
            assertEquals(DType.FLOAT16, F.linear(x, w, null).dtype(), "linear");
            assertEquals(DType.FLOAT32, F.softmax(half, 1).dtype(), "softmax");
            assertEquals(DType.FLOAT32, F.logSoftmax(half, 1).dtype(), "log_softmax");
            assertEquals(DType.FLOAT32, F.layerNorm(half, new long[] {6}, null, null, 1e-5).dtype(), "layer_norm");
            assertEquals(DType.FLOAT32, F.softplus(half).dtype(), "softplus");
            assertEquals(DType.FLOAT32, F.crossEntropy(half, target).dtype(), "cross_entropy");
            assertEquals(DType.FLOAT32, F.mseLoss(half, half).dtype(), "mse_loss");
            assertEquals(DType.FLOAT16, half.exp().dtype(), "exp: left out of torch4j's list (see Autocast)");
            Tensor p = half.sigmoid();
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> F.binaryCrossEntropy(p, p));
            assertTrue(e.getMessage().startsWith("torch.nn.functional.binary_cross_entropy and torch.nn.BCELoss are unsafe to autocast."),
                    e.getMessage());
            assertEquals(DType.FLOAT32, F.binaryCrossEntropyWithLogits(half, p).dtype(), "binary_cross_entropy_with_logits");
        }
        assertEquals(DType.FLOAT32, x.matmul(w.t()).dtype(), "after the scope");
    }
}
