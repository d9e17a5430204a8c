package org.torch4j.vision.models;

import java.util.List;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.BatchNorm2d;
import org.torch4j.nn.ChannelShuffle;
import org.torch4j.nn.Conv2d;
import org.torch4j.nn.Linear;
import org.torch4j.nn.MaxPool2d;
import org.torch4j.nn.Module;
import org.torch4j.nn.ReLU;
import org.torch4j.nn.Sequential;

/**
 * ShuffleNetV2 ({@code torchvision.models.ShuffleNetV2}, Ma et al. 2018): a 3x3 stem and max pool,
 * three stages of channel-split blocks ({@code stage2..stage4}), a 1x1 conv ({@code conv5}), global
 * average pooling and a linear {@code fc}. torchvision adds no initialisation of its own: every layer
 * keeps PyTorch's default, drawn as the layers are created, so the blocks create theirs in
 * torchvision's order.
 */
public class ShuffleNetV2 extends Module {
    /** The stem (conv, norm, ReLU) and the last 1x1 conv block. */
    public final Sequential conv1, conv5;
    /** The three stages of blocks. */
    public final Sequential stage2, stage3, stage4;
    /** The classifier. */
    public final Linear fc;
    private final MaxPool2d maxpool;

    /**
     * A ShuffleNetV2 of the given widths.
     *
     * @param stagesRepeats the blocks of stage2, stage3 and stage4 (3 values)
     * @param stagesOutChannels the channels of conv1, the three stages and conv5 (5 values)
     * @param numClasses the classifier's outputs
     */
    public ShuffleNetV2(int[] stagesRepeats, long[] stagesOutChannels, int numClasses) {
        if (stagesRepeats.length != 3) throw new IllegalArgumentException("expected stages_repeats as list of 3 positive ints");
        if (stagesOutChannels.length != 5) throw new IllegalArgumentException("expected stages_out_channels as list of 5 positive ints");
        long input = stagesOutChannels[0];
        conv1 = registerModule("conv1", convBnRelu(3, input, 3, 2, 1));
        maxpool = registerModule("maxpool", new MaxPool2d(new long[] {3}, new long[] {2}, new long[] {1}, new long[] {1}, false));
        Sequential[] stages = new Sequential[3];
        for (int s = 0; s < 3; s++) {
            long output = stagesOutChannels[s + 1];
            stages[s] = new Sequential(new InvertedResidual(input, output, 2));
            for (int i = 0; i < stagesRepeats[s] - 1; i++) stages[s].add(new InvertedResidual(output, output, 1));
            registerModule("stage" + (s + 2), stages[s]);
            input = output;
        }
        stage2 = stages[0];
        stage3 = stages[1];
        stage4 = stages[2];
        conv5 = registerModule("conv5", convBnRelu(input, stagesOutChannels[4], 1, 1, 0));
        fc = registerModule("fc", new Linear(stagesOutChannels[4], numClasses));
    }

    /** {@code shufflenet_v2_x0_5(num_classes=numClasses)}: widths 24, 48, 96, 192, 1024; 1.4M parameters at 1000 classes. */
    public static ShuffleNetV2 shufflenetV2X05(int numClasses) {
        return new ShuffleNetV2(new int[] {4, 8, 4}, new long[] {24, 48, 96, 192, 1024}, numClasses);
    }

    /** {@code shufflenet_v2_x1_0(num_classes=numClasses)}: widths 24, 116, 232, 464, 1024; 2.3M parameters at 1000 classes. */
    public static ShuffleNetV2 shufflenetV2X10(int numClasses) {
        return new ShuffleNetV2(new int[] {4, 8, 4}, new long[] {24, 116, 232, 464, 1024}, numClasses);
    }

    /** Logits [N, numClasses] for images [N, 3, H, W]. */
    @Override
    public Tensor forward(Tensor x) {
        x = maxpool.call(conv1.call(x));
        x = conv5.call(stage4.call(stage3.call(stage2.call(x))));
        return fc.call(x.mean(2, 3));
    }

    private static Sequential convBnRelu(long in, long out, long kernel, long stride, long padding) {
        return Sequential.of(conv(in, out, kernel, stride, padding, 1), new BatchNorm2d(out), new ReLU(true));
    }

    private static Conv2d conv(long in, long out, long kernel, long stride, long padding, long groups) {
        return new Conv2d(in, out, new long[] {kernel}, new long[] {stride}, new long[] {padding}, new long[] {1}, groups, false, "zeros");
    }

    /**
     * ShuffleNetV2's block ({@code torchvision.models.shufflenetv2.InvertedResidual}). With stride 1 the
     * input's channels are split in two halves, one passed through, the other through {@code branch2};
     * with stride 2 both {@code branch1} (3x3 depthwise, 1x1) and {@code branch2} (1x1, 3x3 depthwise,
     * 1x1) see the whole input. The halves are concatenated and their channels shuffled in 2 groups.
     */
    public static class InvertedResidual extends Module {
        /** The downsampling branch (empty for stride 1) and the main branch. */
        public final Sequential branch1, branch2;
        private final long stride;
        private final ChannelShuffle shuffle = new ChannelShuffle(2);

        /** A block from {@code inp} to {@code oup} channels with stride 1 to 3. */
        public InvertedResidual(long inp, long oup, long stride) {
            if (stride < 1 || stride > 3) throw new IllegalArgumentException("illegal stride value");
            this.stride = stride;
            long branch = oup / 2;
            if (stride == 1 && inp != branch << 1) {
                throw new IllegalArgumentException("Invalid combination of stride " + stride + ", inp " + inp + " and oup " + oup
                        + " values. If stride == 1 then inp should be equal to oup // 2 << 1.");
            }
            // branch1 before branch2: each conv draws its default initialisation when created
            branch1 = registerModule("branch1", stride > 1
                    ? Sequential.of(conv(inp, inp, 3, stride, 1, inp), new BatchNorm2d(inp), conv(inp, branch, 1, 1, 0, 1),
                            new BatchNorm2d(branch), new ReLU(true))
                    : new Sequential());
            branch2 = registerModule("branch2", Sequential.of(conv(stride > 1 ? inp : branch, branch, 1, 1, 0, 1), new BatchNorm2d(branch),
                    new ReLU(true), conv(branch, branch, 3, stride, 1, branch), new BatchNorm2d(branch), conv(branch, branch, 1, 1, 0, 1),
                    new BatchNorm2d(branch), new ReLU(true)));
        }

        /** The concatenated branches with their channels shuffled. */
        @Override
        public Tensor forward(Tensor x) {
            Tensor out;
            if (stride == 1) {
                List<Tensor> halves = x.chunk(2, 1);
                out = Torch.cat(List.of(halves.get(0), branch2.call(halves.get(1))), 1);
            } else {
                out = Torch.cat(List.of(branch1.call(x), branch2.call(x)), 1);
            }
            return shuffle.call(out);
        }
    }
}
