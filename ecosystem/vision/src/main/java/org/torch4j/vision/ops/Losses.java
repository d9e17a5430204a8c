package org.torch4j.vision.ops;

import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.F;
import org.torch4j.nn.Reduction;

/**
 * The detection losses of torchvision 0.14: the box regression losses ({@code generalized_box_iou_loss},
 * {@code distance_box_iou_loss}, {@code complete_box_iou_loss}), which compare boxes pairwise
 * (element {@code i} with element {@code i}, not every pair as {@link Boxes} does), and RetinaNet's
 * {@code sigmoid_focal_loss}. Reductions are {@code "none"}, {@code "mean"} and {@code "sum"}; as in
 * torchvision 0.14 any other string means {@code "none"}.
 */
public final class Losses {
    private Losses() {}

    private static Tensor upcastNonFloat(Tensor t) {
        return t.dtype() == DType.FLOAT32 || t.dtype() == DType.FLOAT64 ? t : t.toFloat();
    }

    private static Tensor reduce(Tensor loss, String reduction) {
        return switch (reduction) {
            case "mean" -> loss.numel() > 0 ? loss.mean() : loss.sum().mul(0.0);
            case "sum" -> loss.sum();
            default -> loss;
        };
    }

    /** Intersection and union of matching boxes, as torchvision's {@code _loss_inter_union}. */
    private static Tensor[] interUnion(Tensor b1, Tensor b2) {
        Tensor xk1 = b1.select(-1, 0).maximum(b2.select(-1, 0)), yk1 = b1.select(-1, 1).maximum(b2.select(-1, 1));
        Tensor xk2 = b1.select(-1, 2).minimum(b2.select(-1, 2)), yk2 = b1.select(-1, 3).minimum(b2.select(-1, 3));
        Tensor mask = yk2.gt(yk1).logicalAnd(xk2.gt(xk1));
        // zero where the boxes are apart, and no gradient through the negative extents there
        Tensor inter = Torch.where(mask, xk2.sub(xk1).mul(yk2.sub(yk1)), Torch.zerosLike(xk1));
        Tensor union = area(b1).add(area(b2)).sub(inter);
        return new Tensor[] {inter, union};
    }

    private static Tensor area(Tensor b) {
        return b.select(-1, 2).sub(b.select(-1, 0)).mul(b.select(-1, 3).sub(b.select(-1, 1)));
    }

    /** The width and height of the box enclosing each pair. */
    private static Tensor[] enclosing(Tensor b1, Tensor b2) {
        Tensor w = b1.select(-1, 2).maximum(b2.select(-1, 2)).sub(b1.select(-1, 0).minimum(b2.select(-1, 0)));
        Tensor h = b1.select(-1, 3).maximum(b2.select(-1, 3)).sub(b1.select(-1, 1).minimum(b2.select(-1, 1)));
        return new Tensor[] {w, h};
    }

    /** {@link #generalizedBoxIouLoss(Tensor, Tensor, String, double)} unreduced, with eps 1e-7. */
    public static Tensor generalizedBoxIouLoss(Tensor boxes1, Tensor boxes2) {
        return generalizedBoxIouLoss(boxes1, boxes2, "none", 1e-7);
    }

    /**
     * {@code 1 - GIoU} of matching boxes ({@code generalized_box_iou_loss}).
     *
     * @param boxes1 {@code [N, 4]} or {@code [4]} boxes in {@code (x1, y1, x2, y2)} form
     * @param boxes2 boxes shaped as {@code boxes1}
     * @param reduction {@code "none"}, {@code "mean"} or {@code "sum"}
     * @param eps against division by zero
     * @return the loss, reduced as asked
     */
    public static Tensor generalizedBoxIouLoss(Tensor boxes1, Tensor boxes2, String reduction, double eps) {
        Tensor b1 = upcastNonFloat(boxes1), b2 = upcastNonFloat(boxes2);
        Tensor[] iu = interUnion(b1, b2);
        Tensor iou = iu[0].div(iu[1].add(eps));
        Tensor[] wh = enclosing(b1, b2);
        Tensor areaC = wh[0].mul(wh[1]);
        Tensor giou = iou.sub(areaC.sub(iu[1]).div(areaC.add(eps)));
        return reduce(giou.rsub(1), reduction);
    }

    /** {@link #distanceBoxIouLoss(Tensor, Tensor, String, double)} unreduced, with eps 1e-7. */
    public static Tensor distanceBoxIouLoss(Tensor boxes1, Tensor boxes2) {
        return distanceBoxIouLoss(boxes1, boxes2, "none", 1e-7);
    }

    /**
     * {@code 1 - DIoU} of matching boxes ({@code distance_box_iou_loss}).
     *
     * @param boxes1 {@code [N, 4]} boxes in {@code (x1, y1, x2, y2)} form
     * @param boxes2 boxes shaped as {@code boxes1}
     * @param reduction {@code "none"}, {@code "mean"} or {@code "sum"}
     * @param eps against division by zero
     * @return the loss, reduced as asked
     */
    public static Tensor distanceBoxIouLoss(Tensor boxes1, Tensor boxes2, String reduction, double eps) {
        return reduce(diouLoss(upcastNonFloat(boxes1), upcastNonFloat(boxes2), eps)[0], reduction);
    }

