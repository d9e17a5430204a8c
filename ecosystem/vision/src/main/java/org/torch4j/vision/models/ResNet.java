package org.torch4j.vision.models;

import org.torch4j.Tensor;
import org.torch4j.nn.AdaptiveAvgPool2d;
import org.torch4j.nn.BatchNorm2d;
import org.torch4j.nn.Conv2d;
import org.torch4j.nn.Init;
import org.torch4j.nn.Linear;
import org.torch4j.nn.MaxPool2d;
import org.torch4j.nn.Module;
import org.torch4j.nn.ReLU;
import org.torch4j.nn.Sequential;

/**
 * ResNet ({@code torchvision.models.ResNet}, He et al. 2015, torchvision's V1.5 with the stride in the
 * 3x3 convolution): the same module tree and state-dict keys ({@code conv1}, {@code bn1},
 * {@code layer1.0.conv1}, ..., {@code fc}) and the same initialisation (Kaiming normal, fan out, on
 * every convolution; batch norms to 1 and 0), so torchvision weights load and seeded models match.
 */
public class ResNet extends Module {
    /** Whether the residual blocks are {@link BasicBlock}s or {@link Bottleneck}s. */
    public enum Block { /** Two 3x3 convolutions (expansion 1: resnet18, resnet34). */ BASIC, /** 1x1, 3x3, 1x1 convolutions (expansion 4: resnet50). */ BOTTLENECK }

    /** The 7x7 stride-2 stem convolution. */
    public final Conv2d conv1;
    /** The stem batch norm. */
    public final BatchNorm2d bn1;
    /** The four stages of residual blocks. */
    public final Sequential layer1, layer2, layer3, layer4;
    /** The classifier. */
    public final Linear fc;
    private final Module relu, maxpool, avgpool;
    private final Block block;
    private final long groups, widthPerGroup;
    private long inplanes = 64, dilation = 1;

    /** A ResNet with {@code layers[i]} blocks in stage i+1 and a {@code numClasses}-way classifier. */
    public ResNet(Block block, int[] layers, int numClasses) {
        this(block, layers, 1, 64, numClasses);
    }

    /**
     * A ResNet whose bottlenecks' 3x3 convolutions have {@code groups} groups of {@code widthPerGroup} channels per 64
     * planes ({@code ResNet(block, layers, groups=..., width_per_group=...)}): ResNeXt ({@code groups} 32 or 64) and
     * Wide ResNet ({@code widthPerGroup} 128) are these; the plain ResNet is groups 1, width 64.
     *
     * @throws IllegalArgumentException for BasicBlocks with other groups or width (as torchvision)
     */
    public ResNet(Block block, int[] layers, long groups, long widthPerGroup, int numClasses) {
        this(block, layers, groups, widthPerGroup, new boolean[3], numClasses);
    }

    /**
     * A ResNet as above whose stages 2 to 4 each trade their stride for dilation where {@code replaceStrideWithDilation}
     * says so ({@code ResNet(..., replace_stride_with_dilation=[...])}): the segmentation models' backbones keep 1/8 of the
     * input's resolution with {@code {false, true, true}}. Each dilated stage multiplies the dilation by its stride; its
     * first block's 3x3 convolution keeps the previous dilation, as torchvision's.
     *
     * @throws IllegalArgumentException unless {@code replaceStrideWithDilation} has 3 elements, or for dilated BasicBlocks
     */
    public ResNet(Block block, int[] layers, long groups, long widthPerGroup, boolean[] replaceStrideWithDilation, int numClasses) {
        if (replaceStrideWithDilation.length != 3) {
            throw new IllegalArgumentException("replace_stride_with_dilation should be None or a 3-element tuple, got "
                    + java.util.Arrays.toString(replaceStrideWithDilation));
        }
        if (block == Block.BASIC && (replaceStrideWithDilation[0] || replaceStrideWithDilation[1] || replaceStrideWithDilation[2])) {
            // torchvision fails (NotImplementedError) on the second block of a dilated stage; fail before building
            throw new IllegalArgumentException("Dilation > 1 not supported in BasicBlock");
        }
        if (layers.length != 4) throw new IllegalArgumentException("ResNet needs 4 stage depths, got " + layers.length);
        if (block == Block.BASIC && (groups != 1 || widthPerGroup != 64)) {
            throw new IllegalArgumentException("BasicBlock only supports groups=1 and base_width=64");
        }
        this.block = block;
        this.groups = groups;
        this.widthPerGroup = widthPerGroup;
        conv1 = registerModule("conv1", new Conv2d(3, 64, new long[] {7}, new long[] {2}, new long[] {3}, new long[] {1}, 1, false, "zeros"));
        bn1 = registerModule("bn1", new BatchNorm2d(64));
        relu = registerModule("relu", new ReLU(true));
        maxpool = registerModule("maxpool", new MaxPool2d(new long[] {3}, new long[] {2}, new long[] {1}, new long[] {1}, false));
        layer1 = registerModule("layer1", makeLayer(64, layers[0], 1, false));
        layer2 = registerModule("layer2", makeLayer(128, layers[1], 2, replaceStrideWithDilation[0]));
        layer3 = registerModule("layer3", makeLayer(256, layers[2], 2, replaceStrideWithDilation[1]));
        layer4 = registerModule("layer4", makeLayer(512, layers[3], 2, replaceStrideWithDilation[2]));
        avgpool = registerModule("avgpool", new AdaptiveAvgPool2d(1, 1));
        fc = registerModule("fc", new Linear(512L * expansion(), numClasses));
        for (Module m : modules()) {
            if (m instanceof Conv2d c) {
                Init.kaimingNormal_(c.weight, 0, "fan_out", "relu");
            } else if (m instanceof BatchNorm2d bn) {
                Init.constant_(bn.weight, 1);
                Init.constant_(bn.bias, 0);
            }
        }
    }

