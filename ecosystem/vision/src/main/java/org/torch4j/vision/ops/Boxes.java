package org.torch4j.vision.ops;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.trace.Trace;

/**
 * Box geometry as torchvision 0.14's {@code torchvision.ops.boxes}: areas, format conversion,
 * clipping, the pairwise IoU family, masks to boxes, and non-maximum suppression. Boxes are
 * {@code [N, 4]} tensors in {@code (x1, y1, x2, y2)} form unless a format is named. The IoU
 * functions are written with tensor ops, so they are differentiable with respect to both sets of boxes.
 */
public final class Boxes {
    private Boxes() {}

    /** The formats {@link #boxConvert} knows: corners, corner and size, centre and size. */
    private static final List<String> FORMATS = List.of("xyxy", "xywh", "cxcywh");

    /**
     * torchvision's {@code _upcast}: half floats to float32 and small integers to int32, so that
     * products of coordinates do not overflow.
     */
    static Tensor upcast(Tensor t) {
        if (t.isFloatingPoint()) return t.dtype() == DType.FLOAT32 || t.dtype() == DType.FLOAT64 ? t : t.toFloat();
        return t.dtype() == DType.INT32 || t.dtype() == DType.INT64 ? t : t.to(DType.INT32);
    }

    private static Tensor col(Tensor boxes, int i) {
        return boxes.select(-1, i);
    }

    /**
     * The area of each box ({@code box_area}).
     *
     * @param boxes {@code [N, 4]} boxes in {@code (x1, y1, x2, y2)} form
     * @return {@code [N]} areas, in the upcast dtype
     */
    public static Tensor boxArea(Tensor boxes) {
        Tensor b = upcast(boxes);
        return col(b, 2).sub(col(b, 0)).mul(col(b, 3).sub(col(b, 1)));
    }

    /** Pairwise intersections and unions, both {@code [N, M]}. */
    private static Tensor[] interUnion(Tensor boxes1, Tensor boxes2) {
        Tensor area1 = boxArea(boxes1), area2 = boxArea(boxes2);
        Tensor lt = boxes1.narrow(1, 0, 2).unsqueeze(1).maximum(boxes2.narrow(1, 0, 2));
        Tensor rb = boxes1.narrow(1, 2, 2).unsqueeze(1).minimum(boxes2.narrow(1, 2, 2));
        Tensor wh = upcast(rb.sub(lt)).clampMin(0);
        Tensor inter = wh.select(2, 0).mul(wh.select(2, 1));
        return new Tensor[] {inter, area1.unsqueeze(1).add(area2).sub(inter)};
    }

    /** The width and height of the smallest box enclosing each pair, {@code [N, M, 2]}. */
    private static Tensor enclosingSize(Tensor boxes1, Tensor boxes2) {
        Tensor lti = boxes1.narrow(1, 0, 2).unsqueeze(1).minimum(boxes2.narrow(1, 0, 2));
        Tensor rbi = boxes1.narrow(1, 2, 2).unsqueeze(1).maximum(boxes2.narrow(1, 2, 2));
        return upcast(rbi.sub(lti)).clampMin(0);
    }

    /**
     * Intersection over union of every pair ({@code box_iou}).
     *
     * @param boxes1 {@code [N, 4]} boxes
     * @param boxes2 {@code [M, 4]} boxes
     * @return the {@code [N, M]} IoU matrix
     */
    public static Tensor boxIou(Tensor boxes1, Tensor boxes2) {
        Tensor[] iu = interUnion(boxes1, boxes2);
        return iu[0].div(iu[1]);
    }

    /**
     * Generalized IoU of every pair ({@code generalized_box_iou}): IoU minus the share of the
     * enclosing box that the union leaves empty.
     *
     * @param boxes1 {@code [N, 4]} boxes
     * @param boxes2 {@code [M, 4]} boxes
     * @return the {@code [N, M]} generalized IoU matrix
     */
    public static Tensor generalizedBoxIou(Tensor boxes1, Tensor boxes2) {
        Tensor[] iu = interUnion(boxes1, boxes2);
        Tensor whi = enclosingSize(boxes1, boxes2);
        Tensor areai = whi.select(2, 0).mul(whi.select(2, 1));
        return iu[0].div(iu[1]).sub(areai.sub(iu[1]).div(areai));
    }

    /** {@link #distanceBoxIou(Tensor, Tensor, double)} with torchvision's eps, 1e-7. */
    public static Tensor distanceBoxIou(Tensor boxes1, Tensor boxes2) {
        return distanceBoxIou(boxes1, boxes2, 1e-7);
    }

