package org.torch4j.vision;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.data.Dataset;
import org.torch4j.nn.Module;
import org.torch4j.platform.Catalog;
import org.torch4j.platform.ModelProvider;
import org.torch4j.vision.models.Models;

/** The vision contributions as the platform catalog lists and creates them (ServiceLoader path). */
class CatalogTest {

    @Test
    void everyVisionModelIsListedAndTakesNumClasses() {
        List<String> names = Catalog.models().stream().map(ModelProvider::name).toList();
        for (String n : List.of("lenet5", "resnet18", "resnet34", "resnet50", "mobilenet_v2", "vgg11", "vgg11_bn", "vgg16", "vgg16_bn",
                "vit_small", "vit_b_16", "shufflenet_v2_x0_5", "shufflenet_v2_x1_0", "mobilenet_v3_small", "mobilenet_v3_large",
                "efficientnet_b0", "convnext_tiny")) {
            assertTrue(names.contains(n), n + " in " + names);
        }
        Module resnet = Catalog.model("resnet18").orElseThrow().create(Map.of("numClasses", 7));
        try (var g = Torch.noGrad()) {
            assertArrayEquals(new long[] {2, 7}, resnet.eval().call(Torch.randn(2, 3, 32, 32)).shape());
            Module vit = Catalog.model("vit_small").orElseThrow().create(Map.of("numClasses", "5"));
            assertArrayEquals(new long[] {1, 5}, vit.eval().call(Torch.randn(1, 3, 32, 32)).shape());
            Module mobilenet = Catalog.model("mobilenet_v2").orElseThrow().create(Map.of("numClasses", 3));
            assertArrayEquals(new long[] {1, 3}, mobilenet.eval().call(Torch.randn(1, 3, 32, 32)).shape());
        }
        var e = assertThrows(IllegalArgumentException.class, () -> Models.create("resnet19", 10));
        assertTrue(e.getMessage().contains("unknown vision model 'resnet19'; known: lenet5, resnet18"), e.getMessage());
    }

    @Test
    void datasetsAndTransformsAreListed() throws Exception {
        Dataset<?> cifar = Catalog.dataset("cifar10").orElseThrow()
                .open(Map.of("root", DatasetsTest.resource("cifar").toString(), "train", "false"));
        assertEquals(3, cifar.size());
        Dataset<?> folder = Catalog.dataset("image-folder").orElseThrow()
                .open(Map.of("root", DatasetsTest.resource("imagefolder").toString(), "size", 4));
        assertEquals(8, folder.size());
        Tensor x = Torch.ones(3, 2, 2);
        Tensor n = Catalog.transform("normalize").orElseThrow().create(Map.of("mean", "0.5,0.5,0.5", "std", "[0.25, 0.25, 0.25]")).apply(x);
        assertEquals(2.0, n.get(0, 0, 0).item(), 1e-6);
        assertTrue(Catalog.transform("random-hflip").isPresent());
        for (String name : List.of("auto-augment", "rand-augment", "trivial-augment-wide", "random-erasing")) {
            Tensor img = Torch.randint(0, 256, 3, 16, 16).to(org.torch4j.DType.UINT8);
            Tensor out = Catalog.transform(name).orElseThrow().create(Map.of("policy", "svhn", "p", "1")).apply(img);
            assertArrayEquals(img.shape(), out.shape(), name);
        }
    }

    @Test
    void vitRejectsWrongImageSizes() {
        Module vit = Models.create("vit_small", 10);
        var e = assertThrows(IllegalArgumentException.class, () -> vit.call(Torch.randn(1, 3, 28, 28)));
        assertTrue(e.getMessage().contains("Wrong image size! Expected [N, 3, 32, 32] but got [1, 3, 28, 28]"), e.getMessage());
    }
}