    /** The DIoU loss and the IoU, as torchvision's {@code _diou_iou_loss}. */
    private static Tensor[] diouLoss(Tensor b1, Tensor b2, double eps) {
        Tensor[] iu = interUnion(b1, b2);
        Tensor iou = iu[0].div(iu[1].add(eps));
        Tensor[] wh = enclosing(b1, b2);
        Tensor diagonal = wh[0].pow(2).add(wh[1].pow(2)).add(eps);
        Tensor dx = b1.select(-1, 2).add(b1.select(-1, 0)).div(2).sub(b2.select(-1, 0).add(b2.select(-1, 2)).div(2));
        Tensor dy = b1.select(-1, 3).add(b1.select(-1, 1)).div(2).sub(b2.select(-1, 1).add(b2.select(-1, 3)).div(2));
        Tensor loss = iou.rsub(1).add(dx.pow(2).add(dy.pow(2)).div(diagonal));
        return new Tensor[] {loss, iou};
    }

    /** {@link #completeBoxIouLoss(Tensor, Tensor, String, double)} unreduced, with eps 1e-7. */
    public static Tensor completeBoxIouLoss(Tensor boxes1, Tensor boxes2) {
        return completeBoxIouLoss(boxes1, boxes2, "none", 1e-7);
    }

    /**
     * {@code 1 - CIoU} of matching boxes ({@code complete_box_iou_loss}). As in torchvision 0.14, the
     * DIoU part uses eps 1e-7 whatever {@code eps} is; {@code eps} enters the aspect-ratio weight,
     * which is held constant for gradients.
     *
     * @param boxes1 {@code [N, 4]} or {@code [4]} boxes in {@code (x1, y1, x2, y2)} form
     * @param boxes2 boxes shaped as {@code boxes1}
     * @param reduction {@code "none"}, {@code "mean"} or {@code "sum"}
     * @param eps against division by zero in the aspect-ratio weight
     * @return the loss, reduced as asked
     */
    public static Tensor completeBoxIouLoss(Tensor boxes1, Tensor boxes2, String reduction, double eps) {
        Tensor b1 = upcastNonFloat(boxes1), b2 = upcastNonFloat(boxes2);
        Tensor[] di = diouLoss(b1, b2, 1e-7);
        Tensor wPred = b1.select(-1, 2).sub(b1.select(-1, 0)), hPred = b1.select(-1, 3).sub(b1.select(-1, 1));
        Tensor wGt = b2.select(-1, 2).sub(b2.select(-1, 0)), hGt = b2.select(-1, 3).sub(b2.select(-1, 1));
        Tensor v = wGt.div(hGt).atan().sub(wPred.div(hPred).atan()).pow(2).mul(4 / (Math.PI * Math.PI));
        Tensor alpha;
        try (var ng = Torch.noGrad()) {
            alpha = v.div(di[1].rsub(1).add(v).add(eps));
        }
        return reduce(di[0].add(alpha.mul(v)), reduction);
    }

    /** {@link #sigmoidFocalLoss(Tensor, Tensor, double, double, String)} with alpha 0.25, gamma 2, unreduced. */
    public static Tensor sigmoidFocalLoss(Tensor inputs, Tensor targets) {
        return sigmoidFocalLoss(inputs, targets, 0.25, 2, "none");
    }

    /**
     * RetinaNet's focal loss ({@code sigmoid_focal_loss}): binary cross-entropy with logits, scaled
     * by {@code (1 - p_t)^gamma} and, for {@code alpha >= 0}, by {@code alpha_t}.
     *
     * @param inputs logits of any shape
     * @param targets binary labels shaped as {@code inputs}
     * @param alpha the weight of the positive class in (0, 1), or negative for none
     * @param gamma the exponent of the modulating factor
     * @param reduction {@code "none"}, {@code "mean"} or {@code "sum"}
     * @return the loss, reduced as asked
     */
    public static Tensor sigmoidFocalLoss(Tensor inputs, Tensor targets, double alpha, double gamma, String reduction) {
        Tensor p = inputs.sigmoid();
        Tensor ce = F.binaryCrossEntropyWithLogits(inputs, targets, null, null, Reduction.NONE);
        Tensor pt = p.mul(targets).add(p.rsub(1).mul(targets.rsub(1)));
        Tensor loss = ce.mul(pt.rsub(1).pow(gamma));
        if (alpha >= 0) loss = targets.mul(alpha).add(targets.rsub(1).mul(1 - alpha)).mul(loss);
        return switch (reduction) {
            case "mean" -> loss.mean();
            case "sum" -> loss.sum();
            default -> loss;
        };
    }
}
