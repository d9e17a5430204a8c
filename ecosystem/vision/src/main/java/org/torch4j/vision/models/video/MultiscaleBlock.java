package org.torch4j.vision.models.video;

import org.torch4j.Tensor;
import org.torch4j.nn.GELU;
import org.torch4j.nn.LayerNorm;
import org.torch4j.nn.Linear;
import org.torch4j.nn.MaxPool3d;
import org.torch4j.nn.Module;
import org.torch4j.vision.ops.MLP;
import org.torch4j.vision.ops.StochasticDepth;

/**
 * MViT's block ({@code torchvision.models.video.mvit.MultiscaleBlock}): pre-norm {@link MultiscaleAttention} with the
 * shortcut max-pooled like the queries ({@code pool_skip}), then a 4x GELU MLP, both branches through row-mode stochastic
 * depth; a linear {@code project} changes the channels of the shortcut: of the normed input before the attention's residual (V2, {@code proj_after_attn}) or of the normed sum before the MLP's (V1).
 */
final class MultiscaleBlock extends Module {
    private final Pool poolSkip;
    private final LayerNorm norm1, norm2;
    private final MultiscaleAttention attn;
    private final MLP mlp;
    private final StochasticDepth stochasticDepth;
    private final Linear project;
    private final boolean projAfterAttn;

    MultiscaleBlock(long[] inputSize, MSBlockConfig cnf, boolean residualPool, boolean residualWithClsEmbed, boolean relPosEmbed,
                    boolean projAfterAttn, double dropout, double stochasticDepthProb) {
        this.projAfterAttn = projAfterAttn;
        if (MultiscaleAttention.prod(cnf.strideQ()) > 1) {
            long[] kernel = new long[cnf.strideQ().length], padding = new long[kernel.length];
            for (int i = 0; i < kernel.length; i++) {
                kernel[i] = cnf.strideQ()[i] > 1 ? cnf.strideQ()[i] + 1 : cnf.strideQ()[i];
                padding[i] = kernel[i] / 2;
            }
            poolSkip = registerModule("pool_skip", new Pool(new MaxPool3d(kernel, cnf.strideQ(), padding, new long[] {1}, false), null));
        } else {
            poolSkip = null;
        }
        long attnDim = projAfterAttn ? cnf.outputChannels() : cnf.inputChannels();
        norm1 = registerModule("norm1", new LayerNorm(new long[] {cnf.inputChannels()}, 1e-6, true));
        norm2 = registerModule("norm2", new LayerNorm(new long[] {attnDim}, 1e-6, true));
        attn = registerModule("attn", new MultiscaleAttention(inputSize, cnf.inputChannels(), attnDim, cnf.numHeads(), cnf.kernelQ(),
                cnf.kernelKv(), cnf.strideQ(), cnf.strideKv(), residualPool, residualWithClsEmbed, relPosEmbed, dropout));
        mlp = registerModule("mlp", new MLP(attnDim, new long[] {4 * attnDim, cnf.outputChannels()}, null, inplace -> new GELU(), null, true,
                dropout));
        stochasticDepth = registerModule("stochastic_depth", new StochasticDepth(stochasticDepthProb, "row"));
        project = cnf.inputChannels() != cnf.outputChannels() ? registerModule("project", new Linear(cnf.inputChannels(), cnf.outputChannels())) : null;
    }

    /** The block over tokens [B, N, C] on the grid {@code thw}, which is updated in place to the output's grid. */
    Tensor forward(Tensor x, long[] thw) {
        Tensor xNorm1 = norm1.call(x);
        long[] inThw = thw.clone();
        Tensor xAttn = attn.forward(xNorm1, thw);
        if (project != null && projAfterAttn) x = project.call(xNorm1);
        Tensor xSkip = poolSkip == null ? x : poolSkip.forward(x, inThw);
        x = xSkip.add(stochasticDepth.call(xAttn));
        Tensor xNorm2 = norm2.call(x);
        Tensor xProj = project == null || projAfterAttn ? x : project.call(xNorm2);
        return xProj.add(stochasticDepth.call(mlp.call(xNorm2)));
    }
}
