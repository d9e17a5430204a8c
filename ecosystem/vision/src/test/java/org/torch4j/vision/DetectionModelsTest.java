package org.torch4j.vision;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.Parameter;
import org.torch4j.optim.SGD;
import org.torch4j.vision.models.MobileNetV3;
import org.torch4j.vision.models.ResNet;
import org.torch4j.vision.models.detection.BackboneWithFPN;
import org.torch4j.vision.models.detection.Detection;
import org.torch4j.vision.models.detection.DetectionModels;
import org.torch4j.vision.models.detection.FasterRCNN;
import org.torch4j.vision.models.detection.GeneralizedRCNNTransform;
import org.torch4j.vision.models.detection.ImageList;
import org.torch4j.vision.models.detection.GeneralizedRCNN;
import org.torch4j.vision.models.detection.KeypointRCNN;
import org.torch4j.vision.models.detection.MaskRCNN;
import org.torch4j.vision.models.detection.RCNNOptions;
import org.torch4j.vision.models.detection.Target;

/**
 * The detection models against torchvision 0.14 (detection.json, from tools/gen_vision_detection_reference.py): after
 * the same seed each builder has torchvision's state-dict keys and weights, gives its detections in evaluation and its
 * losses in training (the samplers draw the same anchors and proposals).
 */
class DetectionModelsTest {
    static final Map<String, Object> REF = VisionReference.map(VisionReference.load("detection.json"));

    static final Map<String, BiFunction<Integer, RCNNOptions, GeneralizedRCNN>> BUILDERS = Map.of(
            "fasterrcnn_resnet50_fpn", FasterRCNN::fasterrcnnResnet50Fpn,
            "fasterrcnn_resnet50_fpn_v2", FasterRCNN::fasterrcnnResnet50FpnV2,
            "fasterrcnn_mobilenet_v3_large_fpn", FasterRCNN::fasterrcnnMobilenetV3LargeFpn,
            "fasterrcnn_mobilenet_v3_large_320_fpn", FasterRCNN::fasterrcnnMobilenetV3Large320Fpn,
            "maskrcnn_resnet50_fpn", MaskRCNN::maskrcnnResnet50Fpn,
            "maskrcnn_resnet50_fpn_v2", MaskRCNN::maskrcnnResnet50FpnV2,
            "keypointrcnn_resnet50_fpn", (n, o) -> KeypointRCNN.keypointrcnnResnet50Fpn(n, 17, o));

    static Map<String, Object> model(String name) {
        return VisionReference.map(VisionReference.map(REF.get("models")).get(name));
    }

    /** The case's builder options: the shared ones and the model's own. */
    static RCNNOptions options(Map<String, Object> c) {
        Map<String, Object> o = VisionReference.map(REF.get("options"));
        RCNNOptions opts = RCNNOptions.DEFAULTS.withMinSize(((Number) o.get("min_size")).intValue())
                .withMaxSize(((Number) o.get("max_size")).intValue()).withBoxScoreThresh(((Number) o.get("box_score_thresh")).doubleValue())
                .withBoxBatchSizePerImage(((Number) o.get("box_batch_size_per_image")).intValue())
                .withRpnPostNmsTopNTrain(((Number) o.get("rpn_post_nms_top_n_train")).intValue())
                .withRpnPostNmsTopNTest(((Number) o.get("rpn_post_nms_top_n_test")).intValue());
        Object d = VisionReference.map(c.get("extra")).get("box_detections_per_img");
        return d == null ? opts : opts.withBoxDetectionsPerImg(((Number) d).intValue());
    }

    static GeneralizedRCNN build(String name) {
        Map<String, Object> c = model(name);
        Torch.manualSeed(0);
        return BUILDERS.get(name).apply(((Number) c.get("numClasses")).intValue(), options(c));
    }

    static List<Tensor> images() {
        return images(REF);
    }

    /** A reference file's images: {@code torch.rand} of its shapes after its seed, as the generators draw them. */
    static List<Tensor> images(Map<String, Object> ref) {
        Torch.manualSeed(((Number) ref.get("imageSeed")).longValue());
        List<Tensor> out = new ArrayList<>();
        for (Object s : VisionReference.list(ref.get("shapes"))) out.add(Torch.rand(VisionReference.longs(s)));
        return out;
    }

