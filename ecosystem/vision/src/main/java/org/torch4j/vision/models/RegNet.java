package org.torch4j.vision.models;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;
import org.torch4j.Tensor;
import org.torch4j.nn.AdaptiveAvgPool2d;
import org.torch4j.nn.BatchNorm2d;
import org.torch4j.nn.Conv2d;
import org.torch4j.nn.Init;
import org.torch4j.nn.Linear;
import org.torch4j.nn.Module;
import org.torch4j.nn.ReLU;

/**
 * RegNet ({@code torchvision.models.RegNet}, Radosavovic et al. 2020): a 3x3 stride-2 stem of 32
 * channels, four stages of {@link ResBottleneckBlock}s ({@code trunk_output.block1} to {@code block4},
 * blocks named {@code block1-0}, ...), average pooling and {@code fc}. The stage widths and depths come
 * from the quantized linear rule of {@link BlockParams#fromInitParams}; the factories give torchvision's
 * X models (no squeeze-excitation) and Y models (squeeze-excitation at a quarter of the block's input)
 * from 400MF to 32GF (RegNetY-128GF, 645M parameters, is left out: 2.6 GB of float32 weights).
 * After construction every conv is re-drawn from a normal of std {@code sqrt(2 / fan_out)}, norms set to
 * 1 and 0, and {@code fc} drawn from a normal of std 0.01 with a zero bias, in module order.
 */
public class RegNet extends Module {
    /** The stem: conv, norm, ReLU. */
    public final Conv2dNormActivation stem;
    /** The four stages, {@code block1} to {@code block4}. */
    public final NamedSequential trunkOutput;
    /** {@code nn.AdaptiveAvgPool2d((1, 1))} before {@code fc}. */
    public final AdaptiveAvgPool2d avgpool;
    /** The classifier. */
    public final Linear fc;

    /**
     * Each stage's settings (torchvision's {@code BlockParams}).
     *
     * @param depths the blocks per stage
     * @param widths the output channels per stage
     * @param groupWidths the channels per group of each stage's 3x3 convs
     * @param bottleneckMultipliers each stage's bottleneck width relative to its output
     * @param strides each stage's first stride
     * @param seRatio the squeeze-excitation's width relative to a block's input, or 0 for none
     */
    public record BlockParams(int[] depths, long[] widths, long[] groupWidths, double[] bottleneckMultipliers, long[] strides,
                              double seRatio) {

        /**
         * torchvision's {@code BlockParams.from_init_params}: block {@code i} would be {@code w0 + i * wa} wide;
         * each width is snapped to {@code w0 * wm^k} (k rounded in log space) and to a multiple of 8, runs of
         * equal widths become stride-2 stages, and the widths are adjusted so the groups divide the bottleneck.
         * The arithmetic is float32 as torchvision's (it computes on tensors), so the roundings agree.
         *
         * @param depth the number of blocks
         * @param w0 the initial width (a positive multiple of 8)
         * @param wa the width slope (not negative)
         * @param wm the width multiplier between stages (above 1)
         * @param groupWidth the channels per group
         * @param bottleneckMultiplier the bottleneck's width relative to the block's
         * @param seRatio the squeeze-excitation ratio, or 0 for none
         * @return the stages
         * @throws IllegalArgumentException for settings outside those bounds
         */
        public static BlockParams fromInitParams(int depth, long w0, double wa, double wm, long groupWidth, double bottleneckMultiplier,
                                                 double seRatio) {
            if (wa < 0 || w0 <= 0 || wm <= 1 || w0 % 8 != 0) throw new IllegalArgumentException("Invalid RegNet settings");
            float logWm = (float) Math.log(wm), fw0 = w0;
            long[] blockWidths = new long[depth];
            for (int i = 0; i < depth; i++) {
                float cont = i * (float) wa + fw0;
                float capacity = (float) Math.rint((float) Math.log(cont / fw0) / logWm);
                float width = fw0 * (float) Math.pow((float) wm, capacity);
                blockWidths[i] = (long) Math.rint(width / 8f) * 8;
            }
            List<Long> widths = new ArrayList<>();
            List<Integer> depths = new ArrayList<>();
            for (int i = 0; i < depth; i++) {
                if (i == 0 || blockWidths[i] != blockWidths[i - 1]) {
                    widths.add(blockWidths[i]);
                    depths.add(0);
                }
                depths.set(depths.size() - 1, depths.get(depths.size() - 1) + 1);
            }
            int stages = widths.size();
            long[] stageWidths = new long[stages], groups = new long[stages], strides = new long[stages];
            double[] multipliers = new double[stages];
            for (int s = 0; s < stages; s++) {
                // torchvision's _adjust_widths_groups_compatibilty: a group no wider than the bottleneck, which it divides
                long bottleneck = (long) (widths.get(s) * bottleneckMultiplier);
                groups[s] = Math.min(groupWidth, bottleneck);
                stageWidths[s] = (long) (Widths.makeDivisible(bottleneck, groups[s]) / bottleneckMultiplier);
                multipliers[s] = bottleneckMultiplier;
                strides[s] = 2;
            }
            return new BlockParams(depths.stream().mapToInt(Integer::intValue).toArray(), stageWidths, groups, multipliers, strides, seRatio);
        }
    }

