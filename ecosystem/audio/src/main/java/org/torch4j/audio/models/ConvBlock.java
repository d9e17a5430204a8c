package org.torch4j.audio.models;

import org.torch4j.Tensor;
import org.torch4j.nn.Conv1d;
import org.torch4j.nn.GroupNorm;
import org.torch4j.nn.Module;
import org.torch4j.nn.PReLU;
import org.torch4j.nn.Sequential;

/**
 * One 1-d convolutional block of Conv-TasNet's mask generator (torchaudio's {@code conv_tasnet.ConvBlock}):
 * a 1x1 convolution to the hidden width, PReLU, global layer norm (a one-group {@link GroupNorm}, eps
 * 1e-8), a dilated depthwise convolution, PReLU, global layer norm; then 1x1 convolutions back to the
 * input width for the residual path (absent in the very last block) and the skip path.
 */
public class ConvBlock extends Module {
    /**
     * What a block gives.
     *
     * @param residual the residual output, added to the block's input (null without a residual path)
     * @param skip the skip output, summed over the blocks
     */
    public record Output(Tensor residual, Tensor skip) {}

    /** {@code conv_layers}: the six layers before the two output convolutions. */
    public final Sequential convLayers;
    /** {@code res_out}, or null with {@code noResidual}. */
    public final Conv1d resOut;
    /** {@code skip_out}. */
    public final Conv1d skipOut;

    /**
     * torchaudio's constructor.
     *
     * @param padding of the depthwise convolution (its dilation keeps the length)
     * @param noResidual no residual path (torchaudio's last block, whose residual nobody reads)
     */
    public ConvBlock(long ioChannels, long hiddenChannels, long kernelSize, long padding, long dilation, boolean noResidual) {
        convLayers = registerModule("conv_layers", new Sequential(
                new Conv1d(ioChannels, hiddenChannels, 1),
                new PReLU(),
                new GroupNorm(1, hiddenChannels, 1e-8, true),
                new Conv1d(hiddenChannels, hiddenChannels, new long[] {kernelSize}, new long[] {1}, new long[] {padding},
                        new long[] {dilation}, hiddenChannels, true, "zeros"),
                new PReLU(),
                new GroupNorm(1, hiddenChannels, 1e-8, true)));
        resOut = noResidual ? null : registerModule("res_out", new Conv1d(hiddenChannels, ioChannels, 1));
        skipOut = registerModule("skip_out", new Conv1d(hiddenChannels, ioChannels, 1));
    }

    /** {@code module(input)} as this block's two outputs, with its hooks around {@link #forwardBoth}. */
    public final Output callBoth(Tensor input) {
        return callWithHooks(args -> forwardBoth((Tensor) args.get(0)), input);
    }

    /** [batch, io, frames] to the residual and skip outputs, each [batch, io, frames]. */
    public Output forwardBoth(Tensor input) {
        Tensor feature = convLayers.call(input);
        return new Output(resOut == null ? null : resOut.call(feature), skipOut.call(feature));
    }

    /** The skip output alone (so the block works as a one-input module). */
    @Override
    public Tensor forward(Tensor input) {
        return forwardBoth(input).skip();
    }
}
