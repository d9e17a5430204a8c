package org.torch4j.vision.models.detection;

/**
 * The keyword arguments of torchvision's one-stage builders ({@code retinanet_resnet50_fpn(min_size=..., score_thresh=...)},
 * {@code fcos_resnet50_fpn}, {@code ssd300_vgg16}, {@code ssdlite320_mobilenet_v3_large}), each null for the builder's default
 * (given in parentheses). Start from {@link #DEFAULTS} and set what differs:
 * {@code OneStageOptions.DEFAULTS.withMinSize(64).withMaxSize(96).withScoreThresh(0.0)}. An option a model does not have is ignored.
 *
 * @param minSize {@code min_size}: the shorter side images are resized to (800; ignored by SSD, whose size is fixed), or null for the default
 * @param maxSize {@code max_size}: the longest side allowed after resizing (1333; ignored by SSD), or null for the default
 * @param scoreThresh {@code score_thresh}: the lowest score a detection may have (0.05; FCOS 0.2; SSD 0.01; SSDlite 0.001), or null for the default
 * @param nmsThresh {@code nms_thresh}: the detections' per-class NMS IoU threshold (0.5; FCOS 0.6; SSD 0.45; SSDlite 0.55), or null for the default
 * @param detectionsPerImg {@code detections_per_img}: the most detections per image (300; FCOS 100; SSD 200; SSDlite 300), or null for the default
 * @param fgIouThresh {@code fg_iou_thresh}: RetinaNet: the IoU from which an anchor is positive (0.5), or null for the default
 * @param bgIouThresh {@code bg_iou_thresh}: RetinaNet: the IoU under which an anchor is negative (0.4), or null for the default
 * @param topkCandidates {@code topk_candidates}: the best candidates kept per level (SSD: per class) before NMS (1000; SSD 400; SSDlite 300), or null for the default
 * @param centerSamplingRadius {@code center_sampling_radius}: FCOS: the radius, in strides, around a box centre where locations are positive (1.5), or null for the default
 * @param iouThresh {@code iou_thresh}: SSD: the IoU from which a default box is matched (0.5), or null for the default
 * @param positiveFraction {@code positive_fraction}: SSD: the share of positives among the boxes the classification loss counts (0.25: three hard negatives per positive), or null for the default
 */
public record OneStageOptions(Integer minSize, Integer maxSize, Double scoreThresh, Double nmsThresh, Integer detectionsPerImg, Double fgIouThresh, Double bgIouThresh, Integer topkCandidates, Double centerSamplingRadius, Double iouThresh, Double positiveFraction) {
    /** Every option at the builder's default. */
    public static final OneStageOptions DEFAULTS = new OneStageOptions(null, null, null, null, null, null, null, null, null, null, null);

    /** These options with {@code min_size} set: the shorter side images are resized to (800; ignored by SSD, whose size is fixed). */
    public OneStageOptions withMinSize(int value) {
        return new OneStageOptions(value, maxSize, scoreThresh, nmsThresh, detectionsPerImg, fgIouThresh, bgIouThresh, topkCandidates, centerSamplingRadius, iouThresh, positiveFraction);
    }

    /** These options with {@code max_size} set: the longest side allowed after resizing (1333; ignored by SSD). */
    public OneStageOptions withMaxSize(int value) {
        return new OneStageOptions(minSize, value, scoreThresh, nmsThresh, detectionsPerImg, fgIouThresh, bgIouThresh, topkCandidates, centerSamplingRadius, iouThresh, positiveFraction);
    }

    /** These options with {@code score_thresh} set: the lowest score a detection may have (0.05; FCOS 0.2; SSD 0.01; SSDlite 0.001). */
    public OneStageOptions withScoreThresh(double value) {
        return new OneStageOptions(minSize, maxSize, value, nmsThresh, detectionsPerImg, fgIouThresh, bgIouThresh, topkCandidates, centerSamplingRadius, iouThresh, positiveFraction);
    }

    /** These options with {@code nms_thresh} set: the detections' per-class NMS IoU threshold (0.5; FCOS 0.6; SSD 0.45; SSDlite 0.55). */
    public OneStageOptions withNmsThresh(double value) {
        return new OneStageOptions(minSize, maxSize, scoreThresh, value, detectionsPerImg, fgIouThresh, bgIouThresh, topkCandidates, centerSamplingRadius, iouThresh, positiveFraction);
    }

    /** These options with {@code detections_per_img} set: the most detections per image (300; FCOS 100; SSD 200; SSDlite 300). */
    public OneStageOptions withDetectionsPerImg(int value) {
        return new OneStageOptions(minSize, maxSize, scoreThresh, nmsThresh, value, fgIouThresh, bgIouThresh, topkCandidates, centerSamplingRadius, iouThresh, positiveFraction);
    }

    /** These options with {@code fg_iou_thresh} set: RetinaNet: the IoU from which an anchor is positive (0.5). */
    public OneStageOptions withFgIouThresh(double value) {
        return new OneStageOptions(minSize, maxSize, scoreThresh, nmsThresh, detectionsPerImg, value, bgIouThresh, topkCandidates, centerSamplingRadius, iouThresh, positiveFraction);
    }

    /** These options with {@code bg_iou_thresh} set: RetinaNet: the IoU under which an anchor is negative (0.4). */
    public OneStageOptions withBgIouThresh(double value) {
        return new OneStageOptions(minSize, maxSize, scoreThresh, nmsThresh, detectionsPerImg, fgIouThresh, value, topkCandidates, centerSamplingRadius, iouThresh, positiveFraction);
    }

    /** These options with {@code topk_candidates} set: the best candidates kept per level (SSD: per class) before NMS (1000; SSD 400; SSDlite 300). */
    public OneStageOptions withTopkCandidates(int value) {
        return new OneStageOptions(minSize, maxSize, scoreThresh, nmsThresh, detectionsPerImg, fgIouThresh, bgIouThresh, value, centerSamplingRadius, iouThresh, positiveFraction);
    }

    /** These options with {@code center_sampling_radius} set: FCOS: the radius, in strides, around a box centre where locations are positive (1.5). */
    public OneStageOptions withCenterSamplingRadius(double value) {
        return new OneStageOptions(minSize, maxSize, scoreThresh, nmsThresh, detectionsPerImg, fgIouThresh, bgIouThresh, topkCandidates, value, iouThresh, positiveFraction);
    }

    /** These options with {@code iou_thresh} set: SSD: the IoU from which a default box is matched (0.5). */
    public OneStageOptions withIouThresh(double value) {
        return new OneStageOptions(minSize, maxSize, scoreThresh, nmsThresh, detectionsPerImg, fgIouThresh, bgIouThresh, topkCandidates, centerSamplingRadius, value, positiveFraction);
    }

    /** These options with {@code positive_fraction} set: SSD: the share of positives among the boxes the classification loss counts (0.25: three hard negatives per positive). */
    public OneStageOptions withPositiveFraction(double value) {
        return new OneStageOptions(minSize, maxSize, scoreThresh, nmsThresh, detectionsPerImg, fgIouThresh, bgIouThresh, topkCandidates, centerSamplingRadius, iouThresh, value);
    }
}
