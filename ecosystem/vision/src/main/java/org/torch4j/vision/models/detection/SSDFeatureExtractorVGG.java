package org.torch4j.vision.models.detection;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.Conv2d;
import org.torch4j.nn.F;
import org.torch4j.nn.MaxPool2d;
import org.torch4j.nn.ModuleList;
import org.torch4j.nn.Parameter;
import org.torch4j.nn.ReLU;
import org.torch4j.nn.Sequential;
import org.torch4j.vision.models.VGG;

/**
 * SSD's VGG backbone ({@code torchvision.models.detection.ssd.SSDFeatureExtractorVGG}): VGG's {@code features} up to
 * conv4_3 ({@code features}, the third max-pool rounding up), whose output is L2-normalised per location and scaled by
 * {@code scale_weight} (512 values, initially 20); then {@code extra}: conv5 with a 3x3 stride-1 max-pool, the dilated
 * FC6 and FC7 convolutions, and four (five when {@code highres}) blocks of a 1x1 and a 3x3 convolution. The extra
 * blocks are Xavier-uniform with zero bias (the four, then FC6/FC7, as torchvision's). Six (seven) feature maps.
 */
public class SSDFeatureExtractorVGG extends SSDFeatureExtractor {
    /** The L2-normalised conv4_3's per-channel scale. */
    public final Parameter scaleWeight;
    /** VGG's layers up to conv4_3. */
    public final Sequential features;
    /** The later blocks, each giving a feature map. */
    public final ModuleList extra;

    /**
     * The extractor over a VGG's {@code features} (torchvision's {@code _vgg_extractor} freezes before it).
     *
     * @param backbone VGG's {@code features}: 3x3 convolutions with ReLU and five max-pools
     * @param highres whether to add the fifth extra block (SSD512)
     */
    public SSDFeatureExtractorVGG(Sequential backbone, boolean highres) {
        super(highres ? new long[] {512, 1024, 512, 256, 256, 256, 256} : new long[] {512, 1024, 512, 256, 256, 256});
        List<Integer> pools = new ArrayList<>();
        for (int i = 0; i < backbone.size(); i++) if (backbone.get(i) instanceof MaxPool2d) pools.add(i);
        int pool3 = pools.get(2), pool4 = pools.get(3);
        scaleWeight = registerParameter("scale_weight", new Parameter(Torch.ones(512).mul(20)));
        features = new Sequential();
        for (int i = 0; i < pool4; i++) {
            features.add(i == pool3 ? new MaxPool2d(new long[] {2}, new long[] {2}, new long[] {0}, new long[] {1}, true) : backbone.get(i));
        }
        registerModule("features", features);
        List<Sequential> blocks = new ArrayList<>(List.of(block(1024, 256, 512, 3, 1, 2), block(512, 128, 256, 3, 1, 2),
                block(256, 128, 256, 3, 0, 1), block(256, 128, 256, 3, 0, 1)));
        if (highres) blocks.add(block(256, 128, 256, 4, 0, 1));
        for (Sequential b : blocks) SSDScoringHead.xavierInit(b);
        Sequential fc = new Sequential(new MaxPool2d(new long[] {3}, new long[] {1}, new long[] {1}, new long[] {1}, false),
                new Conv2d(512, 1024, new long[] {3}, new long[] {1}, new long[] {6}, new long[] {6}, 1, true, "zeros"), new ReLU(true),
                new Conv2d(1024, 1024, 1), new ReLU(true));
        SSDScoringHead.xavierInit(fc);
        Sequential first = new Sequential();
        for (int i = pool4; i < backbone.size() - 1; i++) first.add(backbone.get(i));
        first.add(fc);
        extra = new ModuleList();
        extra.add(first);
        for (Sequential b : blocks) extra.add(b);
        registerModule("extra", extra);
    }

    private static Sequential block(long in, long mid, long out, long kernel, long padding, long stride) {
        return new Sequential(new Conv2d(in, mid, 1), new ReLU(true), new Conv2d(mid, out, kernel, stride, padding), new ReLU(true));
    }

    /**
     * The feature maps.
     *
     * @param x {@code [N, 3, H, W]} images
     * @return the maps by name, {@code "0"} (the scaled conv4_3) to {@code "5"} ({@code "6"} when highres)
     */
    @Override
    public Map<String, Tensor> features(Tensor x) {
        x = features.call(x);
        Map<String, Tensor> out = new LinkedHashMap<>();
        out.put("0", scaleWeight.view(1, -1, 1, 1).mul(F.normalize(x)));
        for (int i = 0; i < extra.size(); i++) {
            x = extra.get(i).call(x);
            out.put(String.valueOf(i + 1), x);
        }
        return out;
    }

    /**
     * torchvision's {@code _vgg_extractor}: parameters of the VGG stages before the last {@code trainableLayers} stop requiring
     * gradients, then the extractor.
     *
     * @param vgg the VGG
     * @param highres whether to add the fifth extra block
     * @param trainableLayers 0 to 5
     * @return the extractor
     * @throws IllegalArgumentException for a count out of range, as torchvision words it
     */
    public static SSDFeatureExtractorVGG vggExtractor(VGG vgg, boolean highres, int trainableLayers) {
        Sequential backbone = vgg.features;
        List<Integer> stages = new ArrayList<>(List.of(0));
        for (int i = 0; i < backbone.size(); i++) if (backbone.get(i) instanceof MaxPool2d) stages.add(i);
        stages.remove(stages.size() - 1);
        int numStages = stages.size();
        if (trainableLayers < 0 || trainableLayers > numStages) {
            throw new IllegalArgumentException("trainable_layers should be in the range [0, " + numStages + "]. Instead got " + trainableLayers);
        }
        BackboneStages.freezeBefore(backbone, stages, trainableLayers);
        return new SSDFeatureExtractorVGG(backbone, highres);
    }
}
