package org.torch4j.vision.models.detection;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import org.torch4j.Tensor;
import org.torch4j.nn.Module;
import org.torch4j.nn.ModuleList;
import org.torch4j.nn.Parameter;
import org.torch4j.nn.ReLU6;
import org.torch4j.nn.Sequential;
import org.torch4j.vision.models.Conv2dNormActivation;
import org.torch4j.vision.models.MobileNetV3;

/**
 * SSDlite's MobileNetV3 backbone ({@code torchvision.models.detection.ssdlite.SSDLiteFeatureExtractorMobileNet}):
 * {@code features.0}, the layers up to the C4 block's expansion, and {@code features.1}, the rest of that block (its layers
 * keep their indices, as torchvision's slice) and the later layers, then four {@code extra} blocks (1x1, depthwise 3x3
 * stride 2, 1x1, each with norm and ReLU6), normal (std 0.03) with zero bias. Six feature maps.
 */
public class SSDLiteFeatureExtractorMobileNet extends SSDFeatureExtractor {
    /** The two parts of the backbone, each giving a feature map. */
    public final Sequential features;
    /** The extra blocks. */
    public final ModuleList extra;

    /** Layers of a {@link Sequential} from {@code from} on, under their indices there (torchvision's {@code block[1:]}). */
    private static final class Slice extends Sequential {
        Slice(Sequential s, int from) {
            for (int i = from; i < s.size(); i++) registerModule(String.valueOf(i), s.get(i));
        }

        @Override
        protected String typeName() {
            return "Sequential";
        }
    }

    /**
     * The extractor.
     *
     * @param backbone MobileNetV3's {@code features}
     * @param c4Pos the index of the (strided, so not residual) block whose expansion output is the first feature map
     * @param norm builds the extra blocks' norms
     */
    public SSDLiteFeatureExtractorMobileNet(Sequential backbone, int c4Pos, LongFunction<Module> norm) {
        super(channels(backbone, c4Pos));
        MobileNetV3.InvertedResidual c4 = (MobileNetV3.InvertedResidual) backbone.get(c4Pos);
        Sequential first = new Sequential();
        for (int i = 0; i < c4Pos; i++) first.add(backbone.get(i));
        first.add(c4.block.get(0));
        Sequential second = new Sequential(new Slice(c4.block, 1));
        for (int i = c4Pos + 1; i < backbone.size(); i++) second.add(backbone.get(i));
        features = registerModule("features", new Sequential(first, second));
        long last = outChannels[1];
        extra = new ModuleList();
        extra.add(extraBlock(last, 512, norm));
        extra.add(extraBlock(512, 256, norm));
        extra.add(extraBlock(256, 256, norm));
        extra.add(extraBlock(256, 128, norm));
        SSDScoringHead.normalInit(extra, 0.03);
        registerModule("extra", extra);
    }

    /** The C4 expansion's channels, the last layer's, then the extra blocks' 512, 256, 256, 128. */
    private static long[] channels(Sequential backbone, int c4Pos) {
        MobileNetV3.InvertedResidual c4 = (MobileNetV3.InvertedResidual) backbone.get(c4Pos);
        List<Parameter> expansion = c4.block.get(0).parameters();
        List<Parameter> lastLayer = backbone.get(backbone.size() - 1).parameters();
        return new long[] {expansion.get(0).size(0), lastLayer.get(0).size(0), 512, 256, 256, 128};
    }

    private static Sequential extraBlock(long in, long out, LongFunction<Module> norm) {
        long mid = out / 2;
        return new Sequential(new Conv2dNormActivation(in, mid, 1, 1, -1, 1, 1, false, norm, new ReLU6(true)),
                new Conv2dNormActivation(mid, mid, 3, 2, -1, mid, 1, false, norm, new ReLU6(true)),
                new Conv2dNormActivation(mid, out, 1, 1, -1, 1, 1, false, norm, new ReLU6(true)));
    }

    @Override
    public Map<String, Tensor> features(Tensor x) {
        List<Tensor> out = new ArrayList<>();
        for (int i = 0; i < features.size(); i++) {
            x = features.get(i).call(x);
            out.add(x);
        }
        for (int i = 0; i < extra.size(); i++) {
            x = extra.get(i).call(x);
            out.add(x);
        }
        Map<String, Tensor> named = new LinkedHashMap<>();
        for (int i = 0; i < out.size(); i++) named.put(String.valueOf(i), out.get(i));
        return named;
    }

    /**
     * torchvision's {@code _mobilenet_extractor} for SSDlite: blocks before the last {@code trainableLayers} stages stop
     * requiring gradients; the C4 block is the last strided one.
     *
     * @param backbone the MobileNetV3
     * @param trainableLayers 0 to the number of stages (6)
     * @param norm builds the extra blocks' norms
     * @return the extractor
     * @throws IllegalArgumentException for a count out of range, worded as torchvision's (whose message lacks its f-string prefix)
     */
    public static SSDLiteFeatureExtractorMobileNet mobilenetExtractor(MobileNetV3 backbone, int trainableLayers, LongFunction<Module> norm) {
        Sequential features = backbone.features;
        List<Integer> stages = BackboneStages.mobilenet(features);
        int numStages = stages.size();
        if (trainableLayers < 0 || trainableLayers > numStages) {
            throw new IllegalArgumentException("trainable_layers should be in the range [0, {num_stages}], instead got {trainable_layers}");
        }
        BackboneStages.freezeBefore(features, stages, trainableLayers);
        return new SSDLiteFeatureExtractorMobileNet(features, stages.get(numStages - 2), norm);
    }
}
