package org.torch4j.vision;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.vision.models.Inception3;
import org.torch4j.vision.models.MNASNet;
import org.torch4j.vision.models.RegNet;

/**
 * What the reference cases of models_more.json do not cover: Inception v3's auxiliary classifier in
 * training (against torchvision's values) and the models' argument checks, worded as torchvision's.
 */
class MoreVisionModelsTest {

    /**
     * In training the auxiliary classifier runs on Mixed_6e's output; with batch statistics and no dropout on
     * its path its logits are deterministic, so they are compared with torchvision's for the generator's input.
     * Both run in float64: at the smallest input (299 pixels, batch 2) the classifier's batch norm normalises two
     * values per channel, which amplifies rounding (PyTorch's float32 result is 1.8e-4 from its float64 one). What
     * remains, 5e-5, is the truncated normals' 1-2 ulps of float32 (see VisionModelsTest) amplified the same way.
     */
    @Test
    void inceptionV3AuxLogitsInTrainingMatchTorchvision() {
        Map<String, Object> ref = VisionModelsTest.reference("inception_v3");
        Map<String, Object> aux = VisionReference.map(ref.get("auxTraining"));
        Torch.manualSeed(0);
        Inception3 model = Inception3.inceptionV3(1000);
        model.to(DType.FLOAT64).train();
        Torch.manualSeed(((Number) aux.get("seed")).longValue());
        long size = ((Number) aux.get("size")).longValue(), batch = ((Number) aux.get("batch")).longValue();
        Tensor x = Torch.randn(batch, 3, size, size).toDouble();
        Inception3.Outputs out;
        try (var g = Torch.noGrad()) {
            out = model.forwardWithAux(x);
        }
        assertArrayEquals(new long[] {batch, 1000}, out.logits().shape());
        Tensor expected = Torch.tensor(VisionReference.doubles(aux.get("output")), VisionReference.longs(aux.get("shape")));
        assertArrayEquals(expected.shape(), out.auxLogits().shape());
        double rel = VisionReference.relativeDifference(out.auxLogits(), expected);
        assertTrue(rel <= 1e-4, "aux logits differ from torchvision's by " + rel + " relative");
        // eval mode: no auxiliary logits, as torchvision returns the main ones alone
        model.eval();
        try (var g = Torch.noGrad()) {
            assertNull(model.forwardWithAux(Torch.randn(1, 3, 75, 75).toDouble()).auxLogits());
        }
    }

    /** Without {@code auxLogits} there is no AuxLogits module, nor its keys, and training gives no auxiliary logits. */
    @Test
    void inceptionV3WithoutAuxLogits() {
        Inception3 model = new Inception3(10, false, false, 0.5);
        assertNull(model.auxLogits);
        assertTrue(model.stateDict().keySet().stream().noneMatch(k -> k.startsWith("AuxLogits")));
        model.train();
        Inception3.Outputs out = model.forwardWithAux(Torch.randn(2, 3, 75, 75));
        assertArrayEquals(new long[] {2, 10}, out.logits().shape());
        assertNull(out.auxLogits());
    }

    @Test
    void badArgumentsGetTorchvisionsWording() {
        assertEquals("Invalid RegNet settings",
                assertThrows(IllegalArgumentException.class, () -> RegNet.BlockParams.fromInitParams(16, 44, 27.89, 2.09, 8, 1.0, 0.25))
                        .getMessage());
        assertEquals("Invalid RegNet settings",
                assertThrows(IllegalArgumentException.class, () -> RegNet.BlockParams.fromInitParams(16, 48, 27.89, 1.0, 8, 1.0, 0.25))
                        .getMessage());
        assertEquals("alpha should be greater than 0.0 instead of 0.0",
                assertThrows(IllegalArgumentException.class, () -> new MNASNet(0.0, 10, 0.2)).getMessage());
        assertEquals("stride should be 1 or 2 instead of 3",
                assertThrows(IllegalArgumentException.class, () -> new MNASNet.InvertedResidual(8, 8, 3, 3, 3, 0.1)).getMessage());
        assertEquals("kernel_size should be 3 or 5 instead of 7",
                assertThrows(IllegalArgumentException.class, () -> new MNASNet.InvertedResidual(8, 8, 7, 1, 3, 0.1)).getMessage());
    }

    /** torchvision's stage layout for two RegNets (printed by BlockParams.from_init_params in torchvision 0.14). */
    @Test
    void regNetStagesAreTorchvisions() {
        RegNet.BlockParams y = RegNet.BlockParams.fromInitParams(16, 48, 27.89, 2.09, 8, 1.0, 0.25);
        assertArrayEquals(new int[] {1, 3, 6, 6}, y.depths());
        assertArrayEquals(new long[] {48, 104, 208, 440}, y.widths());
        RegNet.BlockParams x = RegNet.BlockParams.fromInitParams(23, 80, 49.56, 2.88, 120, 1.0, 0);
        assertArrayEquals(new int[] {2, 5, 15, 1}, x.depths());
        assertArrayEquals(new long[] {80, 240, 720, 1920}, x.widths());
        assertArrayEquals(new long[] {80, 120, 120, 120}, x.groupWidths());
    }
}
