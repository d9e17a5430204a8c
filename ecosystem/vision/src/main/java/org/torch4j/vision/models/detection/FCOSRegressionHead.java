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
import org.torch4j.nn.Sequential;

/**
 * FCOS's regression head ({@code torchvision.models.detection.fcos.FCOSRegressionHead}): the convolution layers of
 * {@link FCOSClassificationHead} ({@code conv}), then a 3x3 convolution giving four non-negative (ReLU) distances per
 * location ({@code bbox_reg}) and one giving a centerness logit ({@code bbox_ctrness}); all convolutions re-initialised
 * normal (std 0.01) with zero bias, the two outputs first.
 */
public class FCOSRegressionHead extends Module {
    /** The convolution, norm and ReLU layers. */
    public final Sequential conv;
    /** The distances, {@code numAnchors * 4} channels. */
    public final Conv2d bboxReg;
    /** The centerness logits, {@code numAnchors} channels. */
    public final Conv2d bboxCtrness;

    /**
     * A head.
     *
     * @param inChannels the pyramid's channels
     * @param numAnchors the anchors per location (1)
     * @param numConvs the convolution blocks (4)
     * @param normLayer the norm for a channel count, or null for GroupNorm(32)
     */
    public FCOSRegressionHead(long inChannels, long numAnchors, int numConvs, LongFunction<Module> normLayer) {
        conv = registerModule("conv", FCOSClassificationHead.convLayers(inChannels, numConvs, normLayer));
        bboxReg = registerModule("bbox_reg", new Conv2d(inChannels, numAnchors * 4, 3, 1, 1));
        bboxCtrness = registerModule("bbox_ctrness", new Conv2d(inChannels, numAnchors, 3, 1, 1));
        for (Conv2d c : List.of(bboxReg, bboxCtrness)) {
            Init.normal_(c.weight, 0, 0.01);
            Init.zeros_(c.bias);
        }
        RetinaNetClassificationHead.initNormal(conv);
    }

    /**
     * The distances and centerness logits of every level, concatenated.
     *
     * @param features the pyramid's levels
     * @return {@code [N, HWA, 4]} distances and {@code [N, HWA, 1]} centerness logits
     */
    public Tensor[] forward(List<Tensor> features) {
        List<Tensor> reg = new ArrayList<>(), ctr = new ArrayList<>();
        for (Tensor f : features) {
            Tensor x = conv.call(f);
            reg.add(RetinaNetClassificationHead.perAnchor(F.relu(bboxReg.call(x)), 4));
            ctr.add(RetinaNetClassificationHead.perAnchor(bboxCtrness.call(x), 1));
        }
        return new Tensor[] {Torch.cat(reg, 1), Torch.cat(ctr, 1)};
    }
}
