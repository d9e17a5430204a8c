package org.torch4j.conformance;

import java.util.function.BiConsumer;
import java.util.function.Function;
import org.torch4j.vision.ops.Boxes;
import org.torch4j.vision.ops.DeformConv;
import org.torch4j.vision.ops.Losses;
import org.torch4j.vision.ops.Roi;

/**
 * The kit's {@code tv_*} ops: {@code torchvision.ops} as {@code tools/gen_tensor_reference.py} calls them (its
 * {@code PY['tv_...']}), which {@code tools/fuzz_against_pytorch.py --vision} draws. In the vision module's tests, so
 * {@link Ops} registers them when they are on the class path (a pair of sizes is a list, as in the generator).
 */
final class VisionOps {
    private VisionOps() {}

    static void register(BiConsumer<String, Function<Ops.Args, Object>> op) {
        op.accept("tv_box_area", a -> Boxes.boxArea(a.t(0)));
        op.accept("tv_box_iou", a -> Boxes.boxIou(a.t(0), a.t(1)));
        op.accept("tv_generalized_box_iou", a -> Boxes.generalizedBoxIou(a.t(0), a.t(1)));
        op.accept("tv_distance_box_iou", a -> Boxes.distanceBoxIou(a.t(0), a.t(1), a.d(2)));
        op.accept("tv_complete_box_iou", a -> Boxes.completeBoxIou(a.t(0), a.t(1), a.d(2)));
        op.accept("tv_box_convert", a -> Boxes.boxConvert(a.t(0), a.s(1), a.s(2)));
        op.accept("tv_clip_boxes_to_image", a -> Boxes.clipBoxesToImage(a.t(0), a.longs(1)[0], a.longs(1)[1]));
        op.accept("tv_remove_small_boxes", a -> Boxes.removeSmallBoxes(a.t(0), a.d(1)));
        op.accept("tv_masks_to_boxes", a -> Boxes.masksToBoxes(a.t(0)));
        op.accept("tv_nms", a -> Boxes.nms(a.t(0), a.t(1), a.d(2)));
        op.accept("tv_batched_nms", a -> Boxes.batchedNms(a.t(0), a.t(1), a.t(2), a.d(3)));
        op.accept("tv_sigmoid_focal_loss", a -> Losses.sigmoidFocalLoss(a.t(0), a.t(1), a.d(2), a.d(3), a.s(4)));
        op.accept("tv_generalized_box_iou_loss", a -> Losses.generalizedBoxIouLoss(a.t(0), a.t(1), a.s(2), a.d(3)));
        op.accept("tv_distance_box_iou_loss", a -> Losses.distanceBoxIouLoss(a.t(0), a.t(1), a.s(2), a.d(3)));
        op.accept("tv_complete_box_iou_loss", a -> Losses.completeBoxIouLoss(a.t(0), a.t(1), a.s(2), a.d(3)));
        op.accept("tv_roi_align", a -> Roi.roiAlign(a.t(0), a.t(1), a.ints(2)[0], a.ints(2)[1], a.d(3), a.i(4), a.b(5)));
        op.accept("tv_roi_pool", a -> Roi.roiPool(a.t(0), a.t(1), a.ints(2)[0], a.ints(2)[1], a.d(3)));
        op.accept("tv_ps_roi_align", a -> Roi.psRoiAlign(a.t(0), a.t(1), a.ints(2)[0], a.ints(2)[1], a.d(3), a.i(4)));
        op.accept("tv_ps_roi_pool", a -> Roi.psRoiPool(a.t(0), a.t(1), a.ints(2)[0], a.ints(2)[1], a.d(3)));
        op.accept("tv_deform_conv2d", a -> DeformConv.deformConv2d(a.t(0), a.t(1), a.t(2), a.tOrNull(3), a.longs(4), a.longs(5),
                a.longs(6), a.tOrNull(7)));
    }
}
