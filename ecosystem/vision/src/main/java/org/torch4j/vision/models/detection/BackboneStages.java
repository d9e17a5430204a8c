package org.torch4j.vision.models.detection;

import java.util.ArrayList;
import java.util.List;
import org.torch4j.nn.Parameter;
import org.torch4j.nn.Sequential;
import org.torch4j.vision.models.MobileNetV3;

/** The stages torchvision's detection builders count in a backbone's layer sequence, and the freezing they do by them. */
final class BackboneStages {
    private BackboneStages() {}

    /** MobileNetV3's stages: the first layer, each block marked {@code _is_cn}, and the last layer (torchvision's stage_indices). */
    static List<Integer> mobilenet(Sequential features) {
        List<Integer> stages = new ArrayList<>(List.of(0));
        for (int i = 0; i < features.size(); i++) if (features.get(i) instanceof MobileNetV3.InvertedResidual b && b.isCn) stages.add(i);
        stages.add(features.size() - 1);
        return stages;
    }

    /** Turns off the gradients of every layer before the first of the last {@code trainable} stages (of all layers when 0). */
    static void freezeBefore(Sequential layers, List<Integer> stages, int trainable) {
        int end = trainable == 0 ? layers.size() : stages.get(stages.size() - trainable);
        for (int i = 0; i < end; i++) for (Parameter p : layers.get(i).parameters()) p.requiresGrad_(false);
    }
}
