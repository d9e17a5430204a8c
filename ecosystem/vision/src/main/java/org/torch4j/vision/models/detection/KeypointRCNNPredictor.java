package org.torch4j.vision.models.detection;

import org.torch4j.Tensor;
import org.torch4j.nn.ConvTranspose2d;
import org.torch4j.nn.F;
import org.torch4j.nn.Init;
import org.torch4j.nn.Module;

/**
 * Keypoint heatmap logits ({@code torchvision.models.detection.keypoint_rcnn.KeypointRCNNPredictor}): a 4x4
 * transposed convolution of stride 2 ({@code kps_score_lowres}, Kaiming-normal fan out, zero bias), then bilinear
 * upsampling by 2.
 */
public class KeypointRCNNPredictor extends Module {
    /** The transposed convolution. */
    public final ConvTranspose2d kpsScoreLowres;

    /**
     * A predictor.
     *
     * @param inChannels the keypoint head's channels
     * @param numKeypoints the keypoints per instance
     */
    public KeypointRCNNPredictor(long inChannels, long numKeypoints) {
        kpsScoreLowres = registerModule("kps_score_lowres", new ConvTranspose2d(inChannels, numKeypoints, new long[] {4}, new long[] {2},
                new long[] {1}, new long[] {0}, 1, true, new long[] {1}));
        Init.kaimingNormal_(kpsScoreLowres.weight, 0, "fan_out", "relu");
        Init.constant_(kpsScoreLowres.bias, 0);
    }

    /** {@code [N, K, 4H, 4W]} heatmap logits from {@code [N, C, H, W]} features. */
    @Override
    public Tensor forward(Tensor x) {
        return F.interpolate(kpsScoreLowres.call(x), null, new double[] {2, 2}, "bilinear", false, false);
    }
}
