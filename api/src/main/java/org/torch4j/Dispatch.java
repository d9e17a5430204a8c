package org.torch4j;

import org.torch4j.internal.ProfilerHook;
import org.torch4j.spi.Backend;
import org.torch4j.spi.BackendRegistry;
import org.torch4j.spi.Storage;
import org.torch4j.spi.Strided;
import org.torch4j.trace.Trace;

/** Finds the backend for a device, allocates outputs and describes tensors to kernels. */
final class Dispatch {
    private Dispatch() {}

    static Backend backend(Device device) {
        Backend b = BackendRegistry.find(device.type());
        if (b == null) throw new IllegalStateException(BackendRegistry.missingMessage(device.type()));
        return ProfilerHook.backend(b);
    }

    static Backend backend(Tensor t) {
        Storage s = t.storage;
        String reason = s.unusableReason();
        if (reason != null) {
            throw new IllegalStateException("This tensor can no longer be used: " + reason + ".");
        }
        return backend(t.device());
    }

    /** A new contiguous tensor of zeros. */
    static Tensor zeros(long[] shape, DType dtype, Device device) {
        return allocate(shape, dtype, device, true);
    }

    /**
     * A new contiguous tensor whose contents are unspecified (recycled memory, {@code torch.empty}): only for an
     * output the caller then writes completely. Tests run with {@code -Dtorch4j.debug.poisonEmpty=true} fill it
     * with NaN, which finds a caller that does not.
     */
    static Tensor empty(long[] shape, DType dtype, Device device) {
        return allocate(shape, dtype, device, false);
    }

    /**
     * An elementwise op's output (contents unspecified, as {@link #empty}): laid out in memory as the first of
     * {@code inputs} that has the output's shape, when that input is a transposed or otherwise permuted dense
     * tensor, as PyTorch's TensorIterator allocates it; contiguous otherwise. The op then walks all operands in
     * memory order (a [256, 64, 32] view of attention heads divided by a scalar: 1.6 ms into a contiguous
     * output, as fast as a contiguous input into one laid out as the view).
     */
    static Tensor emptyLike(long[] shape, DType dtype, Device device, Tensor... inputs) {
        for (Tensor t : inputs) {
            if (t == null || !java.util.Arrays.equals(t.shape, shape)) continue;
            if (t.isContiguous() || !Shapes.nonOverlappingAndDense(t.shape, t.strides)) break;
            return allocate(shape, t.strides, dtype, device, false);
        }
        return empty(shape, dtype, device);
    }

    /**
     * A new tensor of {@code like}'s shape laid out in {@code format} (see {@link MemoryFormat#stridesLike}), zero-filled
     * or with contents unspecified (as {@link #empty}).
     */
    static Tensor allocate(Tensor like, DType dtype, Device device, MemoryFormat format, boolean zeroed) {
        return allocate(like.shape, format.stridesLike(like.shape, like.strides), dtype, device, zeroed);
    }

    private static Tensor allocate(long[] shape, DType dtype, Device device, boolean zeroed) {
        return allocate(shape, Shapes.contiguousStrides(shape), dtype, device, zeroed);
    }

    /**
     * A new tensor of {@code shape} over a new storage of its numel elements, with {@code strides} that lay it out
     * densely in some order of its dims (the one tensor over that storage: closing it frees the memory).
     */
    static Tensor allocate(long[] shape, long[] strides, DType dtype, Device device, boolean zeroed) {
        for (long s : shape) {
            if (s < 0) {
                throw new IllegalArgumentException("Trying to create tensor with negative dimension " + s + ": " + Shapes.str(shape));
            }
        }
        long n = Shapes.numel(shape);
        // complex: a real storage of (re, im) pairs; backends never see a complex dtype
        DType real = dtype.toReal();
        long size = dtype.isComplex() ? 2 * n : n;
        Backend b = backend(device);
        Storage storage = zeroed ? b.allocate(real, size, device.index()) : b.allocateUninitialized(real, size, device.index());
        return new Tensor(storage, dtype, shape.clone(), strides.clone(), 0);
    }

    /**
     * The kernel view of a tensor. The one choke point for complex tensors: ops without a complex
     * composite reach here and get PyTorch's "not implemented for 'ComplexFloat'" error.
     */
    static Strided strided(Tensor t) {
        if (t.dtype.isComplex()) throw Complexes.notImplemented(t.dtype);
        Strided s = new Strided(t.storage, t.shape, t.strides, t.offset);
        Trace.access(s);
        return s;
    }

    /** The kernel view of contiguous {@code t} with another {@code shape} of as many elements (a fused kernel's [rows, cols]). */
    static Strided strided(Tensor t, long... shape) {
        if (t.dtype.isComplex()) throw Complexes.notImplemented(t.dtype);
        Strided s = new Strided(t.storage, shape, Shapes.contiguousStrides(shape), t.offset);
        Trace.access(s);
        return s;
    }

    /** The tensor seen with {@code shape} by broadcasting (size-1 and missing dims get stride 0). */
    static Strided broadcast(Tensor t, long[] shape) {
        if (java.util.Arrays.equals(t.shape, shape) || t.dtype.isComplex()) return strided(t);
        Strided s = new Strided(t.storage, shape, Shapes.expandStrides(t.shape, t.strides, shape), t.offset);
        Trace.access(s);
        return s;
    }
}
