package org.torch4j.onnx.export;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.onnx.Onnx;
import org.torch4j.vision.models.detection.Detection;
import org.torch4j.vision.models.detection.DetectionModel;
import org.torch4j.vision.models.detection.FCOS;
import org.torch4j.vision.models.detection.OneStageOptions;
import org.torch4j.vision.models.detection.RetinaNet;
import org.torch4j.vision.models.detection.SSD;

/**
 * Detection models exported in evaluation with their postprocessing (score threshold, top-k per level or class, class-wise
 * NMS as NonMaxSuppression, detections per image) for one image of a fixed size, as torchvision's own ONNX tests export
 * them: ONNX Runtime's boxes, scores and labels of the file equal torch4j's eval forward on the traced image and on a
 * second image of the same size (whose number of detections differs), so nothing data-dependent is baked in.
 * Random-init models (seeded), small images, thresholds lowered so that some detections survive.
 */
class ExportDetectionModelsTest {

    static void exportsAndMatches(String name, Supplier<DetectionModel> build, long h, long w, Path dir) throws Exception {
        Torch.manualSeed(0);
        DetectionModel m = build.get();
        m.eval();
        Function<List<Tensor>, List<Tensor>> f = xs -> {
            Detection d = m.forward(List.of(xs.get(0))).get(0);
            return List.of(d.boxes(), d.scores(), d.labels());
        };
        Tensor x1 = Torch.rand(3, h, w), x2 = Torch.rand(3, h, w).mul(0.5);
        Path file = dir.resolve(name + ".onnx");
        Onnx.export(m, List.of(x1), f, file, ExportCheck.options(1, 3).dynamicAxes(Map.of()).opset(17).build());
        long n1 = ExportCheck.expected(m, f, List.of(x1)).get(0).size(0), n2 = ExportCheck.expected(m, f, List.of(x2)).get(0).size(0);
        System.out.println(name + ": " + n1 + " and " + n2 + " detections");
        assertTrue(n1 > 0 && n2 > 0, name + ": both images give detections (" + n1 + ", " + n2 + ")");
        ExportCheck.ortMatches(file, m, f, List.of(x1), name);
        ExportCheck.ortMatches(file, m, f, List.of(x2), name + " on a second image");
    }

    @Test
    void retinanetResnet50Fpn(@TempDir Path dir) throws Exception {
        OneStageOptions o = OneStageOptions.DEFAULTS.withMinSize(128).withMaxSize(128).withScoreThresh(0.0101).withTopkCandidates(100)
                .withDetectionsPerImg(50);
        exportsAndMatches("retinanet_resnet50_fpn", () -> RetinaNet.retinanetResnet50Fpn(5, o), 128, 128, dir);
    }

    @Test
    void fcosResnet50Fpn(@TempDir Path dir) throws Exception {
        OneStageOptions o = OneStageOptions.DEFAULTS.withMinSize(128).withMaxSize(128).withScoreThresh(0.05).withTopkCandidates(100)
                .withDetectionsPerImg(50);
        exportsAndMatches("fcos_resnet50_fpn", () -> FCOS.fcosResnet50Fpn(5, o), 128, 128, dir);
    }

    @Test
    void ssdlite320MobilenetV3Large(@TempDir Path dir) throws Exception {
        OneStageOptions o = OneStageOptions.DEFAULTS.withScoreThresh(0.19).withTopkCandidates(100).withDetectionsPerImg(50);
        exportsAndMatches("ssdlite320_mobilenet_v3_large", () -> SSD.ssdlite320MobilenetV3Large(5, o), 320, 320, dir);
    }
}
