package org.torch4j.vision;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.io.SafeTensors;
import org.torch4j.nn.Module;
import org.torch4j.vision.models.Models;

/**
 * torchvision's weights, written as safetensors by {@code tools/gen_vision_reference.py --weights DIR},
 * load into torch4j's models by their state-dict names and give torchvision's outputs within 1e-4
 * relative. Runs when {@code -Dtorch4j.vision.weights=DIR} names that folder (the files are too large
 * to commit: VGG-11 alone is 500 MB).
 */
class VisionModelWeightsTest {

    @ParameterizedTest
    @ValueSource(strings = {"resnet18", "mobilenet_v2", "vgg11", "resnet34", "resnet50", "vgg11_bn", "vgg16", "vgg16_bn", "vit_small",
        "alexnet", "squeezenet1_0", "squeezenet1_1", "densenet121", "googlenet",
        "shufflenet_v2_x0_5", "shufflenet_v2_x1_0", "mobilenet_v3_small", "mobilenet_v3_large", "efficientnet_b0", "convnext_tiny"})
    void torchvisionWeightsGiveTorchvisionsOutput(String name) {
        String dir = System.getProperty("torch4j.vision.weights");
        assumeTrue(dir != null && !dir.isBlank(),
                "-Dtorch4j.vision.weights=DIR is not set (write DIR with /usr/bin/python3 tools/gen_vision_reference.py --weights DIR)");
        Path file = Path.of(dir, name + ".safetensors");
        assumeTrue(Files.isRegularFile(file), file + " does not exist");
        Torch.manualSeed(12345);   // any seed: every weight is overwritten by the file's
        Module model = Models.create(name, 1000).eval();
        Map<String, Tensor> state = SafeTensors.load(file);
        model.loadStateDict(state);   // strict: every torchvision key has its torch4j module
        Map<String, Object> ref = VisionModelsTest.reference(name);
        VisionModelsTest.assertOutput(name, VisionModelsTest.output(model, ref), ref);
    }
}