    /** The generator's targets: its boxes and labels, masks of the pixels whose centres are in the box, its keypoints. */
    static List<Target> targets(String name) {
        Map<String, Object> c = model(name);
        List<Object> boxes = VisionReference.list(REF.get("boxes")), labels = VisionReference.list(c.get("labels"));
        List<Object> shapes = VisionReference.list(REF.get("shapes"));
        List<Target> out = new ArrayList<>();
        for (int i = 0; i < boxes.size(); i++) {
            List<Object> bs = VisionReference.list(boxes.get(i));
            float[] flat = new float[4 * bs.size()];
            for (int j = 0; j < bs.size(); j++) System.arraycopy(VisionReference.floats(bs.get(j)), 0, flat, 4 * j, 4);
            Tensor b = Torch.tensor(flat, bs.size(), 4);
            Tensor l = Torch.tensor(VisionReference.longs(labels.get(i)), bs.size());
            Tensor masks = null, keypoints = null;
            if (name.startsWith("mask")) {
                long[] shape = VisionReference.longs(shapes.get(i));
                Tensor ys = Torch.arange(0, shape[1], 1).toFloat().add(0.5).unsqueeze(1), xs = Torch.arange(0, shape[2], 1).toFloat().add(0.5);
                List<Tensor> ms = new ArrayList<>();
                for (int j = 0; j < bs.size(); j++) {
                    float[] v = VisionReference.floats(bs.get(j));
                    ms.add(xs.ge(v[0]).logicalAnd(xs.le(v[2])).logicalAnd(ys.ge(v[1])).logicalAnd(ys.le(v[3])).to(DType.UINT8));
                }
                masks = Torch.stack(ms, 0);
            }
            if (name.startsWith("keypoint")) {
                keypoints = Torch.tensor(VisionReference.floats(VisionReference.list(c.get("targetKeypoints")).get(i)), bs.size(), 17, 3);
            }
            out.add(new Target(b, l, masks, keypoints));
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"fasterrcnn_resnet50_fpn", "fasterrcnn_mobilenet_v3_large_fpn", "fasterrcnn_mobilenet_v3_large_320_fpn",
                            "fasterrcnn_resnet50_fpn_v2", "maskrcnn_resnet50_fpn", "maskrcnn_resnet50_fpn_v2", "keypointrcnn_resnet50_fpn"})
    void matchesTorchvision(String name) {
        Map<String, Object> c = model(name);
        GeneralizedRCNN net = build(name);
        assertStateMatches(name, net, VisionReference.list(c.get("keys")));
        net.eval();
        List<Detection> dets;
        try (var g = Torch.noGrad()) {
            dets = net.forward(images());
        }
        List<Object> expected = VisionReference.list(c.get("eval"));
        for (int i = 0; i < dets.size(); i++) compareDetections(name + " image " + i, dets.get(i), VisionReference.map(expected.get(i)));
        net.train();
        Torch.manualSeed(((Number) REF.get("trainSeed")).longValue());
        Map<String, Tensor> losses = net.forward(images(), targets(name));
        assertLossesMatch(name, VisionReference.map(c.get("train")), losses);
    }

    /** State-dict keys in torchvision's order, shapes, and weights (their float64 sums, to relative 1e-4). */
    static void assertStateMatches(String name, org.torch4j.nn.Module net, List<Object> keys) {
        Map<String, Tensor> state = net.stateDict();
        assertEquals(keys.stream().map(k -> VisionReference.list(k).get(0)).toList(), new ArrayList<>(state.keySet()), name + ": state-dict keys");
        for (Object k : keys) {
            List<Object> e = VisionReference.list(k);
            Tensor t = state.get((String) e.get(0));
            assertArrayEquals(VisionReference.longs(e.get(1)), t.shape(), name + " " + e.get(0));
            double expected = ((Number) e.get(2)).doubleValue(), got = t.toDouble().sum().item();
            assertTrue(Math.abs(got - expected) <= 1e-4 * Math.max(1, Math.abs(expected)), name + " " + e.get(0) + ": sum " + got + " vs " + expected);
        }
    }

