package org.torch4j.onnx.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import org.torch4j.onnx.OnnxException;
import org.torch4j.vision.models.detection.Detection;
import org.torch4j.vision.models.detection.DetectionModel;
import org.torch4j.vision.models.detection.FCOS;
import org.torch4j.vision.models.detection.FasterRCNN;
import org.torch4j.vision.models.detection.KeypointRCNN;
import org.torch4j.vision.models.detection.MaskRCNN;
import org.torch4j.vision.models.detection.OneStageOptions;
import org.torch4j.vision.models.detection.RCNNOptions;
import org.torch4j.vision.models.detection.RoIHeads;
import org.torch4j.vision.models.detection.RetinaNet;
import org.torch4j.vision.models.detection.SSD;
import org.torch4j.vision.ops.Roi;

/**
 * Detection models exported in evaluation with their postprocessing (score threshold, top-k per level or class, class-wise
 * NMS as NonMaxSuppression, detections per image) for one image of a fixed size, as torchvision's own ONNX tests export
 * them: ONNX Runtime's boxes, scores and labels of the file equal torch4j's eval forward on the traced image and on a
 * second image of the same size (whose number of detections differs, except for SSDlite, which gives 152 on both), so
 * nothing data-dependent is baked in.
 * Random-init models (seeded), small images, thresholds lowered so that some detections survive.
 */
class ExportDetectionModelsTest {
    /** Boxes, in pixels: regressions are decoded through exp and scaled by the proposals' sizes (about 1e-3 px apart). */
    static final double BOX_ATOL = 0.01;
    /** Scores: the proposals (hence the pooled features) are about 1e-3 px apart, which moves R-CNN scores by up to about 3e-4. */
    static final double SCORE_RTOL = 1e-3;
    /**
     * Pasted mask probabilities: the mask branch pools at boxes up to 3e-3 px apart between the runtimes, which moves
     * pixels' probabilities by up to 7e-3 on the random-init model (most by under 1e-4); the paste alone is checked at
     * 1e-5 by {@link #pasteMasksIsGridSampling}.
     */
    static final double MASK_ATOL = 1e-2;

    static void exportsAndMatches(String name, Supplier<DetectionModel> build, long h, long w, Path dir) throws Exception {
        exportsAndMatches(name, build, h, w, false, dir);
    }

    /** With {@code masks}, the pasted masks are a fourth output, compared between matched detections. */
    static void exportsAndMatches(String name, Supplier<DetectionModel> build, long h, long w, boolean masks, Path dir) throws Exception {
        Torch.manualSeed(0);
        DetectionModel m = build.get();
        m.eval();
        Function<List<Tensor>, List<Tensor>> f = xs -> {
            Detection d = m.forward(List.of(xs.get(0))).get(0);
            return masks ? List.of(d.boxes(), d.scores(), d.labels(), d.masks()) : List.of(d.boxes(), d.scores(), d.labels());
        };
        Tensor x1 = Torch.rand(3, h, w), x2 = Torch.rand(3, h, w).mul(0.5);
        Path file = dir.resolve(name + ".onnx");
        Onnx.export(m, List.of(x1), f, file, ExportCheck.options(1, masks ? 4 : 3).dynamicAxes(Map.of()).opset(17).build());
        long n1 = ExportCheck.expected(m, f, List.of(x1)).get(0).size(0), n2 = ExportCheck.expected(m, f, List.of(x2)).get(0).size(0);
        System.out.println(name + ": " + n1 + " and " + n2 + " detections");
        assertTrue(n1 > 0 && n2 > 0, name + ": both images give detections (" + n1 + ", " + n2 + ")");
        sameDetections(ExportCheck.expected(m, f, List.of(x1)), Onnx.runWithOrt(file, ExportCheck.feed(List.of(x1))), name);
        sameDetections(ExportCheck.expected(m, f, List.of(x2)), Onnx.runWithOrt(file, ExportCheck.feed(List.of(x2))), name + " on a second image");
    }