    /**
     * Distance IoU of every pair ({@code distance_box_iou}): IoU minus the squared distance of the
     * centres over the squared diagonal of the enclosing box.
     *
     * @param boxes1 {@code [N, 4]} boxes
     * @param boxes2 {@code [M, 4]} boxes
     * @param eps added to the squared diagonal against division by zero
     * @return the {@code [N, M]} distance IoU matrix
     */
    public static Tensor distanceBoxIou(Tensor boxes1, Tensor boxes2, double eps) {
        return diouIou(upcast(boxes1), upcast(boxes2), eps)[0];
    }

    /** Distance IoU and IoU, as torchvision's {@code _box_diou_iou}. */
    private static Tensor[] diouIou(Tensor boxes1, Tensor boxes2, double eps) {
        Tensor iou = boxIou(boxes1, boxes2);
        Tensor whi = enclosingSize(boxes1, boxes2);
        Tensor diagonal = whi.select(2, 0).pow(2).add(whi.select(2, 1).pow(2)).add(eps);
        Tensor xp = col(boxes1, 0).add(col(boxes1, 2)).div(2), yp = col(boxes1, 1).add(col(boxes1, 3)).div(2);
        Tensor xg = col(boxes2, 0).add(col(boxes2, 2)).div(2), yg = col(boxes2, 1).add(col(boxes2, 3)).div(2);
        Tensor centres = upcast(xp.unsqueeze(1).sub(xg.unsqueeze(0))).pow(2)
                .add(upcast(yp.unsqueeze(1).sub(yg.unsqueeze(0))).pow(2));
        return new Tensor[] {iou.sub(centres.div(diagonal)), iou};
    }

    /** {@link #completeBoxIou(Tensor, Tensor, double)} with torchvision's eps, 1e-7. */
    public static Tensor completeBoxIou(Tensor boxes1, Tensor boxes2) {
        return completeBoxIou(boxes1, boxes2, 1e-7);
    }

    /**
     * Complete IoU of every pair ({@code complete_box_iou}): distance IoU minus an aspect-ratio
     * term {@code alpha * v}, whose weight {@code alpha} is held constant for gradients, as torchvision's.
     *
     * @param boxes1 {@code [N, 4]} boxes
     * @param boxes2 {@code [M, 4]} boxes
     * @param eps against division by zero
     * @return the {@code [N, M]} complete IoU matrix
     */
    public static Tensor completeBoxIou(Tensor boxes1, Tensor boxes2, double eps) {
        Tensor b1 = upcast(boxes1), b2 = upcast(boxes2);
        Tensor[] di = diouIou(b1, b2, eps);
        Tensor wPred = col(b1, 2).sub(col(b1, 0)).unsqueeze(1), hPred = col(b1, 3).sub(col(b1, 1)).unsqueeze(1);
        Tensor wGt = col(b2, 2).sub(col(b2, 0)), hGt = col(b2, 3).sub(col(b2, 1));
        Tensor v = wPred.div(hPred).atan().sub(wGt.div(hGt).atan()).pow(2).mul(4 / (Math.PI * Math.PI));
        Tensor alpha;
        try (var ng = Torch.noGrad()) {
            alpha = v.div(di[1].rsub(1).add(v).add(eps));
        }
        return di[0].sub(alpha.mul(v));
    }

    /**
     * Converts boxes between formats ({@code box_convert}): {@code "xyxy"} (corners),
     * {@code "xywh"} (top-left corner, width, height) and {@code "cxcywh"} (centre, width, height).
     *
     * @param boxes {@code [N, 4]} boxes in {@code inFmt}
     * @param inFmt the boxes' format
     * @param outFmt the wanted format
     * @return new {@code [N, 4]} boxes (a copy when the formats agree)
     * @throws IllegalArgumentException for a format outside the three
     */
    public static Tensor boxConvert(Tensor boxes, String inFmt, String outFmt) {
        if (!FORMATS.contains(inFmt) || !FORMATS.contains(outFmt)) {
            throw new IllegalArgumentException("Unsupported Bounding Box Conversions for given in_fmt and out_fmt");
        }
        if (inFmt.equals(outFmt)) return boxes.clone();
        Tensor xyxy = switch (inFmt) {
            case "xywh" -> Torch.stack(List.of(col(boxes, 0), col(boxes, 1), col(boxes, 0).add(col(boxes, 2)),
                    col(boxes, 1).add(col(boxes, 3))), -1);
            case "cxcywh" -> {
                Tensor cx = col(boxes, 0), cy = col(boxes, 1), w = col(boxes, 2).mul(0.5), h = col(boxes, 3).mul(0.5);
                yield Torch.stack(List.of(cx.sub(w), cy.sub(h), cx.add(w), cy.add(h)), -1);
            }
            default -> boxes;
        };
        Tensor x1 = col(xyxy, 0), y1 = col(xyxy, 1), x2 = col(xyxy, 2), y2 = col(xyxy, 3);
        return switch (outFmt) {
            case "xywh" -> Torch.stack(List.of(x1, y1, x2.sub(x1), y2.sub(y1)), -1);
            case "cxcywh" -> Torch.stack(List.of(x1.add(x2).div(2), y1.add(y2).div(2), x2.sub(x1), y2.sub(y1)), -1);
            default -> xyxy;
        };
    }

