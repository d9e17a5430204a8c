package org.torch4j.vision.models.video;

import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.Module;
import org.torch4j.nn.Sequential;

/**
 * MViT's token pooling ({@code torchvision.models.video.mvit.Pool}): the tokens after the class token, [B, (heads,) N, C],
 * laid out as the (T, H, W) grid, pooled by {@code pool}, flattened back, the class token put in front again, then
 * {@code norm_act} (when present) over the channels.
 */
final class Pool extends Module {
    private final Module pool;
    private final Module normAct;

    /** A pooling by {@code pool} followed by {@code norm} (null for none). */
    Pool(Module pool, Module norm) {
        this.pool = registerModule("pool", pool);
        this.normAct = norm == null ? null : registerModule("norm_act", Sequential.of(norm));
    }

    /** The pooled tokens; {@code thw} is updated in place to the pooled grid's size. */
    Tensor forward(Tensor x, long[] thw) {
        boolean squeeze = x.dim() == 3;
        if (squeeze) x = x.unsqueeze(1);
        else if (x.dim() != 4) throw new IllegalArgumentException("Unsupported input dimension " + java.util.Arrays.toString(x.shape()));
        long n = x.size(2);
        Tensor classToken = x.narrow(2, 0, 1);
        x = x.narrow(2, 1, n - 1).transpose(2, 3);
        long b = x.size(0), heads = x.size(1), c = x.size(2);
        x = pool.call(x.reshape(b * heads, c, thw[0], thw[1], thw[2]).contiguous());
        thw[0] = x.size(2);
        thw[1] = x.size(3);
        thw[2] = x.size(4);
        x = Torch.cat(java.util.List.of(classToken, x.reshape(b, heads, c, -1).transpose(2, 3)), 2);
        if (normAct != null) x = normAct.call(x);
        return squeeze ? x.squeeze(1) : x;
    }
}
