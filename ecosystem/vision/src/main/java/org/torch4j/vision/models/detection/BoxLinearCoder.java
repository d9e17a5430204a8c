package org.torch4j.vision.models.detection;

import java.util.List;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * FCOS's box coder ({@code torchvision.models.detection._utils.BoxLinearCoder}): a box as the distances
 * {@code (left, top, right, bottom)} from a reference box's centre to its sides, divided by the reference's width and
 * height when {@code normalizeBySize}. Boxes may have any leading dimensions ({@code [..., 4]}).
 */
public class BoxLinearCoder {
    private final boolean normalizeBySize;

    /**
     * A coder.
     *
     * @param normalizeBySize whether the distances are in units of the reference box's width and height (FCOS: true)
     */
    public BoxLinearCoder(boolean normalizeBySize) {
        this.normalizeBySize = normalizeBySize;
    }

    /**
     * Encodes boxes against reference boxes ({@code encode}).
     *
     * @param referenceBoxes {@code [..., 4]} the reference boxes (FCOS: the anchors, whose centres are the locations)
     * @param proposals {@code [..., 4]} the boxes to encode
     * @return {@code [..., 4]} distances
     */
    public Tensor encode(Tensor referenceBoxes, Tensor proposals) {
        Tensor ctrX = col(referenceBoxes, 0).add(col(referenceBoxes, 2)).mul(0.5), ctrY = col(referenceBoxes, 1).add(col(referenceBoxes, 3)).mul(0.5);
        Tensor targets = Torch.stack(List.of(ctrX.sub(col(proposals, 0)), ctrY.sub(col(proposals, 1)), col(proposals, 2).sub(ctrX),
                col(proposals, 3).sub(ctrY)), -1);
        return normalizeBySize ? targets.div(sizes(referenceBoxes)) : targets;
    }

    /**
     * Decodes distances against reference boxes ({@code decode}).
     *
     * @param relCodes {@code [..., 4]} distances
     * @param boxes {@code [..., 4]} the reference boxes
     * @return {@code [..., 4]} boxes
     */
    public Tensor decode(Tensor relCodes, Tensor boxes) {
        boxes = boxes.to(relCodes.dtype());
        Tensor ctrX = col(boxes, 0).add(col(boxes, 2)).mul(0.5), ctrY = col(boxes, 1).add(col(boxes, 3)).mul(0.5);
        if (normalizeBySize) relCodes = relCodes.mul(sizes(boxes));
        return Torch.stack(List.of(ctrX.sub(col(relCodes, 0)), ctrY.sub(col(relCodes, 1)), ctrX.add(col(relCodes, 2)), ctrY.add(col(relCodes, 3))), -1);
    }

    private static Tensor sizes(Tensor boxes) {
        Tensor w = col(boxes, 2).sub(col(boxes, 0)), h = col(boxes, 3).sub(col(boxes, 1));
        return Torch.stack(List.of(w, h, w, h), -1);
    }

    private static Tensor col(Tensor boxes, int i) {
        return boxes.select(-1, i);
    }
}
