package org.torch4j.vision.models;

import org.torch4j.Tensor;
import org.torch4j.nn.AdaptiveAvgPool2d;
import org.torch4j.nn.Conv2d;
import org.torch4j.nn.Flatten;
import org.torch4j.nn.Init;
import org.torch4j.nn.LayerNorm;
import org.torch4j.nn.Linear;
import org.torch4j.nn.Module;
import org.torch4j.nn.Sequential;
import org.torch4j.vision.ops.Permute;

/**
 * Swin Transformer ({@code torchvision.models.SwinTransformer}, Liu et al. 2021, and V2, Liu et al. 2022): a patch
 * embedding ({@code features.0}: strided convolution, channels-last permute, layer norm), stages of
 * {@link SwinTransformerBlock}s (V2: {@link SwinTransformerBlockV2}) whose odd blocks shift their windows by half a
 * window, {@link PatchMerging} (V2: {@link PatchMergingV2}) between stages, then {@code norm}, average pooling and
 * {@code head}. Stochastic depth grows linearly from 0 at the first block to {@code stochasticDepthProb} at the last.
 * After construction every linear layer is re-drawn from a normal with std 0.02 truncated to [-2, 2], its bias
 * zeroed, in module order, as torchvision does. Any input size works: windows pad the feature maps.
 */
public class SwinTransformer extends Module {
    /** The patch embedding, the stages and the patch mergings. */
    public final Sequential features;
    /** The final layer norm. */
    public final LayerNorm norm;
    /** The classifier. */
    public final Linear head;
    private final Module permute, avgpool, flatten;

    /**
     * A Swin Transformer without dropout and with an MLP ratio of 4.
     *
     * @param patchSize the patch height and width
     * @param embedDim the first stage's channels (each stage doubles them)
     * @param depths each stage's number of blocks
     * @param numHeads each stage's attention heads
     * @param windowSize the window's height and width
     * @param stochasticDepthProb the stochastic depth of the last block
     * @param numClasses the classifier's outputs
     * @param v2 whether to build Swin V2's blocks and patch mergings
     */
    public SwinTransformer(long[] patchSize, long embedDim, int[] depths, long[] numHeads, long[] windowSize, double stochasticDepthProb,
                           int numClasses, boolean v2) {
        this(patchSize, embedDim, depths, numHeads, windowSize, 4.0, 0.0, 0.0, stochasticDepthProb, numClasses, v2);
    }

    /**
     * A Swin Transformer ({@code SwinTransformer(patch_size, embed_dim, depths, num_heads, window_size, mlp_ratio,
     * dropout, attention_dropout, stochastic_depth_prob, num_classes, block=..., downsample_layer=...)}).
     *
     * @param patchSize the patch height and width
     * @param embedDim the first stage's channels (each stage doubles them)
     * @param depths each stage's number of blocks
     * @param numHeads each stage's attention heads
     * @param windowSize the window's height and width
     * @param mlpRatio the MLPs' hidden width over their input's
     * @param dropout the dropout of the attention outputs and MLPs
     * @param attentionDropout the dropout of the attention weights
     * @param stochasticDepthProb the stochastic depth of the last block
     * @param numClasses the classifier's outputs
     * @param v2 whether to build Swin V2's blocks and patch mergings
     * @throws IllegalArgumentException unless there are as many head counts as stages, or if a size has not 2 elements
     */
    public SwinTransformer(long[] patchSize, long embedDim, int[] depths, long[] numHeads, long[] windowSize, double mlpRatio, double dropout,
                           double attentionDropout, double stochasticDepthProb, int numClasses, boolean v2) {
        if (patchSize.length != 2) throw new IllegalArgumentException("patch_size must be of length 2");
        if (depths.length == 0 || numHeads.length != depths.length) {
            throw new IllegalArgumentException("depths and num_heads must have one entry per stage");
        }
        features = new Sequential(Sequential.of(
                new Conv2d(3, embedDim, patchSize, patchSize, new long[] {0}, new long[] {1}, 1, true, "zeros"),
                new Permute(0, 2, 3, 1), new LayerNorm(new long[] {embedDim}, 1e-5, true)));
        int total = 0;
        for (int d : depths) total += d;
        int blockId = 0;
        for (int s = 0; s < depths.length; s++) {
            Sequential stage = new Sequential();
            long dim = embedDim << s;
            for (int i = 0; i < depths[s]; i++) {
                double sdProb = stochasticDepthProb * blockId / (total - 1.0);
                long[] shift = i % 2 == 0 ? new long[] {0, 0} : new long[] {windowSize[0] / 2, windowSize[1] / 2};
                stage.add(v2 ? new SwinTransformerBlockV2(dim, numHeads[s], windowSize, shift, mlpRatio, dropout, attentionDropout, sdProb)
                        : new SwinTransformerBlock(dim, numHeads[s], windowSize, shift, mlpRatio, dropout, attentionDropout, sdProb));
                blockId++;
            }
            features.add(stage);
            if (s + 1 < depths.length) features.add(v2 ? new PatchMergingV2(dim) : new PatchMerging(dim));
        }
        registerModule("features", features);
        long numFeatures = embedDim << (depths.length - 1);
        norm = registerModule("norm", new LayerNorm(new long[] {numFeatures}, 1e-5, true));
        permute = registerModule("permute", new Permute(0, 3, 1, 2));
        avgpool = registerModule("avgpool", new AdaptiveAvgPool2d(1));
        flatten = registerModule("flatten", new Flatten(1, -1));
        head = registerModule("head", new Linear(numFeatures, numClasses));
        for (Module m : modules()) {
            if (m instanceof Linear l) {
                Init.truncNormal_(l.weight, 0, 0.02, -2, 2);
                if (l.bias != null) Init.zeros_(l.bias);
            }
        }
    }

