package org.torch4j.vision.ops;

import java.util.List;
import org.torch4j.Tensor;
import org.torch4j.nn.F;

/**
 * The extra level of Faster R-CNN's pyramid ({@code torchvision.ops.feature_pyramid_network.LastLevelMaxPool}):
 * {@code max_pool2d(kernel 1, stride 2)} of the last level, named {@code "pool"}.
 */
public class LastLevelMaxPool extends ExtraFPNBlock {
    /** The block; it has no parameters. */
    public LastLevelMaxPool() {}

    @Override
    public void extend(List<Tensor> results, List<Tensor> inputs, List<String> names) {
        names.add("pool");
        results.add(F.maxPool2d(results.get(results.size() - 1), new long[] {1}, new long[] {2}, new long[] {0}, new long[] {1}, false));
    }
}
