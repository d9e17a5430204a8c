package org.torch4j.vision;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.BatchNorm2d;
import org.torch4j.nn.Parameter;
import org.torch4j.vision.io.FlowImages;
import org.torch4j.vision.io.Images;
import org.torch4j.vision.models.opticalflow.CorrBlock;
import org.torch4j.vision.models.opticalflow.FeatureEncoder;
import org.torch4j.vision.models.opticalflow.MotionEncoder;
import org.torch4j.vision.models.opticalflow.OpticalFlowModels;
import org.torch4j.vision.models.opticalflow.RAFT;
import org.torch4j.vision.models.opticalflow.RecurrentBlock;
import org.torch4j.vision.models.opticalflow.ResidualBlock;

/**
 * RAFT and flow_to_image against torchvision 0.14 (reference/vision/flow.json from tools/gen_vision_flow_reference.py):
 * seeded raft_small and raft_large hold torchvision's weights and give its flow after every update (eval mode, 128x128,
 * the smallest size whose correlation pyramid has four usable levels); raft_large in training mode gives its loss,
 * gradients and batch-norm statistics; bad inputs get torchvision's messages; flow images are equal byte for byte.
 */
class OpticalFlowTest {

    static final Map<String, Object> REF = VisionReference.map(VisionReference.load("flow.json"));

    static Map<String, Object> model(String name) {
        for (Object o : VisionReference.list(REF.get("models"))) {
            if (VisionReference.map(o).get("name").equals(name)) return VisionReference.map(o);
        }
        throw new IllegalArgumentException(name);
    }

    static int integer(Map<String, Object> m, String key) {
        return ((Number) m.get(key)).intValue();
    }

    /** The generator's images: randn [N, 3, S, S] twice after manualSeed(seed). */
    static Tensor[] images(int seed, long batch, long size) {
        Torch.manualSeed(seed);
        Tensor image1 = Torch.randn(batch, 3, size, size);
        return new Tensor[] {image1, Torch.randn(batch, 3, size, size)};
    }

    /**
     * A tensor against the generator's {@code sampled} record: its shape, every stride-th value within {@code tol} of
     * the largest sampled value, and its sum and sum of squares to the same relative accuracy.
     */
    static double assertSampled(String what, Tensor actual, Map<String, Object> ref, double tol) {
        assertArrayEquals(VisionReference.longs(ref.get("shape")), actual.shape(), what + " shape");
        long stride = ((Number) ref.get("stride")).longValue();
        float[] want = VisionReference.floats(ref.get("values"));
        Tensor got = actual.detach().reshape(-1).index(org.torch4j.Index.slice(null, null, stride));
        double rel = VisionReference.relativeDifference(got, Torch.tensor(want, want.length));
        Tensor d = actual.detach().toDouble();
        double sumsq = ((Number) ref.get("sumsq")).doubleValue(), n = d.numel();
        assertTrue(rel <= tol, what + " differs from torchvision's by " + rel + " relative");
        assertEquals(((Number) ref.get("sum")).doubleValue(), d.sum().item(), tol * Math.sqrt(n * sumsq), what + " sum");
        assertEquals(sumsq, d.square().sum().item(), 2 * tol * sumsq, what + " sum of squares");
        return rel;
    }

    @ParameterizedTest
    @ValueSource(strings = {"raft_small", "raft_large"})
    void seededModelHasTorchvisionsWeightsAndFlows(String name) {
        Map<String, Object> ref = model(name);
        Torch.manualSeed(integer(ref, "seed"));
        RAFT raft = OpticalFlowModels.create(name);
        VisionModelsTest.assertSeededState(name, raft.stateDict(), VisionReference.list(ref.get("state")));
        assertEquals(((Number) ref.get("numParams")).longValue(), raft.parameters().stream().mapToLong(Tensor::numel).sum(), name + " parameters");
        assertEquals(name.equals("raft_small"), raft.maskPredictor == null, "only raft_large upsamples convexly");

        Tensor[] x = images(integer(ref, "inputSeed"), integer(ref, "batch"), integer(ref, "size"));
        List<Tensor> flows;
        try (var g = Torch.noGrad()) {
            raft.eval();
            flows = raft.call(x[0], x[1], integer(ref, "numFlowUpdates"));
        }
        List<Object> expected = VisionReference.list(ref.get("flows"));
        assertEquals(expected.size(), flows.size(), "one flow per update");
        for (int k = 0; k < flows.size(); k++) {
            double rel = assertSampled(name + " flow " + k, flows.get(k), VisionReference.map(expected.get(k)), 1e-4);
            System.out.printf("%s: flow %d relative difference %.2e%n", name, k, rel);
        }
    }

