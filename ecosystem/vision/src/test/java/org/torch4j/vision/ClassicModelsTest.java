package org.torch4j.vision;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.Module;
import org.torch4j.nn.Parameter;
import org.torch4j.platform.Catalog;
import org.torch4j.platform.ModelProvider;
import org.torch4j.vision.models.DenseNet;
import org.torch4j.vision.models.GoogLeNet;
import org.torch4j.vision.models.Models;
import org.torch4j.vision.models.SqueezeNet;

/**
 * AlexNet, SqueezeNet, DenseNet and GoogLeNet beyond their seeded weights and outputs (VisionModelsTest):
 * the registry and catalog entries, the {@code numClasses} option, torchvision's parameter counts and
 * its error for an unknown SqueezeNet version.
 */
class ClassicModelsTest {

    /** torchvision's parameter counts at 10 classes (sum of p.numel() over {@code <builder>(num_classes=10).parameters()}). */
    @ParameterizedTest
    @CsvSource({"alexnet, 57044810", "squeezenet1_0, 740554", "squeezenet1_1, 727626", "densenet121, 6964106", "googlenet, 5610154"})
    void registryBuildsTorchvisionsParameterCountAndNumClasses(String name, long parameters) {
        Module model = Models.create(name, 10).eval();
        long n = 0;
        for (Parameter p : model.parameters()) n += p.numel();
        assertEquals(parameters, n, name);
        try (var g = Torch.noGrad()) {
            Tensor y = model.call(Torch.randn(2, 3, 64, 64));
            assertArrayEquals(new long[] {2, 10}, y.shape(), name);
        }
        assertTrue(Models.description(name).contains("torchvision's"), Models.description(name));
    }

    @Test
    void catalogListsAndCreatesThem() {
        List<String> names = Catalog.models().stream().map(ModelProvider::name).toList();
        for (String n : List.of("alexnet", "squeezenet1_0", "squeezenet1_1", "densenet121", "googlenet")) {
            assertTrue(names.contains(n), n + " in " + names);
            assertTrue(Models.names().contains(n), n);
        }
        Module squeeze = Catalog.model("squeezenet1_1").orElseThrow().create(Map.of("numClasses", "4"));
        try (var g = Torch.noGrad()) {
            assertArrayEquals(new long[] {1, 4}, squeeze.eval().call(Torch.randn(1, 3, 48, 48)).shape());
        }
    }

    @Test
    void denseNetGrowthOptionsShapeTheChannels() {
        // growth 8 over blocks (1, 2): 16 stem channels + 8 = 24, halved to 12, + 2 * 8 = 28 before the classifier
        DenseNet net = new DenseNet(8, new int[] {1, 2}, 16, 3, 0.5, 5);
        assertArrayEquals(new long[] {5, 28}, net.classifier.weight.shape());
        assertArrayEquals(new long[] {24, 16, 1, 1}, net.stateDict().get("features.denseblock1.denselayer1.conv1.weight").shape());
        assertArrayEquals(new long[] {12, 24, 1, 1}, net.stateDict().get("features.transition1.conv.weight").shape());
        // dropout runs while training, and not in eval mode
        Tensor x = Torch.randn(1, 3, 16, 16);
        try (var g = Torch.noGrad()) {
            Tensor a = net.eval().call(x), b = net.call(x);
            assertEquals(0, a.sub(b).abs().max().item());
            assertArrayEquals(new long[] {1, 5}, net.train().call(x).shape());
        }
    }

    @Test
    void googLeNetTransformInputIsTorchvisions() {
        Map<String, Object> ref = VisionReference.map(VisionModelsTest.reference("googlenet").get("transformInput"));
        Torch.manualSeed(((Number) ref.get("seed")).longValue());
        Tensor y = GoogLeNet.transformInput(Torch.randn(1, 3, 2, 3));
        Tensor expected = Torch.tensor(VisionReference.floats(ref.get("output")), VisionReference.longs(ref.get("shape")));
        assertArrayEquals(expected.shape(), y.shape());
        assertTrue(y.allclose(expected, 1e-6, 1e-7), y + " vs " + expected);
        // the option reaches forward: a model with it differs from one without on the same weights
        Torch.manualSeed(0);
        GoogLeNet plain = new GoogLeNet(3);
        Torch.manualSeed(0);
        GoogLeNet transformed = new GoogLeNet(3, true, 0.2);
        Tensor x = Torch.randn(1, 3, 32, 32).mul(1e10);
        try (var g = Torch.noGrad()) {
            Tensor a = plain.eval().call(x), b = transformed.eval().call(x), c = plain.call(GoogLeNet.transformInput(x));
            assertTrue(a.sub(b).abs().max().item() > 1e-4, "transform_input changes the output");
            assertEquals(0, b.sub(c).abs().max().item(), 1e-7);
        }
    }

    @Test
    void unknownSqueezeNetVersionHasTorchvisionsMessage() {
        var e = assertThrows(IllegalArgumentException.class, () -> new SqueezeNet("1_2", 10));
        assertEquals("Unsupported SqueezeNet version 1_2: 1_0 or 1_1 expected", e.getMessage());
    }
}
