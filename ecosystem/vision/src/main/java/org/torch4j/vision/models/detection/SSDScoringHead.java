package org.torch4j.vision.models.detection;

import java.util.ArrayList;
import java.util.List;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.Conv2d;
import org.torch4j.nn.Init;
import org.torch4j.nn.Module;
import org.torch4j.nn.ModuleList;

/**
 * SSD's per-level predictors ({@code torchvision.models.detection.ssd.SSDScoringHead}): the {@code i}-th module of
 * {@code module_list} runs on the {@code i}-th feature map, its {@code [N, A * columns, H, W]} output becomes
 * {@code [N, H * W * A, columns]}, and the levels are concatenated. {@link #classification} and {@link #regression}
 * build SSD's two heads: a 3x3 convolution per level, Xavier-uniform with zero bias.
 */
public class SSDScoringHead extends Module {
    /** The per-level modules. */
    public final ModuleList moduleList;
    private final long numColumns;

    /**
     * A head.
     *
     * @param moduleList one module per feature map
     * @param numColumns the values per box (classes, or 4)
     */
    public SSDScoringHead(ModuleList moduleList, long numColumns) {
        this.moduleList = registerModule("module_list", moduleList);
        this.numColumns = numColumns;
    }

    /**
     * {@code SSDClassificationHead}: per level a 3x3 convolution to {@code numClasses * anchors} channels.
     *
     * @param inChannels per level, the feature map's channels
     * @param numAnchors per level, the default boxes per location
     * @param numClasses the classes, background included
     * @return the head
     */
    public static SSDScoringHead classification(long[] inChannels, int[] numAnchors, long numClasses) {
        return new SSDScoringHead(xavierConvs(inChannels, numAnchors, numClasses), numClasses);
    }

    /**
     * {@code SSDRegressionHead}: per level a 3x3 convolution to {@code 4 * anchors} channels.
     *
     * @param inChannels per level, the feature map's channels
     * @param numAnchors per level, the default boxes per location
     * @return the head
     */
    public static SSDScoringHead regression(long[] inChannels, int[] numAnchors) {
        return new SSDScoringHead(xavierConvs(inChannels, numAnchors, 4), 4);
    }

    private static ModuleList xavierConvs(long[] inChannels, int[] numAnchors, long columns) {
        ModuleList list = new ModuleList();
        for (int i = 0; i < inChannels.length; i++) list.add(new Conv2d(inChannels[i], columns * numAnchors[i], 3, 1, 1));
        xavierInit(list);
        return list;
    }

    /** torchvision's {@code _xavier_init}: every convolution Xavier-uniform, zero bias. */
    static void xavierInit(Module m) {
        for (Module l : m.modules()) {
            if (l instanceof Conv2d c) {
                Init.xavierUniform_(c.weight, 1.0);
                if (c.bias != null) Init.constant_(c.bias, 0.0);
            }
        }
    }

    /**
     * The outputs of every level, concatenated.
     *
     * @param features the feature maps
     * @return {@code [N, sum_k H_k W_k A_k, columns]}
     */
    public Tensor forward(List<Tensor> features) {
        List<Tensor> all = new ArrayList<>();
        for (int i = 0; i < features.size(); i++) {
            Tensor r = moduleList.get(i).call(features.get(i));
            all.add(RetinaNetClassificationHead.perAnchor(r, numColumns));
        }
        return Torch.cat(all, 1);
    }
}
