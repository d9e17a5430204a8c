package org.torch4j.nn;

import org.torch4j.Tensor;

/**
 * The shared part of {@link MaxUnpool2d} and {@link MaxUnpool3d}: the pooling's window, stride and
 * padding, the two-argument call, and PyTorch's print form.
 */
public abstract class MaxUnpoolNd extends Module {
    /** The per-dim window, stride and padding of the max pooling this unpooling inverts. */
    protected final long[] kernelSize, stride, padding;

    /** Sizes for {@code dims} dims, each one value or one per dim; stride null for the kernel size. */
    protected MaxUnpoolNd(int dims, long[] kernelSize, long[] stride, long[] padding) {
        this.kernelSize = Windows.expand(kernelSize, dims, "kernel_size");
        this.stride = stride == null ? this.kernelSize : Windows.expand(stride, dims, "stride");
        this.padding = Windows.expand(padding, dims, "padding");
    }

    /** Unpooling needs the indices: use {@link #forward(Tensor, Tensor)}. */
    @Override
    public Tensor forward(Tensor input) {
        throw new UnsupportedOperationException(getClass().getSimpleName()
                + " takes the pooled values and their indices: forward(input, indices)");
    }

    /** The unpooled input, of the default size. */
    public abstract Tensor forward(Tensor input, Tensor indices);

    /** {@link #forward(Tensor, Tensor)} with the hooks around it; they see (input, indices). */
    public final Tensor call(Tensor input, Tensor indices) {
        return callWithHooks(args -> forward((Tensor) args.get(0), (Tensor) args.get(1)), input, indices);
    }

    @Override
    protected String extraRepr() {
        return "kernel_size=" + Py.tuple(kernelSize) + ", stride=" + Py.tuple(stride) + ", padding=" + Py.tuple(padding);
    }
}