    /**
     * A RegNet with stages {@code params}, batch norms of BatchNorm2d's defaults and ReLUs.
     *
     * @param params the stages
     * @param numClasses the classifier's outputs
     * @param stemWidth the stem's output channels (torchvision: 32)
     */
    public RegNet(BlockParams params, int numClasses, long stemWidth) {
        LongFunction<Module> norm = BatchNorm2d::new;
        stem = registerModule("stem", new SimpleStemIN(3, stemWidth, norm));
        trunkOutput = new NamedSequential();
        long width = stemWidth;
        for (int s = 0; s < params.depths().length; s++) {
            NamedSequential stage = new AnyStage();
            long out = params.widths()[s];
            for (int i = 0; i < params.depths()[s]; i++) {
                stage.add("block" + (s + 1) + "-" + i, new ResBottleneckBlock(i == 0 ? width : out, out, i == 0 ? params.strides()[s] : 1, norm,
                        params.groupWidths()[s], params.bottleneckMultipliers()[s], params.seRatio()));
            }
            trunkOutput.add("block" + (s + 1), stage);
            width = out;
        }
        registerModule("trunk_output", trunkOutput);
        avgpool = registerModule("avgpool", new AdaptiveAvgPool2d(1, 1));
        fc = registerModule("fc", new Linear(width, numClasses));
        for (Module m : modules()) {
            if (m instanceof Conv2d conv) {
                long[] k = conv.weight.shape();
                Init.normal_(conv.weight, 0, Math.sqrt(2.0 / (k[0] * k[2] * k[3])));
            } else if (m instanceof BatchNorm2d bn) {
                Init.ones_(bn.weight);
                Init.zeros_(bn.bias);
            } else if (m instanceof Linear l) {
                Init.normal_(l.weight, 0, 0.01);
                Init.zeros_(l.bias);
            }
        }
    }

    private static RegNet y(int numClasses, int depth, long w0, double wa, double wm, long groupWidth) {
        return new RegNet(BlockParams.fromInitParams(depth, w0, wa, wm, groupWidth, 1.0, 0.25), numClasses, 32);
    }

    private static RegNet x(int numClasses, int depth, long w0, double wa, double wm, long groupWidth) {
        return new RegNet(BlockParams.fromInitParams(depth, w0, wa, wm, groupWidth, 1.0, 0), numClasses, 32);
    }

    /** {@code regnet_y_400mf}: depth 16, w0 48, wa 27.89, wm 2.09, groups of 8, SE 0.25; 4.3M parameters at 1000 classes. */
    public static RegNet regnetY400mf(int numClasses) {
        return y(numClasses, 16, 48, 27.89, 2.09, 8);
    }

    /** {@code regnet_y_800mf}: depth 14, w0 56, wa 38.84, wm 2.4, groups of 16, SE 0.25; 6.4M parameters. */
    public static RegNet regnetY800mf(int numClasses) {
        return y(numClasses, 14, 56, 38.84, 2.4, 16);
    }

