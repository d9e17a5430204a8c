package org.torch4j.vision.models.opticalflow;

import java.util.List;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.Conv2d;
import org.torch4j.nn.Module;

/**
 * A convolutional GRU unit ({@code torchvision.models.optical_flow.raft.ConvGRU}): update gate {@code convz}, reset
 * gate {@code convr} and candidate {@code convq}, each a convolution (with bias) of the hidden state and the input
 * concatenated.
 */
public class ConvGRU extends Module {
    /** The update gate's convolution. */
    public final Conv2d convz;
    /** The reset gate's convolution. */
    public final Conv2d convr;
    /** The candidate state's convolution. */
    public final Conv2d convq;

    /**
     * {@code ConvGRU(input_size=..., hidden_size=..., kernel_size=..., padding=...)}.
     *
     * @param inputSize the input's channels
     * @param hiddenSize the hidden state's channels
     * @param kernelSize the convolutions' kernel (height, width)
     * @param padding the convolutions' padding (height, width)
     */
    public ConvGRU(long inputSize, long hiddenSize, long[] kernelSize, long[] padding) {
        convz = registerModule("convz", conv(inputSize, hiddenSize, kernelSize, padding));
        convr = registerModule("convr", conv(inputSize, hiddenSize, kernelSize, padding));
        convq = registerModule("convq", conv(inputSize, hiddenSize, kernelSize, padding));
    }

    private static Conv2d conv(long inputSize, long hiddenSize, long[] kernelSize, long[] padding) {
        return new Conv2d(hiddenSize + inputSize, hiddenSize, kernelSize, new long[] {1}, padding, new long[] {1}, 1, true, "zeros");
    }

    /**
     * The next hidden state {@code (1 - z) * h + z * q}.
     *
     * @param h the hidden state [N, hiddenSize, H, W]
     * @param x the input [N, inputSize, H, W]
     * @return the new hidden state
     */
    public Tensor forward(Tensor h, Tensor x) {
        Tensor hx = Torch.cat(List.of(h, x), 1);
        Tensor z = convz.call(hx).sigmoid();
        Tensor r = convr.call(hx).sigmoid();
        Tensor q = convq.call(Torch.cat(List.of(r.mul(h), x), 1)).tanh();
        return z.rsub(1).mul(h).add(z.mul(q));
    }

    /** {@link #forward(Tensor, Tensor)} with this module's hooks around it. */
    public Tensor call(Tensor h, Tensor x) {
        return callWithHooks(args -> forward((Tensor) args.get(0), (Tensor) args.get(1)), h, x);
    }
}
