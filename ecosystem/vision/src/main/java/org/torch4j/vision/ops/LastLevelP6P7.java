package org.torch4j.vision.ops;

import java.util.List;
import org.torch4j.Tensor;
import org.torch4j.nn.Conv2d;
import org.torch4j.nn.F;
import org.torch4j.nn.Init;

/**
 * RetinaNet's extra pyramid levels ({@code torchvision.ops.feature_pyramid_network.LastLevelP6P7}): {@code p6}, a 3x3
 * stride-2 convolution of the last pyramid level (when {@code inChannels == outChannels}) or of the backbone's last
 * feature, and {@code p7}, a 3x3 stride-2 convolution of {@code relu(p6)}, named {@code "p6"} and {@code "p7"}. Both
 * are re-initialised Kaiming-uniform with {@code a = 1} and zero bias, as torchvision's.
 */
public class LastLevelP6P7 extends ExtraFPNBlock {
    /** The convolution giving P6. */
    public final Conv2d p6;
    /** The convolution giving P7. */
    public final Conv2d p7;
    private final boolean useP5;

    /**
     * The block.
     *
     * @param inChannels the channels of its input: the pyramid's (P5 is used) or the backbone's last feature's (C5 is used)
     * @param outChannels the pyramid's channels
     */
    public LastLevelP6P7(long inChannels, long outChannels) {
        p6 = registerModule("p6", new Conv2d(inChannels, outChannels, 3, 2, 1));
        p7 = registerModule("p7", new Conv2d(outChannels, outChannels, 3, 2, 1));
        for (Conv2d c : List.of(p6, p7)) {
            Init.kaimingUniform_(c.weight, 1, "fan_in", "leaky_relu");
            Init.constant_(c.bias, 0);
        }
        useP5 = inChannels == outChannels;
    }

    @Override
    public void extend(List<Tensor> results, List<Tensor> inputs, List<String> names) {
        Tensor x = useP5 ? results.get(results.size() - 1) : inputs.get(inputs.size() - 1);
        Tensor y6 = p6.call(x);
        results.add(y6);
        results.add(p7.call(F.relu(y6)));
        names.add("p6");
        names.add("p7");
    }
}
