package org.torch4j.vision.models.video;

import java.util.List;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.MaxPool3d;
import org.torch4j.nn.Module;
import org.torch4j.nn.Sequential;

/**
 * S3D's inception block ({@code torchvision.models.video.s3d.SepInceptionBlock3D}): four branches concatenated along
 * the channels: a 1x1x1 convolution; 1x1x1 then a 3x3x3 {@link TemporalSeparableConv} (twice, with their own widths);
 * and a 3x3x3 max pool (stride 1, padding 1) then a 1x1x1 convolution.
 */
public class SepInceptionBlock3D extends Module {
    /** The 1x1x1 branch. */
    public final Conv3dNormActivation branch0;
    /** The separable-convolution branches and the pooling branch. */
    public final Sequential branch1, branch2, branch3;

    /**
     * The block.
     *
     * @param inPlanes the input channels
     * @param b0Out branch 0's output channels
     * @param b1Mid branch 1's 1x1x1 channels
     * @param b1Out branch 1's output channels
     * @param b2Mid branch 2's 1x1x1 channels
     * @param b2Out branch 2's output channels
     * @param b3Out branch 3's output channels
     */
    public SepInceptionBlock3D(long inPlanes, long b0Out, long b1Mid, long b1Out, long b2Mid, long b2Out, long b3Out) {
        long[] one = {1, 1, 1};
        branch0 = registerModule("branch0", new Conv3dNormActivation(inPlanes, b0Out, one, one, null));
        branch1 = registerModule("branch1", Sequential.of(new Conv3dNormActivation(inPlanes, b1Mid, one, one, null),
                new TemporalSeparableConv(b1Mid, b1Out, 3, 1, 1)));
        branch2 = registerModule("branch2", Sequential.of(new Conv3dNormActivation(inPlanes, b2Mid, one, one, null),
                new TemporalSeparableConv(b2Mid, b2Out, 3, 1, 1)));
        branch3 = registerModule("branch3", Sequential.of(new MaxPool3d(new long[] {3, 3, 3}, new long[] {1}, new long[] {1}, new long[] {1}, false),
                new Conv3dNormActivation(inPlanes, b3Out, one, one, null)));
    }

    /** The four branches' outputs side by side along the channels. */
    @Override
    public Tensor forward(Tensor x) {
        return Torch.cat(List.of(branch0.call(x), branch1.call(x), branch2.call(x), branch3.call(x)), 1);
    }
}
