package org.torch4j.vision;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.Module;
import org.torch4j.nn.Parameter;
import org.torch4j.vision.models.MaxVit;
import org.torch4j.vision.models.Models;
import org.torch4j.vision.models.ShiftedWindowAttention;
import org.torch4j.vision.models.video.MViT;
import org.torch4j.vision.models.video.S3D;

/**
 * The video models (ResNets, S3D, MViT), the Swin Transformers (V1 and V2) and MaxViT against torchvision 0.14 (models_video.json, from
 * tools/gen_vision_video_reference.py): each builder after {@code manualSeed(0)} holds torchvision's weights (state-dict
 * keys in order and per-tensor sums), has its parameter count, and gives its eval-mode output for a small input
 * (clips [1, 3, 4, 32, 32], images [1, 3, 72, 72], which pads Swin's windows and patch mergings) within 1e-4 relative
 * (S3D, whose pool wants large clips: its features at [1, 3, 8, 32, 32] and its head on seeded features);
 * MViT V1-B and V2-S are built for clips of 4x32x32 as the generator builds them (torchvision's builders fix 16x224x224).
 * MaxViT-T's weights are checked at its 224 pixels, its outputs with partition size 2 at 64 pixels (maxvit_t_small).
 * Swin-T, Swin V2-T, MViT V2-S and the small MaxViT-T also in training, where stochastic depth draws its masks: outputs
 * and gradients. The models over 40M parameters run when named by -Dtorch4j.vision.models (see {@link #cases}).
 */
class VideoAndSwinModelsTest {

    /** The cases of models_video.json, read once (700 KB). */
    static final List<Map<String, Object>> ALL =
            VisionReference.list(VisionReference.load("models_video.json")).stream().map(VisionReference::map).toList();

    static List<Map<String, Object>> all() {
        return ALL;
    }

    /**
     * The cases to run: by default all but the models over 40M parameters (Swin-S/B and V2-S/B: their construction alone,
     * 50M to 88M truncated normals, takes 10 to 20 s; their code is Swin-T's and V2-T's with other depths and widths).
     * With -Dtorch4j.vision.models=prefix,... the cases whose names start so, large ones included.
     */
    static Stream<String> cases() {
        return all().stream().filter(c -> VisionModelsTest.ONLY.isEmpty()
                        ? ((Number) c.get("numParams")).longValue() <= 40_000_000L
                        : VisionModelsTest.ONLY.stream().anyMatch(((String) c.get("name"))::startsWith))
                .map(c -> (String) c.get("name"));
    }

    static Map<String, Object> reference(String name) {
        return all().stream().filter(c -> c.get("name").equals(name)).findFirst().orElseThrow();
    }

    static Module build(String name, Map<String, Object> ref) {
        Torch.manualSeed(0);
        int numClasses = ((Number) ref.get("numClasses")).intValue();
        // MViT's clip size is fixed at construction: the generator built it for the test's small clips
        // MaxViT's input size is fixed likewise: maxvit_t_small is maxvit_t's layout at 64 pixels with partition size 2
        if (name.equals("maxvit_t_small")) return MaxVit.maxvitT(new long[] {64, 64}, 2, numClasses);
        if (!name.startsWith("mvit")) return Models.create(name, numClasses);
        long[] shape = VisionReference.longs(ref.get("inputShape"));
        long[] spatial = {shape[3], shape[4]};
        return name.equals("mvit_v1_b") ? MViT.mvitV1B(spatial, shape[2], numClasses) : MViT.mvitV2S(spatial, shape[2], numClasses);
    }

    static Tensor expected(Map<String, Object> c) {
        return Torch.tensor(VisionReference.floats(c.get("output")), VisionReference.longs(c.get(c.containsKey("outputShape") ? "outputShape" : "shape")));
    }

