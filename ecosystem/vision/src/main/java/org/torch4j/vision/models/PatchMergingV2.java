package org.torch4j.vision.models;

import org.torch4j.Tensor;
import org.torch4j.nn.LayerNorm;
import org.torch4j.nn.Linear;
import org.torch4j.nn.Module;

/**
 * Swin V2's downsampling between stages ({@code torchvision.models.swin_transformer.PatchMergingV2}): as
 * {@link PatchMerging}, but the layer norm comes after the projection, over its 2C channels.
 */
public class PatchMergingV2 extends Module {
    /** The bias-free projection from 4C to 2C channels. */
    public final Linear reduction;
    /** The layer norm over the 2C projected channels. */
    public final LayerNorm norm;

    /**
     * A patch merging of {@code dim} channels.
     *
     * @param dim the input channels C
     */
    public PatchMergingV2(long dim) {
        reduction = registerModule("reduction", new Linear(4 * dim, 2 * dim, false));
        norm = registerModule("norm", new LayerNorm(new long[] {2 * dim}, 1e-5, true));
    }

    /** {@code norm(reduction(merge(x)))} for x [..., H, W, C]. */
    @Override
    public Tensor forward(Tensor x) {
        return norm.call(reduction.call(PatchMerging.mergePatches(x)));
    }
}
