package org.torch4j.vision.models.opticalflow;

import java.util.List;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.Identity;
import org.torch4j.nn.Module;
import org.torch4j.nn.ReLU;
import org.torch4j.vision.models.Conv2dNormActivation;

/**
 * RAFT's motion encoder ({@code torchvision.models.optical_flow.raft.MotionEncoder}), part of the update block: the
 * correlation features through {@code convcorr1} (1x1) and {@code convcorr2} (3x3, or the identity), the current flow
 * through {@code convflow1} (7x7) and {@code convflow2} (3x3), both concatenated through {@code conv} (3x3) to
 * {@code outChannels - 2} channels, and the flow appended. Every block is conv (with bias) and ReLU.
 */
public class MotionEncoder extends Module {
    /** The 1x1 conv-ReLU on the correlation features. */
    public final Conv2dNormActivation convcorr1;
    /** The second 3x3 conv-ReLU on the correlation features, or {@link Identity} with one corr layer. */
    public final Module convcorr2;
    /** The 7x7 conv-ReLU on the flow. */
    public final Conv2dNormActivation convflow1;
    /** The 3x3 conv-ReLU on the flow. */
    public final Conv2dNormActivation convflow2;
    /** The 3x3 conv-ReLU on both, to {@code outChannels - 2} channels. */
    public final Conv2dNormActivation conv;
    /** The output's channels, the flow's 2 included. */
    public final long outChannels;

    /**
     * {@code MotionEncoder(in_channels_corr=..., corr_layers=..., flow_layers=..., out_channels=...)}.
     *
     * @param inChannelsCorr the correlation features' channels
     * @param corrLayers the correlation branch's channels (1 or 2 values; torchvision's default 256, 192)
     * @param flowLayers the flow branch's channels (2 values; default 128, 64)
     * @param outChannels the output's channels (default 128)
     * @throws IllegalArgumentException for other numbers of layers, with torchvision's messages
     */
    public MotionEncoder(long inChannelsCorr, long[] corrLayers, long[] flowLayers, long outChannels) {
        if (flowLayers.length != 2) {
            throw new IllegalArgumentException("The expected number of flow_layers is 2, instead got " + flowLayers.length);
        }
        if (corrLayers.length != 1 && corrLayers.length != 2) {
            throw new IllegalArgumentException("The number of corr_layers should be 1 or 2, instead got " + corrLayers.length);
        }
        convcorr1 = registerModule("convcorr1", block(inChannelsCorr, corrLayers[0], 1));
        convcorr2 = registerModule("convcorr2", corrLayers.length == 2 ? block(corrLayers[0], corrLayers[1], 3) : new Identity());
        convflow1 = registerModule("convflow1", block(2, flowLayers[0], 7));
        convflow2 = registerModule("convflow2", block(flowLayers[0], flowLayers[1], 3));
        conv = registerModule("conv", block(corrLayers[corrLayers.length - 1] + flowLayers[1], outChannels - 2, 3));
        this.outChannels = outChannels;
    }

    /** A conv with bias and a ReLU, padded to keep the size ({@code Conv2dNormActivation(..., norm_layer=None)}). */
    static Conv2dNormActivation block(long in, long out, long kernelSize) {
        return new Conv2dNormActivation(in, out, kernelSize, 1, -1, 1, 1, true, null, new ReLU(true));
    }

    /**
     * The motion features [N, outChannels, h, w].
     *
     * @param flow the current flow [N, 2, h, w]
     * @param corrFeatures the correlation features [N, inChannelsCorr, h, w]
     * @return the encoded features with the flow as the last two channels
     */
    public Tensor forward(Tensor flow, Tensor corrFeatures) {
        Tensor corr = convcorr2.call(convcorr1.call(corrFeatures));
        Tensor f = convflow2.call(convflow1.call(flow));
        Tensor corrFlow = conv.call(Torch.cat(List.of(corr, f), 1));
        return Torch.cat(List.of(corrFlow, flow), 1);
    }

    /** {@link #forward(Tensor, Tensor)} with this module's hooks around it. */
    public Tensor call(Tensor flow, Tensor corrFeatures) {
        return callWithHooks(args -> forward((Tensor) args.get(0), (Tensor) args.get(1)), flow, corrFeatures);
    }
}
