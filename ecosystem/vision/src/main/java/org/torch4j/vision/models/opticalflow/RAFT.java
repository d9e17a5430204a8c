package org.torch4j.vision.models.opticalflow;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.BatchNorm2d;
import org.torch4j.nn.InstanceNorm2d;
import org.torch4j.nn.Module;

/**
 * RAFT ({@code torchvision.models.optical_flow.RAFT}, Teed and Deng 2020, "Recurrent All-Pairs Field Transforms for
 * Optical Flow"): the feature encoder reads both images, the correlation block builds the all-pairs correlation
 * pyramid of their features, the context encoder reads the first image (its output split into the recurrent unit's
 * initial state, through tanh, and the context, through ReLU), and each of the {@code numFlowUpdates} iterations
 * looks up the correlations at the current flow, updates it with the update block and upsamples it from 1/8 of the
 * resolution: convexly with the mask predictor's weights ({@link #raftLarge()}), else bilinearly ({@link #raftSmall()}).
 * Module tree, state-dict keys ({@code feature_encoder.convnormrelu.0.weight}, ...) and initialisation are
 * torchvision's, so a model built after {@code Torch.manualSeed(s)} holds the weights torchvision's does.
 */
public class RAFT extends Module {
    /** The features of both images. */
    public final Module featureEncoder;
    /** The context (and initial hidden state) of the first image. */
    public final Module contextEncoder;
    /** The correlation pyramid. */
    public final CorrBlock corrBlock;
    /** The recurrent update. */
    public final UpdateBlock updateBlock;
    /** The convex upsampling's mask predictor, or null for bilinear upsampling. */
    public final Module maskPredictor;

    /**
     * {@code RAFT(feature_encoder=..., context_encoder=..., corr_block=..., update_block=..., mask_predictor=...)}.
     *
     * @param featureEncoder downsamples its input [2N, 3, H, W] (both images) by 8
     * @param contextEncoder downsamples the first image by 8, to more channels than the update block's hidden state
     * @param corrBlock the correlation block
     * @param updateBlock the update block
     * @param maskPredictor predicts 8 * 8 * 9 upsampling weights from the hidden state, or null for bilinear upsampling
     */
    public RAFT(Module featureEncoder, Module contextEncoder, CorrBlock corrBlock, UpdateBlock updateBlock, Module maskPredictor) {
        this.featureEncoder = registerModule("feature_encoder", featureEncoder);
        this.contextEncoder = registerModule("context_encoder", contextEncoder);
        this.corrBlock = registerModule("corr_block", corrBlock);
        this.updateBlock = registerModule("update_block", updateBlock);
        this.maskPredictor = maskPredictor == null ? null : registerModule("mask_predictor", maskPredictor);
    }

    /**
     * {@code raft_large()} (weights=None): residual encoders of (64, 64, 96, 128, 256) channels, instance norm in the
     * feature encoder and batch norm in the context encoder, 4 correlation levels of radius 4, a 128-channel state
     * updated by two GRUs (1x5, 5x1), and convex upsampling; 5,257,536 parameters.
     *
     * @return the model, initialised as torchvision's
     */
    public static RAFT raftLarge() {
        FeatureEncoder featureEncoder = new FeatureEncoder(ResidualBlock::new, new long[] {64, 64, 96, 128, 256}, new long[] {2, 1, 2, 2},
                InstanceNorm2d::new);
        FeatureEncoder contextEncoder = new FeatureEncoder(ResidualBlock::new, new long[] {64, 64, 96, 128, 256}, new long[] {2, 1, 2, 2},
                BatchNorm2d::new);
        CorrBlock corrBlock = new CorrBlock(4, 4);
        UpdateBlock updateBlock = updateBlock(corrBlock, new long[] {256, 192}, new long[] {128, 64}, 128, 256 - 128, 128,
                new long[][] {{1, 5}, {5, 1}}, new long[][] {{0, 2}, {2, 0}}, 256);
        return new RAFT(featureEncoder, contextEncoder, corrBlock, updateBlock, new MaskPredictor(128, 256, 0.25));
    }

    /**
     * {@code raft_small()} (weights=None): bottleneck encoders of (32, 32, 64, 96, 128) and (32, 32, 64, 96, 160)
     * channels, instance norm in the feature encoder and none in the context encoder, 4 correlation levels of radius 3,
     * a 96-channel state updated by one 3x3 GRU, and bilinear upsampling; 990,162 parameters.
     *
     * @return the model, initialised as torchvision's
     */
    public static RAFT raftSmall() {
        FeatureEncoder featureEncoder = new FeatureEncoder(BottleneckBlock::new, new long[] {32, 32, 64, 96, 128}, new long[] {2, 1, 2, 2},
                InstanceNorm2d::new);
        FeatureEncoder contextEncoder = new FeatureEncoder(BottleneckBlock::new, new long[] {32, 32, 64, 96, 160}, new long[] {2, 1, 2, 2},
                null);
        CorrBlock corrBlock = new CorrBlock(4, 3);
        UpdateBlock updateBlock = updateBlock(corrBlock, new long[] {96}, new long[] {64, 32}, 82, 160 - 96, 96,
                new long[][] {{3, 3}}, new long[][] {{1, 1}}, 128);
        return new RAFT(featureEncoder, contextEncoder, corrBlock, updateBlock, null);
    }

