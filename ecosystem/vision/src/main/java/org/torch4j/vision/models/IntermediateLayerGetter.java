package org.torch4j.vision.models;

import java.util.LinkedHashMap;
import java.util.Map;
import org.torch4j.Tensor;
import org.torch4j.nn.Module;

/**
 * A model's children up to the last of some chosen ones, run in order, returning the chosen ones'
 * outputs by new names ({@code torchvision.models._utils.IntermediateLayerGetter}): the segmentation
 * models' backbones (a ResNet without {@code avgpool} and {@code fc}, MobileNetV3's {@code features}).
 * The children keep their names, so state-dict keys are the model's ({@code backbone.layer4.0.conv1.weight}).
 * It only works when the model's forward is its children applied in registration order.
 */
public class IntermediateLayerGetter extends Module {
    private final Map<String, String> returnLayers;

    /**
     * The children of {@code model} up to the last key of {@code returnLayers}.
     *
     * @param model the model whose children are taken
     * @param returnLayers child name to output name, e.g. {@code {"layer3": "aux", "layer4": "out"}}
     * @throws IllegalArgumentException when a name is not a child of {@code model}, as torchvision words it
     */
    public IntermediateLayerGetter(Module model, Map<String, String> returnLayers) {
        Map<String, Module> children = model.namedChildren();
        if (!children.keySet().containsAll(returnLayers.keySet())) throw new IllegalArgumentException("return_layers are not present in model");
        this.returnLayers = new LinkedHashMap<>(returnLayers);
        int remaining = returnLayers.size();
        for (Map.Entry<String, Module> e : children.entrySet()) {
            registerModule(e.getKey(), e.getValue());
            if (returnLayers.containsKey(e.getKey()) && --remaining == 0) break;
        }
    }

    /** The chosen children's outputs by their new names, in the order the children run. */
    public Map<String, Tensor> forwardLayers(Tensor x) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, Module> e : namedChildren().entrySet()) {
            x = e.getValue().call(x);
            String name = returnLayers.get(e.getKey());
            if (name != null) out.put(name, x);
        }
        return out;
    }

    /** The last child's output (the deepest chosen layer's). */
    @Override
    public Tensor forward(Tensor x) {
        for (Module m : children()) x = m.call(x);
        return x;
    }
}