    /** The losses' names and values (to relative 1e-4) against torchvision's. */
    static void assertLossesMatch(String name, Map<String, Object> expectedLosses, Map<String, Tensor> losses) {
        assertEquals(expectedLosses.keySet(), losses.keySet(), name + ": loss names");
        StringBuilder all = new StringBuilder();
        for (String k : expectedLosses.keySet()) all.append(k).append(' ').append(losses.get(k).item()).append(" vs ").append(expectedLosses.get(k)).append("; ");
        for (String k : expectedLosses.keySet()) {
            double e = ((Number) expectedLosses.get(k)).doubleValue(), got = losses.get(k).item();
            assertTrue(Math.abs(got - e) <= 1e-4 * Math.max(1, Math.abs(e)), name + " " + k + ": " + all);
        }
    }

    /**
     * The transform on images the batch pads: normalised, resized (bilinear, torchvision's size rule) and batched as
     * torchvision's; in training the targets follow (boxes, keypoints, masks by nearest), and postprocess maps boxes back.
     */
    @Test
    void transformMatchesTorchvision() {
        Map<String, Object> ref = VisionReference.map(REF.get("transform"));
        var t = new GeneralizedRCNNTransform(new int[] {64}, 96, new double[] {0.485, 0.456, 0.406}, new double[] {0.229, 0.224, 0.225}, 32);
        Torch.manualSeed(((Number) REF.get("imageSeed")).longValue());
        List<Tensor> images = new ArrayList<>();
        for (Object s : VisionReference.list(ref.get("shapes"))) images.add(Torch.rand(VisionReference.longs(s)));
        t.eval();
        Map<String, Object> ev = VisionReference.map(ref.get("eval"));
        ImageList batch = t.forward(images, null).images();
        assertArrayEquals(VisionReference.longs(ev.get("batchShape")), batch.tensors().shape());
        assertEquals(VisionReference.list(ev.get("imageSizes")).toString(), sizes(batch.imageSizes()));
        Tensor sampled = batch.tensors().slice(2, 0, batch.tensors().size(2), 7).slice(3, 0, batch.tensors().size(3), 7);
        assertClose(VisionReference.floats(ev.get("batchSamples")), sampled, 1e-5, 1e-5, "batch");
        t.train();
        List<Object> boxes = VisionReference.list(REF.get("transformBoxes"));
        List<Target> targets = new ArrayList<>();
        long[][] labels = {{1, 2}, {3}};
        for (int i = 0; i < images.size(); i++) {
            List<Object> bs = VisionReference.list(boxes.get(i));
            int n = bs.size();
            float[] flat = new float[4 * n];
            for (int j = 0; j < n; j++) System.arraycopy(VisionReference.floats(bs.get(j)), 0, flat, 4 * j, 4);
            Tensor b = Torch.tensor(flat, n, 4);
            long h = images.get(i).size(1), w = images.get(i).size(2);
            List<Tensor> masks = new ArrayList<>();
            for (int j = 0; j < n; j++) masks.add(Torch.arange(0, h * w, 1).reshape(h, w).remainder(3 + j).eq(0).to(DType.UINT8));
            Tensor keypoints = b.narrow(1, 0, 3).unsqueeze(1).repeat(1, 2, 1).contiguous();
            targets.add(new Target(b, Torch.tensor(labels[i], n), Torch.stack(masks, 0), keypoints));
        }
        Torch.manualSeed(((Number) REF.get("trainSeed")).longValue());
        GeneralizedRCNNTransform.Output out = t.forward(images, targets);
        Map<String, Object> tr = VisionReference.map(ref.get("train"));
        assertEquals(VisionReference.list(tr.get("imageSizes")).toString(), sizes(out.images().imageSizes()));
        for (int i = 0; i < targets.size(); i++) {
            Target r = out.targets().get(i);
            assertClose(VisionReference.floats(VisionReference.list(tr.get("boxes")).get(i)), r.boxes(), 1e-6, 1e-5, "boxes " + i);
            assertClose(VisionReference.floats(VisionReference.list(tr.get("keypoints")).get(i)), r.keypoints(), 1e-6, 1e-5, "keypoints " + i);
            assertArrayEquals(VisionReference.longs(VisionReference.list(tr.get("maskShapes")).get(i)), r.masks().shape(), "mask shape " + i);
            assertEquals(DType.UINT8, r.masks().dtype());
            assertArrayEquals(VisionReference.longs(VisionReference.list(tr.get("maskSums")).get(i)), r.masks().toLong().sum(1, 2).toLongArray(),
                    "mask sums " + i);
        }
        var multi = new GeneralizedRCNNTransform(new int[] {40, 48, 56, 64}, 96, new double[] {0.485, 0.456, 0.406},
                new double[] {0.229, 0.224, 0.225}, 32);
        Torch.manualSeed(((Number) REF.get("trainSeed")).longValue() + 1);
        List<Tensor> four = List.of(images.get(0), images.get(1), images.get(0), images.get(1));
        assertEquals(VisionReference.list(ref.get("multiSizes")).toString(), sizes(multi.forward(four, null).images().imageSizes()),
                "training draws each image's size as torchvision's");
        t.eval();
        Detection d = new Detection(Torch.tensor(new float[] {1.5f, 2.25f, 40f, 50.5f}, 1, 4), Torch.tensor(new long[] {1}, 1),
                Torch.tensor(new float[] {0.5f}, 1), null, null, null);
        Tensor back = t.postprocess(List.of(d), List.of(new long[] {85, 64}), List.of(new long[] {64, 48})).get(0).boxes();
        assertClose(VisionReference.floats(ref.get("postprocess")), back, 1e-6, 1e-6, "postprocess");
    }

