package org.torch4j.vision.models.video;

import java.util.ArrayList;
import java.util.List;
import org.torch4j.Tensor;
import org.torch4j.nn.Conv3d;
import org.torch4j.nn.Dropout;
import org.torch4j.nn.Init;
import org.torch4j.nn.LayerNorm;
import org.torch4j.nn.Linear;
import org.torch4j.nn.Module;
import org.torch4j.nn.ModuleList;
import org.torch4j.nn.Parameter;
import org.torch4j.nn.Sequential;

/**
 * Multiscale Vision Transformer ({@code torchvision.models.video.MViT}, Fan et al. 2021; V2, Li et al. 2022): clips
 * patchified by a 3x7x7 convolution of stride (2, 4, 4) ({@code conv_proj}), a class token and (V1) learned absolute
 * positions ({@code pos_encoding}), {@code blocks} of pooling attention that shrink the token grid and widen the channels
 * as {@link MSBlockConfig} says, a final layer norm, and {@code head} (dropout, linear) on the class token. torchvision's
 * keys and initialisation (every linear layer re-drawn from a normal with std 0.02 truncated to [-2, 2], biases 0; layer
 * norms 1 and 0; the positional parameters truncated normal). The clip size is fixed at construction: the absolute
 * positions and the token grid follow it.
 */
public class MViT extends Module {
    /** The patch embedding. */
    public final Conv3d convProj;
    /** The blocks, in order. */
    public final ModuleList blocks;
    /** The final layer norm. */
    public final LayerNorm norm;
    /** Dropout and the classifier. */
    public final Sequential head;
    private final PositionalEncoding posEncoding;

    /**
     * An MViT with torchvision's patch embedding: kernel (3, 7, 7), stride (2, 4, 4), padding (1, 3, 3).
     *
     * @param spatialSize the clips' height and width
     * @param temporalSize the clips' frames
     * @param blockSetting the blocks
     * @param residualPool whether the pooled queries are added to the attention's output (V2)
     * @param residualWithClsEmbed whether that addition includes the class token
     * @param relPosEmbed whether to use relative position embeddings (V2) instead of absolute ones
     * @param projAfterAttn whether the attention already changes the channels (V2)
     * @param dropout the head's dropout (torchvision's default 0.5)
     * @param attentionDropout the dropout of the attention's projection and the MLPs
     * @param stochasticDepthProb the stochastic depth of the last block (growing linearly from 0)
     * @param numClasses the classifier's outputs
     * @throws IllegalArgumentException for an empty block setting, as torchvision
     */
    public MViT(long[] spatialSize, long temporalSize, List<MSBlockConfig> blockSetting, boolean residualPool, boolean residualWithClsEmbed,
                boolean relPosEmbed, boolean projAfterAttn, double dropout, double attentionDropout, double stochasticDepthProb, int numClasses) {
        if (blockSetting.isEmpty()) throw new IllegalArgumentException("The configuration parameter can't be empty.");
        long[] stride = {2, 4, 4};
        convProj = registerModule("conv_proj", new Conv3d(3, blockSetting.get(0).inputChannels(), new long[] {3, 7, 7}, stride,
                new long[] {1, 3, 3}, new long[] {1}, 1, true, "zeros"));
        long[] inputSize = {temporalSize / stride[0], spatialSize[0] / stride[1], spatialSize[1] / stride[2]};
        posEncoding = registerModule("pos_encoding",
                new PositionalEncoding(blockSetting.get(0).inputChannels(), inputSize[1], inputSize[2], inputSize[0], relPosEmbed));
        blocks = registerModule("blocks", new ModuleList());
        int total = blockSetting.size();
        for (int i = 0; i < total; i++) {
            MSBlockConfig cnf = blockSetting.get(i);
            double sdProb = stochasticDepthProb * i / (total - 1.0);
            blocks.add(new MultiscaleBlock(inputSize.clone(), cnf, residualPool, residualWithClsEmbed, relPosEmbed, projAfterAttn,
                    attentionDropout, sdProb));
            if (cnf.strideQ().length > 0) {
                for (int d = 0; d < 3; d++) inputSize[d] /= cnf.strideQ()[d];
            }
        }
        long last = blockSetting.get(total - 1).outputChannels();
        norm = registerModule("norm", new LayerNorm(new long[] {last}, 1e-6, true));
        head = registerModule("head", Sequential.of(new Dropout(dropout, true), new Linear(last, numClasses)));
        for (Module m : modules()) {
            if (m instanceof Linear l) {
                Init.truncNormal_(l.weight, 0, 0.02, -2, 2);
                if (l.bias != null) Init.zeros_(l.bias);
            } else if (m instanceof LayerNorm ln) {
                Init.constant_(ln.weight, 1);
                Init.constant_(ln.bias, 0);
            } else if (m instanceof PositionalEncoding) {
                for (Parameter p : m.parameters()) Init.truncNormal_(p, 0, 0.02, -2, 2);
            }
        }
    }

