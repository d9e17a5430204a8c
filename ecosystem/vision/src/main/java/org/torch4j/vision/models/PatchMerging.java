package org.torch4j.vision.models;

import java.util.List;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.F;
import org.torch4j.nn.LayerNorm;
import org.torch4j.nn.Linear;
import org.torch4j.nn.Module;

/**
 * Swin's downsampling between stages ({@code torchvision.models.swin_transformer.PatchMerging}): each 2x2 group of
 * tokens of [..., H, W, C] (padded to even sizes) concatenated to 4C channels, layer-normed, then projected to 2C by
 * the bias-free {@code reduction}: [..., H/2, W/2, 2C].
 */
public class PatchMerging extends Module {
    /** The bias-free projection from 4C to 2C channels. */
    public final Linear reduction;
    /** The layer norm over the 4C concatenated channels. */
    public final LayerNorm norm;

    /**
     * A patch merging of {@code dim} channels.
     *
     * @param dim the input channels C
     */
    public PatchMerging(long dim) {
        reduction = registerModule("reduction", new Linear(4 * dim, 2 * dim, false));
        norm = registerModule("norm", new LayerNorm(new long[] {4 * dim}, 1e-5, true));
    }

    /** The 2x2 groups of tokens of [..., H, W, C] side by side: [..., ceil(H/2), ceil(W/2), 4C] ({@code _patch_merging_pad}). */
    static Tensor mergePatches(Tensor x) {
        int hDim = x.dim() - 3, wDim = x.dim() - 2;
        long h = x.size(hDim), w = x.size(wDim);
        x = F.pad(x, 0, 0, 0, w % 2, 0, h % 2);
        long ph = x.size(hDim), pw = x.size(wDim);
        Tensor x0 = x.slice(hDim, 0, ph, 2).slice(wDim, 0, pw, 2);
        Tensor x1 = x.slice(hDim, 1, ph, 2).slice(wDim, 0, pw, 2);
        Tensor x2 = x.slice(hDim, 0, ph, 2).slice(wDim, 1, pw, 2);
        Tensor x3 = x.slice(hDim, 1, ph, 2).slice(wDim, 1, pw, 2);
        return Torch.cat(List.of(x0, x1, x2, x3), -1);
    }

    /** {@code reduction(norm(merge(x)))} for x [..., H, W, C]. */
    @Override
    public Tensor forward(Tensor x) {
        return reduction.call(norm.call(mergePatches(x)));
    }
}
