package org.torch4j.vision.models.detection;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.Conv2d;
import org.torch4j.nn.F;
import org.torch4j.nn.Init;
import org.torch4j.nn.Module;
import org.torch4j.nn.Reduction;
import org.torch4j.nn.Sequential;
import org.torch4j.vision.ops.Losses;

/**
 * RetinaNet's box regression head ({@code torchvision.models.detection.retinanet.RetinaNetRegressionHead}): four 3x3
 * convolution blocks ({@code conv}) and a 3x3 convolution giving four deltas per anchor ({@code bbox_reg}); all
 * convolutions re-initialised normal (std 0.01) with zero bias ({@code bbox_reg} first, as torchvision's). Its loss, over
 * the foreground anchors and per image divided by their number, is the L1 distance of the deltas to the encoded boxes
 * ({@code "l1"}, RetinaNet) or the GIoU loss of the decoded boxes ({@code "giou"}, RetinaNet v2).
 */
public class RetinaNetRegressionHead extends Module {
    /** The four convolution blocks. */
    public final Sequential conv;
    /** The deltas, {@code numAnchors * 4} channels. */
    public final Conv2d bboxReg;
    private final BoxCoder boxCoder = new BoxCoder(new double[] {1, 1, 1, 1});
    private final String lossType;

    /**
     * A head with the L1 loss.
     *
     * @param inChannels the pyramid's channels
     * @param numAnchors the anchors per location
     * @param normLayer the blocks' norm for a channel count, or null for none
     */
    public RetinaNetRegressionHead(long inChannels, long numAnchors, LongFunction<Module> normLayer) {
        this(inChannels, numAnchors, normLayer, "l1");
    }

    /**
     * A head.
     *
     * @param inChannels the pyramid's channels
     * @param numAnchors the anchors per location
     * @param normLayer the blocks' norm for a channel count, or null for none
     * @param lossType torchvision's {@code _loss_type}: {@code "l1"}, {@code "smooth_l1"}, {@code "giou"}, {@code "diou"} or {@code "ciou"}
     * @throws IllegalArgumentException for another loss, as torchvision words it
     */
    public RetinaNetRegressionHead(long inChannels, long numAnchors, LongFunction<Module> normLayer, String lossType) {
        if (!List.of("l1", "smooth_l1", "ciou", "diou", "giou").contains(lossType)) {
            throw new IllegalArgumentException("Unsupported loss: " + lossType);
        }
        conv = registerModule("conv", RetinaNetClassificationHead.convBlocks(inChannels, normLayer));
        bboxReg = registerModule("bbox_reg", new Conv2d(inChannels, numAnchors * 4, 3, 1, 1));
        Init.normal_(bboxReg.weight, 0, 0.01);
        Init.zeros_(bboxReg.bias);
        RetinaNetClassificationHead.initNormal(conv);
        this.lossType = lossType;
    }

    /**
     * The deltas of every level, concatenated.
     *
     * @param features the pyramid's levels, {@code [N, C, H_l, W_l]} each
     * @return {@code [N, sum_l H_l * W_l * A, 4]}
     */
    public Tensor forward(List<Tensor> features) {
        List<Tensor> all = new ArrayList<>();
        for (Tensor f : features) all.add(RetinaNetClassificationHead.perAnchor(bboxReg.call(conv.call(f)), 4));
        return Torch.cat(all, 1);
    }

    /**
     * The box loss ({@code compute_loss}), averaged over images.
     *
     * @param targets the resized targets
     * @param bboxRegression {@code [N, HWA, 4]} deltas
     * @param anchors per image, its {@code [HWA, 4]} anchors
     * @param matchedIdxs per image, each anchor's matched box or a negative {@link Matcher} code
     * @return the scalar loss
     */
    public Tensor computeLoss(List<Target> targets, Tensor bboxRegression, List<Tensor> anchors, List<Tensor> matchedIdxs) {
        Tensor total = null;
        for (int i = 0; i < targets.size(); i++) {
            Tensor matched = matchedIdxs.get(i);
            Tensor fg = Torch.where(matched.ge(0)).get(0);
            Tensor gt = targets.get(i).boxes().indexSelect(0, matched.indexSelect(0, fg));
            Tensor loss = boxLoss(lossType, boxCoder, anchors.get(i).indexSelect(0, fg), gt, bboxRegression.select(0, i).indexSelect(0, fg))
                    .div((double) Math.max(1, fg.numel()));
            total = total == null ? loss : total.add(loss);
        }
        return total.div((double) Math.max(1, targets.size()));
    }

    /** torchvision's {@code _box_loss}, summed, with smooth L1's beta 1 and the IoU losses' eps 1e-7. */
    static Tensor boxLoss(String type, BoxCoder coder, Tensor anchors, Tensor matchedGt, Tensor regression) {
        return switch (type) {
            case "l1" -> F.l1Loss(regression, coder.encodeSingle(matchedGt, anchors), Reduction.SUM);
            case "smooth_l1" -> F.smoothL1Loss(regression, coder.encodeSingle(matchedGt, anchors), Reduction.SUM, 1.0);
            default -> {
                Tensor boxes = coder.decodeSingle(regression, anchors);
                yield switch (type) {
                    case "ciou" -> Losses.completeBoxIouLoss(boxes, matchedGt, "sum", 1e-7);
                    case "diou" -> Losses.distanceBoxIouLoss(boxes, matchedGt, "sum", 1e-7);
                    default -> Losses.generalizedBoxIouLoss(boxes, matchedGt, "sum", 1e-7);
                };
            }
        };
    }
}
