package org.torch4j.conformance;

import java.util.function.BiConsumer;
import java.util.function.Function;
import org.torch4j.vision.ops.Boxes;
import org.torch4j.vision.ops.DeformConv;
import org.torch4j.vision.ops.Losses;
import org.torch4j.vision.ops.Roi;
import org.torch4j.vision.transforms.Functional;
import org.torch4j.vision.transforms.InterpolationMode;

/**
 * The kit's {@code tv_*} and {@code tvf_*} ops: {@code torchvision.ops} and {@code torchvision.transforms.functional} as
 * {@code tools/gen_tensor_reference.py} calls them (its {@code PY['tv_...']}, {@code PY['tvf_...']}), which
 * {@code tools/fuzz_against_pytorch.py --vision} and {@code --transforms} draw. In the vision module's tests, so
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

        op.accept("tvf_hflip", a -> Functional.hflip(a.t(0)));
        op.accept("tvf_vflip", a -> Functional.vflip(a.t(0)));
        op.accept("tvf_crop", a -> Functional.crop(a.t(0), a.i(1), a.i(2), a.i(3), a.i(4)));
        op.accept("tvf_center_crop", a -> Functional.centerCrop(a.t(0), a.ints(1)[0], a.ints(1)[1]));
        op.accept("tvf_resize", a -> Functional.resize(a.t(0), a.ints(1)[0], a.ints(1)[1], mode(a.s(2)), a.b(3)));
        op.accept("tvf_resized_crop", a -> Functional.resizedCrop(a.t(0), a.i(1), a.i(2), a.i(3), a.i(4), a.ints(5), mode(a.s(6)), a.b(7)));
        op.accept("tvf_pad", a -> Functional.pad(a.t(0), a.ints(1)[0], a.ints(1)[1], a.ints(1)[2], a.ints(1)[3], a.d(2), a.s(3)));
        op.accept("tvf_rotate", a -> Functional.rotate(a.t(0), a.d(1), mode(a.s(2)), a.b(3), orNull(a, 4), orNull(a, 5)));
        op.accept("tvf_affine", a -> Functional.affine(a.t(0), a.d(1), a.doubles(2), a.d(3), a.doubles(4), mode(a.s(5)), orNull(a, 6),
                orNull(a, 7)));
        op.accept("tvf_perspective", a -> Functional.perspective(a.t(0), points(a.list(1)), points(a.list(2)), mode(a.s(3)), orNull(a, 4)));
        op.accept("tvf_adjust_brightness", a -> Functional.adjustBrightness(a.t(0), a.d(1)));
        op.accept("tvf_adjust_contrast", a -> Functional.adjustContrast(a.t(0), a.d(1)));
        op.accept("tvf_adjust_saturation", a -> Functional.adjustSaturation(a.t(0), a.d(1)));
        op.accept("tvf_adjust_hue", a -> Functional.adjustHue(a.t(0), a.d(1)));
        op.accept("tvf_adjust_sharpness", a -> Functional.adjustSharpness(a.t(0), a.d(1)));
        op.accept("tvf_adjust_gamma", a -> Functional.adjustGamma(a.t(0), a.d(1), a.d(2)));
        op.accept("tvf_invert", a -> Functional.invert(a.t(0)));
        op.accept("tvf_posterize", a -> Functional.posterize(a.t(0), a.i(1)));
        op.accept("tvf_solarize", a -> Functional.solarize(a.t(0), a.d(1)));
        op.accept("tvf_autocontrast", a -> Functional.autocontrast(a.t(0)));
        op.accept("tvf_equalize", a -> Functional.equalize(a.t(0)));
        op.accept("tvf_rgb_to_grayscale", a -> Functional.rgbToGrayscale(a.t(0), a.i(1)));
        op.accept("tvf_gaussian_blur", a -> Functional.gaussianBlur(a.t(0), a.ints(1)[0], a.ints(1)[1], a.doubles(2)[0], a.doubles(2)[1]));
        op.accept("tvf_normalize", a -> Functional.normalize(a.t(0), a.doubles(1), a.doubles(2)));
        op.accept("tvf_convert_image_dtype", a -> Functional.convertImageDtype(a.t(0), org.torch4j.DType.valueOf(a.s(1).toUpperCase())));
    }

    private static InterpolationMode mode(String name) {
        return InterpolationMode.valueOf(name.toUpperCase());
    }

    private static double[] orNull(Ops.Args a, int i) {
        return a.has(i) ? a.doubles(i) : null;
    }

    private static int[][] points(java.util.List<?> list) {
        int[][] p = new int[list.size()][];
        for (int i = 0; i < p.length; i++) p[i] = ((java.util.List<?>) list.get(i)).stream().mapToInt(v -> ((Number) v).intValue()).toArray();
        return p;
    }
}