    @Test
    void trainingForwardAndBackwardMatchTorchvision() {
        Map<String, Object> ref = VisionReference.map(REF.get("training"));
        Torch.manualSeed(integer(ref, "seed"));
        RAFT raft = OpticalFlowModels.create((String) ref.get("model"));
        raft.train();
        long size = integer(ref, "size");
        Tensor[] x = images(integer(ref, "inputSeed"), 1, size);
        int updates = integer(ref, "numFlowUpdates");
        List<Tensor> flows = raft.call(x[0], x[1], updates);
        Torch.manualSeed(integer(ref, "weightSeed"));
        Tensor w = Torch.randn(1, 2, size, size);
        double gamma = ((Number) ref.get("gamma")).doubleValue();
        Tensor loss = Torch.zeros();
        for (int k = 0; k < updates; k++) loss = loss.add(flows.get(k).mul(w).sum().mul(Math.pow(gamma, updates - 1 - k)));
        loss.backward();

        double want = ((Number) ref.get("loss")).doubleValue();
        assertEquals(want, loss.item(), 1e-4 * Math.abs(want), "loss");
        List<Object> expectedFlows = VisionReference.list(ref.get("flows"));
        for (int k = 0; k < updates; k++) assertSampled("training flow " + k, flows.get(k), VisionReference.map(expectedFlows.get(k)), 1e-4);
        Map<String, Parameter> params = raft.namedParameters();
        for (Object o : VisionReference.list(ref.get("grads"))) {
            Map<String, Object> g = VisionReference.map(o);
            String key = (String) g.get("key");
            // 1e-3: the context encoder's batch-norm gradients are sums with heavy cancellation; torchvision's own float32
            // gradients differ from its float64 ones by up to 5e-4 relative there (4e-4 here), the others by 1e-5 or less
            double rel = assertSampled("gradient of " + key, params.get(key).grad(), g, 1e-3);
            System.out.printf("raft_large training: gradient of %s relative difference %.2e%n", key, rel);
        }
        Map<String, Object> running = VisionReference.map(ref.get("runningMean"));
        float[] mean = VisionReference.floats(running.get("values"));
        Tensor got = raft.stateDict().get((String) running.get("key"));
        assertTrue(VisionReference.relativeDifference(got, Torch.tensor(mean, mean.length)) <= 1e-4, "batch norm running mean");
    }