    /**
     * ORT's detections are torch4j's: the same number, and each torch4j detection has an ORT detection of the same label
     * whose score agrees within rtol 1e-3, atol 1e-5 and whose box within rtol 1e-4, atol 0.01 px (box regressions are
     * decoded through exp and scaled by the proposals' sizes: about 1e-3 px apart after ResNet-50 at 128 px), and with
     * masks, whose pasted masks agree within {@link #MASK_ATOL}. Detections are matched rather than compared in order
     * because scores closer than the two runtimes' float32 rounding of the convolutions (about 1e-6) may come out of NMS
     * in either order.
     */
    static int[] sameDetections(List<Tensor> want, Map<String, Tensor> got, String what) {
        long n = want.get(0).size(0);
        assertEquals(n, got.get("out0").size(0), what + ": number of detections");
        float[] wb = want.get(0).toFloatArray(), ws = want.get(1).toFloatArray(), gb = got.get("out0").toFloatArray(), gs = got.get("out1").toFloatArray();
        long[] wl = want.get(2).toLongArray(), gl = got.get("out2").toLongArray();
        boolean[] used = new boolean[(int) n];
        int[] matches = new int[(int) n];
        float[] wm = want.size() > 3 ? want.get(3).toFloatArray() : null, gm = wm == null ? null : got.get("out3").toFloatArray();
        int maskSize = wm == null || n == 0 ? 0 : (int) (wm.length / n);
        for (int i = 0; i < n; i++) {
            int match = -1;
            for (int j = 0; j < n && match < 0; j++) {
                boolean same = !used[j] && wl[i] == gl[j] && close(ws[i], gs[j]);
                for (int k = 0; k < 4 && same; k++) same = Math.abs(wb[4 * i + k] - gb[4 * j + k]) <= BOX_ATOL + ExportCheck.RTOL * Math.abs(wb[4 * i + k]);
                if (same) match = j;
            }
            if (match < 0) {
                int near = 0;
                for (int j = 1; j < n; j++) if (boxDistance(wb, i, gb, j) < boxDistance(wb, i, gb, near)) near = j;
                throw new AssertionError(what + ": torch4j's detection " + i + " (label " + wl[i] + ", score " + ws[i] + ", box "
                        + box(wb, i) + ") is not among ORT's; the nearest box is ORT's " + near + " (label " + gl[near] + ", score "
                        + gs[near] + ", box " + box(gb, near) + ")");
            }
            assertTrue(match == i || close(ws[i], gs[i]), what + ": detection " + i + " out of score order");
            used[match] = true;
            matches[i] = match;
            for (int k = 0; k < maskSize; k++) {
                float a = wm[i * maskSize + k], b = gm[match * maskSize + k];
                if (!(Math.abs(a - b) <= MASK_ATOL)) {
                    throw new AssertionError(what + ": mask of detection " + i + " differs at pixel " + k + ": torch4j " + a + ", ORT " + b);
                }
            }
        }
        return matches;
    }

    static double boxDistance(float[] a, int i, float[] b, int j) {
        double d = 0;
        for (int k = 0; k < 4; k++) d = Math.max(d, Math.abs(a[4 * i + k] - b[4 * j + k]));
        return d;
    }

    static String box(float[] b, int i) {
        return "[" + b[4 * i] + ", " + b[4 * i + 1] + ", " + b[4 * i + 2] + ", " + b[4 * i + 3] + "]";
    }

    static boolean close(double w, double g) {
        return Math.abs(w - g) <= ExportCheck.ATOL + SCORE_RTOL * Math.abs(w);
    }

    @Test
    void retinanetResnet50Fpn(@TempDir Path dir) throws Exception {
        OneStageOptions o = OneStageOptions.DEFAULTS.withMinSize(128).withMaxSize(128).withScoreThresh(0.0101).withTopkCandidates(100)
                .withDetectionsPerImg(300);
        exportsAndMatches("retinanet_resnet50_fpn", () -> RetinaNet.retinanetResnet50Fpn(5, o), 128, 128, dir);
    }

    @Test
    void fcosResnet50Fpn(@TempDir Path dir) throws Exception {
        OneStageOptions o = OneStageOptions.DEFAULTS.withMinSize(128).withMaxSize(128).withScoreThresh(0.05).withTopkCandidates(100)
                .withDetectionsPerImg(300);
        exportsAndMatches("fcos_resnet50_fpn", () -> FCOS.fcosResnet50Fpn(5, o), 128, 128, dir);
    }

    @Test
    void ssdlite320MobilenetV3Large(@TempDir Path dir) throws Exception {
        OneStageOptions o = OneStageOptions.DEFAULTS.withScoreThresh(0.19).withTopkCandidates(100).withDetectionsPerImg(300);
        exportsAndMatches("ssdlite320_mobilenet_v3_large", () -> SSD.ssdlite320MobilenetV3Large(5, o), 320, 320, dir);
    }

    static RCNNOptions rcnn(double boxScoreThresh) {
        return RCNNOptions.DEFAULTS.withMinSize(128).withMaxSize(128).withRpnPreNmsTopNTest(100).withRpnPostNmsTopNTest(50)
                .withBoxScoreThresh(boxScoreThresh).withBoxDetectionsPerImg(100);
    }

