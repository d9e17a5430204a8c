package org.torch4j.vision.models.detection;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.Conv2d;
import org.torch4j.nn.Init;
import org.torch4j.nn.Module;
import org.torch4j.nn.ModuleList;
import org.torch4j.nn.ReLU6;
import org.torch4j.nn.Sequential;
import org.torch4j.vision.models.Conv2dNormActivation;

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
    private final String typeName;

    /**
     * A head.
     *
     * @param moduleList one module per feature map
     * @param numColumns the values per box (classes, or 4)
     */
    public SSDScoringHead(ModuleList moduleList, long numColumns) {
        this(moduleList, numColumns, "SSDScoringHead");
    }

    private SSDScoringHead(ModuleList moduleList, long numColumns, String typeName) {
        this.moduleList = registerModule("module_list", moduleList);
        this.numColumns = numColumns;
        this.typeName = typeName;
    }

    /** Prints as torchvision's class: {@code SSDClassificationHead}, {@code SSDLiteRegressionHead}, ... by the factory used. */
    @Override
    protected String typeName() {
        return typeName;
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
        return new SSDScoringHead(xavierConvs(inChannels, numAnchors, numClasses), numClasses, "SSDClassificationHead");
    }

    /**
     * {@code SSDRegressionHead}: per level a 3x3 convolution to {@code 4 * anchors} channels.
     *
     * @param inChannels per level, the feature map's channels
     * @param numAnchors per level, the default boxes per location
     * @return the head
     */
    public static SSDScoringHead regression(long[] inChannels, int[] numAnchors) {
        return new SSDScoringHead(xavierConvs(inChannels, numAnchors, 4), 4, "SSDRegressionHead");
    }

    /**
     * {@code SSDLiteClassificationHead}: per level a depthwise 3x3 block (norm, ReLU6) and a 1x1 convolution to
     * {@code numClasses * anchors} channels, every convolution normal (std 0.03) with zero bias.
     *
     * @param inChannels per level, the feature map's channels
     * @param numAnchors per level, the default boxes per location
     * @param numClasses the classes, background included
     * @param norm builds the norm layer for a channel count
     * @return the head
     */
    public static SSDScoringHead liteClassification(long[] inChannels, int[] numAnchors, long numClasses, LongFunction<Module> norm) {
        return new SSDScoringHead(predictionBlocks(inChannels, numAnchors, numClasses, norm), numClasses, "SSDLiteClassificationHead");
    }

    /**
     * {@code SSDLiteRegressionHead}: per level a depthwise 3x3 block and a 1x1 convolution to {@code 4 * anchors} channels.
     *
     * @param inChannels per level, the feature map's channels
     * @param numAnchors per level, the default boxes per location
     * @param norm builds the norm layer for a channel count
     * @return the head
     */
    public static SSDScoringHead liteRegression(long[] inChannels, int[] numAnchors, LongFunction<Module> norm) {
        return new SSDScoringHead(predictionBlocks(inChannels, numAnchors, 4, norm), 4, "SSDLiteRegressionHead");
    }

    private static ModuleList predictionBlocks(long[] inChannels, int[] numAnchors, long columns, LongFunction<Module> norm) {
        ModuleList list = new ModuleList();
        for (int i = 0; i < inChannels.length; i++) {
            long c = inChannels[i];
            list.add(new Sequential(new Conv2dNormActivation(c, c, 3, 1, -1, c, 1, false, norm, new ReLU6(true)),
                    new Conv2d(c, columns * numAnchors[i], 1)));
        }
        normalInit(list, 0.03);
        return list;
    }

    /** torchvision's {@code _normal_init} (SSDlite): every convolution normal with this std, zero bias. */
    static void normalInit(Module m, double std) {
        for (Module l : m.modules()) {
            if (l instanceof Conv2d c) {
                Init.normal_(c.weight, 0, std);
                if (c.bias != null) Init.constant_(c.bias, 0.0);
            }
        }
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
