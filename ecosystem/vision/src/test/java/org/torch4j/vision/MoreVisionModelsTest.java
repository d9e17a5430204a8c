package org.torch4j.vision;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.vision.models.Inception3;
import org.torch4j.vision.models.IntermediateLayerGetter;
import org.torch4j.vision.models.MNASNet;
import org.torch4j.vision.models.RegNet;
import org.torch4j.vision.models.ResNet;
import org.torch4j.vision.models.segmentation.DeepLabV3;
import org.torch4j.vision.models.segmentation.FCN;
import org.torch4j.vision.models.segmentation.LRASPP;
import org.torch4j.vision.models.segmentation.SegmentationOutput;
import org.torch4j.vision.models.segmentation.SimpleSegmentationModel;

/**
 * What the reference cases of models_more.json do not cover: Inception v3's auxiliary classifier in
 * training and the segmentation models' auxiliary heads (against torchvision's values), and the models'
 * argument checks, worded as torchvision's.
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

    /**
     * With {@code aux_loss=True} the segmentation models gain {@code aux_classifier} (keys in torchvision's order, its
     * initialisation drawn before the main head's) and return its logits, at the input's size, as "aux".
     */
    @ParameterizedTest
    @ValueSource(strings = {"fcn_resnet50", "deeplabv3_mobilenet_v3_large"})
    void segmentationAuxOutputsMatchTorchvision(String name) {
        Map<String, Object> c = VisionModelsTest.reference(name);
        Map<String, Object> ref = VisionReference.map(c.get("auxLoss"));
        Torch.manualSeed(0);
        SimpleSegmentationModel model = name.equals("fcn_resnet50") ? FCN.fcnResnet50(21, true) : DeepLabV3.deeplabv3MobilenetV3Large(21, true);
        model.eval();
        assertEquals(ref.get("keys"), new ArrayList<>(model.stateDict().keySet()), name + ": state-dict keys");
        Torch.manualSeed(1);
        SegmentationOutput out;
        try (var g = Torch.noGrad()) {
            // the case's input scale: MobileNetV3's features shrink a unit input ~1e-9 (see INPUT_SCALE in the generator)
            double scale = c.get("inputScale") instanceof Number n ? n.doubleValue() : 1;
            long size = ((Number) c.get("size")).longValue();
            out = model.forwardDict(Torch.randn(1, 3, size, size).mul(scale));
        }
        long[] shape = VisionReference.longs(ref.get("shape"));
        for (String part : List.of("out", "aux")) {
            Tensor got = part.equals("out") ? out.out() : out.aux();
            Tensor expected = Torch.tensor(VisionReference.floats(ref.get(part)), shape);
            assertArrayEquals(shape, got.shape(), name + " " + part);
            double rel = VisionReference.relativeDifference(got, expected);
            assertTrue(rel <= 1e-4, name + " " + part + " differs from torchvision's by " + rel + " relative");
        }
    }

    /**
     * LRASPP's high branch (cbr, scale, high_classifier), with the low features zeroed: in the whole model's output the
     * low branch outweighs it about 1e5 times, so the reference case alone would not see it.
     */
    @Test
    void lrasppHighBranchMatchesTorchvision() {
        Map<String, Object> c = VisionModelsTest.reference("lraspp_mobilenet_v3_large");
        Map<String, Object> ref = VisionReference.map(c.get("highPath"));
        Torch.manualSeed(0);
        LRASPP model = LRASPP.lrasppMobilenetV3Large(21);
        model.eval();
        Torch.manualSeed(1);
        Tensor y;
        try (var g = Torch.noGrad()) {
            long size = ((Number) c.get("size")).longValue();
            Map<String, Tensor> features = model.backbone.forwardLayers(Torch.randn(1, 3, size, size).mul(((Number) c.get("inputScale")).doubleValue()));
            y = model.classifier.forward(Torch.zerosLike(features.get("low")), features.get("high"));
        }
        Tensor expected = Torch.tensor(VisionReference.floats(ref.get("output")), VisionReference.longs(ref.get("shape")));
        assertArrayEquals(expected.shape(), y.shape());
        double rel = VisionReference.relativeDifference(y, expected);
        assertTrue(rel <= 1e-4, "LRASPP's high branch differs from torchvision's by " + rel + " relative");
    }

    /** LRASPP has no auxiliary head; the default builders none either. */
    @Test
    void segmentationDefaultsHaveNoAux() {
        Torch.manualSeed(0);
        LRASPP model = LRASPP.lrasppMobilenetV3Large(3);
        model.eval();
        try (var g = Torch.noGrad()) {
            SegmentationOutput out = model.forwardDict(Torch.randn(2, 3, 40, 24));
            assertArrayEquals(new long[] {2, 3, 40, 24}, out.out().shape());
            assertNull(out.aux());
        }
        assertNull(DeepLabV3.deeplabv3MobilenetV3Large(3).auxClassifier);
    }

    @Test
    void badArgumentsGetTorchvisionsWording() {
        assertEquals("replace_stride_with_dilation should be None or a 3-element tuple, got [false, true]",
                assertThrows(IllegalArgumentException.class,
                        () -> new ResNet(ResNet.Block.BOTTLENECK, new int[] {3, 4, 6, 3}, 1, 64, new boolean[] {false, true}, 10)).getMessage());
        assertEquals("Dilation > 1 not supported in BasicBlock",
                assertThrows(IllegalArgumentException.class,
                        () -> new ResNet(ResNet.Block.BASIC, new int[] {2, 2, 2, 2}, 1, 64, new boolean[] {false, false, true}, 10)).getMessage());
        assertEquals("return_layers are not present in model",
                assertThrows(IllegalArgumentException.class, () -> new IntermediateLayerGetter(new MNASNet(0.5, 10, 0.2), Map.of("layer9", "out")))
                        .getMessage());
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