    /**
     * Clips boxes to an image ({@code clip_boxes_to_image}): x into {@code [0, width]}, y into
     * {@code [0, height]}.
     *
     * @param boxes {@code [..., 4]} boxes in {@code (x1, y1, x2, y2)} form
     * @param height the image height
     * @param width the image width
     * @return the clipped boxes, shaped as {@code boxes}
     */
    public static Tensor clipBoxesToImage(Tensor boxes, long height, long width) {
        int dim = boxes.dim();
        long[] even = {0, 2}, odd = {1, 3};
        Tensor idxX = Torch.tensor(even, 2).to(boxes.device()), idxY = Torch.tensor(odd, 2).to(boxes.device());
        Tensor x = boxes.indexSelect(dim - 1, idxX).clamp((double) 0, (double) width);
        Tensor y = boxes.indexSelect(dim - 1, idxY).clamp((double) 0, (double) height);
        return Torch.stack(List.of(x, y), dim).reshape(boxes.shape());
    }

    /**
     * The indices of the boxes whose sides are both at least {@code minSize} ({@code remove_small_boxes}).
     *
     * @param boxes {@code [N, 4]} boxes in {@code (x1, y1, x2, y2)} form
     * @param minSize the smallest side kept
     * @return int64 indices of the kept boxes, ascending
     */
    public static Tensor removeSmallBoxes(Tensor boxes, double minSize) {
        if (boxes.dim() != 2) throw new IllegalArgumentException("remove_small_boxes expects boxes [N, 4], got a " + boxes.dim() + "-D tensor");
        Tensor ws = col(boxes, 2).sub(col(boxes, 0)), hs = col(boxes, 3).sub(col(boxes, 1));
        Tensor keep = ws.ge(minSize).logicalAnd(hs.ge(minSize));
        // recorded as nonzero, so that a trace computes the (data-dependent) count in the graph
        return (Trace.recording() ? Trace.op("aten::nonzero_numpy", () -> Torch.where(keep), keep) : Torch.where(keep)).get(0);
    }

