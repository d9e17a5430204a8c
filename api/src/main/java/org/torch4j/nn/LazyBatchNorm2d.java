package org.torch4j.nn;

import org.torch4j.Tensor;

/**
 * A {@link BatchNorm2d} whose {@code num_features} is inferred from its first input's dim 1
 * ({@code torch.nn.LazyBatchNorm2d}); see {@link LazyModule}. As in PyTorch, the lazy form defaults to affine
 * parameters and running statistics. After the first forward it is a {@code BatchNorm2d}.
 */
public class LazyBatchNorm2d extends BatchNorm2d implements LazyModule {
    private final LazyState lazy = new LazyState();

    /** eps 1e-5, momentum 0.1, affine, tracking running statistics. */
    public LazyBatchNorm2d() {
        this(1e-5, 0.1, true, true);
    }

    /**
     * Every option of PyTorch's constructor; C is taken from the first input's dim 1, and forward then normalises
     * {@code (N, C, H, W)} as {@link BatchNorm2d} does.
     *
     * @param eps the value added to the variance (default 1e-5)
     * @param momentum the running-statistics weight (default 0.1), or null for a cumulative average
     * @param affine whether to learn a per-channel scale and shift (default true)
     * @param trackRunningStats whether to keep running statistics for eval mode (default true)
     */
    public LazyBatchNorm2d(double eps, Double momentum, boolean affine, boolean trackRunningStats) {
        super(0, eps, momentum, affine, trackRunningStats);
        LazyNorm.uninitialize(this, weight, bias);
    }

    @Override
    public boolean hasUninitializedParams() {
        return LazyState.hasUninitialized(this);
    }

    /** {@code num_features} from the input's dim 1, then the tensors materialised and reset. */
    @Override
    public void initializeParameters(Tensor input) {
        if (!hasUninitializedParams()) return;
        numFeatures = LazyState.size(input, 1);
        LazyNorm.initialize(this, weight, bias, numFeatures);
    }

    @Override
    public Tensor forward(Tensor input) {
        lazy.beforeForward(this, input);
        return super.forward(input);
    }

    @Override
    protected String typeName() {
        return lazy.typeName(this);
    }

    @Override
    void beforeLoad(String prefix, java.util.Map<String, Tensor> state) {
        LazyState.materializeFrom(this, prefix, state);
    }
}
