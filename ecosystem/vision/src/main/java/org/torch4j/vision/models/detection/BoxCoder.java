package org.torch4j.vision.models.detection;

import java.util.ArrayList;
import java.util.List;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * Encodes boxes as regression targets relative to reference boxes and decodes them back
 * ({@code torchvision.models.detection._utils.BoxCoder}): centre offsets scaled by the reference's size and
 * log size ratios, each multiplied by its weight; decoding clamps the log ratios at {@code bboxXformClip}.
 */
public class BoxCoder {
    private final double wx, wy, ww, wh, bboxXformClip;

    /** A coder with weights {@code (wx, wy, ww, wh)} and torchvision's clip, {@code log(1000 / 16)}. */
    public BoxCoder(double[] weights) {
        this(weights, Math.log(1000.0 / 16));
    }

    /**
     * A coder.
     *
     * @param weights {@code (wx, wy, ww, wh)}: the centre offsets' and log sizes' multipliers
     * @param bboxXformClip the largest log size ratio decoded, against overflow in {@code exp}
     */
    public BoxCoder(double[] weights, double bboxXformClip) {
        if (weights.length != 4) throw new IllegalArgumentException("weights should have 4 elements, got " + weights.length);
        wx = weights[0];
        wy = weights[1];
        ww = weights[2];
        wh = weights[3];
        this.bboxXformClip = bboxXformClip;
    }

    /**
     * Encodes each image's boxes against its proposals ({@code encode}).
     *
     * @param referenceBoxes per image, the {@code [N_i, 4]} boxes to encode
     * @param proposals per image, the {@code [N_i, 4]} boxes they are encoded against
     * @return per image, {@code [N_i, 4]} regression targets
     */
    public List<Tensor> encode(List<Tensor> referenceBoxes, List<Tensor> proposals) {
        long[] sizes = new long[referenceBoxes.size()];
        for (int i = 0; i < sizes.length; i++) sizes[i] = referenceBoxes.get(i).size(0);
        Tensor targets = encodeSingle(Torch.cat(referenceBoxes, 0), Torch.cat(proposals, 0));
        return new ArrayList<>(targets.splitWithSizes(sizes, 0));
    }

    /**
     * Encodes {@code referenceBoxes} against {@code proposals}, row by row ({@code encode_single}).
     *
     * @param referenceBoxes {@code [N, 4]} target boxes
     * @param proposals {@code [N, 4]} boxes they are expressed against
     * @return {@code [N, 4]} {@code (dx, dy, dw, dh)}
     */
    public Tensor encodeSingle(Tensor referenceBoxes, Tensor proposals) {
        Tensor px1 = col(proposals, 0), py1 = col(proposals, 1), px2 = col(proposals, 2), py2 = col(proposals, 3);
        Tensor gx1 = col(referenceBoxes, 0), gy1 = col(referenceBoxes, 1), gx2 = col(referenceBoxes, 2), gy2 = col(referenceBoxes, 3);
        Tensor exW = px2.sub(px1), exH = py2.sub(py1);
        Tensor exX = px1.add(exW.mul(0.5)), exY = py1.add(exH.mul(0.5));
        Tensor gtW = gx2.sub(gx1), gtH = gy2.sub(gy1);
        Tensor gtX = gx1.add(gtW.mul(0.5)), gtY = gy1.add(gtH.mul(0.5));
        Tensor dx = gtX.sub(exX).mul(wx).div(exW), dy = gtY.sub(exY).mul(wy).div(exH);
        Tensor dw = gtW.div(exW).log().mul(ww), dh = gtH.div(exH).log().mul(wh);
        return Torch.cat(List.of(dx, dy, dw, dh), 1);
    }

    private static Tensor col(Tensor boxes, int i) {
        return boxes.select(1, i).unsqueeze(1);
    }

    /**
     * Decodes regression codes against each image's boxes ({@code decode}).
     *
     * @param relCodes {@code [sum N_i, 4 * K]} codes (K boxes per reference box)
     * @param boxes per image, the {@code [N_i, 4]} reference boxes
     * @return {@code [sum N_i, K, 4]} boxes
     */
    public Tensor decode(Tensor relCodes, List<Tensor> boxes) {
        long total = 0;
        for (Tensor b : boxes) total += b.size(0);
        if (total > 0) relCodes = relCodes.reshape(total, -1);
        Tensor pred = decodeSingle(relCodes, Torch.cat(boxes, 0));
        return total > 0 ? pred.reshape(total, -1, 4) : pred;
    }

    /**
     * Decodes codes against reference boxes ({@code decode_single}).
     *
     * @param relCodes {@code [N, 4 * K]} codes
     * @param boxes {@code [N, 4]} reference boxes
     * @return {@code [N, 4 * K]} boxes
     */
    public Tensor decodeSingle(Tensor relCodes, Tensor boxes) {
        boxes = boxes.to(relCodes.dtype());
        Tensor widths = boxes.select(1, 2).sub(boxes.select(1, 0)), heights = boxes.select(1, 3).sub(boxes.select(1, 1));
        Tensor ctrX = boxes.select(1, 0).add(widths.mul(0.5)), ctrY = boxes.select(1, 1).add(heights.mul(0.5));
        long end = relCodes.size(1);
        Tensor dx = relCodes.slice(1, 0, end, 4).div(wx), dy = relCodes.slice(1, 1, end, 4).div(wy);
        Tensor dw = relCodes.slice(1, 2, end, 4).div(ww).clampMax(bboxXformClip);
        Tensor dh = relCodes.slice(1, 3, end, 4).div(wh).clampMax(bboxXformClip);
        Tensor predX = dx.mul(widths.unsqueeze(1)).add(ctrX.unsqueeze(1)), predY = dy.mul(heights.unsqueeze(1)).add(ctrY.unsqueeze(1));
        Tensor halfW = dw.exp().mul(widths.unsqueeze(1)).mul(0.5), halfH = dh.exp().mul(heights.unsqueeze(1)).mul(0.5);
        return Torch.stack(List.of(predX.sub(halfW), predY.sub(halfH), predX.add(halfW), predY.add(halfH)), 2).flatten(1, -1);
    }
}
