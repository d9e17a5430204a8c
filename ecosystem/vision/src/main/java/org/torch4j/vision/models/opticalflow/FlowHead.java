package org.torch4j.vision.models.opticalflow;

import org.torch4j.Tensor;
import org.torch4j.nn.Conv2d;
import org.torch4j.nn.Module;
import org.torch4j.nn.ReLU;

/**
 * RAFT's flow head ({@code torchvision.models.optical_flow.raft.FlowHead}): the hidden state through a 3x3 conv
 * ({@code conv1}), ReLU and a 3x3 conv to 2 channels ({@code conv2}), the predicted change of the flow.
 */
public class FlowHead extends Module {
    /** The 3x3 conv to {@code hiddenSize} channels. */
    public final Conv2d conv1;
    /** The 3x3 conv to the flow's 2 channels. */
    public final Conv2d conv2;
    private final Module relu;

    /**
     * {@code FlowHead(in_channels=..., hidden_size=...)}.
     *
     * @param inChannels the hidden state's channels
     * @param hiddenSize the intermediate channels
     */
    public FlowHead(long inChannels, long hiddenSize) {
        conv1 = registerModule("conv1", new Conv2d(inChannels, hiddenSize, 3, 1, 1));
        conv2 = registerModule("conv2", new Conv2d(hiddenSize, 2, 3, 1, 1));
        relu = registerModule("relu", new ReLU(true));
    }

    /** The delta flow [N, 2, H, W] of a hidden state [N, inChannels, H, W]. */
    @Override
    public Tensor forward(Tensor x) {
        return conv2.call(relu.call(conv1.call(x)));
    }
}
