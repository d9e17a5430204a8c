package org.torch4j.vision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.vision.models.detection.Detection;
import org.torch4j.vision.models.detection.DetectionModel;
import org.torch4j.vision.models.detection.DetectionModels;
import org.torch4j.vision.models.detection.FCOS;
import org.torch4j.vision.models.detection.OneStageOptions;
import org.torch4j.vision.models.detection.RetinaNet;
import org.torch4j.vision.models.detection.SSD;
import org.torch4j.vision.models.detection.Target;

/**
 * The one-stage detection models against torchvision 0.14 (detection_onestage.json, from
 * tools/gen_vision_onestage_reference.py): after the same seed each builder has torchvision's state-dict keys and weights,
 * gives its best detections in evaluation and its losses in training.
 */
class OneStageDetectionTest {
    static final Map<String, Object> REF = VisionReference.map(VisionReference.load("detection_onestage.json"));

    static final Map<String, BiFunction<Integer, OneStageOptions, DetectionModel>> BUILDERS = Map.of(
            "retinanet_resnet50_fpn", RetinaNet::retinanetResnet50Fpn,
            "retinanet_resnet50_fpn_v2", RetinaNet::retinanetResnet50FpnV2,
            "fcos_resnet50_fpn", FCOS::fcosResnet50Fpn,
            "ssd300_vgg16", SSD::ssd300Vgg16,
            "ssdlite320_mobilenet_v3_large", SSD::ssdlite320MobilenetV3Large);

    static Map<String, Object> model(String name) {
        return VisionReference.map(VisionReference.map(REF.get("models")).get(name));
    }

    /** The case's keyword arguments as options. */
    static OneStageOptions options(Map<String, Object> c) {
        OneStageOptions o = OneStageOptions.DEFAULTS;
        for (Map.Entry<String, Object> e : VisionReference.map(c.get("options")).entrySet()) {
            Number v = (Number) e.getValue();
            o = switch (e.getKey()) {
                case "min_size" -> o.withMinSize(v.intValue());
                case "max_size" -> o.withMaxSize(v.intValue());
                case "score_thresh" -> o.withScoreThresh(v.doubleValue());
                case "nms_thresh" -> o.withNmsThresh(v.doubleValue());
                case "detections_per_img" -> o.withDetectionsPerImg(v.intValue());
                case "topk_candidates" -> o.withTopkCandidates(v.intValue());
                default -> throw new IllegalArgumentException("option " + e.getKey());
            };
        }
        return o;
    }

    static DetectionModel build(String name) {
        Map<String, Object> c = model(name);
        Torch.manualSeed(0);
        return BUILDERS.get(name).apply(((Number) c.get("numClasses")).intValue(), options(c));
    }

