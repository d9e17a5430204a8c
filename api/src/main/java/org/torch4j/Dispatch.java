package org.torch4j;

import org.torch4j.trace.Trace;

import org.torch4j.spi.Backend;
import org.torch4j.spi.BackendRegistry;
import org.torch4j.spi.Storage;
import org.torch4j.spi.Strided;

/** Finds the backend for a device, allocates outputs and describes tensors to kernels. */
final class Dispatch {
    private Dispatch() {}

    static Backend backend(Device device) {
        Backend b = BackendRegistry.find(device.type());
        if (b == null) throw new IllegalStateException(BackendRegistry.missingMessage(device.type()));
        return b;
    }

    static Backend backend(Tensor t) {
        Storage s = t.storage;
        String reason = s.unusableReason();
        if (reason != null) {
            throw new IllegalStateException("This tensor can no longer be used: " + reason + ".");
        }
        return backend(t.device());
    }

    /** A new contiguous tensor; its contents are zero (a fresh allocation). */
    static Tensor empty(long[] shape, DType dtype, Device device) {
        for (long s : shape) {
            if (s < 0) {
                throw new IllegalArgumentException("Trying to create tensor with negative dimension " + s + ": " + Shapes.str(shape));
            }
        }
        long n = Shapes.numel(shape);
        Storage storage = backend(device).allocate(dtype, n, device.index());
        return new Tensor(storage, shape.clone(), Shapes.contiguousStrides(shape), 0);
    }

    static Strided strided(Tensor t) {
        Strided s = new Strided(t.storage, t.shape, t.strides, t.offset);
        Trace.access(s);
        return s;
    }

    /** The tensor seen with {@code shape} by broadcasting (size-1 and missing dims get stride 0). */
    static Strided broadcast(Tensor t, long[] shape) {
        if (java.util.Arrays.equals(t.shape, shape)) return strided(t);
        Strided s = new Strided(t.storage, shape, Shapes.expandStrides(t.shape, t.strides, shape), t.offset);
        Trace.access(s);
        return s;
    }
}
