package org.torch4j.audio.models;

import org.torch4j.Tensor;
import org.torch4j.nn.Conv1d;
import org.torch4j.nn.Conv2d;
import org.torch4j.nn.ConvNd;
import org.torch4j.nn.F;
import org.torch4j.nn.GroupNorm;
import org.torch4j.nn.Identity;
import org.torch4j.nn.Module;

/**
 * An HDemucs encoder layer (torchaudio's {@code _HEncLayer}), for the frequency branch (2-d convolutions
 * with kernels {@code [k, 1]} over [batch, channels, freqs, frames]) or the time branch (1-d): a strided
 * convolution, optionally the time branch's injected output, norm and GELU, a {@link DConv} residual
 * branch, then a {@code 1 + 2 context} convolution (square in the frequency branch, as torchaudio's) to
 * twice the channels, norm and GLU. An "empty" layer
 * is only the first convolution (the time layer merged into the frequency branch).
 */
public class HEncLayer extends Module {
    /** Whether this is a frequency layer (2-d convolutions). */
    public final boolean freq;
    /** Whether the layer is only its first convolution. */
    public final boolean empty;
    /** The kernel, stride and padding along the strided axis. */
    public final long kernelSize, stride, pad;
    /** {@code conv}: the strided convolution ({@code Conv2d} for frequency layers, else {@code Conv1d}). */
    public final ConvNd conv;
    /** {@code norm1} and {@code norm2}: {@code GroupNorm(normGroups, ...)} or {@code Identity}. */
    public final Module norm1, norm2;
    /** {@code rewrite}: the {@code 1 + 2 context} convolution, or {@code Identity} when empty. */
    public final Module rewrite;
    /** {@code dconv}: the {@link DConv} branch, or {@code Identity} when empty. */
    public final Module dconv;

    /**
     * torchaudio's constructor.
     *
     * @param chin input channels
     * @param chout output channels
     * @param kernelSize the kernel (torchaudio's default 8)
     * @param stride the stride (default 4)
     * @param normGroups group norm's groups (default 4)
     * @param empty only the first convolution (default false)
     * @param freq a frequency layer (default true)
     * @param normType "group_norm" (the default) or anything else for none
     * @param context the rewrite convolution's context (default 0)
     * @param dconvLstm the {@link DConv}'s lstm (torchaudio's {@code dconv_kw}; {@link DConv}'s default false)
     * @param dconvAttn the {@link DConv}'s attn (default false)
     * @param dconvDepth the {@link DConv}'s depth (default 2)
     * @param dconvCompress the {@link DConv}'s compress (default 4)
     * @param dconvInit the {@link DConv}'s init (default 1e-4)
     * @param pad pad by {@code kernelSize / 4} so that the output is the input divided by the stride (default true)
     */
    public HEncLayer(long chin, long chout, long kernelSize, long stride, long normGroups, boolean empty, boolean freq, String normType,
                     long context, boolean dconvLstm, boolean dconvAttn, int dconvDepth, double dconvCompress, double dconvInit, boolean pad) {
        boolean groupNorm = "group_norm".equals(normType);
        long padVal = pad ? kernelSize / 4 : 0;
        this.freq = freq;
        this.kernelSize = kernelSize;
        this.stride = stride;
        this.empty = empty;
        this.pad = padVal;
        conv = registerModule("conv", freq ? conv2d(chin, chout, kernelSize, stride, padVal) : conv1d(chin, chout, kernelSize, stride, padVal));
        norm1 = registerModule("norm1", groupNorm ? new GroupNorm(normGroups, chout) : new Identity());
        if (empty) {
            rewrite = registerModule("rewrite", new Identity());
            norm2 = registerModule("norm2", new Identity());
            dconv = registerModule("dconv", new Identity());
        } else {
            long k = 1 + 2 * context;
            rewrite = registerModule("rewrite", freq ? new Conv2d(chout, 2 * chout, k, 1, context) : conv1d(chout, 2 * chout, k, 1, context));
            norm2 = registerModule("norm2", groupNorm ? new GroupNorm(normGroups, 2 * chout) : new Identity());
            dconv = registerModule("dconv", new DConv(chout, dconvCompress, dconvDepth, dconvInit, dconvAttn, dconvLstm));
        }
    }

    /** torchaudio's time convolutions. */
    static Conv1d conv1d(long in, long out, long kernel, long stride, long padding) {
        return new Conv1d(in, out, new long[] {kernel}, new long[] {stride}, new long[] {padding}, new long[] {1}, 1, true, "zeros");
    }

    /** torchaudio's frequency convolutions: kernel, stride and padding along the frequencies only. */
    static Conv2d conv2d(long in, long out, long kernel, long stride, long padding) {
        return new Conv2d(in, out, new long[] {kernel, 1}, new long[] {stride, 1}, new long[] {padding, 0}, new long[] {1, 1}, 1, true, "zeros");
    }

    /** {@link #forward(Tensor, Tensor)} without injection. */
    @Override
    public Tensor forward(Tensor x) {
        return forward(x, null);
    }

    /** {@code layer(x, inject)}: {@link #forward(Tensor, Tensor)} with the hooks around it. */
    public final Tensor call(Tensor x, Tensor inject) {
        return callWithHooks(a -> forward((Tensor) a.get(0), (Tensor) a.get(1)), x, inject);
    }

    /**
     * Encodes.
     *
     * @param x [batch, channels, freqs, frames] for a frequency layer, [batch, channels, time] (or a 4-d
     *     input, flattened) for a time layer, which is padded at the end to a multiple of the stride
     * @param inject null, or the time branch's output added after the first convolution (last frequency layer)
     * @return [batch, chout, freqs / stride, frames] or [batch, chout, ceil(time / stride)]
     * @throws IllegalArgumentException when the injection's last dimension differs from the output's
     */
    public Tensor forward(Tensor x, Tensor inject) {
        if (!freq && x.dim() == 4) x = x.view(x.size(0), -1, x.size(3));
        if (!freq) {
            long le = x.size(-1);
            if (le % stride != 0) x = F.pad(x, 0, stride - le % stride);
        }
        Tensor y = conv.call(x);
        if (empty) return y;
        if (inject != null) {
            if (inject.size(-1) != y.size(-1)) throw new IllegalArgumentException("Injection shapes do not align");
            if (inject.dim() == 3 && y.dim() == 4) inject = inject.unsqueeze(2);
            y = y.add(inject);
        }
        y = F.gelu(norm1.call(y));
        if (freq) {
            long b = y.size(0), c = y.size(1), fr = y.size(2), t = y.size(3);
            y = dconv.call(y.permute(0, 2, 1, 3).reshape(-1, c, t));
            y = y.view(b, fr, c, t).permute(0, 2, 1, 3);
        } else {
            y = dconv.call(y);
        }
        return F.glu(norm2.call(rewrite.call(y)), 1);
    }
}
