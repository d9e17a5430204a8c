package org.torch4j.audio.models;

import org.torch4j.Tensor;
import org.torch4j.nn.Conv2d;
import org.torch4j.nn.ConvTranspose1d;
import org.torch4j.nn.ConvTranspose2d;
import org.torch4j.nn.F;
import org.torch4j.nn.GroupNorm;
import org.torch4j.nn.Identity;
import org.torch4j.nn.Module;

/**
 * An HDemucs decoder layer (torchaudio's {@code _HDecLayer}), for the frequency branch (2-d) or the time
 * branch (1-d): the skip connection added, a {@code 1 + 2 context} convolution to twice the channels,
 * norm and GLU, then a strided transposed convolution, norm, the padding trimmed, and GELU (except for
 * the last layer). An "empty" layer is only the transposed convolution (the time layer split off the
 * frequency branch).
 */
public class HDecLayer extends Module {
    /** The padding trimmed from each side along the strided axis. */
    public final long pad;
    /** Whether this is the last layer (no GELU), a frequency layer, and only its transposed convolution. */
    public final boolean last, freq, empty;
    /** Input channels, stride and kernel. */
    public final long chin, stride, kernelSize;
    /** {@code conv_tr}: {@code ConvTranspose2d} with kernels {@code [k, 1]} for frequency layers, else {@code ConvTranspose1d}. */
    public final Module convTr;
    /** {@code norm2} (after the transposed convolution) and {@code norm1} (after the rewrite): group norms or {@code Identity}. */
    public final Module norm2, norm1;
    /** {@code rewrite}: the {@code 1 + 2 context} convolution, or {@code Identity} when empty. */
    public final Module rewrite;

    /**
     * A layer's output and its input to the transposed convolution (which the frequency branch hands
     * to the time branch where they split).
     *
     * @param output the decoded tensor
     * @param pre the tensor before the transposed convolution
     */
    public record Output(Tensor output, Tensor pre) {}

    /**
     * torchaudio's constructor.
     *
     * @param chin input channels
     * @param chout output channels
     * @param last the last layer: no GELU (default false)
     * @param kernelSize the kernel (default 8)
     * @param stride the stride (default 4)
     * @param normGroups group norm's groups (default 1)
     * @param empty only the transposed convolution (default false)
     * @param freq a frequency layer (default true)
     * @param normType "group_norm" (the default) or anything else for none
     * @param context the rewrite convolution's context (default 1)
     * @param pad trim {@code (kernelSize - stride) / 2} on each side (default true)
     * @throws IllegalArgumentException with padding when {@code kernelSize - stride} is odd
     */
    public HDecLayer(long chin, long chout, boolean last, long kernelSize, long stride, long normGroups, boolean empty, boolean freq,
                     String normType, long context, boolean pad) {
        boolean groupNorm = "group_norm".equals(normType);
        if (pad && (kernelSize - stride) % 2 != 0) throw new IllegalArgumentException("Kernel size and stride do not align");
        this.pad = pad ? (kernelSize - stride) / 2 : 0;
        this.last = last;
        this.freq = freq;
        this.chin = chin;
        this.empty = empty;
        this.stride = stride;
        this.kernelSize = kernelSize;
        convTr = registerModule("conv_tr", freq
                ? new ConvTranspose2d(chin, chout, new long[] {kernelSize, 1}, new long[] {stride, 1}, new long[] {0, 0}, new long[] {0, 0}, 1,
                        true, new long[] {1, 1})
                : new ConvTranspose1d(chin, chout, new long[] {kernelSize}, new long[] {stride}, new long[] {0}, new long[] {0}, 1, true,
                        new long[] {1}));
        norm2 = registerModule("norm2", groupNorm ? new GroupNorm(normGroups, chout) : new Identity());
        if (empty) {
            rewrite = registerModule("rewrite", new Identity());
            norm1 = registerModule("norm1", new Identity());
        } else {
            long k = 1 + 2 * context;
            rewrite = registerModule("rewrite", freq ? new Conv2d(chin, 2 * chin, k, 1, context) : HEncLayer.conv1d(chin, 2 * chin, k, 1, context));
            norm1 = registerModule("norm1", groupNorm ? new GroupNorm(normGroups, 2 * chin) : new Identity());
        }
    }

    /** Not a one-input module: use {@link #forward(Tensor, Tensor, long)}. */
    @Override
    public Tensor forward(Tensor input) {
        throw new UnsupportedOperationException("HDecLayer takes the input, the skip connection and the output length");
    }

    /** {@code layer(x, skip, length)}: {@link #forward(Tensor, Tensor, long)} with the hooks around it. */
    public final Output call(Tensor x, Tensor skip, long length) {
        return callWithHooks(a -> forward((Tensor) a.get(0), (Tensor) a.get(1), (Long) a.get(2)), x, skip, length);
    }

    /**
     * Decodes.
     *
     * @param x [batch, chin, freqs, frames] (or [batch, chin * freqs, frames], unflattened) for a frequency
     *     layer, [batch, chin, time] for a time layer
     * @param skip the encoder's output at this depth, or null for an empty layer
     * @param length the time layer's output length (ignored by frequency layers)
     * @return the output and the input to the transposed convolution
     * @throws IllegalArgumentException when an empty layer gets a skip, or the trimmed time output is not {@code length} long
     */
    public Output forward(Tensor x, Tensor skip, long length) {
        if (freq && x.dim() == 3) x = x.view(x.size(0), chin, -1, x.size(2));
        Tensor y;
        if (!empty) {
            x = x.add(skip);
            y = F.glu(norm1.call(rewrite.call(x)), 1);
        } else {
            y = x;
            if (skip != null) throw new IllegalArgumentException("Skip must be none when empty is true.");
        }
        Tensor z = norm2.call(convTr.call(y));
        if (freq) {
            if (pad != 0) z = z.narrow(2, pad, z.size(2) - 2 * pad);
        } else {
            z = z.narrow(-1, pad, Math.min(length, z.size(-1) - pad));
            if (z.size(-1) != length) throw new IllegalArgumentException("Last index of z must be equal to length");
        }
        if (!last) z = F.gelu(z);
        return new Output(z, y);
    }
}
