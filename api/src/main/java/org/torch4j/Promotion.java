package org.torch4j;

/**
 * PyTorch's type promotion: {@code promote_types} for two dtypes, and {@code result_type} over the
 * operands of an op, where tensors with dimensions outrank zero-dimensional tensors, which outrank
 * Java scalars, unless a lower-priority operand belongs to a higher category (bool < integer < float <
 * complex).
 */
final class Promotion {
    private Promotion() {}

    /** torch.promote_types. */
    static DType promoteTypes(DType a, DType b) {
        if (a == b) return a;
        if (a.isComplex() || b.isComplex()) {
            // complex wins; its precision is the wider of the two (complex64 with float64 -> complex128)
            boolean wide = a == DType.COMPLEX128 || b == DType.COMPLEX128 || a == DType.FLOAT64 || b == DType.FLOAT64;
            return wide ? DType.COMPLEX128 : DType.COMPLEX64;
        }
        if (a.isFloatingPoint() || b.isFloatingPoint()) {
            if (!a.isFloatingPoint()) return b;
            if (!b.isFloatingPoint()) return a;
            if ((a == DType.FLOAT16 && b == DType.BFLOAT16) || (a == DType.BFLOAT16 && b == DType.FLOAT16)) return DType.FLOAT32;
            return floatRank(a) >= floatRank(b) ? a : b;
        }
        if (a == DType.BOOL) return b;
        if (b == DType.BOOL) return a;
        if (a == DType.UINT8 || b == DType.UINT8) {
            DType other = a == DType.UINT8 ? b : a;
            return other == DType.INT8 ? DType.INT16 : other;
        }
        return a.itemSize() >= b.itemSize() ? a : b;
    }

    private static int floatRank(DType d) {
        return switch (d) {
            case FLOAT16, BFLOAT16 -> 0;
            case FLOAT32 -> 1;
            default -> 2;
        };
    }

    /** The three priority groups of result_type, accumulated operand by operand. */
    static final class State {
        private DType dim, zero, wrapped;

        State tensor(Tensor t) {
            if (t.wrappedNumber) wrapped = promote(wrapped, t.isFloatingPoint() ? Torch.getDefaultDtype()
                    : t.isComplex() ? defaultComplex() : t.dtype());
            else if (t.dim() > 0) dim = promote(dim, t.dtype());
            else zero = promote(zero, t.dtype());
            return this;
        }

        /** A Java double: a wrapped floating number (counts as the default dtype). */
        State scalar(double v) {
            wrapped = promote(wrapped, Torch.getDefaultDtype());
            return this;
        }

        /** A Java long: a wrapped integer. */
        State scalar(long v) {
            wrapped = promote(wrapped, DType.INT64);
            return this;
        }

        State scalar(boolean v) {
            wrapped = promote(wrapped, DType.BOOL);
            return this;
        }

        private static DType promote(DType acc, DType t) {
            return acc == null ? t : promoteTypes(acc, t);
        }

        DType result() {
            DType r = combine(dim, combine(zero, wrapped));
            return r == null ? Torch.getDefaultDtype() : r;
        }

        private static DType combine(DType higher, DType lower) {
            if (higher == null) return lower;
            if (lower == null) return higher;
            if (higher.isComplex()) return higher;
            // a lower-priority complex operand makes the result complex, keeping a floating higher's precision
            if (lower.isComplex()) return higher.isFloatingPoint() ? higher.toComplex() : lower;
            if (higher.isFloatingPoint()) return higher;
            if (higher == DType.BOOL || lower.isFloatingPoint()) return promoteTypes(higher, lower);
            return higher;
        }
    }

    static DType resultType(Tensor a, Tensor b) {
        return new State().tensor(a).tensor(b).result();
    }

    static DType resultType(Tensor a, double b) {
        return new State().tensor(a).scalar(b).result();
    }

    static DType resultType(Tensor a, long b) {
        return new State().tensor(a).scalar(b).result();
    }

    /**
     * The dtype an op that needs floating values computes in: the input's (complex included, so that
     * complex inputs reach the refusal in Dispatch rather than being cast to real), or the default float dtype.
     */
    static DType toFloating(DType t) {
        return t.isFloatingPoint() || t.isComplex() ? t : Torch.getDefaultDtype();
    }

    /** PyTorch's default complex dtype: complex128 when the default dtype is float64, else complex64. */
    static DType defaultComplex() {
        return Torch.getDefaultDtype() == DType.FLOAT64 ? DType.COMPLEX128 : DType.COMPLEX64;
    }
}