    /** {@code mvit_v1_b(num_classes=numClasses)}: 16 blocks for 16x224x224 clips, absolute positions, stochastic depth 0.2; 36.6M parameters at 400 classes. */
    public static MViT mvitV1B(int numClasses) {
        return mvitV1B(new long[] {224, 224}, 16, numClasses);
    }

    /**
     * {@code mvit_v1_b}'s blocks for clips of another size (torchvision's {@code MViT(spatial_size, temporal_size, ...)} with
     * the builder's settings).
     *
     * @param spatialSize the clips' height and width
     * @param temporalSize the clips' frames
     * @param numClasses the classifier's outputs
     * @return the model
     */
    public static MViT mvitV1B(long[] spatialSize, long temporalSize, int numClasses) {
        long[][] kernelQ = new long[16][], strideQ = new long[16][];
        for (int i = 0; i < 16; i++) {
            boolean pooled = i == 1 || i == 3 || i == 14;
            kernelQ[i] = pooled ? new long[] {3, 3, 3} : new long[0];
            strideQ[i] = pooled ? new long[] {1, 2, 2} : new long[0];
        }
        long[] inputChannels = {96, 192, 192, 384, 384, 384, 384, 384, 384, 384, 384, 384, 384, 384, 768, 768};
        long[] outputChannels = {192, 192, 384, 384, 384, 384, 384, 384, 384, 384, 384, 384, 384, 768, 768, 768};
        return new MViT(spatialSize, temporalSize, settings(inputChannels, outputChannels, kernelQ, strideQ), false, false, false, false, 0.5, 0.0,
                0.2, numClasses);
    }

    /** {@code mvit_v2_s(num_classes=numClasses)}: 16 blocks for 16x224x224 clips, relative positions, pooled residuals, stochastic depth 0.2; 34.5M parameters at 400 classes. */
    public static MViT mvitV2S(int numClasses) {
        return mvitV2S(new long[] {224, 224}, 16, numClasses);
    }

    /**
     * {@code mvit_v2_s}'s blocks for clips of another size (torchvision's {@code MViT(spatial_size, temporal_size, ...)} with
     * the builder's settings).
     *
     * @param spatialSize the clips' height and width
     * @param temporalSize the clips' frames
     * @param numClasses the classifier's outputs
     * @return the model
     */
    public static MViT mvitV2S(long[] spatialSize, long temporalSize, int numClasses) {
        long[][] kernelQ = new long[16][], strideQ = new long[16][];
        for (int i = 0; i < 16; i++) {
            kernelQ[i] = new long[] {3, 3, 3};
            strideQ[i] = i == 1 || i == 3 || i == 14 ? new long[] {1, 2, 2} : new long[] {1, 1, 1};
        }
        long[] inputChannels = {96, 96, 192, 192, 384, 384, 384, 384, 384, 384, 384, 384, 384, 384, 384, 768};
        long[] outputChannels = {96, 192, 192, 384, 384, 384, 384, 384, 384, 384, 384, 384, 384, 384, 768, 768};
        return new MViT(spatialSize, temporalSize, settings(inputChannels, outputChannels, kernelQ, strideQ), true, false, true, true, 0.5, 0.0,
                0.2, numClasses);
    }

    /** The 16 blocks both builders share: heads 1, 2, 2, 4 ... 4, 8, 8; key and value kernels 3x3x3 with strides 8, 4, 4, 2 ... 2, 1, 1. */
    private static List<MSBlockConfig> settings(long[] inputChannels, long[] outputChannels, long[][] kernelQ, long[][] strideQ) {
        long[] heads = {1, 2, 2, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 8, 8};
        long[] kvStride = {8, 4, 4, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 1, 1};
        List<MSBlockConfig> out = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            out.add(new MSBlockConfig(heads[i], inputChannels[i], outputChannels[i], kernelQ[i], new long[] {3, 3, 3}, strideQ[i],
                    new long[] {1, kvStride[i], kvStride[i]}));
        }
        return out;
    }

    /** Logits [N, numClasses] for clips [N, 3, T, H, W] of the size given at construction (or images [N, 3, H, W] as one frame). */
    @Override
    public Tensor forward(Tensor x) {
        if (x.dim() == 4) x = x.unsqueeze(2);
        else if (x.dim() != 5) throw new IllegalArgumentException("Unsupported input dimension " + java.util.Arrays.toString(x.shape()));
        x = convProj.call(x).flatten(2, -1).transpose(1, 2);
        x = posEncoding.call(x);
        long[] thw = {posEncoding.temporalSize, posEncoding.height, posEncoding.width};
        for (Module block : blocks) x = ((MultiscaleBlock) block).forward(x, thw);
        return head.call(norm.call(x).select(1, 0));
    }
}
