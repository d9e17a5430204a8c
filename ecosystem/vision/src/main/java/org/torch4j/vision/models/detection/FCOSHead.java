package org.torch4j.vision.models.detection;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.torch4j.MemoryFormat;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.F;
import org.torch4j.nn.Module;
import org.torch4j.nn.Reduction;
import org.torch4j.vision.ops.Losses;

/**
 * FCOS's head ({@code torchvision.models.detection.fcos.FCOSHead}): an {@link FCOSClassificationHead}
 * ({@code classification_head}) and an {@link FCOSRegressionHead} ({@code regression_head}). Its losses, each divided by
 * the foreground locations of the batch: the sigmoid focal loss of the classes ({@code classification}), the GIoU loss of
 * the decoded boxes ({@code bbox_regression}) and the binary cross-entropy of the centerness ({@code bbox_ctrness}).
 */
public class FCOSHead extends Module {
    /** The classification head. */
    public final FCOSClassificationHead classificationHead;
    /** The box and centerness head. */
    public final FCOSRegressionHead regressionHead;
    private final BoxLinearCoder boxCoder = new BoxLinearCoder(true);

    /**
     * A head with four GroupNorm(32) blocks in each branch.
     *
     * @param inChannels the pyramid's channels
     * @param numAnchors the anchors per location (1)
     * @param numClasses the classes, background included
     */
    public FCOSHead(long inChannels, long numAnchors, long numClasses) {
        this(inChannels, numAnchors, numClasses, 4);
    }

    /**
     * A head.
     *
     * @param inChannels the pyramid's channels
     * @param numAnchors the anchors per location (1)
     * @param numClasses the classes, background included
     * @param numConvs the convolution blocks of each branch
     */
    public FCOSHead(long inChannels, long numAnchors, long numClasses, int numConvs) {
        classificationHead = registerModule("classification_head", new FCOSClassificationHead(inChannels, numAnchors, numClasses, numConvs, 0.01, null));
        regressionHead = registerModule("regression_head", new FCOSRegressionHead(inChannels, numAnchors, numConvs, null));
    }

    /**
     * The head's outputs over every level.
     *
     * @param clsLogits {@code [N, HWA, K]} logits
     * @param bboxRegression {@code [N, HWA, 4]} distances
     * @param bboxCtrness {@code [N, HWA, 1]} centerness logits
     */
    public record Output(Tensor clsLogits, Tensor bboxRegression, Tensor bboxCtrness) {}

    /**
     * Runs both branches.
     *
     * @param features the pyramid's levels
     * @return the logits, distances and centerness logits
     */
    public Output forward(List<Tensor> features) {
        Tensor cls = classificationHead.forward(features);
        Tensor[] reg = regressionHead.forward(features);
        return new Output(cls, reg[0], reg[1]);
    }

    /**
     * The losses ({@code compute_loss}).
     *
     * @param targets the resized targets
     * @param out the head's outputs
     * @param anchors per image, its {@code [HWA, 4]} anchors
     * @param matchedIdxs per image, each location's matched box or -1
     * @return {@code classification}, {@code bbox_regression}, {@code bbox_ctrness}
     */
    public Map<String, Tensor> computeLoss(List<Target> targets, Output out, List<Tensor> anchors, List<Tensor> matchedIdxs) {
        List<Tensor> classes = new ArrayList<>(), boxes = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            Target t = targets.get(i);
            Tensor matched = matchedIdxs.get(i);
            long n = matched.size(0);
            Tensor c, b;
            if (t.labels().size(0) == 0) {
                c = Torch.zeros(new long[] {n}, t.labels().dtype(), matched.device());
                b = Torch.zeros(new long[] {n, 4}, t.boxes().dtype(), matched.device());
            } else {
                c = t.labels().indexSelect(0, matched.clampMin(0));
                b = t.boxes().indexSelect(0, matched.clampMin(0));
            }
            classes.add(c.maskedFill(matched.lt(0), -1));
            boxes.add(b);
        }
        Tensor gtBoxes = Torch.stack(boxes, 0), gtClasses = Torch.stack(classes, 0), allAnchors = Torch.stack(anchors, 0);
        Tensor fg = Torch.where(gtClasses.flatten().ge(0)).get(0);
        double numForeground = Math.max(1, fg.numel());
        long k = out.clsLogits().size(-1);
        Tensor classTargets = Torch.zerosLike(out.clsLogits(), MemoryFormat.CONTIGUOUS).view(-1)
                .indexFill(0, fg.mul(k).add(gtClasses.flatten().indexSelect(0, fg)), 1.0).view(out.clsLogits().shape());
        Tensor lossCls = Losses.sigmoidFocalLoss(out.clsLogits(), classTargets, 0.25, 2, "sum");
        Tensor predBoxes = boxCoder.decode(out.bboxRegression(), allAnchors);
        Tensor lossReg = Losses.generalizedBoxIouLoss(predBoxes.reshape(-1, 4).indexSelect(0, fg), gtBoxes.reshape(-1, 4).indexSelect(0, fg),
                "sum", 1e-7);
        Tensor regTargets = boxCoder.encode(allAnchors, gtBoxes);
        Tensor lr = Torch.stack(List.of(regTargets.select(-1, 0), regTargets.select(-1, 2)), -1);
        Tensor tb = Torch.stack(List.of(regTargets.select(-1, 1), regTargets.select(-1, 3)), -1);
        Tensor ctrTargets = lr.amin(-1).div(lr.amax(-1)).mul(tb.amin(-1).div(tb.amax(-1))).sqrt();
        Tensor lossCtr = F.binaryCrossEntropyWithLogits(out.bboxCtrness().squeeze(2).flatten().indexSelect(0, fg),
                ctrTargets.flatten().indexSelect(0, fg), null, null, Reduction.SUM);
        Map<String, Tensor> losses = new LinkedHashMap<>();
        losses.put("classification", lossCls.div(numForeground));
        losses.put("bbox_regression", lossReg.div(numForeground));
        losses.put("bbox_ctrness", lossCtr.div(numForeground));
        return losses;
    }
}
