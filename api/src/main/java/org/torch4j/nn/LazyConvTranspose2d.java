package org.torch4j.nn;

import org.torch4j.Tensor;

/**
 * A {@link ConvTranspose2d} whose {@code in_channels} is inferred from its first input ({@code torch.nn.LazyConvTranspose2d}):
 * dim 1 of a batched input, dim 0 of an unbatched one; see {@link LazyModule}. After the first forward it is a
 * {@code ConvTranspose2d}, initialised as one built with that many channels would be.
 */
public class LazyConvTranspose2d extends ConvTranspose2d implements LazyModule {
    private final LazyState lazy = new LazyState();

    /** {@code LazyConvTranspose2d(outChannels, kernelSize)} with the defaults and {@code stride}. */
    public LazyConvTranspose2d(long outChannels, long kernelSize, long stride) {
        this(outChannels, new long[] {kernelSize}, new long[] {stride}, new long[] {0}, new long[] {0}, 1, true, new long[] {1});
    }

    /**
     * Every option of PyTorch's constructor but {@code in_channels} and {@code padding_mode}, in its order; each size
     * array holds one or two values. The options mean what they mean for
     * {@link ConvTranspose2d#ConvTranspose2d(long, long, long[], long[], long[], long[], long, boolean, long[])}.
     *
     * @param outChannels C_out
     * @param kernelSize the kernel size
     * @param stride the stride (PyTorch's default 1)
     * @param padding the implicit padding removed from both sides of each output dim (default 0)
     * @param outputPadding the size added to one side of each output dim (default 0)
     * @param groups the number of blocked connections from input to output channels (default 1)
     * @param bias whether to learn a bias (default true)
     * @param dilation the spacing between kernel elements (default 1)
     * @throws IllegalArgumentException if {@code groups} does not divide {@code outChannels} or a size array has the
     *         wrong length, as PyTorch words it
     */
    public LazyConvTranspose2d(long outChannels, long[] kernelSize, long[] stride, long[] padding, long[] outputPadding, long groups,
                               boolean bias, long[] dilation) {
        super(0, outChannels, kernelSize, stride, padding, outputPadding, groups, bias, dilation);
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
