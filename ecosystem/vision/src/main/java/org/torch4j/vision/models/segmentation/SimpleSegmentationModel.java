package org.torch4j.vision.models.segmentation;

import java.util.Map;
import org.torch4j.Tensor;
import org.torch4j.nn.F;
import org.torch4j.nn.Module;
import org.torch4j.vision.models.IntermediateLayerGetter;

/**
 * A backbone and per-pixel heads ({@code torchvision.models.segmentation._utils._SimpleSegmentationModel}):
 * {@code classifier} reads the backbone's {@code "out"} features, the optional {@code aux_classifier} its
 * {@code "aux"} features, and each result is bilinearly upsampled (corners not aligned) to the input's size.
 */
public class SimpleSegmentationModel extends Module {
    /** The backbone, returning {@code "out"} (and {@code "aux"}) features. */
    public final IntermediateLayerGetter backbone;
    /** The main head. */
    public final Module classifier;
    /** The auxiliary head, or null. */
    public final Module auxClassifier;

    /**
     * A model of these parts, registered as {@code backbone}, {@code classifier} and {@code aux_classifier}.
     *
     * @param backbone returns the {@code "out"} features, and {@code "aux"} ones when {@code auxClassifier} is given
     * @param classifier the main head
     * @param auxClassifier the auxiliary head, or null
     */
    public SimpleSegmentationModel(IntermediateLayerGetter backbone, Module classifier, Module auxClassifier) {
        this.backbone = registerModule("backbone", backbone);
        this.classifier = registerModule("classifier", classifier);
        this.auxClassifier = auxClassifier == null ? null : registerModule("aux_classifier", auxClassifier);
    }

    /** The main logits [N, numClasses, H, W] for images [N, 3, H, W]. */
    @Override
    public Tensor forward(Tensor x) {
        return forwardDict(x).out();
    }

    /** Both heads' logits at the input's size, as torchvision's {@code {"out": ..., "aux": ...}}. */
    public SegmentationOutput forwardDict(Tensor x) {
        long[] size = {x.size(-2), x.size(-1)};
        Map<String, Tensor> features = backbone.forwardLayers(x);
        Tensor out = upsample(classifier.call(features.get("out")), size);
        Tensor aux = auxClassifier == null ? null : upsample(auxClassifier.call(features.get("aux")), size);
        return new SegmentationOutput(out, aux);
    }

    /** Bilinear resizing to {@code size} without aligned corners, as the segmentation models' heads use. */
    static Tensor upsample(Tensor x, long[] size) {
        return F.interpolate(x, size, null, "bilinear", false);
    }
}
