package org.torch4j;

import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Locale;

/**
 * Complex tensors as composites over their real view. A complex tensor's storage is a real one of
 * interleaved (re, im) pairs, so {@link #viewAsReal} is pure metadata (shape + [2], strides * 2 + [1],
 * offset * 2), and every complex op is a real op on that view: autograd then works through the real
 * ops and gives PyTorch's convention for free. See {@code docs/complex.md}.
 */
final class Complexes {
    private Complexes() {}

    // ---- the two views -------------------------------------------------------------------------

    /** The real view without autograd (for copies and fills that write through it). */
    static Tensor rawReal(Tensor z) {
        z.checkOpen();
        int r = z.dim();
        long[] shape = new long[r + 1], strides = new long[r + 1];
        for (int i = 0; i < r; i++) {
            shape[i] = z.shape[i];
            strides[i] = z.strides[i] * 2;
        }
        shape[r] = 2;
        strides[r] = 1;
        z.storage.retain();
        Tensor v = new Tensor(z.storage, z.dtype.toReal(), shape, strides, z.offset * 2);
        v.inference = z.inference;
        return v;
    }

    /** {@code torch.view_as_real}: a differentiable view; its gradient is viewed back as complex. */
    static Tensor viewAsReal(Tensor z) {
        z.checkOpen();
        if (!z.isComplex()) throw new IllegalArgumentException("view_as_real is only supported for complex tensors");
        Tensor out = rawReal(z);
        ViewHistory.adopt(out, z.viewBase != null ? z.viewBase : z);
        // (a fresh copy: contiguous() keeps an empty gradient's strides, which viewAsComplex may refuse)
        if (Autograd.needed(z)) Autograd.unary("ViewAsRealBackward0", z, out, g -> newComplex(g.numel() == 0 ? g.clone(MemoryFormat.CONTIGUOUS) : g.contiguous()));
        return out;
    }

    /** {@code torch.view_as_complex}, with PyTorch's checks in its order. */
    static Tensor viewAsComplex(Tensor t) {
        t.checkOpen();
        DType d = t.dtype();
        if (d != DType.FLOAT32 && d != DType.FLOAT64) {
            String which = d.isFloatingPoint() ? "float and double tensors (complex32 is not supported)" : "half, float and double tensors";
            throw new IllegalArgumentException("view_as_complex is only supported for " + which
                    + ", but got a tensor of scalar type: " + Printer.cppName(d));
        }
        int r = t.dim();
        if (r == 0) throw new IllegalArgumentException("Input tensor must have one or more dimensions");
        if (t.shape[r - 1] != 2) throw new IllegalArgumentException("Tensor must have a last dimension of size 2");
        if (t.strides[r - 1] != 1) throw new IllegalArgumentException("Tensor must have a last dimension with stride 1");
        long[] shape = new long[r - 1], strides = new long[r - 1];
        for (int i = 0; i < r - 1; i++) {
            if (t.strides[i] % 2 != 0) {
                throw new IllegalArgumentException("Tensor must have a stride divisible by 2 for all but last dimension");
            }
            shape[i] = t.shape[i];
            strides[i] = t.strides[i] / 2;
        }
        if (t.offset % 2 != 0) throw new IllegalArgumentException("Tensor must have a storage_offset divisible by 2");
        t.storage.retain();
        Tensor out = new Tensor(t.storage, d.toComplex(), shape, strides, t.offset / 2);
        out.inference = t.inference;
        ViewHistory.adopt(out, t.viewBase != null ? t.viewBase : t);
        if (Autograd.needed(t)) Autograd.unary("ViewAsComplexBackward0", t, out, Complexes::viewAsReal);
        return out;
    }

    /**
     * A new complex tensor over the real result {@code pairs} of a composite: viewed as complex like
     * {@link #viewAsComplex}, but not a view for autograd (the real tensor is never seen by the caller),
     * so in-place ops on the result rebase it as on any other new tensor.
     */
    static Tensor newComplex(Tensor pairs) {
        return Views.asNew(viewAsComplex(pairs));
    }

    // ---- parts ---------------------------------------------------------------------------------

    /** {@code Tensor.real}: a view of the real parts; a real tensor is its own real part. */
    static Tensor real(Tensor z) {
        return z.isComplex() ? viewAsReal(z).select(-1, 0) : z;
    }

    /** {@code Tensor.imag}: a view of the imaginary parts. */
    static Tensor imag(Tensor z) {
        if (!z.isComplex()) throw new IllegalArgumentException("imag is not implemented for tensors with non-complex dtypes.");
        return viewAsReal(z).select(-1, 1);
    }

    /** The conjugate as a new tensor (PyTorch's lazy conjugate bit is not modelled). */
    static Tensor conj(Tensor z) {
        if (!z.isComplex()) return z;
        Tensor r = viewAsReal(z);
        Tensor signs = Torch.tensor(new double[] {1, -1}, r.dtype()).to(r.device());
        return newComplex(r.mul(signs));
    }

    /** {@code torch.angle}: atan2(im, re) for complex; pi for negative reals, 0 otherwise, NaN kept. */
    static Tensor angle(Tensor z) {
        if (z.isComplex()) return ComplexMath.angle(z);  // (its gradient at 0 is PyTorch's 0)
        Tensor x = z.isFloatingPoint() ? z : z.to(Torch.getDefaultDtype());
        // where() keeps x in the graph (gradient 0 but at NaNs, where PyTorch's is 0 too: NaN stays NaN)
        Tensor pi = Torch.full(Shapes.SCALAR, Math.PI, x.dtype(), x.device()), zero = Torch.zeros(Shapes.SCALAR, x.dtype(), x.device());
        return Torch.where(x.isnan(), x, Torch.where(x.lt(0.0), pi, zero));
    }