    /**
     * The bounding box of the non-zero pixels of each mask ({@code masks_to_boxes}), as float32
     * {@code (x1, y1, x2, y2)} with inclusive maxima.
     *
     * @param masks {@code [N, H, W]} masks
     * @return {@code [N, 4]} boxes; {@code [0, 4]} for an empty input
     * @throws IllegalArgumentException for a mask with no non-zero pixel (torch.min of an empty tensor)
     */
    public static Tensor masksToBoxes(Tensor masks) {
        if (masks.numel() == 0) return Torch.zeros(new long[] {0, 4}, DType.FLOAT32, masks.device());
        int n = (int) masks.size(0), h = (int) masks.size(1), w = (int) masks.size(2);
        double[] m = masks.ne(0).toDouble().contiguous().toDoubleArray();
        float[] out = new float[4 * n];
        for (int i = 0; i < n; i++) {
            int x1 = Integer.MAX_VALUE, y1 = Integer.MAX_VALUE, x2 = -1, y2 = -1;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    if (m[(i * h + y) * w + x] == 0) continue;
                    x1 = Math.min(x1, x);
                    y1 = Math.min(y1, y);
                    x2 = Math.max(x2, x);
                    y2 = Math.max(y2, y);
                }
            }
            if (x2 < 0) {
                throw new IllegalArgumentException("min(): Expected reduction dim to be specified for input.numel() == 0. "
                        + "Specify the reduction dim with the 'dim' argument.");
            }
            out[4 * i] = x1;
            out[4 * i + 1] = y1;
            out[4 * i + 2] = x2;
            out[4 * i + 3] = y2;
        }
        return Torch.tensor(out, n, 4).to(masks.device());
    }

    /**
     * Non-maximum suppression ({@code nms}) as torchvision's CPU kernel: boxes are visited by
     * descending score (equal scores by index), and each kept
     * box suppresses every later box whose IoU with it exceeds {@code iouThreshold}. The arithmetic is
     * done in the boxes' dtype, so float32 boxes near the threshold are decided as torchvision decides them.
     *
     * @param boxes {@code [N, 4]} float boxes in {@code (x1, y1, x2, y2)} form
     * @param scores {@code [N]} scores, of the boxes' dtype
     * @param iouThreshold boxes overlapping a kept box by more than this are dropped
     * @return int64 indices of the kept boxes, by decreasing score
     * @throws IllegalArgumentException for wrong shapes or dtypes, worded as torchvision's checks
     */
    public static Tensor nms(Tensor boxes, Tensor scores, double iouThreshold) {
        if (Trace.recording()) return Trace.op("torchvision::nms", () -> nms(boxes, scores, iouThreshold), boxes, scores, iouThreshold);
        if (boxes.dim() != 2) throw new IllegalArgumentException("boxes should be a 2d tensor, got " + boxes.dim() + "D");
        if (boxes.size(1) != 4) throw new IllegalArgumentException("boxes should have 4 elements in dimension 1, got " + boxes.size(1));
        if (scores.dim() != 1) throw new IllegalArgumentException("scores should be a 1d tensor, got " + scores.dim() + "D");
        if (boxes.size(0) != scores.size(0)) {
            throw new IllegalArgumentException("boxes and scores should have same number of elements in dimension 0, got "
                    + boxes.size(0) + " and " + scores.size(0));
        }
        if (boxes.dtype() != DType.FLOAT32 && boxes.dtype() != DType.FLOAT64) {
            throw new IllegalArgumentException("\"nms_kernel\" not implemented for '" + scalarName(boxes.dtype()) + "'");
        }
        if (boxes.dtype() != scores.dtype()) throw new IllegalArgumentException("dets should have the same type as scores");
        int[] keep = nmsKernel(boxes.detach().toDouble().contiguous().toDoubleArray(),
                scores.detach().toDouble().contiguous().toDoubleArray(), iouThreshold, boxes.dtype() == DType.FLOAT32);
        return Torch.tensor(Arrays.stream(keep).asLongStream().toArray(), keep.length).to(boxes.device());
    }

    /** c10's name of a dtype in dispatch errors ({@code 'Long'}, {@code 'Int'}). */
    static String scalarName(DType t) {
        return switch (t) {
            case INT64 -> "Long";
            case INT32 -> "Int";
            case INT16 -> "Short";
            case INT8 -> "Char";
            case UINT8 -> "Byte";
            case BOOL -> "Bool";
            case FLOAT16 -> "Half";
            case BFLOAT16 -> "BFloat16";
            case FLOAT32 -> "Float";
            case FLOAT64 -> "Double";
            default -> t.toString();
        };
    }

    /**
     * The CPU kernel over flat {@code (x1, y1, x2, y2)} rows. With {@code f32} every intermediate is
     * rounded to float, which makes each step the float32 operation the C++ kernel performs.
     */
    static int[] nmsKernel(double[] b, double[] scores, double threshold, boolean f32) {
        int n = scores.length;
        double[] area = new double[n];
        for (int i = 0; i < n; i++) area[i] = r(r(b[4 * i + 2] - b[4 * i], f32) * r(b[4 * i + 3] - b[4 * i + 1], f32), f32);
        int[] order = stableDescending(scores);
        boolean[] suppressed = new boolean[n];
        int[] keep = new int[n];
        int kept = 0;
        for (int oi = 0; oi < n; oi++) {
            int i = order[oi];
            if (suppressed[i]) continue;
            keep[kept++] = i;
            double ix1 = b[4 * i], iy1 = b[4 * i + 1], ix2 = b[4 * i + 2], iy2 = b[4 * i + 3];
            for (int oj = oi + 1; oj < n; oj++) {
                int j = order[oj];
                if (suppressed[j]) continue;
                double w = Math.max(0, r(Math.min(ix2, b[4 * j + 2]) - Math.max(ix1, b[4 * j]), f32));
                double h = Math.max(0, r(Math.min(iy2, b[4 * j + 3]) - Math.max(iy1, b[4 * j + 1]), f32));
                double inter = r(w * h, f32);
                double ovr = r(inter / r(r(area[i] + area[j], f32) - inter, f32), f32);
                if (ovr > threshold) suppressed[j] = true;
            }
        }
        return Arrays.copyOf(keep, kept);
    }

    /**
     * Indices by descending score, NaN first, equal scores in index order: the order torchvision's
     * compiled kernel visits boxes in (its C++ sort call is stable, unlike Python's default sort).
     */
    private static int[] stableDescending(double[] scores) {
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Arrays.sort(order, (x, y) -> {
            double p = scores[x], q = scores[y];
            boolean pn = Double.isNaN(p), qn = Double.isNaN(q);
            if (pn || qn) return pn == qn ? 0 : pn ? -1 : 1;
            return p == q ? 0 : p > q ? -1 : 1;
        });
        return Arrays.stream(order).mapToInt(Integer::intValue).toArray();
    }

    private static double r(double v, boolean f32) {
        return f32 ? (float) v : v;
    }

    /**
     * NMS within each category ({@code batched_nms}): boxes of different {@code idxs} never suppress
     * each other. As torchvision, up to 1000 boxes are shifted apart by category and run through one
     * {@link #nms}; more run one NMS per category and merge the kept boxes by descending score, with
     * ties ordered as PyTorch's unstable {@code sort(descending=True)} leaves them.
     *
     * @param boxes {@code [N, 4]} boxes in {@code (x1, y1, x2, y2)} form
     * @param scores {@code [N]} scores
     * @param idxs {@code [N]} integer category of each box
     * @param iouThreshold the IoU above which a box is dropped
     * @return int64 indices of the kept boxes, by decreasing score
     */
    public static Tensor batchedNms(Tensor boxes, Tensor scores, Tensor idxs, double iouThreshold) {
        // as torchvision, a trace always takes the coordinate trick: one nms whatever the (data-dependent) number of boxes
        if (Trace.recording()) {
            if (boxes.numel() == 0) {
                throw new IllegalArgumentException("batched_nms is traced on no boxes: the traced example must leave some boxes for NMS "
                        + "(an empty result would be written as a constant)");
            }
            return batchedNmsCoordinateTrick(boxes, scores, idxs, iouThreshold);
        }
        if (boxes.numel() > 4000) return batchedNmsVanilla(boxes, scores, idxs, iouThreshold);
        if (boxes.numel() == 0) return Torch.empty(new long[] {0}, DType.INT64, boxes.device());
        return batchedNmsCoordinateTrick(boxes, scores, idxs, iouThreshold);
    }

    /** {@code _batched_nms_coordinate_trick}: boxes shifted apart by category, then one {@link #nms}. */
    private static Tensor batchedNmsCoordinateTrick(Tensor boxes, Tensor scores, Tensor idxs, double iouThreshold) {
        try (var ng = Torch.noGrad()) {
            // offsets in the boxes' dtype, rounded as torchvision rounds them; amax over both dims is boxes.max(), traceable
            Tensor max = boxes.amax(0, 1);
            Tensor offsets = idxs.to(boxes.dtype()).mul(max.add(1.0));
            return nms(boxes.add(offsets.unsqueeze(1)), scores, iouThreshold);
        }
    }

    private static Tensor batchedNmsVanilla(Tensor boxes, Tensor scores, Tensor idxs, double iouThreshold) {
        long[] classes = idxs.toLong().contiguous().toLongArray();
        boolean[] keepMask = new boolean[classes.length];
        for (long c : new TreeSet<>(Arrays.stream(classes).boxed().toList())) {
            List<Long> members = new ArrayList<>();
            for (int i = 0; i < classes.length; i++) if (classes[i] == c) members.add((long) i);
            Tensor curr = Torch.tensor(members.stream().mapToLong(Long::longValue).toArray(), members.size()).to(boxes.device());
            for (long k : nms(boxes.indexSelect(0, curr), scores.indexSelect(0, curr), iouThreshold).toLongArray()) {
                keepMask[(int) (long) members.get((int) k)] = true;
            }
        }
        int count = 0;
        for (boolean k : keepMask) if (k) count++;
        long[] kept = new long[count];
        for (int i = 0, j = 0; i < keepMask.length; i++) if (keepMask[i]) kept[j++] = i;
        double[] keptScores = scores.detach().toDouble().cpu().indexSelect(0, Torch.tensor(kept, count)).toDoubleArray();
        int[] order = IntroSort.descending(keptScores);
        long[] out = new long[count];
        for (int i = 0; i < count; i++) out[i] = kept[order[i]];
        return Torch.tensor(out, count).to(boxes.device());
    }
}
