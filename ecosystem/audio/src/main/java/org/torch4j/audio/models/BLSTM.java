package org.torch4j.audio.models;

import java.util.ArrayList;
import java.util.List;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.F;
import org.torch4j.nn.LSTM;
import org.torch4j.nn.Linear;
import org.torch4j.nn.Module;

/**
 * A bidirectional LSTM over time with a linear back to the input width (torchaudio's {@code _BLSTM}, in
 * HDemucs's DConv branches). Inputs longer than {@link #maxSteps} run as overlapping chunks of
 * {@code maxSteps} (stride half of it), each chunk's edges (a quarter of the stride) dropped when they
 * are put back together.
 */
public class BLSTM extends Module {
    /** The longest sequence the LSTM sees at once: 200. */
    public final long maxSteps = 200;
    /** Whether the input is added to the output. */
    public final boolean skip;
    /** {@code lstm}: {@code dim} wide each way, time first. */
    public final LSTM lstm;
    /** {@code linear}: {@code 2 * dim} to {@code dim}. */
    public final Linear linear;

    /**
     * torchaudio's constructor.
     *
     * @param dim the channels (the LSTM's input and hidden width)
     * @param layers the LSTM's layers (torchaudio's default 1)
     * @param skip add the input to the output (default false)
     */
    public BLSTM(long dim, int layers, boolean skip) {
        lstm = registerModule("lstm", new LSTM(dim, dim, layers, true, false, 0, true));
        linear = registerModule("linear", new Linear(2 * dim, dim));
        this.skip = skip;
    }

    /**
     * The BLSTM along time.
     *
     * @param x [batch, dim, time]
     * @return [batch, dim, time]
     */
    @Override
    public Tensor forward(Tensor x) {
        long b = x.size(0), c = x.size(1), t = x.size(2);
        Tensor y = x;
        boolean framed = t > maxSteps;
        long width = maxSteps, stride = width / 2, nframes = 0;
        if (framed) {
            nframes = (t + stride - 1) / stride;
            long target = (nframes - 1) * stride + width;
            Tensor frames = F.pad(x, 0, target - t).unfold(2, width, stride);   // _unfold: [batch, dim, frames, width]
            x = frames.permute(0, 2, 1, 3).reshape(-1, c, width);
        }
        x = linear.call(lstm.call(x.permute(2, 0, 1), null).output()).permute(1, 2, 0);
        if (framed) {
            Tensor frames = x.reshape(b, -1, c, width);
            long limit = stride / 2;
            List<Tensor> out = new ArrayList<>();
            for (long k = 0; k < nframes; k++) {
                Tensor f = frames.select(1, k);
                long from = k == 0 ? 0 : limit, to = k == nframes - 1 ? width : width - limit;
                out.add(f.narrow(2, from, to - from));
            }
            x = Torch.cat(out, -1).narrow(2, 0, t);
        }
        return skip ? x.add(y) : x;
    }
}
