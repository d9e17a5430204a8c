package org.torch4j.vision.models.video;

import java.util.Arrays;
import java.util.function.Supplier;
import org.torch4j.Tensor;
import org.torch4j.nn.AdaptiveAvgPool3d;
import org.torch4j.nn.BatchNorm3d;
import org.torch4j.nn.Conv3d;
import org.torch4j.nn.Init;
import org.torch4j.nn.Linear;
import org.torch4j.nn.Module;
import org.torch4j.nn.Sequential;

/**
 * The video ResNets ({@code torchvision.models.video.VideoResNet}, Tran et al. 2018): a stem, four stages of residual
 * blocks whose convolutions each stage chooses ({@link ConvBuilder}), global average pooling over time and space, and
 * a linear classifier. torchvision's module tree and state-dict keys ({@code stem.0}, {@code layer1.0.conv1.0},
 * ..., {@code fc}) and initialisation (Kaiming normal, fan out, on every 3-d convolution; batch norms 1 and 0; the
 * classifier normal with std 0.01 and bias 0), so seeded models hold torchvision's weights.
 */
public class VideoResNet extends Module {
    /** Whether the residual blocks are {@link BasicBlock}s or {@link Bottleneck}s. */
    public enum Block {
        /** Two convolutions (expansion 1: the 18-layer models). */
        BASIC,
        /** 1x1x1, the stage's convolution, 1x1x1 (expansion 4). */
        BOTTLENECK
    }

    /** The stem. */
    public final Module stem;
    /** The four stages of residual blocks. */
    public final Sequential layer1, layer2, layer3, layer4;
    /** The classifier. */
    public final Linear fc;
    private final Module avgpool;
    private final Block block;
    private long inplanes = 64;

    /**
     * A video ResNet.
     *
     * @param block the residual block
     * @param convMakers each stage's convolution (4)
     * @param layers each stage's number of blocks (4)
     * @param stem builds the stem, which must give 64 channels
     * @param numClasses the classifier's outputs (torchvision's default is 400)
     * @throws IllegalArgumentException unless there are 4 stages
     */
    public VideoResNet(Block block, ConvBuilder[] convMakers, int[] layers, Supplier<Module> stem, int numClasses) {
        if (layers.length != 4 || convMakers.length != 4) {
            throw new IllegalArgumentException("VideoResNet needs 4 stage depths and 4 conv makers, got " + Arrays.toString(layers) + " and "
                    + Arrays.toString(convMakers));
        }
        this.block = block;
        this.stem = registerModule("stem", stem.get());
        layer1 = registerModule("layer1", makeLayer(convMakers[0], 64, layers[0], 1));
        layer2 = registerModule("layer2", makeLayer(convMakers[1], 128, layers[1], 2));
        layer3 = registerModule("layer3", makeLayer(convMakers[2], 256, layers[2], 2));
        layer4 = registerModule("layer4", makeLayer(convMakers[3], 512, layers[3], 2));
        avgpool = registerModule("avgpool", new AdaptiveAvgPool3d(1, 1, 1));
        fc = registerModule("fc", new Linear(512L * expansion(), numClasses));
        for (Module m : modules()) {
            if (m instanceof Conv3d c) {
                Init.kaimingNormal_(c.weight, 0, "fan_out", "relu");
                if (c.bias != null) Init.zeros_(c.bias);
            } else if (m instanceof BatchNorm3d bn) {
                Init.constant_(bn.weight, 1);
                Init.constant_(bn.bias, 0);
            } else if (m instanceof Linear l) {
                Init.normal_(l.weight, 0, 0.01);
                Init.zeros_(l.bias);
            }
        }
    }

    /** {@code r3d_18(num_classes=numClasses)}: 3-d convolutions throughout, [2, 2, 2, 2] basic blocks; 33.4M parameters at 400 classes. */
    public static VideoResNet r3d18(int numClasses) {
        return new VideoResNet(Block.BASIC, repeat(ConvBuilder.SIMPLE), new int[] {2, 2, 2, 2}, BasicStem::new, numClasses);
    }

    /**
     * {@code mc3_18}: mixed convolutions, 3-d in the first stage and 2-d (1x3x3) in the others; [2, 2, 2, 2] basic
     * blocks; 11.7M parameters at 400 classes.
     */
    public static VideoResNet mc3_18(int numClasses) {
        ConvBuilder[] makers = {ConvBuilder.SIMPLE, ConvBuilder.NO_TEMPORAL, ConvBuilder.NO_TEMPORAL, ConvBuilder.NO_TEMPORAL};
        return new VideoResNet(Block.BASIC, makers, new int[] {2, 2, 2, 2}, BasicStem::new, numClasses);
    }

    /** {@code r2plus1d_18}: (2+1)D convolutions and stem, [2, 2, 2, 2] basic blocks; 31.5M parameters at 400 classes. */
    public static VideoResNet r2plus1d18(int numClasses) {
        return new VideoResNet(Block.BASIC, repeat(ConvBuilder.TWO_PLUS_ONE_D), new int[] {2, 2, 2, 2}, R2Plus1dStem::new, numClasses);
    }

    private static ConvBuilder[] repeat(ConvBuilder b) {
        return new ConvBuilder[] {b, b, b, b};
    }

    /** The middle channels of a (2+1)D convolution, chosen so that it has about as many parameters as the 3x3x3 one. */
    static long midplanes(long inplanes, long planes) {
        return (inplanes * planes * 3 * 3 * 3) / (inplanes * 3 * 3 + 3 * planes);
    }

    private int expansion() {
        return block == Block.BASIC ? BasicBlock.EXPANSION : Bottleneck.EXPANSION;
    }

    private Sequential makeLayer(ConvBuilder convBuilder, long planes, int blocks, long stride) {
        Module downsample = null;
        if (stride != 1 || inplanes != planes * expansion()) {
            downsample = Sequential.of(new Conv3d(inplanes, planes * expansion(), new long[] {1, 1, 1}, convBuilder.downsampleStride(stride),
                    new long[] {0, 0, 0}, new long[] {1, 1, 1}, 1, false, "zeros"), new BatchNorm3d(planes * expansion()));
        }
        Sequential layer = new Sequential();
        layer.add(newBlock(inplanes, planes, convBuilder, stride, downsample));
        inplanes = planes * expansion();
        for (int i = 1; i < blocks; i++) layer.add(newBlock(inplanes, planes, convBuilder, 1, null));
        return layer;
    }

    private Module newBlock(long in, long planes, ConvBuilder convBuilder, long stride, Module downsample) {
        return block == Block.BASIC ? new BasicBlock(in, planes, convBuilder, stride, downsample)
                : new Bottleneck(in, planes, convBuilder, stride, downsample);
    }

    /** Logits [N, numClasses] for clips [N, 3, T, H, W]. */
    @Override
    public Tensor forward(Tensor x) {
        x = stem.call(x);
        x = layer4.call(layer3.call(layer2.call(layer1.call(x))));
        return fc.call(avgpool.call(x).flatten(1, -1));
    }
}