    /** {@code resnet18(num_classes=numClasses)}: BasicBlocks [2, 2, 2, 2], 11.7M parameters at 1000 classes. */
    public static ResNet resnet18(int numClasses) {
        return new ResNet(Block.BASIC, new int[] {2, 2, 2, 2}, numClasses);
    }

    /** {@code resnet34}: BasicBlocks [3, 4, 6, 3]. */
    public static ResNet resnet34(int numClasses) {
        return new ResNet(Block.BASIC, new int[] {3, 4, 6, 3}, numClasses);
    }

    /** {@code resnet50}: Bottlenecks [3, 4, 6, 3]. */
    public static ResNet resnet50(int numClasses) {
        return new ResNet(Block.BOTTLENECK, new int[] {3, 4, 6, 3}, numClasses);
    }

    /** {@code resnet101}: Bottlenecks [3, 4, 23, 3], 44.5M parameters at 1000 classes. */
    public static ResNet resnet101(int numClasses) {
        return new ResNet(Block.BOTTLENECK, new int[] {3, 4, 23, 3}, numClasses);
    }

    /** {@code resnet152}: Bottlenecks [3, 8, 36, 3], 60.2M parameters at 1000 classes. */
    public static ResNet resnet152(int numClasses) {
        return new ResNet(Block.BOTTLENECK, new int[] {3, 8, 36, 3}, numClasses);
    }

    /** {@code resnext50_32x4d}: ResNet-50's layout with 32 groups of width 4; 25.0M parameters. */
    public static ResNet resnext50_32x4d(int numClasses) {
        return new ResNet(Block.BOTTLENECK, new int[] {3, 4, 6, 3}, 32, 4, numClasses);
    }

    /** {@code resnext101_32x8d}: ResNet-101's layout with 32 groups of width 8; 88.8M parameters. */
    public static ResNet resnext101_32x8d(int numClasses) {
        return new ResNet(Block.BOTTLENECK, new int[] {3, 4, 23, 3}, 32, 8, numClasses);
    }

    /** {@code resnext101_64x4d}: ResNet-101's layout with 64 groups of width 4; 83.5M parameters. */
    public static ResNet resnext101_64x4d(int numClasses) {
        return new ResNet(Block.BOTTLENECK, new int[] {3, 4, 23, 3}, 64, 4, numClasses);
    }

    /** {@code wide_resnet50_2}: ResNet-50 with bottlenecks twice as wide (width 128); 68.9M parameters. */
    public static ResNet wideResnet50_2(int numClasses) {
        return new ResNet(Block.BOTTLENECK, new int[] {3, 4, 6, 3}, 1, 128, numClasses);
    }

    /** {@code wide_resnet101_2}: ResNet-101 with bottlenecks twice as wide (width 128); 126.9M parameters. */
    public static ResNet wideResnet101_2(int numClasses) {
        return new ResNet(Block.BOTTLENECK, new int[] {3, 4, 23, 3}, 1, 128, numClasses);
    }

    private int expansion() {
        return block == Block.BASIC ? BasicBlock.EXPANSION : Bottleneck.EXPANSION;
    }

    private Sequential makeLayer(long planes, int blocks, long stride, boolean dilate) {
        long previousDilation = dilation;
        if (dilate) {
            dilation *= stride;
            stride = 1;
        }
        Module downsample = null;
        if (stride != 1 || inplanes != planes * expansion()) {
            downsample = Sequential.of(conv1x1(inplanes, planes * expansion(), stride), new BatchNorm2d(planes * expansion()));
        }
        Sequential layer = new Sequential();
        layer.add(newBlock(inplanes, planes, stride, downsample, previousDilation));
        inplanes = planes * expansion();
        for (int i = 1; i < blocks; i++) layer.add(newBlock(inplanes, planes, 1, null, dilation));
        return layer;
    }

    private Module newBlock(long in, long planes, long stride, Module downsample, long dilation) {
        return block == Block.BASIC ? new BasicBlock(in, planes, stride, downsample)
                : new Bottleneck(in, planes, stride, downsample, groups, widthPerGroup, dilation);
    }

    /** A bias-free 3x3 convolution padded by its dilation (so stride 1 keeps the size). */
    static Conv2d conv3x3(long in, long out, long stride, long groups, long dilation) {
        return new Conv2d(in, out, new long[] {3}, new long[] {stride}, new long[] {dilation}, new long[] {dilation}, groups, false, "zeros");
    }

    static Conv2d conv1x1(long in, long out, long stride) {
        return new Conv2d(in, out, new long[] {1}, new long[] {stride}, new long[] {0}, new long[] {1}, 1, false, "zeros");
    }

    /** Logits [N, numClasses] for images [N, 3, H, W]. */
    @Override
    public Tensor forward(Tensor x) {
        x = maxpool.call(relu.call(bn1.call(conv1.call(x))));
        x = layer4.call(layer3.call(layer2.call(layer1.call(x))));
        return fc.call(avgpool.call(x).flatten(1, -1));
    }
}
