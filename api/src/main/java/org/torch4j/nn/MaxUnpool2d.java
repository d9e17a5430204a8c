package org.torch4j.nn;

import org.torch4j.Tensor;

/** The inverse of {@link MaxPool2d} from its values and indices ({@code torch.nn.MaxUnpool2d}). */
public class MaxUnpool2d extends Module {
    private final long[] kernelSize, stride, padding;

    /** Square windows of {@code kernelSize} with that stride, no padding. */
    public MaxUnpool2d(long kernelSize) {
        this(new long[] {kernelSize}, null, new long[] {0});
    }

    /** MaxUnpool2d with every option; sizes are one or two, stride null for the kernel size. */
    public MaxUnpool2d(long[] kernelSize, long[] stride, long[] padding) {
        this.kernelSize = Windows.expand(kernelSize, 2, "kernel_size");
        this.stride = stride == null ? this.kernelSize : Windows.expand(stride, 2, "stride");
        this.padding = Windows.expand(padding, 2, "padding");
    }

    /** Unpooling needs the indices: use {@link #forward(Tensor, Tensor)}. */
    @Override
    public Tensor forward(Tensor input) {
        throw new UnsupportedOperationException("MaxUnpool2d takes the pooled values and their indices: forward(input, indices)");
    }

    /** The unpooled [N, C, H, W] of the default size. */
    public Tensor forward(Tensor input, Tensor indices) {
        return F.maxUnpool2d(input, indices, kernelSize, stride, padding, null);
    }

    /** {@link #forward(Tensor, Tensor)} with the hooks around it; they see (input, indices). */
    public final Tensor call(Tensor input, Tensor indices) {
        return callWithHooks(args -> forward((Tensor) args.get(0), (Tensor) args.get(1)), input, indices);
    }

    @Override
    protected String extraRepr() {
        return "kernel_size=" + Py.tuple(kernelSize) + ", stride=" + Py.tuple(stride) + ", padding=" + Py.tuple(padding);
    }
}
