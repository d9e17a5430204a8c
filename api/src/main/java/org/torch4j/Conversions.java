package org.torch4j;

import org.torch4j.spi.Backend;
import org.torch4j.spi.HostStorage;
import org.torch4j.spi.Strided;
import org.torch4j.trace.Trace;

/** dtype and device conversions, copies, and reading values out to Java. */
final class Conversions {
    private Conversions() {}

    static Tensor toDtype(Tensor t, DType dtype, boolean forceCopy) {
        if (Trace.recording()) return Trace.op("aten::to", () -> toDtype(t, dtype, forceCopy), t, dtype);
        t.checkOpen();
        if (t.dtype() == dtype && !forceCopy) return t;
        if (t.isComplex() || dtype.isComplex()) return t.dtype() == dtype ? copyOf(t, MemoryFormat.PRESERVE) : Complexes.toDtype(t, dtype);
        Tensor out = Dispatch.allocate(t, dtype, t.device(), MemoryFormat.PRESERVE, false);
        Dispatch.backend(t).copy(out.strided(), t.strided());
        out.wrappedNumber = t.wrappedNumber;
        if (Autograd.needed(t) && dtype.isFloatingPoint()) {
            DType from = t.dtype();
            Autograd.unary("ToCopyBackward0", t, out, g -> g.to(from));
        }
        return out;
    }

    static Tensor toDevice(Tensor t, Device device) {
        t.checkOpen();
        if (sameDevice(t.device(), device)) return t;
        if (t.isComplex()) return Complexes.toDevice(t, device);
        Tensor out = Dispatch.empty(t.shape, t.dtype(), device);
        copyAcross(out.strided(), t.strided());
        if (Autograd.needed(t)) {
            Device from = t.device();
            Autograd.unary("ToCopyBackward0", t, out, g -> g.to(from));
        }
        return out;
    }

    /** "cuda" and "cuda:0" name the same device when only one exists; index -1 means the current. */
    static boolean sameDevice(Device a, Device b) {
        return a.type().equals(b.type()) && (a.index() == b.index() || a.index() <= 0 && b.index() <= 0);
    }

    /** Copies between any two devices: through the device-side backend, or through the host. */
    static void copyAcross(Strided dst, Strided src) {
        Device dd = dst.storage().device(), sd = src.storage().device();
        if (sameDevice(dd, sd)) {
            Dispatch.backend(dd).copy(dst, src);
        } else if (sd.isCpu()) {
            Dispatch.backend(dd).copy(dst, src);
        } else if (dd.isCpu()) {
            Dispatch.backend(sd).copy(dst, src);
        } else {
            HostStorage tmp = HostStorage.allocate(src.dtype(), src.numel());
            Strided host = new Strided(tmp, src.shape(), Shapes.contiguousStrides(src.shape()), 0);
            Dispatch.backend(sd).copy(host, src);
            Dispatch.backend(dd).copy(dst, host);
        }
    }

    /** {@code t.clone(memory_format=format)}: a new storage laid out in {@code format}, gradients flowing through. */
    static Tensor copyOf(Tensor t, MemoryFormat format) {
        if (Trace.recording()) return Trace.op("aten::clone", () -> copyOf(t, format), t);
        t.checkOpen();
        if (t.isComplex()) {
            // through the (re, im) view, whose preserved or contiguous layout is the complex one's
            if (format == MemoryFormat.PRESERVE || format == MemoryFormat.CONTIGUOUS) return Complexes.clone(t, format);
            return Dispatch.allocate(t, t.dtype(), t.device(), format, false).copy_(t);
        }
        Tensor out = Dispatch.allocate(t, t.dtype(), t.device(), format, false);
        Dispatch.backend(t).copy(out.strided(), t.strided());
        if (Autograd.needed(t)) Autograd.unary("CloneBackward0", t, out, g -> g);
        return out;
    }

    /** Writes src (broadcast to dst's shape, converted) into dst, on any devices. */
    static void copyInto(Tensor dst, Tensor src) {
        if (dst.isComplex() || src.isComplex()) {
            Complexes.copyInto(dst, src);
            return;
        }
        Strided s = Dispatch.broadcast(src, dst.shape);
        copyAcross(dst.strided(), s);
    }

    static double item(Tensor t) {
        if (t.wrappedValue != null) return t.wrappedValue.doubleValue();
        checkOneElement(t);
        if (t.dtype() == DType.INT64) return itemLong(t);
        return ((double[]) toArray(t, DType.FLOAT64))[0];
    }

    static long itemLong(Tensor t) {
        if (t.wrappedValue != null) return t.wrappedValue.longValue();
        checkOneElement(t);
        return ((long[]) toArray(t, DType.INT64))[0];
    }

    private static void checkOneElement(Tensor t) {
        long n = t.numel();
        if (n != 1) throw new IllegalStateException("a Tensor with " + n + " elements cannot be converted to Scalar");
    }

    /** The elements in row-major order in a new Java array of {@code dtype}'s array type. */
    static Object toArray(Tensor t, DType dtype) {
        t.checkOpen();
        long n = t.numel();
        HostStorage out = HostStorage.allocate(dtype, n);
        if (n > 0) {
            Strided dst = new Strided(out, t.shape, Shapes.contiguousStrides(t.shape), 0);
            Backend b = Dispatch.backend(t);
            b.copy(dst, t.strided());
        }
        return out.array();
    }
}
