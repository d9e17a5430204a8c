package org.torch4j.vision.models;

import java.util.List;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.Conv2d;
import org.torch4j.nn.Init;
import org.torch4j.nn.Linear;
import org.torch4j.nn.Module;
import org.torch4j.nn.Parameter;

/**
 * Vision Transformer ({@code torchvision.models.VisionTransformer}, Dosovitskiy et al. 2020): patches
 * embedded by a strided convolution ({@code conv_proj}), a class token, an {@link Encoder} and a
 * linear head ({@code heads.head}); torchvision's state-dict keys and initialisation (truncated normal
 * patch embedding, zero head).
 */
public class VisionTransformer extends Module {
    /** Input side, patch side and token width. */
    public final long imageSize, patchSize, hiddenDim;
    /** The patch embedding: a patch-sized, patch-strided convolution. */
    public final Conv2d convProj;
    /** The learned class token [1, 1, hidden]. */
    public final Parameter classToken;
    /** The transformer layers. */
    public final Encoder encoder;
    /** {@code heads.head}, the classifier. */
    public final NamedSequential heads;

    /** torchvision's constructor (no representation layer, no conv stem). */
    public VisionTransformer(long imageSize, long patchSize, int numLayers, int numHeads, long hiddenDim, long mlpDim, double dropout,
                             double attentionDropout, int numClasses) {
        if (imageSize % patchSize != 0) throw new IllegalArgumentException("Input shape indivisible by patch size!");
        this.imageSize = imageSize;
        this.patchSize = patchSize;
        this.hiddenDim = hiddenDim;
        convProj = registerModule("conv_proj", new Conv2d(3, hiddenDim, patchSize, patchSize, 0));
        long seqLength = (imageSize / patchSize) * (imageSize / patchSize);
        classToken = registerParameter("class_token", new Parameter(Torch.zeros(new long[] {1, 1, hiddenDim}, DType.FLOAT32)));
        seqLength += 1;
        encoder = registerModule("encoder", new Encoder(seqLength, numLayers, numHeads, hiddenDim, mlpDim, dropout, attentionDropout));
        heads = registerModule("heads", new NamedSequential().add("head", new Linear(hiddenDim, numClasses)));
        long fanIn = 3 * patchSize * patchSize;
        Init.truncNormal_(convProj.weight, 0, Math.sqrt(1.0 / fanIn), -2, 2);
        Init.zeros_(convProj.bias);
        Linear head = (Linear) heads.get("head");
        Init.zeros_(head.weight);
        Init.zeros_(head.bias);
    }

    /**
     * A small ViT for 32x32 images: patch 4 (64 tokens + class token), 4 layers, 4 heads, width 64, MLP
     * 128 (0.2M parameters); torch4j's {@code vit_small}.
     */
    public static VisionTransformer vitSmall(int numClasses) {
        return new VisionTransformer(32, 4, 4, 4, 64, 128, 0.0, 0.0, numClasses);
    }

    /** {@code vit_b_16}: ImageNet's ViT-B/16 (224, patch 16, 12 layers, 12 heads, width 768, MLP 3072). */
    public static VisionTransformer vitB16(int numClasses) {
        return new VisionTransformer(224, 16, 12, 12, 768, 3072, 0.0, 0.0, numClasses);
    }

    /** {@code vit_b_32}: ViT-B/32 (224, patch 32, 12 layers, 12 heads, width 768, MLP 3072), 88.2M parameters. */
    public static VisionTransformer vitB32(int numClasses) {
        return new VisionTransformer(224, 32, 12, 12, 768, 3072, 0.0, 0.0, numClasses);
    }

    /** Patch embeddings [N, (H/p)*(W/p), hidden] of images [N, 3, H, W]. */
    Tensor processInput(Tensor x) {
        if (x.dim() != 4 || x.size(2) != imageSize || x.size(3) != imageSize) {
            throw new IllegalArgumentException("Wrong image size! Expected [N, 3, " + imageSize + ", " + imageSize + "] but got "
                    + java.util.Arrays.toString(x.shape()));
        }
        long n = x.size(0), nh = x.size(2) / patchSize, nw = x.size(3) / patchSize;
        return convProj.call(x).reshape(n, hiddenDim, nh * nw).permute(0, 2, 1);
    }

    /** Logits [N, numClasses] from the class token's final state. */
    @Override
    public Tensor forward(Tensor images) {
        Tensor x = processInput(images);
        // expandAs (not expand(x.size(0), ...)) keeps the batch dim dynamic in an ONNX export
        x = Torch.cat(List.of(classToken.expandAs(x.narrow(1, 0, 1)), x), 1);
        x = encoder.call(x);
        return heads.call(x.select(1, 0));
    }
}