    private static String sizes(List<long[]> sizes) {
        return sizes.stream().map(s -> List.of(s[0], s[1])).toList().toString();
    }

    /** A gradient step on the losses' sum lowers them (same seed, so the same samples), and every trainable layer gets a gradient. */
    @Test
    void gradientStepLowersTheLoss() {
        String name = "fasterrcnn_mobilenet_v3_large_fpn";
        GeneralizedRCNN net = build(name);
        net.train();
        SGD opt = new SGD(net.parameters(), 0.01);
        Torch.manualSeed(5);
        Tensor before = sum(net.forward(images(), targets(name)));
        opt.zeroGrad();
        before.backward();
        assertTrue(net.rpn.head.clsLogits.weight.grad() != null && net.roiHeads.boxPredictor.clsScore.weight.grad() != null);
        assertTrue(net.backbone.body.parameters().get(0).grad() != null, "the backbone trains (all layers trainable without weights)");
        opt.step();
        Torch.manualSeed(5);
        double after = sum(net.forward(images(), targets(name))).item();
        assertTrue(after < before.item(), "loss " + before.item() + " -> " + after);
    }

    private static Tensor sum(Map<String, Tensor> losses) {
        Tensor total = null;
        for (Tensor t : losses.values()) total = total == null ? t : total.add(t);
        return total;
    }

