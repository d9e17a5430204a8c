package org.torch4j.vision.models.detection;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.torch4j.Tensor;

/**
 * The R-CNN pipeline ({@code torchvision.models.detection.generalized_rcnn.GeneralizedRCNN}): {@code transform},
 * {@code backbone}, {@code rpn} and {@code roi_heads}, registered in that order (so state-dict keys are torchvision's).
 * In evaluation {@link #forward(List)} gives each image's detections in its own pixels; in training
 * {@link #forward(List, List)} gives the losses, whose sum trains the model.
 */
public class GeneralizedRCNN extends DetectionModel {
    /** Normalises, resizes and batches the images. */
    public final GeneralizedRCNNTransform transform;
    /** The backbone with its feature pyramid. */
    public final BackboneWithFPN backbone;
    /** The region proposal network. */
    public final RegionProposalNetwork rpn;
    /** The second stage. */
    public final RoIHeads roiHeads;

    /**
     * A model of these parts.
     *
     * @param backbone the backbone
     * @param rpn the region proposal network
     * @param roiHeads the second stage
     * @param transform the images' transform
     */
    public GeneralizedRCNN(BackboneWithFPN backbone, RegionProposalNetwork rpn, RoIHeads roiHeads, GeneralizedRCNNTransform transform) {
        this.transform = registerModule("transform", transform);
        this.backbone = registerModule("backbone", backbone);
        this.rpn = registerModule("rpn", rpn);
        this.roiHeads = registerModule("roi_heads", roiHeads);
    }

    /**
     * The whole pipeline: losses in training, detections in evaluation.
     *
     * @param images {@code [3, H, W]} float images in {@code [0, 1]}
     * @param targets one per image (required in training), or null
     * @return the losses and the detections
     * @throws IllegalArgumentException for missing or malformed targets, worded as torchvision's
     */
    @Override
    public Output run(List<Tensor> images, List<Target> targets) {
        checkTargets(targets, true);
        List<long[]> originalSizes = originalSizes(images);
        GeneralizedRCNNTransform.Output t = transform.call(images, targets);
        checkDegenerateBoxes(t.targets());
        Map<String, Tensor> features = backbone.features(t.images().tensors());
        RegionProposalNetwork.Output proposals = rpn.forward(t.images(), features, t.targets());
        RoIHeads.Output detections = roiHeads.forward(features, proposals.boxes(), t.images().imageSizes(), t.targets());
        List<Detection> result = transform.postprocess(detections.detections(), t.images().imageSizes(), originalSizes);
        Map<String, Tensor> losses = new LinkedHashMap<>(detections.losses());
        losses.putAll(proposals.losses());
        return new Output(losses, result);
    }
}
