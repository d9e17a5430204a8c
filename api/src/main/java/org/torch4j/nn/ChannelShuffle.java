package org.torch4j.nn;

import org.torch4j.Tensor;

/** Interleaves the channels of [N, C, *] from {@code groups} groups ({@code torch.nn.ChannelShuffle}). */
public class ChannelShuffle extends Module {
    /** The number of groups the channels are split into. */
    public final long groups;

    /** ChannelShuffle over {@code groups} groups. */
    public ChannelShuffle(long groups) {
        this.groups = groups;
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.channelShuffle(input, groups);
    }

    @Override
    protected String extraRepr() {
        return "groups=" + groups;
    }
}