    static List<Target> targets() {
        List<Object> boxes = VisionReference.list(REF.get("boxes")), labels = VisionReference.list(REF.get("labels"));
        List<Target> out = new ArrayList<>();
        for (int i = 0; i < boxes.size(); i++) {
            List<Object> bs = VisionReference.list(boxes.get(i));
            float[] flat = new float[4 * bs.size()];
            for (int j = 0; j < bs.size(); j++) System.arraycopy(VisionReference.floats(bs.get(j)), 0, flat, 4 * j, 4);
            out.add(new Target(Torch.tensor(flat, bs.size(), 4), Torch.tensor(VisionReference.longs(labels.get(i)), bs.size())));
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"retinanet_resnet50_fpn", "retinanet_resnet50_fpn_v2", "fcos_resnet50_fpn", "ssd300_vgg16", "ssdlite320_mobilenet_v3_large"})
    void matchesTorchvision(String name) {
        Map<String, Object> c = model(name);
        DetectionModel net = build(name);
        DetectionModelsTest.assertStateMatches(name, net, VisionReference.list(c.get("keys")));
        net.eval();
        List<Detection> dets;
        try (var g = Torch.noGrad()) {
            dets = net.forward(DetectionModelsTest.images(REF));
        }
        List<Object> expected = VisionReference.list(c.get("eval"));
        assertEquals(expected.size(), dets.size());
        for (int i = 0; i < dets.size(); i++) {
            Map<String, Object> e = VisionReference.map(expected.get(i));
            if (Boolean.TRUE.equals(c.get("tiedScores"))) {
                // every score ties at 1/num_classes (see the generator): which boxes NMS keeps depends on the order of ties
                DetectionModelsTest.assertClose(VisionReference.floats(e.get("scores")), dets.get(i).scores(), 1e-5, 1e-7, name + " scores " + i);
            } else {
                DetectionModelsTest.compareDetections(name + " image " + i, dets.get(i), e);
            }
        }
        net.train();
        Torch.manualSeed(((Number) REF.get("trainSeed")).longValue());
        DetectionModelsTest.assertLossesMatch(name, VisionReference.map(c.get("train")), net.forward(DetectionModelsTest.images(REF), targets()));
        if (c.containsKey("emptyTrain")) {
            // an image without objects trains as background only
            Torch.manualSeed(((Number) REF.get("trainSeed")).longValue());
            Target empty = new Target(Torch.zeros(0, 4), Torch.zeros(new long[] {0}, org.torch4j.DType.INT64));
            Map<String, Tensor> losses = net.forward(DetectionModelsTest.images(REF), List.of(empty, empty));
            Map<String, Object> expectedEmpty = VisionReference.map(c.get("emptyTrain"));
            assertEquals(expectedEmpty.keySet(), losses.keySet(), name + ": loss names");
            // small losses (the background's focal loss is ~1e-3): relative 1e-4
            for (String k : expectedEmpty.keySet()) {
                double e = ((Number) expectedEmpty.get(k)).doubleValue(), got = losses.get(k).item();
                assertTrue(Math.abs(got - e) <= 1e-4 * Math.abs(e) + 1e-9, name + " without objects " + k + ": " + got + " vs " + e);
            }
        }
    }

    /**
     * RetinaNet's module tree and parameter count at 91 classes: torchvision's 34,068,119 without weights (its weights'
     * documented 34,014,999 leave out the backbone's batch-norm affine parameters, frozen buffers there).
     */
    @Test
    void retinanetStructure() {
        Torch.manualSeed(0);
        RetinaNet net = (RetinaNet) DetectionModels.create("retinanet_resnet50_fpn", 91);
        long params = net.parameters().stream().mapToLong(Tensor::numel).sum();
        assertEquals(34068119L, params, "retinanet_resnet50_fpn(weights_backbone=None)'s parameters");
        assertTrue(net.toString().startsWith("RetinaNet(\n  (backbone): BackboneWithFPN("), net.toString().substring(0, 80));
    }

    /** Bad inputs fail as torchvision's asserts word them (RetinaNet's shape message has no shape). */
    @Test
    void validatesInputsAsTorchvision() {
        Torch.manualSeed(0);
        DetectionModel net = build("retinanet_resnet50_fpn");
        net.train();
        List<Tensor> image = List.of(Torch.rand(3, 64, 64));
        assertEquals("targets should not be none when in training mode",
                assertThrows(IllegalArgumentException.class, () -> net.forward(image)).getMessage());
        assertEquals("Expected target boxes to be a tensor of shape [N, 4].", assertThrows(IllegalArgumentException.class,
                () -> net.forward(image, List.of(new Target(Torch.zeros(1, 5), Torch.tensor(new long[] {1}, 1))))).getMessage());
        Tensor degenerate = Torch.tensor(new float[] {10, 20, 10, 30}, 1, 4);
        assertEquals("All bounding boxes should have positive height and width. Found invalid box [10.0, 20.0, 10.0, 30.0] for target at index 0.",
                assertThrows(IllegalArgumentException.class,
                        () -> net.forward(image, List.of(new Target(degenerate, Torch.tensor(new long[] {1}, 1))))).getMessage());
    }
}
