package org.torch4j.vision.ops;

import java.util.List;
import org.torch4j.Tensor;
import org.torch4j.nn.Module;

/** The module form of {@link Roi#roiPool} ({@code torchvision.ops.RoIPool}); it has no parameters. */
public class RoIPool extends Module {
    private final int[] outputSize;
    private final double spatialScale;

    /**
     * RoI max pooling with the given bins and scale.
     *
     * @param outputSize {@code {size}} for square bins or {@code {height, width}}; printed as given
     * @param spatialScale box-to-feature-map scale
     */
    public RoIPool(int[] outputSize, double spatialScale) {
        if (outputSize.length != 1 && outputSize.length != 2) {
            throw new IllegalArgumentException("output_size should be an int or a pair of ints, got " + outputSize.length + " values");
        }
        this.outputSize = outputSize.clone();
        this.spatialScale = spatialScale;
    }

    /** A square output of {@code outputSize} bins. */
    public RoIPool(int outputSize, double spatialScale) {
        this(new int[] {outputSize}, spatialScale);
    }

    /**
     * Pools {@code rois}, {@code [K, 5]} rows {@code (batch index, x1, y1, x2, y2)}, from {@code input}.
     *
     * @return {@code [K, C, height, width]}
     */
    public Tensor forward(Tensor input, Tensor rois) {
        return Roi.roiPool(input, rois, outputSize[0], outputSize[outputSize.length - 1], spatialScale);
    }

    /** Pools per-image {@code [L_i, 4]} boxes from {@code input}. */
    public Tensor forward(Tensor input, List<Tensor> rois) {
        return Roi.roiPool(input, rois, outputSize[0], outputSize[outputSize.length - 1], spatialScale);
    }

    /** {@code module(input, rois)}: {@link #forward(Tensor, Tensor)} with the hooks around it. */
    public Tensor call(Tensor input, Tensor rois) {
        return callWithHooks(args -> forward((Tensor) args.get(0), (Tensor) args.get(1)), input, rois);
    }

    /** {@code module(input, [boxes...])}: {@link #forward(Tensor, List)} with the hooks around it. */
    @SuppressWarnings("unchecked")
    public Tensor call(Tensor input, List<Tensor> rois) {
        return callWithHooks(args -> forward((Tensor) args.get(0), (List<Tensor>) args.get(1)), input, rois);
    }

    @Override
    protected String extraRepr() {
        return "output_size=" + PyRepr.size(outputSize) + ", spatial_scale=" + PyRepr.of(spatialScale);
    }
}
