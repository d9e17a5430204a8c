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
import org.torch4j.vision.models.Models;
import org.torch4j.vision.models.SqueezeNet;

/**
 * AlexNet, SqueezeNet, DenseNet and GoogLeNet beyond their seeded weights and outputs (VisionModelsTest):
 * the registry and catalog entries, the {@code numClasses} option, torchvision's parameter counts and
 * its error for an unknown SqueezeNet version.
 */
class ClassicModelsTest {

    /** torchvision's parameter counts at 1000 classes (as tools/gen_vision_reference.py prints them). */
    @ParameterizedTest
    @CsvSource({"alexnet, 61100840", "squeezenet1_0, 1248424", "squeezenet1_1, 1235496", "densenet121, 7978856", "googlenet, 6624904"})
    void registryBuildsTorchvisionsParameterCountAndNumClasses(String name, long parameters) {
        long n = 0;
        for (Parameter p : Models.create(name, 1000).parameters()) n += p.numel();
        assertEquals(parameters, n, name);
        Module model = Models.create(name, 10).eval();
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
    void unknownSqueezeNetVersionHasTorchvisionsMessage() {
        var e = assertThrows(IllegalArgumentException.class, () -> new SqueezeNet("1_2", 10));
        assertEquals("Unsupported SqueezeNet version 1_2: 1_0 or 1_1 expected", e.getMessage());
    }
}
