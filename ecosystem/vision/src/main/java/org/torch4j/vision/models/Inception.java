package org.torch4j.vision.models;

import java.util.List;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.MaxPool2d;
import org.torch4j.nn.Module;
import org.torch4j.nn.Sequential;

/**
 * GoogLeNet's Inception module ({@code torchvision.models.googlenet.Inception}): four branches over the
 * same input, concatenated on the channels: a 1x1 convolution, a 1x1 reduction then 3x3, a second
 * 1x1 reduction then 3x3 (torchvision's "5x5" branch has a 3x3 kernel, kept for its weights), and a
 * 3x3 max pool then 1x1 projection. Every convolution is a {@link BasicConv2d}.
 */
public class Inception extends Module {
    private final Module branch1, branch2, branch3, branch4;

    /**
     * A module over {@code inChannels} giving {@code ch1x1 + ch3x3 + ch5x5 + poolProj} channels;
     * {@code ch3x3red} and {@code ch5x5red} are the reductions before the two 3x3 convolutions.
     */
    public Inception(long inChannels, long ch1x1, long ch3x3red, long ch3x3, long ch5x5red, long ch5x5, long poolProj) {
        branch1 = registerModule("branch1", new BasicConv2d(inChannels, ch1x1, 1));
        branch2 = registerModule("branch2", Sequential.of(new BasicConv2d(inChannels, ch3x3red, 1), new BasicConv2d(ch3x3red, ch3x3, 3, 1, 1)));
        branch3 = registerModule("branch3", Sequential.of(new BasicConv2d(inChannels, ch5x5red, 1), new BasicConv2d(ch5x5red, ch5x5, 3, 1, 1)));
        branch4 = registerModule("branch4", Sequential.of(new MaxPool2d(new long[] {3}, new long[] {1}, new long[] {1}, new long[] {1}, true),
                new BasicConv2d(inChannels, poolProj, 1)));
    }

    /** The four branches' outputs concatenated: [N, ch1x1 + ch3x3 + ch5x5 + poolProj, H, W]. */
    @Override
    public Tensor forward(Tensor x) {
        return Torch.cat(List.of(branch1.call(x), branch2.call(x), branch3.call(x), branch4.call(x)), 1);
    }
}