    private static UpdateBlock updateBlock(CorrBlock corrBlock, long[] corrLayers, long[] flowLayers, long motionOut, long contextOut,
                                           long hiddenSize, long[][] kernelSize, long[][] padding, long flowHeadHidden) {
        MotionEncoder motionEncoder = new MotionEncoder(corrBlock.outChannels, corrLayers, flowLayers, motionOut);
        RecurrentBlock recurrentBlock = new RecurrentBlock(motionEncoder.outChannels + contextOut, hiddenSize, kernelSize, padding);
        return new UpdateBlock(motionEncoder, recurrentBlock, new FlowHead(hiddenSize, flowHeadHidden));
    }

    /** {@code forward(image1, image2)} with torchvision's default of 12 flow updates. */
    public List<Tensor> forward(Tensor image1, Tensor image2) {
        return forward(image1, image2, 12);
    }

    /**
     * The flow from {@code image1} to {@code image2} after each update.
     *
     * @param image1 the first images [N, 3, H, W], H and W divisible by 8 (and at least 128 for four correlation levels)
     * @param image2 the second images, of the same size
     * @param numFlowUpdates the number of updates
     * @return {@code numFlowUpdates} flows [N, 2, H, W] (x, y displacement in pixels), the last the best
     * @throws IllegalArgumentException for images of different sizes, or sizes not divisible by 8, with torchvision's messages
     */
    public List<Tensor> forward(Tensor image1, Tensor image2, int numFlowUpdates) {
        if (image1.dim() != 4) {
            throw new IllegalArgumentException(image1.dim() < 4 ? "not enough values to unpack (expected 4, got " + image1.dim() + ")"
                    : "too many values to unpack (expected 4)");
        }
        long batchSize = image1.size(0), h = image1.size(2), w = image1.size(3);
        if (image2.dim() < 2 || image2.size(-2) != h || image2.size(-1) != w) {
            long[] s2 = image2.shape();
            throw new IllegalArgumentException("input images should have the same shape, instead got (" + h + ", " + w + ") != "
                    + FlowGrids.size(Arrays.copyOfRange(s2, Math.max(0, s2.length - 2), s2.length)));
        }
        if (h % 8 != 0 || w % 8 != 0) {
            // torchvision's wording, typo included; its test ("not (h % 8 == 0) and (w % 8 == 0)") only fires when W is
            // divisible, other sizes fail later in the encoders' shape checks
            throw new IllegalArgumentException("input image H and W should be divisible by 8, insted got " + h + " (h) and " + w + " (w)");
        }
        List<Tensor> fmaps = featureEncoder.call(Torch.cat(List.of(image1, image2), 0)).chunk(2, 0);
        Tensor fmap1 = fmaps.get(0), fmap2 = fmaps.get(1);
        if (fmap1.size(-2) != h / 8 || fmap1.size(-1) != w / 8) throw new IllegalArgumentException("The feature encoder should downsample H and W by 8");
        corrBlock.buildPyramid(fmap1, fmap2);
        Tensor contextOut = contextEncoder.call(image1);
        if (contextOut.size(-2) != h / 8 || contextOut.size(-1) != w / 8) {
            throw new IllegalArgumentException("The context encoder should downsample H and W by 8");
        }
        long hiddenStateSize = updateBlock.hiddenStateSize, outChannelsContext = contextOut.size(1) - hiddenStateSize;
        if (outChannelsContext <= 0) {
            throw new IllegalArgumentException("The context encoder outputs " + contextOut.size(1) + " channels, but it should have at strictly more than hidden_state="
                    + hiddenStateSize + " channels");
        }
        Tensor hiddenState = contextOut.narrow(1, 0, hiddenStateSize).tanh();
        Tensor context = contextOut.narrow(1, hiddenStateSize, outChannelsContext).relu();
        Tensor coords0 = FlowGrids.makeCoordsGrid(batchSize, h / 8, w / 8).to(fmap1.device());
        Tensor coords1 = FlowGrids.makeCoordsGrid(batchSize, h / 8, w / 8).to(fmap1.device());
        List<Tensor> flowPredictions = new ArrayList<>();
        for (int i = 0; i < numFlowUpdates; i++) {
            coords1 = coords1.detach(); // no gradient through the coordinates, as in the paper
            Tensor corrFeatures = corrBlock.indexPyramid(coords1);
            Tensor flow = coords1.sub(coords0);
            UpdateBlock.Output out = updateBlock.call(hiddenState, context, corrFeatures, flow);
            hiddenState = out.hiddenState();
            coords1 = coords1.add(out.deltaFlow());
            Tensor upMask = maskPredictor == null ? null : maskPredictor.call(hiddenState);
            flowPredictions.add(FlowGrids.upsampleFlow(coords1.sub(coords0), upMask, 8));
        }
        return flowPredictions;
    }

    /** {@link #forward(Tensor, Tensor, int)} with this module's hooks around it. */
    public List<Tensor> call(Tensor image1, Tensor image2, int numFlowUpdates) {
        return callWithHooks(args -> forward((Tensor) args.get(0), (Tensor) args.get(1), (Integer) args.get(2)), image1, image2, numFlowUpdates);
    }

    /** {@link #forward(Tensor, Tensor)} (12 updates) with this module's hooks around it. */
    public List<Tensor> call(Tensor image1, Tensor image2) {
        return call(image1, image2, 12);
    }
}