    static void assertClose(String what, Tensor expected, Tensor got) {
        assertArrayEquals(expected.shape(), got.shape(), what + " shape");
        double rel = VisionReference.relativeDifference(got, expected);
        System.out.printf("%s: relative difference %.2e%n", what, rel);
        assertTrue(rel <= 1e-4, what + " differs from torchvision's by " + rel + " relative");
    }

    @ParameterizedTest
    @MethodSource("cases")
    void seededModelHasTorchvisionsWeightsAndOutput(String name) {
        Map<String, Object> ref = reference(name);
        Module model = build(name, ref).eval();
        VisionModelsTest.assertSeededState(name, model.stateDict(), VisionReference.list(ref.get("state")));
        long params = model.parameters().stream().mapToLong(Tensor::numel).sum();
        assertEquals(((Number) ref.get("numParams")).longValue(), params, name + " parameters");
        if (!ref.containsKey("output")) return;   // maxvit_t at 224 pixels: its weights only
        Torch.manualSeed(1);
        Tensor x = Torch.randn(VisionReference.longs(ref.get("inputShape")));
        Tensor y;
        try (var g = Torch.noGrad()) {
            // S3D at a clip too small for its 2x7x7 pool: its features, and its head on seeded features
            y = model instanceof S3D s3d ? s3d.features.call(x) : model.call(x);
        }
        assertClose(name + " output", expected(ref), y);
        if (model instanceof S3D s3d) {
            Map<String, Object> head = VisionReference.map(ref.get("head"));
            Torch.manualSeed(((Number) head.get("seed")).longValue());
            Tensor features = Torch.randn(VisionReference.longs(head.get("inputShape")));
            try (var g = Torch.noGrad()) {
                assertClose(name + " head", expected(head), s3d.head(features));
            }
        }
        if (ref.containsKey("training")) assertTrainingStep(name, model, ref);
    }

    /**
     * In training each block drops its residual branches per sample with its stochastic depth: seeded as the generator,
     * the masks, outputs and gradients are torchvision's.
     */
    static void assertTrainingStep(String name, Module model, Map<String, Object> ref) {
        Map<String, Object> training = VisionReference.map(ref.get("training"));
        model.train();
        long[] shape = VisionReference.longs(ref.get("inputShape"));
        shape[0] = 2;
        Torch.manualSeed(((Number) training.get("seed")).longValue());
        Tensor x = Torch.randn(shape);
        Tensor y = model.call(x);
        assertClose(name + " training output", expected(training), y.detach());
        y.square().sum().backward();
        Map<String, Parameter> params = model.namedParameters();
        for (Object o : VisionReference.list(training.get("grads"))) {
            Map<String, Object> g = VisionReference.map(o);
            String key = (String) g.get("key");
            Tensor grad = params.get(key).grad().toDouble();
            double sumsq = ((Number) g.get("sumsq")).doubleValue();
            assertEquals(sumsq, grad.square().sum().item(), 1e-4 * sumsq, key + " gradient's sum of squares");
            assertEquals(((Number) g.get("sum")).doubleValue(), grad.sum().item(), 1e-4 * Math.sqrt(sumsq * grad.numel()), key + " gradient's sum");
        }
    }

    @Test
    void badArgumentsGetTorchvisionsWording() {
        assertEquals("window_size and shift_size must be of length 2", assertThrows(IllegalArgumentException.class,
                () -> new ShiftedWindowAttention(8, new long[] {7}, new long[] {0, 0}, 2)).getMessage());
        assertEquals("Input size (16, 16) of block 0 is not divisible by partition size 7. Consider changing the partition size or the input "
                + "size.\nCurrent configuration yields the following block input sizes: [(16, 16), (8, 8), (4, 4), (2, 2)].",
                assertThrows(IllegalArgumentException.class, () -> MaxVit.maxvitT(new long[] {64, 64}, 7, 10)).getMessage());
        assertEquals("The configuration parameter can't be empty.", assertThrows(IllegalArgumentException.class,
                () -> new MViT(new long[] {32, 32}, 4, java.util.List.of(), false, false, false, false, 0.5, 0, 0, 10)).getMessage());
    }
}