    /**
     * The backbones' trainable layers, as torchvision's extractors freeze them (the builders, without weights, train all):
     * ResNet's parameters outside the last stages, MobileNetV3's blocks before the last stages.
     */
    @Test
    void frozenLayersStopRequiringGradients() {
        BackboneWithFPN resnet = BackboneWithFPN.resnetFpnBackbone(ResNet.resnet18(10), 3, null, null, null);
        for (Map.Entry<String, Parameter> e : resnet.body.namedParameters().entrySet()) {
            boolean trained = e.getKey().startsWith("layer2") || e.getKey().startsWith("layer3") || e.getKey().startsWith("layer4");
            assertEquals(trained, e.getValue().requiresGrad(), e.getKey());
        }
        assertTrue(resnet.fpn.parameters().stream().allMatch(Parameter::requiresGrad), "the pyramid trains");
        // resnet18's stages have 64 to 512 channels: the pyramid's laterals take them
        assertArrayEquals(new long[] {256, 512, 1, 1}, resnet.fpn.innerBlocks.get(3).parameters().get(0).shape());
        BackboneWithFPN mobile = BackboneWithFPN.mobilenetBackbone(MobileNetV3.mobilenetV3Large(10), 3, null, null);
        // stages 0, 2, 4, 7, 13, 16: the pyramid reads blocks 13 (160 channels) and 16 (960); the last three stages start at block 7
        assertArrayEquals(new long[] {256, 160, 1, 1}, mobile.fpn.innerBlocks.get(0).parameters().get(0).shape());
        assertArrayEquals(new long[] {256, 960, 1, 1}, mobile.fpn.innerBlocks.get(1).parameters().get(0).shape());
        for (Map.Entry<String, Parameter> e : mobile.body.namedParameters().entrySet()) {
            int block = Integer.parseInt(e.getKey().substring(0, e.getKey().indexOf('.')));
            assertEquals(block >= 7, e.getValue().requiresGrad(), e.getKey());
        }
        var e = assertThrows(IllegalArgumentException.class, () -> BackboneWithFPN.resnetFpnBackbone(ResNet.resnet18(10), 6, null, null, null));
        assertEquals("Trainable layers should be in the range [0,5], got 6", e.getMessage());
    }

    /** The listing builds each model by name, as its builder does. */
    @Test
    void listingBuildsByName() {
        assertEquals(List.of("fasterrcnn_resnet50_fpn", "fasterrcnn_resnet50_fpn_v2", "fasterrcnn_mobilenet_v3_large_fpn",
                "fasterrcnn_mobilenet_v3_large_320_fpn", "maskrcnn_resnet50_fpn", "maskrcnn_resnet50_fpn_v2", "keypointrcnn_resnet50_fpn"),
                DetectionModels.names().subList(0, 7));
        assertTrue(DetectionModels.names().containsAll(List.of("retinanet_resnet50_fpn", "retinanet_resnet50_fpn_v2", "fcos_resnet50_fpn", "ssd300_vgg16",
                "ssdlite320_mobilenet_v3_large")),
                DetectionModels.names().toString());
        assertTrue(DetectionModels.description("maskrcnn_resnet50_fpn").contains("44.4M"));
        Torch.manualSeed(0);
        GeneralizedRCNN m = (GeneralizedRCNN) DetectionModels.create("fasterrcnn_mobilenet_v3_large_fpn", 7);
        assertArrayEquals(new long[] {7, 1024}, m.roiHeads.boxPredictor.clsScore.weight.shape());
        assertTrue(m.toString().startsWith("FasterRCNN(\n  (transform): GeneralizedRCNNTransform(\n      Normalize(mean=[0.485, 0.456, 0.406], "
                + "std=[0.229, 0.224, 0.225])\n      Resize(min_size=(800,), max_size=1333, mode='bilinear')\n  )\n  (backbone): BackboneWithFPN("),
                "torchvision's print form");
        var e = assertThrows(IllegalArgumentException.class, () -> DetectionModels.create("yolo", 7));
        assertTrue(e.getMessage().startsWith("unknown detection model 'yolo'"), e.getMessage());
    }