    /** {@code regnet_y_1_6gf}: depth 27, w0 48, wa 20.71, wm 2.65, groups of 24, SE 0.25; 11.2M parameters. */
    public static RegNet regnetY1_6gf(int numClasses) {
        return y(numClasses, 27, 48, 20.71, 2.65, 24);
    }

    /** {@code regnet_y_3_2gf}: depth 21, w0 80, wa 42.63, wm 2.66, groups of 24, SE 0.25; 19.4M parameters. */
    public static RegNet regnetY3_2gf(int numClasses) {
        return y(numClasses, 21, 80, 42.63, 2.66, 24);
    }

    /** {@code regnet_y_8gf}: depth 17, w0 192, wa 76.82, wm 2.19, groups of 56, SE 0.25; 39.4M parameters. */
    public static RegNet regnetY8gf(int numClasses) {
        return y(numClasses, 17, 192, 76.82, 2.19, 56);
    }

    /** {@code regnet_y_16gf}: depth 18, w0 200, wa 106.23, wm 2.48, groups of 112, SE 0.25; 83.6M parameters. */
    public static RegNet regnetY16gf(int numClasses) {
        return y(numClasses, 18, 200, 106.23, 2.48, 112);
    }

    /** {@code regnet_y_32gf}: depth 20, w0 232, wa 115.89, wm 2.53, groups of 232, SE 0.25; 145.0M parameters. */
    public static RegNet regnetY32gf(int numClasses) {
        return y(numClasses, 20, 232, 115.89, 2.53, 232);
    }

    /** {@code regnet_x_400mf}: depth 22, w0 24, wa 24.48, wm 2.54, groups of 16; 5.5M parameters at 1000 classes. */
    public static RegNet regnetX400mf(int numClasses) {
        return x(numClasses, 22, 24, 24.48, 2.54, 16);
    }

    /** {@code regnet_x_800mf}: depth 16, w0 56, wa 35.73, wm 2.28, groups of 16; 7.3M parameters. */
    public static RegNet regnetX800mf(int numClasses) {
        return x(numClasses, 16, 56, 35.73, 2.28, 16);
    }

    /** {@code regnet_x_1_6gf}: depth 18, w0 80, wa 34.01, wm 2.25, groups of 24; 9.2M parameters. */
    public static RegNet regnetX1_6gf(int numClasses) {
        return x(numClasses, 18, 80, 34.01, 2.25, 24);
    }

    /** {@code regnet_x_3_2gf}: depth 25, w0 88, wa 26.31, wm 2.25, groups of 48; 15.3M parameters. */
    public static RegNet regnetX3_2gf(int numClasses) {
        return x(numClasses, 25, 88, 26.31, 2.25, 48);
    }

    /** {@code regnet_x_8gf}: depth 23, w0 80, wa 49.56, wm 2.88, groups of 120; 39.6M parameters. */
    public static RegNet regnetX8gf(int numClasses) {
        return x(numClasses, 23, 80, 49.56, 2.88, 120);
    }

    /** {@code regnet_x_16gf}: depth 22, w0 216, wa 55.59, wm 2.1, groups of 128; 54.3M parameters. */
    public static RegNet regnetX16gf(int numClasses) {
        return x(numClasses, 22, 216, 55.59, 2.1, 128);
    }

    /** {@code regnet_x_32gf}: depth 23, w0 320, wa 69.86, wm 2.0, groups of 168; 107.8M parameters. */
    public static RegNet regnetX32gf(int numClasses) {
        return x(numClasses, 23, 320, 69.86, 2.0, 168);
    }

    /** Logits [N, numClasses] for images [N, 3, H, W]. */
    @Override
    public Tensor forward(Tensor x) {
        x = avgpool.call(trunkOutput.call(stem.call(x)));
        return fc.call(x.flatten(1, -1));
    }

    /** torchvision's {@code SimpleStemIN}: a 3x3 stride-2 conv, norm and {@code ReLU(inplace=True)}. */
    private static final class SimpleStemIN extends Conv2dNormActivation {
        SimpleStemIN(long in, long out, LongFunction<Module> norm) {
            super(in, out, 3, 2, -1, 1, 1, false, norm, new ReLU(true));
        }
    }

    /** torchvision's {@code AnyStage}: a stage's blocks under their names. */
    private static final class AnyStage extends NamedSequential {
    }
}
