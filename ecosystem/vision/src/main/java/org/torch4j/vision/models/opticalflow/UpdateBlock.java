package org.torch4j.vision.models.opticalflow;

import java.util.List;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.Module;

/**
 * RAFT's update block ({@code torchvision.models.optical_flow.raft.UpdateBlock}): the {@link MotionEncoder} of the
 * flow and the correlation features, concatenated after the context, updates the hidden state through the
 * {@link RecurrentBlock}, and the {@link FlowHead} predicts the change of the flow from it.
 */
public class UpdateBlock extends Module {
    /** The motion encoder. */
    public final MotionEncoder motionEncoder;
    /** The recurrent unit. */
    public final RecurrentBlock recurrentBlock;
    /** The flow head. */
    public final FlowHead flowHead;
    /** The recurrent unit's hidden state channels ({@code hidden_state_size}). */
    public final long hiddenStateSize;

    /**
     * What one update gives.
     *
     * @param hiddenState the updated hidden state
     * @param deltaFlow the predicted change of the flow [N, 2, h, w]
     */
    public record Output(Tensor hiddenState, Tensor deltaFlow) {}

    /**
     * {@code UpdateBlock(motion_encoder=..., recurrent_block=..., flow_head=...)}.
     *
     * @param motionEncoder the motion encoder ({@code motion_encoder})
     * @param recurrentBlock the recurrent unit ({@code recurrent_block})
     * @param flowHead the flow head ({@code flow_head})
     */
    public UpdateBlock(MotionEncoder motionEncoder, RecurrentBlock recurrentBlock, FlowHead flowHead) {
        this.motionEncoder = registerModule("motion_encoder", motionEncoder);
        this.recurrentBlock = registerModule("recurrent_block", recurrentBlock);
        this.flowHead = registerModule("flow_head", flowHead);
        hiddenStateSize = recurrentBlock.hiddenSize;
    }

    /**
     * One update.
     *
     * @param hiddenState the recurrent unit's state
     * @param context the context features
     * @param corrFeatures the correlation features at the current flow
     * @param flow the current flow
     * @return the new hidden state and the delta flow
     */
    public Output forward(Tensor hiddenState, Tensor context, Tensor corrFeatures, Tensor flow) {
        Tensor motionFeatures = motionEncoder.call(flow, corrFeatures);
        Tensor x = Torch.cat(List.of(context, motionFeatures), 1);
        hiddenState = recurrentBlock.call(hiddenState, x);
        return new Output(hiddenState, flowHead.call(hiddenState));
    }

    /** {@link #forward(Tensor, Tensor, Tensor, Tensor)} with this module's hooks around it. */
    public Output call(Tensor hiddenState, Tensor context, Tensor corrFeatures, Tensor flow) {
        return callWithHooks(args -> forward((Tensor) args.get(0), (Tensor) args.get(1), (Tensor) args.get(2), (Tensor) args.get(3)),
                hiddenState, context, corrFeatures, flow);
    }
}
