package org.torch4j.nn;

import org.torch4j.Tensor;

/**
 * A {@link Conv1d} whose {@code in_channels} is inferred from its first input ({@code torch.nn.LazyConv1d}):
 * dim 1 of a batched input, dim 0 of an unbatched one; see {@link LazyModule}. After the first forward it is a
 * {@code Conv1d}, initialised as one built with that many channels would be.
 */
public class LazyConv1d extends Conv1d implements LazyModule {
    private final LazyState lazy = new LazyState();

    /** {@code LazyConv1d(outChannels, kernelSize)} with the defaults (stride 1, no padding). */
    public LazyConv1d(long outChannels, long kernelSize) {
        this(outChannels, new long[] {kernelSize}, new long[] {1}, new long[] {0}, new long[] {1}, 1, true, "zeros");
    }

    /**
     * Every option of PyTorch's constructor but {@code in_channels}, in its order; each size array holds one value.
     * The options mean what they mean for {@link Conv1d#Conv1d(long, long, long[], long[], long[], long[], long, boolean, String)}.
     *
     * @param outChannels C_out
     * @param kernelSize the kernel size
     * @param stride the stride (PyTorch's default 1)
     * @param padding the padding added to both sides of each spatial dim (default 0)
     * @param dilation the spacing between kernel elements (default 1)
     * @param groups the number of blocked connections from input to output channels (default 1)
     * @param bias whether to learn a bias (default true)
     * @param paddingMode "zeros" (default), "reflect", "replicate" or "circular"
     * @throws IllegalArgumentException if {@code groups} does not divide {@code outChannels}, a size array has the
     *         wrong length or the padding mode is unknown, as PyTorch words it
     */
    public LazyConv1d(long outChannels, long[] kernelSize, long[] stride, long[] padding, long[] dilation, long groups,
                      boolean bias, String paddingMode) {
        super(0, outChannels, kernelSize, stride, padding, dilation, groups, bias, paddingMode);
        weight.uninitialize();
        if (this.bias != null) this.bias.uninitialize();
    }

    /** Initialises as the ordinary convolution once the parameters have their shapes; until then nothing. */
    @Override
    public void resetParameters() {
        if (!hasUninitializedParams() && inChannels != 0) super.resetParameters();
    }

    @Override
    public boolean hasUninitializedParams() {
        return LazyState.hasUninitialized(this);
    }

    @Override
    public void initializeParameters(Tensor input) {
        LazyConvolution.initialize(this, input);
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
