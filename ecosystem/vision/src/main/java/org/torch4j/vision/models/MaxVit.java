package org.torch4j.vision.models;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;
import org.torch4j.Tensor;
import org.torch4j.nn.AdaptiveAvgPool2d;
import org.torch4j.nn.BatchNorm2d;
import org.torch4j.nn.Conv2d;
import org.torch4j.nn.Flatten;
import org.torch4j.nn.GELU;
import org.torch4j.nn.Init;
import org.torch4j.nn.LayerNorm;
import org.torch4j.nn.Linear;
import org.torch4j.nn.Module;
import org.torch4j.nn.ModuleList;
import org.torch4j.nn.Sequential;
import org.torch4j.nn.Tanh;

/**
 * MaxViT ({@code torchvision.models.MaxVit}, Tu et al. 2022): a two-convolution stem, blocks of MaxViT layers (an MBConv
 * with squeeze-excitation, then attention within P x P windows and across a P x P grid, with relative position biases),
 * each block halving the resolution, and {@code classifier} (average pool, flatten, layer norm, linear, tanh, bias-free
 * linear). The input size is fixed at construction: each block's input must be a multiple of the partition size.
 * torchvision's keys and initialisation (convolutions and linear layers normal with std 0.02 and zero biases, batch norms
 * 1 and 0, with eps 1e-3 and momentum 0.99); stochastic depth grows linearly from 0 to {@code stochasticDepthProb}.
 */
public class MaxVit extends Module {
    /** The stem's two convolutions. */
    public final Sequential stem;
    /** The blocks, each a {@code layers} list of MaxViT layers. */
    public final ModuleList blocks;
    /** The pooling, norm and linear head. */
    public final Sequential classifier;

    /**
     * A MaxViT with squeeze ratio 0.25, expansion ratio 4, MLP ratio 4 and no dropout (torchvision's defaults).
     *
     * @param inputSize the images' height and width
     * @param stemChannels the stem's channels
     * @param partitionSize the windows' and grid's side P
     * @param blockChannels each block's channels
     * @param blockLayers each block's number of layers
     * @param headDim the channels per attention head
     * @param stochasticDepthProb the stochastic depth of the last layer
     * @param numClasses the classifier's outputs
     * @throws IllegalArgumentException when a block's input is not a multiple of the partition size, as torchvision words it
     */
    public MaxVit(long[] inputSize, long stemChannels, long partitionSize, long[] blockChannels, int[] blockLayers, long headDim,
                  double stochasticDepthProb, int numClasses) {
        LongFunction<Module> norm = c -> new BatchNorm2d(c, 1e-3, 0.99, true, true);
        List<long[]> blockInputSizes = new ArrayList<>();
        long[] size = convOutput(inputSize);
        for (int i = 0; i < blockChannels.length; i++) {
            size = convOutput(size);
            blockInputSizes.add(size);
        }
        for (int i = 0; i < blockInputSizes.size(); i++) {
            long[] s = blockInputSizes.get(i);
            if (s[0] % partitionSize != 0 || s[1] % partitionSize != 0) {
                List<String> all = blockInputSizes.stream().map(MaxVit::tuple).toList();
                throw new IllegalArgumentException("Input size " + tuple(s) + " of block " + i + " is not divisible by partition size "
                        + partitionSize + ". Consider changing the partition size or the input size.\nCurrent configuration yields the "
                        + "following block input sizes: [" + String.join(", ", all) + "].");
            }
        }
        stem = registerModule("stem", Sequential.of(
                new Conv2dNormActivation(3, stemChannels, 3, 2, -1, 1, 1, false, norm, new GELU()),
                new Conv2dNormActivation(stemChannels, stemChannels, 3, 1, -1, 1, 1, true, null, null)));
        long[] grid = convOutput(inputSize);
        blocks = registerModule("blocks", new ModuleList());
        int total = 0;
        for (int n : blockLayers) total += n;
        int layerId = 0;
        for (int b = 0; b < blockChannels.length; b++) {
            long in = b == 0 ? stemChannels : blockChannels[b - 1];
            grid = convOutput(grid);
            MaxVitBlock block = new MaxVitBlock();
            for (int i = 0; i < blockLayers[b]; i++) {
                // numpy's linspace(0, p, total): i * step, the last exactly p
                double p = layerId == total - 1 ? stochasticDepthProb : layerId * (stochasticDepthProb / (total - 1));
                block.layers.add(new MaxVitLayer(i == 0 ? in : blockChannels[b], blockChannels[b], 0.25, 4, i == 0 ? 2 : 1, norm, headDim, 4,
                        0.0, 0.0, p, partitionSize, grid));
                layerId++;
            }
            blocks.add(block);
        }
        long last = blockChannels[blockChannels.length - 1];
        classifier = registerModule("classifier", Sequential.of(new AdaptiveAvgPool2d(1), new Flatten(1, -1),
                new LayerNorm(new long[] {last}, 1e-5, true), new Linear(last, last), new Tanh(), new Linear(last, numClasses, false)));
        for (Module m : modules()) {
            if (m instanceof Conv2d c) {
                Init.normal_(c.weight, 0, 0.02);
                if (c.bias != null) Init.zeros_(c.bias);
            } else if (m instanceof BatchNorm2d bn) {
                Init.constant_(bn.weight, 1);
                Init.constant_(bn.bias, 0);
            } else if (m instanceof Linear l) {
                Init.normal_(l.weight, 0, 0.02);
                if (l.bias != null) Init.zeros_(l.bias);
            }
        }
    }

    /** {@code maxvit_t(num_classes=numClasses)}: 224x224 images, partition 7, stem 64, blocks 64 to 512 of 2, 2, 5, 2 layers, head 32, stochastic depth 0.2; 30.9M parameters. */
    public static MaxVit maxvitT(int numClasses) {
        return maxvitT(new long[] {224, 224}, 7, numClasses);
    }

    /**
     * {@code maxvit_t}'s layout for another input size and partition size (torchvision's {@code MaxVit(input_size,
     * partition_size=..., ...)} with the builder's other settings).
     *
     * @param inputSize the images' height and width
     * @param partitionSize the windows' and grid's side
     * @param numClasses the classifier's outputs
     * @return the model
     */
    public static MaxVit maxvitT(long[] inputSize, long partitionSize, int numClasses) {
        return new MaxVit(inputSize, 64, partitionSize, new long[] {64, 128, 256, 512}, new int[] {2, 2, 5, 2}, 32, 0.2, numClasses);
    }

    private static long[] convOutput(long[] size) {
        return new long[] {(size[0] - 3 + 2) / 2 + 1, (size[1] - 3 + 2) / 2 + 1};
    }

    private static String tuple(long[] s) {
        return "(" + s[0] + ", " + s[1] + ")";
    }

    /** Logits [N, numClasses] for images [N, 3, H, W] of the size given at construction. */
    @Override
    public Tensor forward(Tensor x) {
        x = stem.call(x);
        for (Module block : blocks) x = block.call(x);
        return classifier.call(x);
    }

    /** {@code torchvision.models.maxvit.MaxVitBlock}: its {@code layers} in turn. */
    static final class MaxVitBlock extends Module {
        final ModuleList layers = registerModule("layers", new ModuleList());

        @Override
        public Tensor forward(Tensor x) {
            for (Module layer : layers) x = layer.call(x);
            return x;
        }
    }
}
