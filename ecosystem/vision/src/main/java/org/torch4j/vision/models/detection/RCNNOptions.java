package org.torch4j.vision.models.detection;

/**
 * The keyword arguments of torchvision's R-CNN builders ({@code fasterrcnn_resnet50_fpn(min_size=..., box_score_thresh=...)}),
 * each null for the builder's default (given in parentheses). Start from {@link #DEFAULTS} and set what differs:
 * {@code RCNNOptions.DEFAULTS.withMinSize(64).withMaxSize(96).withBoxScoreThresh(0.0)}.
 *
 * @param minSize {@code min_size}: the shorter side images are resized to (800; 320 for the 320 variant; Keypoint R-CNN draws from 640 to 800 in training), or null for the default
 * @param maxSize {@code max_size}: the longest side allowed after resizing (1333; 640 for the 320 variant), or null for the default
 * @param rpnPreNmsTopNTrain {@code rpn_pre_nms_top_n_train}: proposals kept per level before NMS in training (2000), or null for the default
 * @param rpnPreNmsTopNTest {@code rpn_pre_nms_top_n_test}: proposals kept per level before NMS in evaluation (1000; 150 for the 320 variant), or null for the default
 * @param rpnPostNmsTopNTrain {@code rpn_post_nms_top_n_train}: proposals kept after NMS in training (2000), or null for the default
 * @param rpnPostNmsTopNTest {@code rpn_post_nms_top_n_test}: proposals kept after NMS in evaluation (1000; 150 for the 320 variant), or null for the default
 * @param rpnNmsThresh {@code rpn_nms_thresh}: the proposals' NMS IoU threshold (0.7), or null for the default
 * @param rpnFgIouThresh {@code rpn_fg_iou_thresh}: the IoU from which an anchor is positive (0.7), or null for the default
 * @param rpnBgIouThresh {@code rpn_bg_iou_thresh}: the IoU under which an anchor is negative (0.3), or null for the default
 * @param rpnBatchSizePerImage {@code rpn_batch_size_per_image}: anchors sampled per image for the RPN's losses (256), or null for the default
 * @param rpnPositiveFraction {@code rpn_positive_fraction}: the largest share of positive anchors in that sample (0.5), or null for the default
 * @param rpnScoreThresh {@code rpn_score_thresh}: the lowest objectness probability a proposal may have (0; 0.05 for the MobileNet models), or null for the default
 * @param boxScoreThresh {@code box_score_thresh}: the lowest score a detection may have (0.05), or null for the default
 * @param boxNmsThresh {@code box_nms_thresh}: the detections' per-class NMS IoU threshold (0.5), or null for the default
 * @param boxDetectionsPerImg {@code box_detections_per_img}: the most detections per image (100), or null for the default
 * @param boxFgIouThresh {@code box_fg_iou_thresh}: the IoU from which a proposal is foreground (0.5), or null for the default
 * @param boxBgIouThresh {@code box_bg_iou_thresh}: the IoU under which a proposal is background (0.5), or null for the default
 * @param boxBatchSizePerImage {@code box_batch_size_per_image}: proposals sampled per image for the box losses (512), or null for the default
 * @param boxPositiveFraction {@code box_positive_fraction}: the largest share of foreground proposals in that sample (0.25), or null for the default
 */
public record RCNNOptions(Integer minSize, Integer maxSize, Integer rpnPreNmsTopNTrain, Integer rpnPreNmsTopNTest, Integer rpnPostNmsTopNTrain, Integer rpnPostNmsTopNTest, Double rpnNmsThresh, Double rpnFgIouThresh, Double rpnBgIouThresh, Integer rpnBatchSizePerImage, Double rpnPositiveFraction, Double rpnScoreThresh, Double boxScoreThresh, Double boxNmsThresh, Integer boxDetectionsPerImg, Double boxFgIouThresh, Double boxBgIouThresh, Integer boxBatchSizePerImage, Double boxPositiveFraction) {
    /** Every option at the builder's default. */
    public static final RCNNOptions DEFAULTS = new RCNNOptions(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);

