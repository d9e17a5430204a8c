package org.torch4j.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.torch4j.DType;
import org.torch4j.Cuda;
import org.torch4j.Device;
import org.torch4j.Generator;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.vision.models.detection.Detection;
import org.torch4j.vision.models.detection.DetectionModel;
import org.torch4j.vision.models.detection.FasterRCNN;
import org.torch4j.vision.models.detection.RCNNOptions;
import org.torch4j.vision.models.detection.Target;
import org.torch4j.vision.ops.Boxes;
import org.torch4j.vision.ops.Roi;
import org.torch4j.vision.transforms.Functional;
import org.torch4j.vision.transforms.InterpolationMode;
import org.torch4j.vision.transforms.RandomErasing;

/**
 * torchvision's ops and image transforms with their inputs on the GPU (on backend-cuda's emulated device without
 * one): the result stays there and equals the CPU's, so what an op makes beside its input (kernels, mean and std,
 * index tensors, host-computed results such as nms's kept indices) lands on the input's device. Skipped, printing
 * why, without CUDA.
 */
class VisionOnCudaTest {

    private static final Device CUDA = Device.of("cuda");

    @BeforeAll
    static void requireCuda() {
        RequireCuda.orSkip("vision on CUDA");
        // float32 convolutions in full precision, as on the CPU (the default, as PyTorch's cuDNN, allows TF32)
        Cuda.setAllowConvTf32(false);
    }

    @AfterAll
    static void restoreTf32() {
        Cuda.setAllowConvTf32(true);
    }

    /** f on the CPU and on cuda: the cuda result stays on cuda and agrees with the CPU's. */
    private static void sameOnCuda(String name, Function<Device, Tensor> f) {
        Tensor cpu = f.apply(Device.CPU), gpu = f.apply(CUDA);
        assertEquals("cuda", gpu.device().type(), name + ": result device");
        assertTrue(gpu.cpu().toDouble().isclose(cpu.toDouble(), 1e-4, 1e-4, true).all().itemBool(), name + ": cuda differs from cpu");
    }

    @Test
    void opsKeepTheirInputsDevice() {
        Tensor boxes = Torch.tensor(new float[] {0, 0, 10, 10, 1, 1, 11, 11, 20, 20, 30, 30}).reshape(3, 4);
        Tensor scores = Torch.tensor(new float[] {0.9f, 0.8f, 0.7f});
        sameOnCuda("nms", d -> Boxes.nms(boxes.to(d), scores.to(d), 0.5));
        sameOnCuda("batched_nms", d -> Boxes.batchedNms(boxes.to(d), scores.to(d), Torch.tensor(new long[] {0, 1, 0}).to(d), 0.5));
        sameOnCuda("clip_boxes_to_image", d -> Boxes.clipBoxesToImage(boxes.to(d), 8, 8));
        sameOnCuda("masks_to_boxes", d -> Boxes.masksToBoxes(Torch.rand(new long[] {2, 16, 16}, new Generator().manualSeed(1)).gt(0.5).to(d)));
        Tensor img = Torch.rand(new long[] {1, 8, 16, 16}, new Generator().manualSeed(2));
        Tensor rois = Torch.tensor(new float[] {0, 0, 0, 10, 10, 0, 3, 2, 14, 12}).reshape(2, 5);
        sameOnCuda("roi_align", d -> Roi.roiAlign(img.to(d), rois.to(d), 3));
        sameOnCuda("ps_roi_align", d -> Roi.psRoiAlign(img.to(d), rois.to(d), 2));
        sameOnCuda("roi_pool", d -> Roi.roiPool(img.to(d), rois.to(d), 3));
    }

    /**
     * A detection model moved to cuda trains and detects there: anchors, sampled proposals, matched targets and the
     * post-processing (made on the CPU until 2026-12-06: device mismatches) follow the feature maps' device.
     */
    @Test
    void detectionTrainsAndDetectsOnCuda() {
        Torch.manualSeed(0);
        DetectionModel model = FasterRCNN.fasterrcnnMobilenetV3Large320Fpn(3, RCNNOptions.DEFAULTS.withMinSize(64).withMaxSize(64));
        model.to(CUDA);
        Tensor image = Torch.rand(new long[] {3, 64, 64}, new Generator().manualSeed(4)).to(CUDA);
        Target target = new Target(Torch.tensor(new float[] {5, 5, 40, 40}).reshape(1, 4).to(CUDA),
                Torch.tensor(new long[] {1}).to(CUDA), null, null);
        model.train(true);
        Map<String, Tensor> losses = model.call(List.of(image), List.of(target)).losses();
        losses.forEach((name, loss) -> {
            assertEquals("cuda", loss.device().type(), name + " device");
            assertTrue(Double.isFinite(loss.item()), name + " is finite");
        });
        model.train(false);
        Detection detection = model.forward(List.of(image)).get(0);
        assertEquals("cuda", detection.boxes().device().type(), "detected boxes' device");
        assertEquals("cuda", detection.scores().device().type(), "detected scores' device");
    }

    @Test
    void transformsKeepTheImagesDevice() {
        Tensor img = Torch.rand(new long[] {2, 3, 32, 32}, new Generator().manualSeed(3));
        sameOnCuda("normalize", d -> Functional.normalize(img.to(d), new double[] {0.5, 0.4, 0.3}, new double[] {0.2, 0.25, 0.3}));
        sameOnCuda("gaussian_blur", d -> Functional.gaussianBlur(img.to(d), 5, 3, 1.0, 0.7));
        sameOnCuda("adjust_sharpness", d -> Functional.adjustSharpness(img.to(d), 2.0));
        sameOnCuda("pad symmetric", d -> Functional.pad(img.to(d), 2, 1, 3, 2, 0.0, "symmetric"));
        sameOnCuda("rotate", d -> Functional.rotate(img.to(d), 30, InterpolationMode.BILINEAR, false, null, null));
        sameOnCuda("equalize", d -> Functional.equalize(img.mul(255.0).to(DType.UINT8).to(d)));
        Tensor erased = new RandomErasing(1.0, new double[] {0.02, 0.33}, new double[] {0.3, 3.3}, null, false).apply(img.get(0).to(CUDA));
        assertEquals("cuda", erased.device().type(), "RandomErasing");
    }
}
