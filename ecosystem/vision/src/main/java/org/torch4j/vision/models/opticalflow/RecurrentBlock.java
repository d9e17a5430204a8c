package org.torch4j.vision.models.opticalflow;

import org.torch4j.Tensor;
import org.torch4j.nn.Module;

/**
 * RAFT's recurrent block ({@code torchvision.models.optical_flow.raft.RecurrentBlock}), part of the update block:
 * one or two {@link ConvGRU}s applied in turn ({@code convgru1}, {@code convgru2}; raft_large's are 1x5 then 5x1).
 */
public class RecurrentBlock extends Module {
    /** The first GRU. */
    public final ConvGRU convgru1;
    /** The second GRU, or null with one kernel size (the state then passes through). */
    public final ConvGRU convgru2;
    /** The hidden state's channels. */
    public final long hiddenSize;

    /**
     * {@code RecurrentBlock(input_size=..., hidden_size=...)} with the default kernels (1, 5) and (5, 1), padded
     * (0, 2) and (2, 0).
     *
     * @param inputSize the input's channels
     * @param hiddenSize the hidden state's channels
     */
    public RecurrentBlock(long inputSize, long hiddenSize) {
        this(inputSize, hiddenSize, new long[][] {{1, 5}, {5, 1}}, new long[][] {{0, 2}, {2, 0}});
    }

    /**
     * {@code RecurrentBlock(input_size=..., hidden_size=..., kernel_size=..., padding=...)}.
     *
     * @param inputSize the input's channels
     * @param hiddenSize the hidden state's channels
     * @param kernelSize each GRU's kernel (height, width): 1 or 2 of them
     * @param padding each GRU's padding (height, width)
     * @throws IllegalArgumentException for other numbers of kernels, or as many paddings as kernels, with torchvision's messages
     */
    public RecurrentBlock(long inputSize, long hiddenSize, long[][] kernelSize, long[][] padding) {
        if (kernelSize.length != padding.length) {
            throw new IllegalArgumentException("kernel_size should have the same length as padding, instead got len(kernel_size) = "
                    + kernelSize.length + " and len(padding) = " + padding.length);
        }
        if (kernelSize.length != 1 && kernelSize.length != 2) {
            throw new IllegalArgumentException("kernel_size should either 1 or 2, instead got " + kernelSize.length);
        }
        convgru1 = registerModule("convgru1", new ConvGRU(inputSize, hiddenSize, kernelSize[0], padding[0]));
        convgru2 = kernelSize.length == 2 ? registerModule("convgru2", new ConvGRU(inputSize, hiddenSize, kernelSize[1], padding[1])) : null;
        this.hiddenSize = hiddenSize;
    }

    /**
     * The hidden state after both GRUs.
     *
     * @param h the hidden state [N, hiddenSize, H, W]
     * @param x the input [N, inputSize, H, W]
     * @return the new hidden state
     */
    public Tensor forward(Tensor h, Tensor x) {
        h = convgru1.call(h, x);
        return convgru2 == null ? h : convgru2.call(h, x);
    }

    /** {@link #forward(Tensor, Tensor)} with this module's hooks around it. */
    public Tensor call(Tensor h, Tensor x) {
        return callWithHooks(args -> forward((Tensor) args.get(0), (Tensor) args.get(1)), h, x);
    }
}