    /** {@code value} when given, else {@code fallback}. */
    static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }

    /** These options with {@code min_size} set: the shorter side images are resized to (800; 320 for the 320 variant; Keypoint R-CNN draws from 640 to 800 in training). */
    public RCNNOptions withMinSize(int value) {
        return new RCNNOptions(value, maxSize, rpnPreNmsTopNTrain, rpnPreNmsTopNTest, rpnPostNmsTopNTrain, rpnPostNmsTopNTest, rpnNmsThresh, rpnFgIouThresh, rpnBgIouThresh, rpnBatchSizePerImage, rpnPositiveFraction, rpnScoreThresh, boxScoreThresh, boxNmsThresh, boxDetectionsPerImg, boxFgIouThresh, boxBgIouThresh, boxBatchSizePerImage, boxPositiveFraction);
    }

    /** These options with {@code max_size} set: the longest side allowed after resizing (1333; 640 for the 320 variant). */
    public RCNNOptions withMaxSize(int value) {
        return new RCNNOptions(minSize, value, rpnPreNmsTopNTrain, rpnPreNmsTopNTest, rpnPostNmsTopNTrain, rpnPostNmsTopNTest, rpnNmsThresh, rpnFgIouThresh, rpnBgIouThresh, rpnBatchSizePerImage, rpnPositiveFraction, rpnScoreThresh, boxScoreThresh, boxNmsThresh, boxDetectionsPerImg, boxFgIouThresh, boxBgIouThresh, boxBatchSizePerImage, boxPositiveFraction);
    }

    /** These options with {@code rpn_pre_nms_top_n_train} set: proposals kept per level before NMS in training (2000). */
    public RCNNOptions withRpnPreNmsTopNTrain(int value) {
        return new RCNNOptions(minSize, maxSize, value, rpnPreNmsTopNTest, rpnPostNmsTopNTrain, rpnPostNmsTopNTest, rpnNmsThresh, rpnFgIouThresh, rpnBgIouThresh, rpnBatchSizePerImage, rpnPositiveFraction, rpnScoreThresh, boxScoreThresh, boxNmsThresh, boxDetectionsPerImg, boxFgIouThresh, boxBgIouThresh, boxBatchSizePerImage, boxPositiveFraction);
    }

    /** These options with {@code rpn_pre_nms_top_n_test} set: proposals kept per level before NMS in evaluation (1000; 150 for the 320 variant). */
    public RCNNOptions withRpnPreNmsTopNTest(int value) {
        return new RCNNOptions(minSize, maxSize, rpnPreNmsTopNTrain, value, rpnPostNmsTopNTrain, rpnPostNmsTopNTest, rpnNmsThresh, rpnFgIouThresh, rpnBgIouThresh, rpnBatchSizePerImage, rpnPositiveFraction, rpnScoreThresh, boxScoreThresh, boxNmsThresh, boxDetectionsPerImg, boxFgIouThresh, boxBgIouThresh, boxBatchSizePerImage, boxPositiveFraction);
    }

    /** These options with {@code rpn_post_nms_top_n_train} set: proposals kept after NMS in training (2000). */
    public RCNNOptions withRpnPostNmsTopNTrain(int value) {
        return new RCNNOptions(minSize, maxSize, rpnPreNmsTopNTrain, rpnPreNmsTopNTest, value, rpnPostNmsTopNTest, rpnNmsThresh, rpnFgIouThresh, rpnBgIouThresh, rpnBatchSizePerImage, rpnPositiveFraction, rpnScoreThresh, boxScoreThresh, boxNmsThresh, boxDetectionsPerImg, boxFgIouThresh, boxBgIouThresh, boxBatchSizePerImage, boxPositiveFraction);
    }

    /** These options with {@code rpn_post_nms_top_n_test} set: proposals kept after NMS in evaluation (1000; 150 for the 320 variant). */
    public RCNNOptions withRpnPostNmsTopNTest(int value) {
        return new RCNNOptions(minSize, maxSize, rpnPreNmsTopNTrain, rpnPreNmsTopNTest, rpnPostNmsTopNTrain, value, rpnNmsThresh, rpnFgIouThresh, rpnBgIouThresh, rpnBatchSizePerImage, rpnPositiveFraction, rpnScoreThresh, boxScoreThresh, boxNmsThresh, boxDetectionsPerImg, boxFgIouThresh, boxBgIouThresh, boxBatchSizePerImage, boxPositiveFraction);
    }

    /** These options with {@code rpn_nms_thresh} set: the proposals' NMS IoU threshold (0.7). */
    public RCNNOptions withRpnNmsThresh(double value) {
        return new RCNNOptions(minSize, maxSize, rpnPreNmsTopNTrain, rpnPreNmsTopNTest, rpnPostNmsTopNTrain, rpnPostNmsTopNTest, value, rpnFgIouThresh, rpnBgIouThresh, rpnBatchSizePerImage, rpnPositiveFraction, rpnScoreThresh, boxScoreThresh, boxNmsThresh, boxDetectionsPerImg, boxFgIouThresh, boxBgIouThresh, boxBatchSizePerImage, boxPositiveFraction);
    }

    /** These options with {@code rpn_fg_iou_thresh} set: the IoU from which an anchor is positive (0.7). */
    public RCNNOptions withRpnFgIouThresh(double value) {
        return new RCNNOptions(minSize, maxSize, rpnPreNmsTopNTrain, rpnPreNmsTopNTest, rpnPostNmsTopNTrain, rpnPostNmsTopNTest, rpnNmsThresh, value, rpnBgIouThresh, rpnBatchSizePerImage, rpnPositiveFraction, rpnScoreThresh, boxScoreThresh, boxNmsThresh, boxDetectionsPerImg, boxFgIouThresh, boxBgIouThresh, boxBatchSizePerImage, boxPositiveFraction);
    }

    /** These options with {@code rpn_bg_iou_thresh} set: the IoU under which an anchor is negative (0.3). */
    public RCNNOptions withRpnBgIouThresh(double value) {
        return new RCNNOptions(minSize, maxSize, rpnPreNmsTopNTrain, rpnPreNmsTopNTest, rpnPostNmsTopNTrain, rpnPostNmsTopNTest, rpnNmsThresh, rpnFgIouThresh, value, rpnBatchSizePerImage, rpnPositiveFraction, rpnScoreThresh, boxScoreThresh, boxNmsThresh, boxDetectionsPerImg, boxFgIouThresh, boxBgIouThresh, boxBatchSizePerImage, boxPositiveFraction);
    }

    /** These options with {@code rpn_batch_size_per_image} set: anchors sampled per image for the RPN's losses (256). */
    public RCNNOptions withRpnBatchSizePerImage(int value) {
        return new RCNNOptions(minSize, maxSize, rpnPreNmsTopNTrain, rpnPreNmsTopNTest, rpnPostNmsTopNTrain, rpnPostNmsTopNTest, rpnNmsThresh, rpnFgIouThresh, rpnBgIouThresh, value, rpnPositiveFraction, rpnScoreThresh, boxScoreThresh, boxNmsThresh, boxDetectionsPerImg, boxFgIouThresh, boxBgIouThresh, boxBatchSizePerImage, boxPositiveFraction);
    }

    /** These options with {@code rpn_positive_fraction} set: the largest share of positive anchors in that sample (0.5). */
    public RCNNOptions withRpnPositiveFraction(double value) {
        return new RCNNOptions(minSize, maxSize, rpnPreNmsTopNTrain, rpnPreNmsTopNTest, rpnPostNmsTopNTrain, rpnPostNmsTopNTest, rpnNmsThresh, rpnFgIouThresh, rpnBgIouThresh, rpnBatchSizePerImage, value, rpnScoreThresh, boxScoreThresh, boxNmsThresh, boxDetectionsPerImg, boxFgIouThresh, boxBgIouThresh, boxBatchSizePerImage, boxPositiveFraction);
    }

    /** These options with {@code rpn_score_thresh} set: the lowest objectness probability a proposal may have (0; 0.05 for the MobileNet models). */
    public RCNNOptions withRpnScoreThresh(double value) {
        return new RCNNOptions(minSize, maxSize, rpnPreNmsTopNTrain, rpnPreNmsTopNTest, rpnPostNmsTopNTrain, rpnPostNmsTopNTest, rpnNmsThresh, rpnFgIouThresh, rpnBgIouThresh, rpnBatchSizePerImage, rpnPositiveFraction, value, boxScoreThresh, boxNmsThresh, boxDetectionsPerImg, boxFgIouThresh, boxBgIouThresh, boxBatchSizePerImage, boxPositiveFraction);
    }

    /** These options with {@code box_score_thresh} set: the lowest score a detection may have (0.05). */
    public RCNNOptions withBoxScoreThresh(double value) {
        return new RCNNOptions(minSize, maxSize, rpnPreNmsTopNTrain, rpnPreNmsTopNTest, rpnPostNmsTopNTrain, rpnPostNmsTopNTest, rpnNmsThresh, rpnFgIouThresh, rpnBgIouThresh, rpnBatchSizePerImage, rpnPositiveFraction, rpnScoreThresh, value, boxNmsThresh, boxDetectionsPerImg, boxFgIouThresh, boxBgIouThresh, boxBatchSizePerImage, boxPositiveFraction);
    }

    /** These options with {@code box_nms_thresh} set: the detections' per-class NMS IoU threshold (0.5). */
    public RCNNOptions withBoxNmsThresh(double value) {
        return new RCNNOptions(minSize, maxSize, rpnPreNmsTopNTrain, rpnPreNmsTopNTest, rpnPostNmsTopNTrain, rpnPostNmsTopNTest, rpnNmsThresh, rpnFgIouThresh, rpnBgIouThresh, rpnBatchSizePerImage, rpnPositiveFraction, rpnScoreThresh, boxScoreThresh, value, boxDetectionsPerImg, boxFgIouThresh, boxBgIouThresh, boxBatchSizePerImage, boxPositiveFraction);
    }

    /** These options with {@code box_detections_per_img} set: the most detections per image (100). */
    public RCNNOptions withBoxDetectionsPerImg(int value) {
        return new RCNNOptions(minSize, maxSize, rpnPreNmsTopNTrain, rpnPreNmsTopNTest, rpnPostNmsTopNTrain, rpnPostNmsTopNTest, rpnNmsThresh, rpnFgIouThresh, rpnBgIouThresh, rpnBatchSizePerImage, rpnPositiveFraction, rpnScoreThresh, boxScoreThresh, boxNmsThresh, value, boxFgIouThresh, boxBgIouThresh, boxBatchSizePerImage, boxPositiveFraction);
    }

    /** These options with {@code box_fg_iou_thresh} set: the IoU from which a proposal is foreground (0.5). */
    public RCNNOptions withBoxFgIouThresh(double value) {
        return new RCNNOptions(minSize, maxSize, rpnPreNmsTopNTrain, rpnPreNmsTopNTest, rpnPostNmsTopNTrain, rpnPostNmsTopNTest, rpnNmsThresh, rpnFgIouThresh, rpnBgIouThresh, rpnBatchSizePerImage, rpnPositiveFraction, rpnScoreThresh, boxScoreThresh, boxNmsThresh, boxDetectionsPerImg, value, boxBgIouThresh, boxBatchSizePerImage, boxPositiveFraction);
    }

    /** These options with {@code box_bg_iou_thresh} set: the IoU under which a proposal is background (0.5). */
    public RCNNOptions withBoxBgIouThresh(double value) {
        return new RCNNOptions(minSize, maxSize, rpnPreNmsTopNTrain, rpnPreNmsTopNTest, rpnPostNmsTopNTrain, rpnPostNmsTopNTest, rpnNmsThresh, rpnFgIouThresh, rpnBgIouThresh, rpnBatchSizePerImage, rpnPositiveFraction, rpnScoreThresh, boxScoreThresh, boxNmsThresh, boxDetectionsPerImg, boxFgIouThresh, value, boxBatchSizePerImage, boxPositiveFraction);
    }

    /** These options with {@code box_batch_size_per_image} set: proposals sampled per image for the box losses (512). */
    public RCNNOptions withBoxBatchSizePerImage(int value) {
        return new RCNNOptions(minSize, maxSize, rpnPreNmsTopNTrain, rpnPreNmsTopNTest, rpnPostNmsTopNTrain, rpnPostNmsTopNTest, rpnNmsThresh, rpnFgIouThresh, rpnBgIouThresh, rpnBatchSizePerImage, rpnPositiveFraction, rpnScoreThresh, boxScoreThresh, boxNmsThresh, boxDetectionsPerImg, boxFgIouThresh, boxBgIouThresh, value, boxPositiveFraction);
    }

    /** These options with {@code box_positive_fraction} set: the largest share of foreground proposals in that sample (0.25). */
    public RCNNOptions withBoxPositiveFraction(double value) {
        return new RCNNOptions(minSize, maxSize, rpnPreNmsTopNTrain, rpnPreNmsTopNTest, rpnPostNmsTopNTrain, rpnPostNmsTopNTest, rpnNmsThresh, rpnFgIouThresh, rpnBgIouThresh, rpnBatchSizePerImage, rpnPositiveFraction, rpnScoreThresh, boxScoreThresh, boxNmsThresh, boxDetectionsPerImg, boxFgIouThresh, boxBgIouThresh, boxBatchSizePerImage, value);
    }
}