    /** {@code torch.complex(real, imag)}: both float32 or both float64, broadcast together. */
    static Tensor complex(Tensor re, Tensor im) {
        checkParts(re, im);
        long[] shape = Shapes.broadcast(re.shape, im.shape);
        return newComplex(Torch.stack(List.of(re.expand(shape), im.expand(shape)), -1));
    }

    /** {@code torch.polar(abs, angle)}: abs * (cos(angle) + i sin(angle)). */
    static Tensor polar(Tensor abs, Tensor angle) {
        checkParts(abs, angle);
        return complex(abs.mul(angle.cos()), abs.mul(angle.sin()));
    }

    private static void checkParts(Tensor a, Tensor b) {
        DType da = a.dtype(), db = b.dtype();
        if (!(da == DType.FLOAT32 || da == DType.FLOAT64 || da == DType.FLOAT16) || !(db == DType.FLOAT32 || db == DType.FLOAT64
                || db == DType.FLOAT16)) {
            throw new IllegalArgumentException("Expected both inputs to be Half, Float or Double tensors but got "
                    + Printer.cppName(da) + " and " + Printer.cppName(db));
        }
        if (da != db) {
            throw new IllegalArgumentException("Expected object of scalar type " + Printer.cppName(da) + " but got scalar type "
                    + Printer.cppName(db) + " for second argument");
        }
        if (da == DType.FLOAT16) throw new IllegalArgumentException("complex32 (ComplexHalf) is not supported by torch4j");
    }

    // ---- copies and conversions ----------------------------------------------------------------

    /** A contiguous copy of z, differentiable. */
    static Tensor clone(Tensor z) {
        return clone(z, MemoryFormat.CONTIGUOUS);
    }

    /** A copy of z, differentiable, laid out as {@code format} (PRESERVE or CONTIGUOUS) says. */
    static Tensor clone(Tensor z, MemoryFormat format) {
        return newComplex(viewAsReal(z).clone(format));
    }

    /**
     * z converted to {@code dtype}: between complex types through the real view; to a real type the
     * real part (as PyTorch, which warns that the imaginary part is discarded); from a real type with a
     * zero imaginary part.
     */
    static Tensor toDtype(Tensor t, DType dtype) {
        if (t.isComplex() && dtype.isComplex()) return newComplex(viewAsReal(t).to(dtype.toReal()));
        if (t.isComplex()) return Conversions.toDtype(real(t), dtype, true);
        Tensor re = t.to(dtype.toReal());
        return complex(re, Torch.zerosLike(re));
    }

    /** z on another device: its real view moved. */
    static Tensor toDevice(Tensor z, Device device) {
        return newComplex(viewAsReal(z).to(device));
    }

    /** Writes src (broadcast, converted) into dst where either is complex; no autograd. */
    static void copyInto(Tensor dst, Tensor src) {
        Tensor d = dst.isComplex() ? rawReal(dst) : dst;
        if (!dst.isComplex()) {
            Conversions.copyInto(d, rawReal(src).select(-1, 0));
        } else if (src.isComplex()) {
            Conversions.copyInto(d, rawReal(src));
        } else {
            Conversions.copyInto(d.select(-1, 0), src);
            Conversions.copyInto(d.select(-1, 1), Torch.zeros(Shapes.SCALAR, d.dtype(), d.device()));
        }
    }

    /** Fills a complex tensor with a real value (imaginary parts zero); no autograd. */
    static void fill(Tensor z, Number value) {
        Tensor r = rawReal(z);
        Tensor v = value instanceof Double x ? Torch.full(Shapes.SCALAR, x, r.dtype(), r.device())
                : Torch.full(Shapes.SCALAR, value.longValue(), r.dtype(), r.device());
        Conversions.copyInto(r.select(-1, 0), v);
        Conversions.copyInto(r.select(-1, 1), Torch.zeros(Shapes.SCALAR, r.dtype(), r.device()));
    }

    // ---- the refusal ---------------------------------------------------------------------------

    /**
     * PyTorch's dispatch error for an op without a complex kernel, e.g. {@code "sigmoid" not implemented
     * for 'ComplexFloat'}. The op is the innermost public method of a public api class on the stack
     * (found only on this error path), in PyTorch's snake_case.
     */
    static IllegalArgumentException notImplemented(DType dtype) {
        String op = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE).walk(frames -> frames
                .filter(Complexes::isPublicApi)
                .map(StackWalker.StackFrame::getMethodName)
                .findFirst().orElse("strided"));
        return new IllegalArgumentException("\"" + snakeCase(op) + "\" not implemented for '" + Printer.cppName(dtype) + "'");
    }

    private static boolean isPublicApi(StackWalker.StackFrame f) {
        Class<?> c = f.getDeclaringClass();
        String pkg = c.getPackageName();
        if (!pkg.startsWith("org.torch4j") || pkg.startsWith("org.torch4j.spi") || pkg.startsWith("org.torch4j.internal")
                || !Modifier.isPublic(c.getModifiers())) {
            return false;
        }
        String m = f.getMethodName();
        if (m.equals("strided") || m.contains("$") || m.startsWith("lambda")) return false;
        // only public methods name ops; the frame has no Method, so look the name up among public ones
        for (var method : c.getMethods()) {
            if (method.getName().equals(m)) return true;
        }
        return false;
    }

    private static String snakeCase(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }
}
