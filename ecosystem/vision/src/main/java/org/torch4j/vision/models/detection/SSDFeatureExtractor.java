package org.torch4j.vision.models.detection;

import java.util.Map;
import org.torch4j.Tensor;
import org.torch4j.nn.Module;

/**
 * A backbone for {@link SSD}: the feature maps the head predicts on, named {@code "0"}, {@code "1"}, ..., and each one's
 * channels ({@link SSDFeatureExtractorVGG}, {@link SSDLiteFeatureExtractorMobileNet}).
 */
public abstract class SSDFeatureExtractor extends Module {
    /** The channels of each feature map (torchvision's {@code retrieve_out_channels}). */
    public final long[] outChannels;

    /**
     * An extractor; subclasses register their layers.
     *
     * @param outChannels the channels of each feature map
     */
    protected SSDFeatureExtractor(long[] outChannels) {
        this.outChannels = outChannels.clone();
    }

    /**
     * The feature maps.
     *
     * @param x {@code [N, 3, H, W]} images
     * @return the maps by name, {@code "0"} first
     */
    public abstract Map<String, Tensor> features(Tensor x);
}
