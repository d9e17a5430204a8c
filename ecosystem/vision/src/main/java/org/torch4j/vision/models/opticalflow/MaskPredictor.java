package org.torch4j.vision.models.opticalflow;

import org.torch4j.Tensor;
import org.torch4j.nn.Conv2d;
import org.torch4j.nn.Module;
import org.torch4j.vision.models.Conv2dNormActivation;

/**
 * The upsampling mask's predictor ({@code torchvision.models.optical_flow.raft.MaskPredictor}, raft_large only): a
 * 3x3 conv-ReLU ({@code convrelu}) and a 1x1 conv ({@code conv}) to 8 * 8 * 9 channels (the weights of the 9
 * coarse neighbours of each of the 8x8 fine pixels), times {@code multiplier}.
 */
public class MaskPredictor extends Module {
    /** The 3x3 conv (with bias) and ReLU. */
    public final Conv2dNormActivation convrelu;
    /** The 1x1 conv to 576 channels. */
    public final Conv2d conv;
    /** The factor on the output (0.25, which the original code uses to scale down this branch's gradients). */
    public final double multiplier;

    /**
     * {@code MaskPredictor(in_channels=..., hidden_size=..., multiplier=...)}.
     *
     * @param inChannels the hidden state's channels
     * @param hiddenSize the intermediate channels
     * @param multiplier the factor on the output
     */
    public MaskPredictor(long inChannels, long hiddenSize, double multiplier) {
        convrelu = registerModule("convrelu", MotionEncoder.block(inChannels, hiddenSize, 3));
        conv = registerModule("conv", new Conv2d(hiddenSize, 8 * 8 * 9, 1, 1, 0));
        this.multiplier = multiplier;
    }

    /** The mask [N, 576, H, W] of a hidden state [N, inChannels, H, W]. */
    @Override
    public Tensor forward(Tensor x) {
        return conv.call(convrelu.call(x)).mul(multiplier);
    }
}
