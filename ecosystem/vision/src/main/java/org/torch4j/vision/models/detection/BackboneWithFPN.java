package org.torch4j.vision.models.detection;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import org.torch4j.Tensor;
import org.torch4j.nn.Conv2d;
import org.torch4j.nn.Module;
import org.torch4j.nn.Parameter;
import org.torch4j.nn.Sequential;
import org.torch4j.vision.models.IntermediateLayerGetter;
import org.torch4j.vision.models.MobileNetV3;
import org.torch4j.vision.models.ResNet;
import org.torch4j.vision.ops.ExtraFPNBlock;
import org.torch4j.vision.ops.FeaturePyramidNetwork;
import org.torch4j.vision.ops.LastLevelMaxPool;

/**
 * A backbone's intermediate layers and a feature pyramid on them
 * ({@code torchvision.models.detection.backbone_utils.BackboneWithFPN}): {@code body} returns the chosen layers,
 * {@code fpn} turns them into levels of {@link #outChannels} channels. {@link #resnetFpnBackbone} and
 * {@link #mobilenetBackbone} build the R-CNN models' backbones as torchvision's {@code _resnet_fpn_extractor} and
 * {@code _mobilenet_extractor} do, freezing the layers that are not trained.
 */
public class BackboneWithFPN extends Module {
    /** The backbone's layers up to the last one returned. */
    public final IntermediateLayerGetter body;
    /** The pyramid. */
    public final FeaturePyramidNetwork fpn;
    /** The channels of every pyramid level. */
    public final long outChannels;

    /**
     * A backbone with a pyramid.
     *
     * @param backbone a model whose forward is its children in order
     * @param returnLayers child name to pyramid input name, in pyramid order (finest first)
     * @param inChannelsList the channels of each returned layer
     * @param outChannels the pyramid's channels
     * @param extraBlocks the pyramid's extra levels, or null for {@link LastLevelMaxPool}
     * @param normLayer the pyramid's norm, or null for none
     */
    public BackboneWithFPN(Module backbone, Map<String, String> returnLayers, long[] inChannelsList, long outChannels, ExtraFPNBlock extraBlocks,
                           LongFunction<Module> normLayer) {
        body = registerModule("body", new IntermediateLayerGetter(backbone, returnLayers));
        fpn = registerModule("fpn", new FeaturePyramidNetwork(inChannelsList, outChannels, extraBlocks == null ? new LastLevelMaxPool() : extraBlocks,
                normLayer));
        this.outChannels = outChannels;
    }

    /**
     * The pyramid's levels for a batch.
     *
     * @param x {@code [N, 3, H, W]} images
     * @return the levels by name ({@code "0"}, {@code "1"}, ..., {@code "pool"})
     */
    public Map<String, Tensor> features(Tensor x) {
        return fpn.call(body.forwardLayers(x));
    }

    /**
     * A ResNet's layers with a pyramid ({@code _resnet_fpn_extractor}): parameters outside the last {@code trainableLayers}
     * of {@code layer4, layer3, layer2, layer1, conv1} (and {@code bn1} at 5) stop requiring gradients.
     *
     * @param backbone the ResNet
     * @param trainableLayers 0 to 5
     * @param returnedLayers the stages returned, each 1 to 4, or null for all four
     * @param extraBlocks the pyramid's extra levels, or null for {@link LastLevelMaxPool}
     * @param normLayer the pyramid's norm, or null for none
     * @return the backbone
     * @throws IllegalArgumentException for values out of range, worded as torchvision's
     */
    public static BackboneWithFPN resnetFpnBackbone(ResNet backbone, int trainableLayers, int[] returnedLayers, ExtraFPNBlock extraBlocks,
                                                    LongFunction<Module> normLayer) {
        if (trainableLayers < 0 || trainableLayers > 5) {
            throw new IllegalArgumentException("Trainable layers should be in the range [0,5], got " + trainableLayers);
        }
        List<String> train = new ArrayList<>(List.of("layer4", "layer3", "layer2", "layer1", "conv1").subList(0, trainableLayers));
        if (trainableLayers == 5) train.add("bn1");
        for (Map.Entry<String, Parameter> e : backbone.namedParameters().entrySet()) {
            if (train.stream().noneMatch(e.getKey()::startsWith)) e.getValue().requiresGrad_(false);
        }
        int[] returned = returnedLayers == null ? new int[] {1, 2, 3, 4} : returnedLayers;
        int min = java.util.Arrays.stream(returned).min().orElse(1), max = java.util.Arrays.stream(returned).max().orElse(4);
        if (min <= 0 || max >= 5) {
            throw new IllegalArgumentException("Each returned layer should be in the range [1,4]. Got " + java.util.Arrays.toString(returned));
        }
        Map<String, String> returnLayers = new LinkedHashMap<>();
        long stage2 = backbone.fc.inFeatures / 8;
        long[] inChannels = new long[returned.length];
        for (int v = 0; v < returned.length; v++) {
            returnLayers.put("layer" + returned[v], String.valueOf(v));
            inChannels[v] = stage2 * (1L << (returned[v] - 1));
        }
        return new BackboneWithFPN(backbone, returnLayers, inChannels, 256, extraBlocks, normLayer);
    }

    /**
     * MobileNetV3's features with a pyramid ({@code _mobilenet_extractor} with {@code fpn=True}): the stages are the
     * stem, each strided block and the last convolution; blocks before the last {@code trainableLayers} stages stop
     * requiring gradients.
     *
     * @param backbone the MobileNetV3
     * @param trainableLayers 0 to the number of stages
     * @param returnedLayers the stages returned, or null for the last two
     * @param extraBlocks the pyramid's extra levels, or null for {@link LastLevelMaxPool}
     * @return the backbone
     * @throws IllegalArgumentException for values out of range, worded as torchvision's
     */
    public static BackboneWithFPN mobilenetBackbone(MobileNetV3 backbone, int trainableLayers, int[] returnedLayers, ExtraFPNBlock extraBlocks) {
        Sequential features = backbone.features;
        List<Integer> stages = BackboneStages.mobilenet(features);
        int numStages = stages.size();
        if (trainableLayers < 0 || trainableLayers > numStages) {
            throw new IllegalArgumentException("Trainable layers should be in the range [0," + numStages + "], got " + trainableLayers + " ");
        }
        BackboneStages.freezeBefore(features, stages, trainableLayers);
        int[] returned = returnedLayers == null ? new int[] {numStages - 2, numStages - 1} : returnedLayers;
        int min = java.util.Arrays.stream(returned).min().orElse(0), max = java.util.Arrays.stream(returned).max().orElse(0);
        if (min < 0 || max >= numStages) {
            throw new IllegalArgumentException("Each returned layer should be in the range [0," + (numStages - 1) + "], got "
                    + java.util.Arrays.toString(returned) + " ");
        }
        Map<String, String> returnLayers = new LinkedHashMap<>();
        long[] inChannels = new long[returned.length];
        for (int v = 0; v < returned.length; v++) {
            int idx = stages.get(returned[v]);
            returnLayers.put(String.valueOf(idx), String.valueOf(v));
            Module m = features.get(idx);
            inChannels[v] = m instanceof MobileNetV3.InvertedResidual b ? b.outChannels : ((Conv2d) ((Sequential) m).get(0)).outChannels;
        }
        return new BackboneWithFPN(features, returnLayers, inChannels, 256, extraBlocks, null);
    }
}