    /** Bad inputs fail as torchvision's asserts and checks word it. */
    @Test
    void validatesInputsAsTorchvision() {
        GeneralizedRCNN net = build("fasterrcnn_mobilenet_v3_large_fpn");
        net.train();
        List<Tensor> image = List.of(Torch.rand(3, 64, 64));
        assertEquals("targets should not be none when in training mode",
                assertThrows(IllegalArgumentException.class, () -> net.forward(image)).getMessage());
        Tensor labels = Torch.tensor(new long[] {1}, 1);
        assertEquals("Expected target boxes to be a tensor of shape [N, 4], got torch.Size([1, 5]).",
                assertThrows(IllegalArgumentException.class, () -> net.forward(image, List.of(new Target(Torch.zeros(1, 5), labels)))).getMessage());
        // a 64x64 image is not resized (min_size 64), so the message shows the box as given
        Tensor degenerate = Torch.tensor(new float[] {10, 20, 10, 30, 1, 2, 3, 4}, 2, 4);
        assertEquals("All bounding boxes should have positive height and width. Found invalid box [10.0, 20.0, 10.0, 30.0] for target at index 0.",
                assertThrows(IllegalArgumentException.class,
                        () -> net.forward(image, List.of(new Target(degenerate, Torch.tensor(new long[] {1, 2}, 2))))).getMessage());
        Tensor box = Torch.tensor(new float[] {10, 20, 30, 40}, 1, 4);
        assertEquals("target labels must of int64 type, instead got {t['labels'].dtype}",
                assertThrows(IllegalArgumentException.class,
                        () -> net.forward(image, List.of(new Target(box, Torch.tensor(new int[] {1}, 1))))).getMessage());
        // an image without objects trains as background only, as torchvision's
        Map<String, Tensor> empty = net.forward(image, List.of(new Target(Torch.zeros(0, 4), Torch.zeros(new long[] {0}, DType.INT64))));
        assertEquals(0.0, empty.get("loss_box_reg").item());
        assertEquals(0.0, empty.get("loss_rpn_box_reg").item());
        assertTrue(empty.get("loss_classifier").item() > 0 && empty.get("loss_objectness").item() > 0);
        net.eval();
        assertEquals("Expected input images to be of floating type (in range [0, 1]), but found type torch.uint8 instead",
                assertThrows(IllegalArgumentException.class, () -> net.forward(List.of(Torch.zeros(new long[] {3, 8, 8}, DType.UINT8)))).getMessage());
        assertEquals("images is expected to be a list of 3d tensors of shape [C, H, W], got torch.Size([8, 8])",
                assertThrows(IllegalArgumentException.class, () -> net.forward(List.of(Torch.rand(8, 8)))).getMessage());
    }

    /**
     * One image's detections against torchvision's, in order. Tolerances: the models run in float32 and sum in another
     * order than PyTorch's, so their outputs differ by relative 1e-5 to 1e-4 (scores, heatmap logits) or a few thousandths
     * of a pixel (boxes); the labels and the order must be the same.
     */
    static void compareDetections(String what, Detection d, Map<String, Object> e) {
        long[] labels = VisionReference.longs(e.get("labels"));
        assertEquals(labels.length, d.labels().size(0), what + ": number of detections");
        assertArrayEquals(labels, d.labels().toLongArray(), what + ": labels");
        assertClose(VisionReference.floats(e.get("scores")), d.scores(), 1e-4, 1e-6, what + ": scores");
        assertClose(VisionReference.floats(e.get("boxes")), d.boxes(), 1e-4, 2e-3, what + ": boxes");
        if (e.containsKey("maskSums")) {
            assertArrayEquals(VisionReference.longs(e.get("maskShape")), d.masks().shape(), what + ": mask shape");
            assertClose(VisionReference.floats(e.get("maskSums")), d.masks().toDouble().sum(new int[] {1, 2, 3}, false), 1e-3, 1e-2, what + ": mask sums");
            Tensor sampled = d.masks().slice(2, 0, d.masks().size(2), 8).slice(3, 0, d.masks().size(3), 8);
            assertClose(VisionReference.floats(e.get("maskSamples")), sampled, 1e-3, 1e-4, what + ": mask values");
        }
        if (e.containsKey("keypoints")) {
            assertClose(VisionReference.floats(e.get("keypoints")), d.keypoints(), 1e-4, 2e-3, what + ": keypoints");
            // heatmap logits reach ~15; the small ones are as far from torchvision's as the large (1e-4)
            assertClose(VisionReference.floats(e.get("keypointsScores")), d.keypointsScores(), 1e-4, 1e-3, what + ": keypoint scores");
        }
    }

    /** Every value within {@code abs + rel * |expected|} of torchvision's. */
    static void assertClose(float[] expected, Tensor actual, double rel, double abs, String what) {
        double[] got = actual.toDouble().contiguous().toDoubleArray();
        assertEquals(expected.length, got.length, what + ": size");
        for (int i = 0; i < got.length; i++) {
            double diff = Math.abs(got[i] - expected[i]);
            assertTrue(diff <= abs + rel * Math.abs(expected[i]), what + " differ at " + i + ": " + got[i] + " vs torchvision's " + expected[i]);
        }
    }
}