    @Test
    void fasterrcnnResnet50Fpn(@TempDir Path dir) throws Exception {
        exportsAndMatches("fasterrcnn_resnet50_fpn", () -> FasterRCNN.fasterrcnnResnet50Fpn(5, rcnn(0.21)), 128, 128, dir);
    }

    @Test
    void fasterrcnnMobilenetV3LargeFpn(@TempDir Path dir) throws Exception {
        exportsAndMatches("fasterrcnn_mobilenet_v3_large_fpn", () -> FasterRCNN.fasterrcnnMobilenetV3LargeFpn(5, rcnn(0.2)), 128, 128, dir);
    }

    @Test
    void maskrcnnResnet50Fpn(@TempDir Path dir) throws Exception {
        exportsAndMatches("maskrcnn_resnet50_fpn", () -> MaskRCNN.maskrcnnResnet50Fpn(5, rcnn(0.21)), 128, 128, true, dir);
    }

    /**
     * Keypoint R-CNN with its keypoint branch and heatmaps_to_keypoints in the graph (traced as bicubic grid sampling of
     * each box's heatmaps on the image grid, see {@code Keypoints.heatmapsToKeypointsBySampling}): boxes, scores and labels
     * as above, and each matched detection's 17 keypoints and their scores. The heatmaps are pooled at boxes about 1e-3 px
     * apart between the runtimes, so a keypoint whose heatmap has two near-equal maxima may land on the other one; such
     * keypoints must have equal scores in both (within rtol 1e-3), and they are counted.
     */
    @Test
    void keypointrcnnResnet50Fpn(@TempDir Path dir) throws Exception {
        Torch.manualSeed(0);
        // scores of this random-init model are 0.8 to 0.99: 8 detections (the cap) on the traced image, 2 on the second
        DetectionModel m = KeypointRCNN.keypointrcnnResnet50Fpn(5, 17, rcnn(0.9).withBoxDetectionsPerImg(8));
        m.eval();
        Function<List<Tensor>, List<Tensor>> f = xs -> {
            Detection d = m.forward(List.of(xs.get(0))).get(0);
            return List.of(d.boxes(), d.scores(), d.labels(), d.keypoints(), d.keypointsScores());
        };
        Tensor x1 = Torch.rand(3, 128, 128), x2 = Torch.rand(3, 128, 128).mul(0.5);
        Path file = dir.resolve("keypointrcnn.onnx");
        Onnx.export(m, List.of(x1), f, file, ExportCheck.options(1, 5).dynamicAxes(Map.of()).opset(17).build());
        int moved = 0, keypoints = 0;
        var env = ai.onnxruntime.OrtEnvironment.getEnvironment();
        var session = env.createSession(file.toString());  // one session for both images: the file holds 59M weights
        for (Tensor x : List.of(x1, x2)) {
            List<Tensor> want = ExportCheck.expected(m, f, List.of(x));
            Map<String, Tensor> got = OrtRunner.run(env, session, ExportCheck.feed(List.of(x)));
            long n = want.get(0).size(0);
            System.out.println("keypointrcnn_resnet50_fpn: " + n + " detections");
            assertTrue(n > 0, "keypointrcnn: the image gives detections");
            int[] match = sameDetections(want.subList(0, 3), got, "keypointrcnn_resnet50_fpn");
            float[] wk = want.get(3).toFloatArray(), gk = got.get("out3").toFloatArray();
            float[] ws = want.get(4).toFloatArray(), gs = got.get("out4").toFloatArray();
            assertEquals(n * 17 * 3, gk.length, "keypoints");
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < 17; k++) {
                    int a = i * 17 + k, b = match[i] * 17 + k;
                    keypoints++;
                    assertTrue(close(ws[a], gs[b]), "keypoint " + k + " of detection " + i + ": score torch4j " + ws[a] + ", ORT " + gs[b]);
                    assertEquals(1f, gk[3 * b + 2], "visibility");
                    boolean same = true;
                    for (int c = 0; c < 2; c++) same &= Math.abs(wk[3 * a + c] - gk[3 * b + c]) <= BOX_ATOL;
                    if (!same) moved++;
                }
            }
        }
        session.close();
        System.out.println("keypointrcnn_resnet50_fpn: " + moved + " of " + keypoints + " keypoints on another maximum of equal score");
        assertTrue(moved <= keypoints / 50, moved + " of " + keypoints + " keypoints moved");
    }

    @Test
    void ssd300Vgg16(@TempDir Path dir) throws Exception {
        OneStageOptions o = OneStageOptions.DEFAULTS.withScoreThresh(0.21).withTopkCandidates(100).withDetectionsPerImg(300);
        exportsAndMatches("ssd300_vgg16", () -> SSD.ssd300Vgg16(5, o), 300, 300, dir);
    }

    /**
     * roi_align as ONNX RoiAlign: torchvision's {@code aligned=False} is RoiAlign's {@code output_half_pixel} (bins of at
     * least one pixel), {@code aligned=True} its {@code half_pixel}; a fixed and an adaptive sampling ratio. The RoIs are an
     * input with a dynamic count, run at the traced 6 and at 9.
     */
    @Test
    void roiAlignIsOnnxRoiAlign(@TempDir Path dir) throws Exception {
        Torch.manualSeed(0);
        Tensor x = Torch.randn(2, 3, 12, 16);
        for (int sampling : new int[] {2, -1}) {
            for (boolean aligned : new boolean[] {false, true}) {
                Function<List<Tensor>, List<Tensor>> f = xs -> List.of(Roi.roiAlign(xs.get(0), xs.get(1), 5, 4, 0.5, sampling, aligned));
                Path file = dir.resolve("roi_align_" + sampling + "_" + aligned + ".onnx");
                Onnx.export(null, List.of(x, rois(6)), f, file, ExportCheck.options(2, 1)
                        .dynamicAxes(Map.of("in1", Map.of(0, "k"), "out0", Map.of(0, "k"))).opset(16).build());
                for (int k : new int[] {6, 9}) {
                    List<Tensor> xs = List.of(x, rois(k));
                    ExportCheck.ortMatches(file, null, f, xs, "roi_align sampling " + sampling + " aligned " + aligned + " on " + k + " boxes");
                }
            }
        }
        Function<List<Tensor>, List<Tensor>> f = xs -> List.of(Roi.roiAlign(xs.get(0), xs.get(1), 5, 4, 0.5, 2, false));
        OnnxException e = assertThrows(OnnxException.class, () -> Onnx.export(null, List.of(x, rois(6)), f, dir.resolve("old.onnx"),
                ExportCheck.options(2, 1).dynamicAxes(Map.of()).opset(15).build()));
        assertEquals("torchvision::roi_align cannot be exported to ONNX: roi_align is exported as RoiAlign with "
                + "coordinate_transformation_mode, which needs opset 16 or later", e.getMessage());
    }

    /**
     * paste_masks_in_image, written as grid sampling when traced, against its eager form (bilinear resizing of each mask to
     * its box): boxes partly outside the image, thin and reversed ones, at the traced 5 masks and at 8.
     */
    @Test
    void pasteMasksIsGridSampling(@TempDir Path dir) throws Exception {
        Torch.manualSeed(0);
        Function<List<Tensor>, List<Tensor>> f = xs -> List.of(RoIHeads.pasteMasksInImage(xs.get(0), xs.get(1), 30, 40));
        Path file = dir.resolve("paste.onnx");
        Onnx.export(null, List.of(Torch.rand(5, 1, 7, 7), boxes(5)), f, file, ExportCheck.options(2, 1)
                .dynamicAxes(Map.of("in0", Map.of(0, "n"), "in1", Map.of(0, "n"), "out0", Map.of(0, "n"))).opset(16).build());
        for (int n : new int[] {5, 8}) ExportCheck.ortMatches(file, null, f, List.of(Torch.rand(n, 1, 7, 7), boxes(n)), "paste of " + n + " masks");
    }

    /** {@code n} boxes (x1, y1, x2, y2) around a 40x30 image: some past its sides, one reversed and one a pixel thin. */
    static Tensor boxes(int n) {
        Tensor xy = Torch.rand(n, 2).mul(Torch.tensor(new float[] {50, 40}, 2)).sub(5.0);
        Tensor wh = Torch.rand(n, 2).mul(Torch.tensor(new float[] {30, 20}, 2));
        Tensor b = Torch.cat(List.of(xy, xy.add(wh)), 1);
        b.select(0, 0).copy_(Torch.tensor(new float[] {12.3f, 4.1f, 9.5f, 20.2f}, 4));
        b.select(0, 1).copy_(Torch.tensor(new float[] {3.2f, 6.6f, 3.4f, 17.9f}, 4));
        return b;
    }

    /** {@code k} rows (batch index, x1, y1, x2, y2) inside a 32x24 image, some smaller than a feature pixel. */
    static Tensor rois(int k) {
        Tensor xy = Torch.rand(k, 2).mul(Torch.tensor(new float[] {28, 20}, 2));
        Tensor wh = Torch.rand(k, 2).mul(10);
        Tensor batch = Torch.randint(0, 2, k).toFloat().unsqueeze(1);
        return Torch.cat(List.of(batch, xy, xy.add(wh)), 1);
    }
}
