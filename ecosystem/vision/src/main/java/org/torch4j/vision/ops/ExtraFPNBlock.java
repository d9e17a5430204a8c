package org.torch4j.vision.ops;

import java.util.List;
import org.torch4j.Tensor;
import org.torch4j.nn.Module;

/**
 * Extra levels a {@link FeaturePyramidNetwork} appends after its own ({@code torchvision.ops.feature_pyramid_network.ExtraFPNBlock}):
 * given the pyramid's results, the inputs they came from and their names, it adds levels and names.
 */
public abstract class ExtraFPNBlock extends Module {
    /** A block; subclasses register their layers. */
    protected ExtraFPNBlock() {}

    /**
     * Appends this block's levels.
     *
     * @param results the pyramid's outputs, finest first; levels are appended to it
     * @param inputs the pyramid's inputs (the backbone's features), finest first
     * @param names the outputs' names; a name is appended for each new level
     */
    public abstract void extend(List<Tensor> results, List<Tensor> inputs, List<String> names);
}
