package org.torch4j.vision.models.segmentation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.torch4j.nn.Conv2d;
import org.torch4j.nn.Module;
import org.torch4j.nn.Sequential;
import org.torch4j.vision.models.IntermediateLayerGetter;
import org.torch4j.vision.models.MobileNetV3;
import org.torch4j.vision.models.ResNet;

/**
 * The segmentation models' dilated backbones, built as torchvision builds them: the whole classification
 * model first (its classifier's initialisation draws from the generator too), then the layers kept.
 */
final class Backbones {
    private Backbones() {}

    /** ResNet-50 with layers 3 and 4 dilated (output stride 8), returning layer4 as "out" and, with {@code aux}, layer3 as "aux". */
    static IntermediateLayerGetter resnet50(boolean aux) {
        ResNet resnet = new ResNet(ResNet.Block.BOTTLENECK, new int[] {3, 4, 6, 3}, 1, 64, new boolean[] {false, true, true}, 1000);
        Map<String, String> layers = new LinkedHashMap<>();
        layers.put("layer4", "out");
        if (aux) layers.put("layer3", "aux");
        return new IntermediateLayerGetter(resnet, layers);
    }

    /**
     * MobileNetV3-Large's features with the last stage dilated (output stride 16), returning the last layer as
     * {@code high} and the output-stride-8 block (the fourth-last feature level) as {@code low}.
     */
    static Levels mobilenetV3Large(String high, String low) {
        Sequential features = MobileNetV3.mobilenetV3Large(1000, 1.0, false, true).features;
        // torchvision's stage_indices: the stem, each strided block, the last conv
        List<Integer> stages = new ArrayList<>(List.of(0));
        for (int i = 0; i < features.size(); i++) {
            if (features.get(i) instanceof MobileNetV3.InvertedResidual b && b.isCn) stages.add(i);
        }
        stages.add(features.size() - 1);
        int highPos = stages.get(stages.size() - 1), lowPos = stages.get(stages.size() - 4);
        Map<String, String> layers = new LinkedHashMap<>();
        layers.put(String.valueOf(highPos), high);
        if (low != null) layers.put(String.valueOf(lowPos), low);
        return new Levels(new IntermediateLayerGetter(features, layers), outChannels(features.get(highPos)), outChannels(features.get(lowPos)));
    }

    /** A backbone and the channels of its two feature levels. */
    record Levels(IntermediateLayerGetter backbone, long highChannels, long lowChannels) {}

    private static long outChannels(Module m) {
        if (m instanceof MobileNetV3.InvertedResidual b) return b.outChannels;
        return ((Conv2d) ((Sequential) m).get(0)).outChannels;
    }
}
