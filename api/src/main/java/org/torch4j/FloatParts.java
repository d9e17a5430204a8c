package org.torch4j;

/**
 * The ops on the parts of a floating-point number: {@code frexp} (split into mantissa and exponent),
 * {@code ldexp} (scale by a power of two) and {@code nextafter} (the neighbouring representable value).
 * frexp and nextafter read the bits, so they compute on the host and return on the input's device.
 */
final class FloatParts {
    private FloatParts() {}

    static MantissaExponent frexp(Tensor x) {
        x.checkOpen();
        if (!x.dtype().isFloatingPoint()) throw new IllegalArgumentException("torch.frexp() only supports floating-point dtypes");
        double[] v = x.detach().toDoubleArray();
        int[] e = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            if (v[i] == 0 || !Double.isFinite(v[i])) continue; // mantissa x itself, exponent 0, as C's frexp
            // a float's value is a normal double, so its double exponent is the float's own
            int k = Math.getExponent(v[i]) + 1;
            if (Math.abs(v[i]) < Double.MIN_NORMAL) k = Math.getExponent(v[i] * 0x1p54) + 1 - 54;
            e[i] = k;
            v[i] = Math.scalb(v[i], -k);
        }
        Tensor mantissa = Torch.tensor(v, v.length).reshape(x.shape).to(x);
        Tensor exponent = Torch.tensor(e, e.length).reshape(x.shape).to(x.device());
        if (Autograd.needed(x)) Autograd.unary("FrexpBackward0", x, mantissa, g -> g.div(exponent.exp2()), exponent);
        return new MantissaExponent(mantissa, exponent);
    }

    /** {@code x * 2^e} as PyTorch composes it ({@code x * pow(2., e)}: integral operands give the default float). */
    static Tensor ldexp(Tensor x, Tensor e) {
        return x.mul(e.exp2());
    }

    static Tensor ldexpInPlace(Tensor self, Tensor e) {
        DType t = Promotion.toFloating(Torch.resultType(self, e));
        return Pointwise.inPlace(self, s -> ldexp(s, e), t, e.shape);
    }

    /** The next value after x towards y, in the two's floating result type (float32 and float64 only). */
    static Tensor nextafter(Tensor x, Tensor y) {
        Device d = Pointwise.device(x, y);
        x = Pointwise.on(d, x);
        y = Pointwise.on(d, y);
        DType t = Torch.resultType(x, y);
        if (t != DType.FLOAT32 && t != DType.FLOAT64) {
            throw new IllegalArgumentException("\"nextafter_cpu\" not implemented for '" + Printer.cppName(t) + "'");
        }
        long[] shape = Shapes.broadcast(x.shape, y.shape);
        double[] a = Pointwise.as(x.detach(), t).expand(shape).toDoubleArray(), b = Pointwise.as(y.detach(), t).expand(shape).toDoubleArray();
        for (int i = 0; i < a.length; i++) a[i] = t == DType.FLOAT32 ? Math.nextAfter((float) a[i], b[i]) : Math.nextAfter(a[i], b[i]);
        return Torch.tensor(a, a.length).reshape(shape).to(t).to(x.device());
    }

    static Tensor nextafterInPlace(Tensor self, Tensor y) {
        return Pointwise.inPlace(self, s -> nextafter(s, y), Torch.resultType(self, y), y.shape);
    }
}
