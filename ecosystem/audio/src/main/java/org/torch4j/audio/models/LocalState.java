package org.torch4j.audio.models;

import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.Conv1d;
import org.torch4j.nn.F;
import org.torch4j.nn.Module;

/**
 * HDemucs's local attention over time (torchaudio's {@code _LocalState}): multi-head attention of the
 * positions on each other without positional embedding, the logits penalised by learnt decays of the
 * distance and the diagonal masked, added back to the input through a 1x1 projection.
 */
public class LocalState extends Module {
    /** Attention heads and decay controls. */
    public final long heads, ndecay;
    /** {@code content}, {@code query}, {@code key}, {@code query_decay} (to {@code heads * ndecay}) and {@code proj}: 1x1 convolutions. */
    public final Conv1d content, query, key, queryDecay, proj;

    /**
     * torchaudio's constructor; {@code query_decay} starts with its weight times 0.01 and its bias -2.
     *
     * @param channels the channels, divisible by {@code heads}
     * @param heads attention heads (torchaudio's default 4)
     * @param ndecay decay controls per head (default 4); 0 for none
     * @throws IllegalArgumentException when the channels are not divisible by the heads
     */
    public LocalState(long channels, long heads, long ndecay) {
        if (channels % heads != 0) throw new IllegalArgumentException("Channels must be divisible by heads.");
        this.heads = heads;
        this.ndecay = ndecay;
        content = registerModule("content", new Conv1d(channels, channels, 1));
        query = registerModule("query", new Conv1d(channels, channels, 1));
        key = registerModule("key", new Conv1d(channels, channels, 1));
        queryDecay = registerModule("query_decay", new Conv1d(channels, heads * ndecay, 1));
        if (ndecay != 0) {
            try (var noGrad = Torch.noGrad()) {
                queryDecay.weight.mul_(0.01);
                queryDecay.bias.fill_(-2);
            }
        }
        proj = registerModule("proj", new Conv1d(channels, channels, 1));
    }

    /**
     * {@code x + proj(attention(x))}.
     *
     * @param x [batch, channels, time]
     * @return [batch, channels, time]
     */
    @Override
    public Tensor forward(Tensor x) {
        long b = x.size(0), t = x.size(2);
        Tensor indexes = Torch.arange(t).to(x.dtype());
        Tensor delta = indexes.unsqueeze(1).sub(indexes.unsqueeze(0));
        Tensor queries = query.call(x).view(b, heads, -1, t);
        Tensor keys = key.call(x).view(b, heads, -1, t);
        Tensor dots = Torch.einsum("bhct,bhcs->bhts", keys, queries).div(Math.sqrt(keys.size(2)));
        if (ndecay != 0) {
            Tensor decays = Torch.arange(1, ndecay + 1, 1).to(x.dtype());
            Tensor decayQ = queryDecay.call(x).view(b, heads, -1, t).sigmoid().div(2);
            Tensor decayKernel = decays.view(-1, 1, 1).neg().mul(delta.abs()).div(Math.sqrt(ndecay));
            dots = dots.add(Torch.einsum("fts,bhfs->bhts", decayKernel, decayQ));
        }
        dots = dots.maskedFill(Torch.eye(t).to(DType.BOOL).to(x.device()), -100);
        Tensor weights = F.softmax(dots, 2);
        Tensor c = content.call(x).view(b, heads, -1, t);
        Tensor result = Torch.einsum("bhts,bhct->bhcs", weights, c).reshape(b, -1, t);
        return x.add(proj.call(result));
    }
}
