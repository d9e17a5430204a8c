package org.torch4j.audio.models;

import java.util.ArrayList;
import java.util.List;
import org.torch4j.Tensor;
import org.torch4j.nn.Conv1d;
import org.torch4j.nn.GELU;
import org.torch4j.nn.GLU;
import org.torch4j.nn.GroupNorm;
import org.torch4j.nn.Identity;
import org.torch4j.nn.Module;
import org.torch4j.nn.ModuleList;
import org.torch4j.nn.Sequential;

/**
 * HDemucs's residual branches inside each encoder layer (torchaudio's {@code _DConv}): {@code depth}
 * residual layers, each a dilated convolution down to {@code channels / compress}, norm, GELU, optionally
 * a {@link BLSTM} and a {@link LocalState}, a 1x1 convolution to {@code 2 * channels}, norm, GLU and a
 * {@link LayerScale}.
 */
public class DConv extends Module {
    /** The channels in and out. */
    public final long channels;
    /** The compression of the hidden channels. */
    public final double compress;
    /** The number of residual layers. */
    public final int depth;
    /** {@code layers}: each a {@code Sequential}. */
    public final ModuleList layers;

    /**
     * torchaudio's constructor.
     *
     * @param channels the channels in and out
     * @param compress the hidden channels are {@code (int) (channels / compress)} (torchaudio's default 4)
     * @param depth the residual layers (default 2); positive: the dilation doubles each layer, negative: no dilation
     * @param init the layer scales' initial value (default 1e-4)
     * @param normType "group_norm" (one group; the default) or anything else for none
     * @param attn add a {@link LocalState} (default false)
     * @param heads its heads (default 4)
     * @param ndecay its decay controls (default 4)
     * @param lstm add a two-layer {@link BLSTM} with skip (default false)
     * @param kernelSize the dilated convolutions' kernel, odd (default 3)
     * @throws IllegalArgumentException for an even kernel, or hidden channels the heads do not divide
     */
    public DConv(long channels, double compress, int depth, double init, String normType, boolean attn, long heads, long ndecay, boolean lstm,
                 long kernelSize) {
        if (kernelSize % 2 == 0) throw new IllegalArgumentException("Kernel size should not be divisible by 2");
        this.channels = channels;
        this.compress = compress;
        this.depth = Math.abs(depth);
        boolean dilate = depth > 0;
        boolean groupNorm = "group_norm".equals(normType);
        long hidden = (long) (channels / compress);
        layers = registerModule("layers", new ModuleList());
        for (int d = 0; d < this.depth; d++) {
            long dilation = dilate ? 1L << d : 1;
            long padding = dilation * (kernelSize / 2);
            List<Module> mods = new ArrayList<>(List.of(
                    new Conv1d(channels, hidden, new long[] {kernelSize}, new long[] {1}, new long[] {padding}, new long[] {dilation}, 1, true,
                            "zeros"),
                    groupNorm ? new GroupNorm(1, hidden) : new Identity(),
                    new GELU(),
                    new Conv1d(hidden, 2 * channels, 1),
                    groupNorm ? new GroupNorm(1, 2 * channels) : new Identity(),
                    new GLU(1),
                    new LayerScale(channels, init)));
            if (attn) mods.add(3, new LocalState(hidden, heads, ndecay));
            if (lstm) mods.add(3, new BLSTM(hidden, 2, true));
            layers.add(new Sequential(mods.toArray(new Module[0])));
        }
    }

    /** With torchaudio's defaults for the norm (group norm), heads (4), decays (4) and kernel (3). */
    public DConv(long channels, double compress, int depth, double init, boolean attn, boolean lstm) {
        this(channels, compress, depth, init, "group_norm", attn, 4, 4, lstm, 3);
    }

    /**
     * {@code x = x + layer(x)} for each layer.
     *
     * @param x [batch, channels, time]
     * @return [batch, channels, time]
     */
    @Override
    public Tensor forward(Tensor x) {
        for (Module layer : layers.children()) x = x.add(((Sequential) layer).call(x));
        return x;
    }
}
