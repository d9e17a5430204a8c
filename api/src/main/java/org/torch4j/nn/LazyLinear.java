package org.torch4j.nn;

import org.torch4j.Tensor;

/**
 * A {@link Linear} whose {@code in_features} is inferred from its first input ({@code torch.nn.LazyLinear});
 * see {@link LazyModule}. After the first forward it is a {@code Linear(in_features=..., ...)}, initialised as
 * one built with that size would be.
 */
public class LazyLinear extends Linear implements LazyModule {
    private final LazyState lazy = new LazyState();

    /** {@code LazyLinear(outFeatures)} with a bias. */
    public LazyLinear(long outFeatures) {
        this(outFeatures, true);
    }

    /** {@code LazyLinear(outFeatures, bias)}. */
    public LazyLinear(long outFeatures, boolean bias) {
        super(0, outFeatures, bias);
        weight.uninitialize();
        if (this.bias != null) this.bias.uninitialize();
    }

    /** Initialises as {@link Linear#resetParameters()} once the parameters have their shapes; until then nothing. */
    @Override
    public void resetParameters() {
        if (!hasUninitializedParams() && inFeatures != 0) super.resetParameters();
    }

    @Override
    public boolean hasUninitializedParams() {
        return LazyState.hasUninitialized(this);
    }

    /** {@code in_features} from the input's last dim, then the weight and bias materialised and initialised. */
    @Override
    public void initializeParameters(Tensor input) {
        if (!hasUninitializedParams()) return;
        inFeatures = LazyState.size(input, -1);
        weight.materialize(outFeatures, inFeatures);
        if (bias != null) bias.materialize(outFeatures);
        resetParameters();
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