    @Test
    void badInputsGetTorchvisionsMessages() {
        Torch.manualSeed(0);
        RAFT raft = RAFT.raftSmall();
        raft.eval();
        for (Object o : VisionReference.list(REF.get("errors"))) {
            Map<String, Object> e = VisionReference.map(o);
            Tensor image1 = Torch.zeros(VisionReference.longs(e.get("image1"))), image2 = Torch.zeros(VisionReference.longs(e.get("image2")));
            try (var g = Torch.noGrad()) {
                var ex = assertThrows(IllegalArgumentException.class, () -> raft.call(image1, image2, 1));
                assertEquals(e.get("message"), ex.getMessage());
            }
        }
        // the parts, by the generator's description of each call
        Map<String, Executable> calls = Map.of(
                "FeatureEncoder(layers=(64, 64, 96, 128))",
                () -> new FeatureEncoder(ResidualBlock::new, new long[] {64, 64, 96, 128}, new long[] {2, 1, 2, 2}, BatchNorm2d::new),
                "MotionEncoder(flow_layers=(128,))", () -> new MotionEncoder(324, new long[] {256, 192}, new long[] {128}, 128),
                "MotionEncoder(corr_layers=(256, 192, 128))", () -> new MotionEncoder(324, new long[] {256, 192, 128}, new long[] {128, 64}, 128),
                "RecurrentBlock(kernel_size=((1, 5), (5, 1)), padding=((0, 2),))",
                () -> new RecurrentBlock(8, 4, new long[][] {{1, 5}, {5, 1}}, new long[][] {{0, 2}}),
                "RecurrentBlock(kernel_size=(3, 3, 3), padding=(1, 1, 1))",
                () -> new RecurrentBlock(8, 4, new long[][] {{3, 3}, {3, 3}, {3, 3}}, new long[][] {{1, 1}, {1, 1}, {1, 1}}),
                "CorrBlock().build_pyramid(zeros(1, 8, 4, 4), zeros(1, 8, 4, 5))",
                () -> new CorrBlock().buildPyramid(Torch.zeros(1, 8, 4, 4), Torch.zeros(1, 8, 4, 5)));
        List<Object> constructionErrors = VisionReference.list(REF.get("constructionErrors"));
        assertEquals(calls.size(), constructionErrors.size());
        for (Object o : constructionErrors) {
            Map<String, Object> e = VisionReference.map(o);
            var ex = assertThrows(IllegalArgumentException.class, calls.get((String) e.get("call")), (String) e.get("call"));
            assertEquals(e.get("message"), ex.getMessage());
        }
        var ex = assertThrows(IllegalArgumentException.class, () -> OpticalFlowModels.create("raft_tiny"));
        assertEquals("unknown optical flow model 'raft_tiny'; known: raft_large, raft_small", ex.getMessage());
    }

    @Test
    void flowToImageMatchesTorchvisionExactly() {
        Map<String, Object> ref = VisionReference.map(REF.get("flowToImage"));
        for (Object o : VisionReference.list(ref.get("cases"))) {
            Map<String, Object> c = VisionReference.map(o);
            long[] shape = VisionReference.longs(c.get("shape"));
            Tensor flow = Torch.tensor(VisionReference.floats(c.get("flow")), shape);
            Tensor img = FlowImages.flowToImage(flow);
            assertEquals(DType.UINT8, img.dtype());
            assertArrayEquals(VisionReference.longs(c.get("imageShape")), img.shape());
            long[] got = img.toLong().reshape(-1).toLongArray();
            assertArrayEquals(VisionReference.longs(c.get("image")), got, "flow_to_image of " + java.util.Arrays.toString(shape));
        }
        for (Object o : VisionReference.list(ref.get("errors"))) {
            Map<String, Object> e = VisionReference.map(o);
            Tensor flow = Torch.zeros(VisionReference.longs(e.get("shape")), DType.of((String) e.get("dtype")));
            var ex = assertThrows(IllegalArgumentException.class, () -> FlowImages.flowToImage(flow));
            assertEquals(e.get("message"), ex.getMessage());
        }
    }

    /** The README's optical flow example, as written there (only the output path points at a temporary folder). */
    @Test
    void readmeExampleRuns(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("flow.png");
        // ---- README ----
        Torch.manualSeed(0);
        RAFT raft = RAFT.raftSmall();                                   // or OpticalFlowModels.create("raft_large")
        raft.eval();
        Tensor frame1 = Torch.rand(1, 3, 128, 128).mul(2).sub(1);       // [-1, 1]; H, W divisible by 8, at least 128
        Tensor frame2 = frame1.roll(new long[] {3, -2}, new int[] {2, 3});  // moved 3 px down, 2 px left
        try (var g = Torch.noGrad()) {
            List<Tensor> flows = raft.call(frame1, frame2, 4);          // one [1, 2, 128, 128] flow per update
            Tensor picture = FlowImages.flowToImage(flows.get(3));       // uint8 [1, 3, 128, 128], hue = direction
            Images.write(picture.get(0), png);
        }
        // ---- end ----
        assertArrayEquals(new long[] {3, 128, 128}, Images.read(png).shape());
    }
}