    /** {@code swin_t(num_classes=numClasses)}: patch 4, width 96, depths 2, 2, 6, 2, window 7, stochastic depth 0.2; 28.3M parameters. */
    public static SwinTransformer swinT(int numClasses) {
        return new SwinTransformer(new long[] {4, 4}, 96, new int[] {2, 2, 6, 2}, new long[] {3, 6, 12, 24}, new long[] {7, 7}, 0.2, numClasses, false);
    }

    /** {@code swin_s}: patch 4, width 96, depths 2, 2, 18, 2, window 7, stochastic depth 0.3; 49.6M parameters. */
    public static SwinTransformer swinS(int numClasses) {
        return new SwinTransformer(new long[] {4, 4}, 96, new int[] {2, 2, 18, 2}, new long[] {3, 6, 12, 24}, new long[] {7, 7}, 0.3, numClasses, false);
    }

    /** {@code swin_b}: patch 4, width 128, depths 2, 2, 18, 2, window 7, stochastic depth 0.5; 87.8M parameters. */
    public static SwinTransformer swinB(int numClasses) {
        return new SwinTransformer(new long[] {4, 4}, 128, new int[] {2, 2, 18, 2}, new long[] {4, 8, 16, 32}, new long[] {7, 7}, 0.5, numClasses, false);
    }

    /** {@code swin_v2_t}: V2 blocks, patch 4, width 96, depths 2, 2, 6, 2, window 8, stochastic depth 0.2; 28.4M parameters. */
    public static SwinTransformer swinV2T(int numClasses) {
        return new SwinTransformer(new long[] {4, 4}, 96, new int[] {2, 2, 6, 2}, new long[] {3, 6, 12, 24}, new long[] {8, 8}, 0.2, numClasses, true);
    }

    /** {@code swin_v2_s}: V2 blocks, patch 4, width 96, depths 2, 2, 18, 2, window 8, stochastic depth 0.3; 49.7M parameters. */
    public static SwinTransformer swinV2S(int numClasses) {
        return new SwinTransformer(new long[] {4, 4}, 96, new int[] {2, 2, 18, 2}, new long[] {3, 6, 12, 24}, new long[] {8, 8}, 0.3, numClasses, true);
    }

    /** {@code swin_v2_b}: V2 blocks, patch 4, width 128, depths 2, 2, 18, 2, window 8, stochastic depth 0.5; 87.9M parameters. */
    public static SwinTransformer swinV2B(int numClasses) {
        return new SwinTransformer(new long[] {4, 4}, 128, new int[] {2, 2, 18, 2}, new long[] {4, 8, 16, 32}, new long[] {8, 8}, 0.5, numClasses, true);
    }

    /** Logits [N, numClasses] for images [N, 3, H, W]. */
    @Override
    public Tensor forward(Tensor x) {
        x = norm.call(features.call(x));
        return head.call(flatten.call(avgpool.call(permute.call(x))));
    }
}
