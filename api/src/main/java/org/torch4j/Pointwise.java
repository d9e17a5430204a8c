package org.torch4j;

import java.util.Arrays;
import org.torch4j.spi.Backend;
import org.torch4j.spi.BinaryOp;
import org.torch4j.spi.TernaryOp;
import org.torch4j.spi.UnaryOp;
import org.torch4j.trace.Trace;

/**
 * Elementwise ops: dtype rules, broadcasting, the kernel call, and each op's derivative (written with
 * other ops, so it can be differentiated again).
 */
final class Pointwise {
    private Pointwise() {}

    private static final double[] NO_PARAMS = new double[0];
    private static final double LN2 = Math.log(2), LN10 = Math.log(10);
    private static final double TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

    // ---- scalars ---------------------------------------------------------------------------------

    /**
     * A Java double as a 0-dim "wrapped number" on {@code like}'s device (it promotes like a scalar), in float64. It keeps
     * the Java value, so that {@link Tensor#item()} reads it without waiting for the device.
     */
    static Tensor scalar(Tensor like, double v) {
        return wrapped(Torch.full(Shapes.SCALAR, v, DType.FLOAT64, like.device()), v);
    }

    /** A Java long as a 0-dim wrapped number in int64 (see {@link #scalar(Tensor, double)}). */
    static Tensor scalar(Tensor like, long v) {
        return wrapped(Torch.full(Shapes.SCALAR, v, DType.INT64, like.device()), v);
    }

    /**
     * A Java double as a wrapped number on {@code like}'s device, in the dtype an op with like computes in (result_type's):
     * one fill, where scalar's float64 would need a conversion too. For ops that take it as a tensor on the device (lerp's
     * weight, where, {@link #fillValue}); arithmetic and comparisons take a {@link #number} instead.
     */
    static Tensor operand(Tensor like, double v) {
        return operand(like, v, like.device());
    }

    /**
     * A Java double as the number of an arithmetic or comparison op ({@link #binary}, {@link #div}, {@link #compare},
     * {@link #pow} and their in-place forms): {@link #operand}'s, kept on the host, so that on an accelerator the
     * backend passes it to the kernel as an argument ({@code Backend.binaryScalar}): one launch, as PyTorch's.
     */
    static Tensor number(Tensor like, double v) {
        return operand(like, v, Device.CPU);
    }

    private static Tensor operand(Tensor like, double v, Device at) {
        DType t = Promotion.resultType(like, v);
        // complex ops compose real ones on views of their operands: their numbers live where the tensor does
        boolean own = like.wrappedNumber || t.isComplex();
        return wrapped(Torch.filled(Shapes.SCALAR, v, own ? DType.FLOAT64 : t, own ? like.device() : at), v);
    }

    /**
     * A Java long as the number of an arithmetic or comparison op (see {@link #number(Tensor, double)}); in int64 where
     * result_type's integer dtype cannot hold it, because true division computes in floats from the exact value.
     */
    static Tensor number(Tensor like, long v) {
        DType t = Promotion.resultType(like, v);
        int bits = 8 * t.itemSize();
        boolean exact = t.isFloatingPoint() || t == DType.INT64
                || (t.isSigned() ? v >= -(1L << (bits - 1)) && v < 1L << (bits - 1) : v >= 0 && v < 1L << bits);
        boolean own = like.wrappedNumber || t.isComplex();
        return wrapped(Torch.filled(Shapes.SCALAR, v, own || !exact ? DType.INT64 : t, own ? like.device() : Device.CPU), v);
    }

    /**
     * A Java double to be written into {@code like} (masked_fill, scatter, index_put_, index_fill with a number): the
     * {@link #operand} where like's dtype is result_type's anyway (floating tensors, whose rounding of it is the same),
     * else {@link #scalar}'s float64, which converts to an integer dtype directly.
     */
    static Tensor fillValue(Tensor like, double v) {
        ScalarConversion.checkNumber(v, like.dtype());
        return Promotion.resultType(like, v) == like.dtype() ? operand(like, v) : scalar(like, v);
    }

    private static Tensor wrapped(Tensor t, Number value) {
        t.wrappedNumber = true;
        t.wrappedValue = value;
        return t;
    }

    /** A tensor with {@code dtype} (converted when needed; wrapped numbers convert cheaply and keep their Java value). */
    static Tensor as(Tensor t, DType dtype) {
        if (t.dtype() == dtype) return t;
        Tensor r = Conversions.toDtype(t, dtype, false);
        if (t.wrappedValue != null && !dtype.isComplex()) r.wrappedValue = t.wrappedValue;
        return r;
    }

    /**
     * The device an op on these operands runs on, as PyTorch chooses it: theirs, where a CPU 0-dim tensor (PyTorch's
     * scalar) joins the others on whichever side it stands; two other devices raise PyTorch's error.
     */
    static Device device(Tensor... operands) {
        Device found = null;
        for (Tensor t : operands) {
            if (t.dim() == 0 && t.device().isCpu()) continue;
            if (found == null) found = t.device();
            else if (!found.equals(t.device())) throw deviceMismatch(found, t.device());
        }
        return found != null ? found : operands[0].device();
    }

    /** An operand on the op's {@link #device}: a CPU 0-dim tensor moves there. */
    static Tensor on(Device device, Tensor t) {
        return t.device().equals(device) ? t : t.to(device);
    }

    /**
     * An operand on the op's {@link #device}, except a Java number on the host ({@link #number}): it stays there for the
     * kernel to take as an argument ({@link #runBinary}).
     */
    static Tensor beside(Device device, Tensor t) {
        return hostNumber(t) ? t : on(device, t);
    }

    /** other on the device of self, which an in-place op writes and so cannot move; a Java number stays on the host. */
    static Tensor besideSelf(Tensor self, Tensor other) {
        return hostNumber(other) ? other : sameDevice(self, other);
    }

    /** A wrapped number that lives on the host and knows its Java value. */
    static boolean hostNumber(Tensor t) {
        return t.wrappedValue != null && t.device().isCpu();
    }

    /** b on a's device, where a stays (an in-place op's self, an output): a CPU 0-dim b moves there. */
    static Tensor sameDevice(Tensor a, Tensor b) {
        if (a.device().equals(b.device())) return b;
        if (b.dim() == 0 && b.device().isCpu()) return b.to(a.device());
        throw deviceMismatch(a.device(), b.device());
    }

    private static IllegalArgumentException deviceMismatch(Device a, Device b) {
        return new IllegalArgumentException("Expected all tensors to be on the same device, but found at least two devices, "
                + a + " and " + b + "!");
    }

    // ---- unary -----------------------------------------------------------------------------------

    static Tensor unary(UnaryOp op, Tensor x, double... params) {
        if (Trace.recording()) return Trace.op("aten::" + op.name().toLowerCase(), () -> unary(op, x, params), x, params);
        x.checkOpen();
        if (x.isComplex()) return complexUnary(op, x);
        DType compute = op.isFloatOnly() ? Promotion.toFloating(x.dtype()) : x.dtype();
        checkUnaryDtype(op, x.dtype());
        Tensor in = as(x, compute);
        Tensor out = Dispatch.emptyLike(x.shape, compute, x.device(), x);
        Dispatch.backend(x).unary(op, params.length == 0 ? NO_PARAMS : params, out.strided(), in.strided());
        if (Autograd.needed(x)) recordUnary(op, params, in, out);
        return out;
    }

    /** The unary ops with a complex composite; the others get PyTorch's "not implemented" error. */
    private static Tensor complexUnary(UnaryOp op, Tensor z) {
        return switch (op) {
            case NEG -> ComplexMath.neg(z);
            case ABS -> ComplexMath.abs(z);
            case EXP -> ComplexMath.exp(z);
            case LOG -> ComplexMath.log(z);
            case SQRT -> ComplexMath.sqrt(z);
            case RECIPROCAL -> ComplexMath.reciprocal(z);
            case SIN -> ComplexElementary.sin(z);
            case COS -> ComplexElementary.cos(z);
            case TAN -> ComplexElementary.tan(z);
            case SINH -> ComplexElementary.sinh(z);
            case COSH -> ComplexElementary.cosh(z);
            case TANH -> ComplexElementary.tanh(z);
            case ASIN -> ComplexElementary.asin(z);
            case ACOS -> ComplexElementary.acos(z);
            case ATAN -> ComplexElementary.atan(z);
            case ASINH -> ComplexElementary.asinh(z);
            case ACOSH -> ComplexElementary.acosh(z);
            case ATANH -> ComplexElementary.atanh(z);
            case SIGMOID -> ComplexElementary.sigmoid(z);
            case SILU -> ComplexElementary.silu(z);
            case LOG2 -> ComplexElementary.log2(z);
            case LOG10 -> ComplexElementary.log10(z);
            case RSQRT -> ComplexElementary.rsqrt(z);
            default -> throw Complexes.notImplemented(z.dtype());
        };
    }

    private static void checkUnaryDtype(UnaryOp op, DType t) {
        if (t == DType.BOOL && (op == UnaryOp.NEG)) {
            throw new IllegalArgumentException("Negation, the `-` operator, on a bool tensor is not supported. If you are "
                    + "trying to invert a mask, use the `~` or `logical_not()` operator instead.");
        }
        if (t == DType.BOOL && op == UnaryOp.RELU) throw new IllegalArgumentException("Boolean inputs not supported for relu");
        if (op == UnaryOp.BITWISE_NOT && t.isFloatingPoint()) {
            throw new IllegalArgumentException("\"bitwise_not_cpu\" not implemented for '" + Printer.cppName(t) + "'");
        }
    }

    /**
     * Whether a backend's one-pass backward kernel may compute a gradient from {@code g} and the saved
     * tensor {@code t}: no graph of the backward is being built (those kernels are not differentiable),
     * and both have one dtype, device and shape.
     */
    static boolean fusedBackwardApplies(Tensor g, Tensor t) {
        return !GradMode.isEnabled() && g.dtype() == t.dtype() && g.device().equals(t.device()) && Arrays.equals(g.shape(), t.shape());
    }

    /**
     * {@code y <= threshold ? 0 : g}: the backend's one-pass kernel where it has one and no graph is being
     * built (the kernel is not differentiable), else g with zeros where {@code y <= threshold}: a select, not a
     * product, so that a NaN or infinite g stays out of the zeros and a NaN in y passes g, as PyTorch's
     * threshold_backward.
     */
    static Tensor thresholdBackward(Tensor g, Tensor y, double threshold) {
        if (fusedBackwardApplies(g, y)) {
            Tensor gc = g.contiguous(), yc = y.contiguous(), out = Dispatch.empty(y.shape(), y.dtype(), y.device());
            if (Dispatch.backend(yc).thresholdBackward(out.strided(), Dispatch.strided(gc), Dispatch.strided(yc), threshold)) return out;
        }
        return g.maskedFill(y.le(threshold), 0.0);
    }

    /**
     * {@code g * (Phi(x) + x phi(x))} by the backend's one-pass kernel where it has one and no graph is being
     * built (the kernel is not differentiable); null otherwise, for the composition.
     */
    private static Tensor geluBackward(Tensor g, Tensor x) {
        if (!fusedBackwardApplies(g, x)) return null;
        Tensor gc = g.contiguous(), xc = x.contiguous(), out = Dispatch.empty(x.shape(), x.dtype(), x.device());
        return Dispatch.backend(xc).geluBackward(out.strided(), Dispatch.strided(gc), Dispatch.strided(xc)) ? out : null;
    }

    /** The derivative of each unary op, in terms of the input {@code x}, the output {@code y} and ops. */
    private static void recordUnary(UnaryOp op, double[] p, Tensor x, Tensor y) {
        String name = backwardName(op);
        switch (op) {
            case NEG -> Autograd.unary(name, x, y, Tensor::neg);
            case ABS -> Autograd.unary(name, x, y, g -> g.mul(x.sign()), x);
            case SIGN, FLOOR, CEIL, ROUND, TRUNC, ROUND_DECIMALS -> Autograd.unary(name, x, y, Torch::zerosLike);
            case RELU -> Autograd.unary(name, x, y, g -> thresholdBackward(g, y, 0.0), y);
            case CLAMP -> {
                // a select, as PyTorch's clamp_backward: a NaN or infinite g outside the bounds gives 0, not NaN
                Tensor outside = clampMask(x, p[0], p[1]).logicalNot();
                Autograd.unary(name, x, y, g -> g.maskedFill(outside, 0.0), x);
            }
            case FRAC -> Autograd.unary(name, x, y, g -> g);
            case EXP -> Autograd.unary(name, x, y, g -> g.mul(y), y);
            case EXP2 -> Autograd.unary(name, x, y, g -> g.mul(y).mul(LN2), y);
            case EXPM1 -> Autograd.unary(name, x, y, g -> g.mul(y.add(1.0)), y);
            case LOG -> Autograd.unary(name, x, y, g -> g.div(x), x);
            case LOG2 -> Autograd.unary(name, x, y, g -> g.div(x.mul(LN2)), x);
            case LOG10 -> Autograd.unary(name, x, y, g -> g.div(x.mul(LN10)), x);
            case LOG1P -> Autograd.unary(name, x, y, g -> g.div(x.add(1.0)), x);
            case SQRT -> Autograd.unary(name, x, y, g -> g.div(y.mul(2.0)), y);
            case RSQRT -> Autograd.unary(name, x, y, g -> g.mul(y.pow(3.0)).mul(-0.5), y);
            case RECIPROCAL -> Autograd.unary(name, x, y, g -> g.mul(y.mul(y)).neg(), y);
            case SIN -> Autograd.unary(name, x, y, g -> g.mul(x.cos()), x);
            case COS -> Autograd.unary(name, x, y, g -> g.mul(x.sin()).neg(), x);
            case TAN -> Autograd.unary(name, x, y, g -> g.mul(y.mul(y).add(1.0)), y);
            case ASIN -> Autograd.unary(name, x, y, g -> g.mul(x.mul(x).rsub(1.0).rsqrt()), x);
            case ACOS -> Autograd.unary(name, x, y, g -> g.mul(x.mul(x).rsub(1.0).rsqrt()).neg(), x);
            case ATAN -> Autograd.unary(name, x, y, g -> g.div(x.mul(x).add(1.0)), x);
            case SINH -> Autograd.unary(name, x, y, g -> g.mul(x.cosh()), x);
            case COSH -> Autograd.unary(name, x, y, g -> g.mul(x.sinh()), x);
            case TANH -> Autograd.unary(name, x, y, g -> g.mul(y.mul(y).rsub(1.0)), y);
            case ASINH -> Autograd.unary(name, x, y, g -> g.mul(x.mul(x).add(1.0).rsqrt()), x);
            case ACOSH -> Autograd.unary(name, x, y, g -> g.mul(x.mul(x).sub(1.0).rsqrt()), x);
            case ATANH -> Autograd.unary(name, x, y, g -> g.div(x.mul(x).rsub(1.0)), x);
            case SIGMOID -> Autograd.unary(name, x, y, g -> g.mul(y.mul(y.rsub(1.0))), y);
            case LOG_SIGMOID -> Autograd.unary(name, x, y, g -> g.mul(x.neg().sigmoid()), x);
            case ERF -> Autograd.unary(name, x, y, g -> g.mul(x.mul(x).neg().exp().mul(TWO_OVER_SQRT_PI)), x);
            case ERFC -> Autograd.unary(name, x, y, g -> g.mul(x.mul(x).neg().exp().mul(-TWO_OVER_SQRT_PI)), x);
            case ERFINV -> Autograd.unary(name, x, y, g -> g.mul(y.mul(y).exp().mul(Math.sqrt(Math.PI) / 2)), y);
            case LGAMMA -> Autograd.unary(name, x, y, g -> g.mul(x.digamma()), x);
            case DIGAMMA -> Autograd.unary(name, x, y, g -> g.mul(polygamma(1, x)), x);
            case TRIGAMMA -> Autograd.unary(name, x, y, g -> g.mul(polygamma(2, x)), x);
            case POLYGAMMA -> Autograd.unary(name, x, y, g -> g.mul(polygamma((int) p[0] + 1, x)), x);
            case GELU -> Autograd.unary(name, x, y, g -> {
                Tensor fused = geluBackward(g, x);
                if (fused != null) return fused;
                Tensor cdf = x.mul(Math.sqrt(0.5)).erf().add(1.0).mul(0.5);
                Tensor pdf = x.mul(x).mul(-0.5).exp().mul(1 / Math.sqrt(2 * Math.PI));
                return g.mul(cdf.add(x.mul(pdf)));
            }, x);
            case GELU_TANH -> Autograd.unary(name, x, y, g -> {
                double k = Math.sqrt(2 / Math.PI);
                Tensor x2 = x.mul(x);
                Tensor inner = x.add(x2.mul(x).mul(0.044715)).mul(k);
                Tensor t = inner.tanh();
                Tensor dinner = x2.mul(3 * 0.044715).add(1.0).mul(k);
                Tensor left = t.add(1.0).mul(0.5);
                Tensor right = x.mul(0.5).mul(t.mul(t).rsub(1.0)).mul(dinner);
                return g.mul(left.add(right));
            }, x);
            case SILU -> Autograd.unary(name, x, y, g -> {
                Tensor s = x.sigmoid();
                return g.mul(s.mul(x.mul(s.rsub(1.0)).add(1.0)));
            }, x);
            case MISH -> Autograd.unary(name, x, y, g -> {
                Tensor t = x.softplus().tanh();
                return g.mul(t.add(x.mul(x.sigmoid()).mul(t.mul(t).rsub(1.0))));
            }, x);
            case HARDSIGMOID -> Autograd.unary(name, x, y, g -> g.mul(x.gt(-3.0).logicalAnd(x.lt(3.0))).div(6.0), x);
            case HARDSWISH -> Autograd.unary(name, x, y, g -> {
                Tensor mid = x.mul(2.0).add(3.0).div(6.0);
                Tensor d = Torch.where(x.lt(-3.0), Torch.zerosLike(x), Torch.where(x.le(3.0), mid, Torch.onesLike(x)));
                return g.mul(d);
            }, x);
            case SOFTPLUS -> {
                double beta = p[0], threshold = p[1];
                Autograd.unary(name, x, y, g -> {
                    Tensor bx = x.mul(beta);
                    return g.mul(Torch.where(bx.gt(threshold), Torch.onesLike(x), bx.sigmoid()));
                }, x);
            }
            case ELU -> {
                double alpha = p[0], scale = p[1], inputScale = p[2];
                Autograd.unary(name, x, y, g -> {
                    Tensor neg = x.mul(inputScale).exp().mul(scale * alpha * inputScale);
                    // PyTorch's test is x <= 0 for the exponential side, so a NaN input passes the gradient through
                    return g.mul(Torch.where(x.le(0.0), neg, Torch.fullLike(x, scale)));
                }, x);
            }
            case LEAKY_RELU -> {
                double slope = p[0];
                Autograd.unary(name, x, y, g -> g.mul(Torch.where(x.gt(0.0), Torch.onesLike(x), Torch.fullLike(x, slope))), x);
            }
            case NAN_TO_NUM -> Autograd.unary(name, x, y, g -> g.mul(x.isfinite()), x);
            default -> { /* predicates, bitwise: not differentiable */ }
        }
    }

    /** PyTorch's backward node names, e.g. EXP -> ExpBackward0. */
    private static String backwardName(UnaryOp op) {
        return switch (op) {
            case RELU -> "ReluBackward0";
            case LOG_SIGMOID -> "LogSigmoidBackward0";
            case GELU, GELU_TANH -> "GeluBackward0";
            case LEAKY_RELU -> "LeakyReluBackward0";
            case NAN_TO_NUM -> "NanToNumBackward0";
            case ROUND_DECIMALS -> "RoundBackward1";
            case HARDSIGMOID -> "HardsigmoidBackward0";
            case HARDSWISH -> "HardswishBackward0";
            case TRIGAMMA, POLYGAMMA -> "PolygammaBackward0";
            default -> camel(op.name()) + "Backward0";
        };
    }

    static String camel(String upper) {
        StringBuilder sb = new StringBuilder();
        for (String part : upper.toLowerCase().split("_")) {
            if (part.isEmpty()) continue;
            sb.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return sb.toString();
    }

    /**
     * {@code torch.polygamma(n, x)}: the n-th derivative of digamma (digamma itself for n = 0), with the
     * float dtype rules of digamma; differentiable to any order, as polygamma(n)' = polygamma(n + 1).
     */
    static Tensor polygamma(int n, Tensor x) {
        if (n < 0) throw new IllegalArgumentException("polygamma(n, x) does not support negative n.");
        if (n == 0) return unary(UnaryOp.DIGAMMA, x);
        if (n == 1) return unary(UnaryOp.TRIGAMMA, x);
        return unary(UnaryOp.POLYGAMMA, x, n);
    }

    /** Bool predicates ({@code isnan}, {@code logical_not}, ...). */
    static Tensor predicate(UnaryOp op, Tensor x) {
        if (Trace.recording()) return Trace.op("aten::" + op.name().toLowerCase(), () -> predicate(op, x), x);
        x.checkOpen();
        if (x.isComplex()) return ComplexMath.predicate(op, x);
        Tensor out = Dispatch.emptyLike(x.shape, DType.BOOL, x.device(), x);
        Dispatch.backend(x).unary(op, NO_PARAMS, out.strided(), x.strided());
        return out;
    }

    static Tensor bitwiseNot(Tensor x) {
        if (x.dtype() == DType.BOOL) return predicate(UnaryOp.LOGICAL_NOT, x);
        return unary(UnaryOp.BITWISE_NOT, x);
    }

    static Tensor clamp(Tensor x, Double min, Double max) {
        if (min == null && max == null) throw new IllegalArgumentException("torch.clamp: At least one of 'min' or 'max' must not be None");
        if (x.isComplex()) throw new IllegalArgumentException("clamp is not supported for complex types");
        double lo = min == null ? Double.NaN : min, hi = max == null ? Double.NaN : max;
        // bounds given as Java doubles promote an integer tensor to float, as PyTorch's scalars do;
        // integral bounds are integers (a bool tensor becomes int64, as result_type(bool, 1))
        boolean integral = isIntegral(min) && isIntegral(max);
        DType t = x.dtype().isFloatingPoint() || integral && x.dtype() != DType.BOOL ? x.dtype()
                : integral ? DType.INT64 : Torch.getDefaultDtype();
        return unary(UnaryOp.CLAMP, as(x, t), lo, hi);
    }

    private static boolean isIntegral(Double v) {
        return v == null || v == Math.rint(v);
    }

    private static Tensor clampMask(Tensor x, double lo, double hi) {
        Tensor mask = Torch.onesLike(x).toBool();
        if (!Double.isNaN(lo)) mask = mask.logicalAnd(x.ge(lo));
        if (!Double.isNaN(hi)) mask = mask.logicalAnd(x.le(hi));
        return mask;
    }

    static Tensor clamp(Tensor x, Tensor min, Tensor max) {
        if (min == null && max == null) throw new IllegalArgumentException("torch.clamp: At least one of 'min' or 'max' must not be None");
        if (x.isComplex()) throw new IllegalArgumentException("clamp is not supported for complex types");
        Tensor r;
        try (Torch.Mode m = GradMode.set(false, GradMode.isInference())) {
            r = x;
            if (min != null) r = binary(BinaryOp.MAXIMUM, r, min);
            if (max != null) r = binary(BinaryOp.MINIMUM, r, max);
        }
        Tensor lo = min == null ? null : as(min, r.dtype()), hi = max == null ? null : as(max, r.dtype());
        Tensor cx = as(x, r.dtype());
        if (r.dtype().isFloatingPoint() && Autograd.needed(cx, lo, hi)) {
            // PyTorch's: x's gradient where lo <= x <= hi (none at NaN); lo's where x < lo < hi; hi's where x > hi or hi < lo
            Autograd.record("ClampBackward0", new Tensor[] {cx, lo, hi}, new Tensor[] {r}, (g, n) -> {
                Tensor zero = Torch.zerosLike(g[0]);
                Tensor inside = lo == null ? cx.le(hi) : hi == null ? cx.ge(lo) : cx.ge(lo).logicalAnd(cx.le(hi));
                return new Tensor[] {Torch.where(inside, g[0], zero),
                        lo == null ? null : Torch.where(hi == null ? cx.lt(lo) : cx.lt(lo).logicalAnd(lo.lt(hi)), g[0], zero),
                        hi == null ? null : Torch.where(lo == null ? cx.gt(hi) : cx.gt(hi).logicalOr(hi.lt(lo)), g[0], zero)};
            }, cx);
        }
        return r;
    }

    static Tensor nanToNum(Tensor x, double nan, Double posinf, Double neginf) {
        if (x.isComplex()) throw Complexes.notImplemented(x.dtype());
        if (!x.dtype().isFloatingPoint()) return x.clone();
        double big = switch (x.dtype()) {
            case FLOAT16 -> 65504.0;
            case BFLOAT16 -> 3.3895313892515355e38;
            case FLOAT32 -> Float.MAX_VALUE;
            default -> Double.MAX_VALUE;
        };
        return unary(UnaryOp.NAN_TO_NUM, x, nan, posinf == null ? big : posinf, neginf == null ? -big : neginf);
    }

    // ---- binary ----------------------------------------------------------------------------------

    static Tensor binary(BinaryOp op, Tensor a, Tensor b) {
        return binary(op, a, b, 1.0);
    }

    /** An arithmetic binary op; {@code alpha} scales b for ADD and SUB. */
    static Tensor binary(BinaryOp op, Tensor a, Tensor b, double alpha) {
        a.checkOpen();
        b.checkOpen();
        Device d = device(a, b);
        a = beside(d, a);
        b = beside(d, b);
        DType common = Promotion.resultType(a, b);
        checkSubtraction(op, a, b, common);
        if (alpha != 1.0 && !common.isFloatingPoint() && !common.isComplex() && alpha != Math.rint(alpha)) {
            throw new IllegalArgumentException("For integral input tensors, argument alpha must not be a floating point number.");
        }
        return binaryIn(op, common, a, b, alpha);
    }

    /** PyTorch refuses subtraction with a bool operand (it checks this before shapes and dtypes). */
    private static void checkSubtraction(BinaryOp op, Tensor a, Tensor b, DType common) {
        if (op != BinaryOp.SUB) return;
        if (common == DType.BOOL) {
            throw new IllegalArgumentException("Subtraction, the `-` operator, with two bool tensors is not supported. Use the "
                    + "`^` or `logical_xor()` operator instead.");
        }
        if (a.dtype() == DType.BOOL || b.dtype() == DType.BOOL) {
            throw new IllegalArgumentException("Subtraction, the `-` operator, with a bool tensor is not supported. If you are "
                    + "trying to invert a mask, use the `~` or `logical_not()` operator instead.");
        }
    }

    /** Runs a binary kernel with both operands converted to {@code compute}. */
    private static Tensor binaryIn(BinaryOp op, DType compute, Tensor a, Tensor b, double alpha) {
        if (Trace.recording()) return Trace.op("aten::" + op.name().toLowerCase(), () -> binaryIn(op, compute, a, b, alpha), a, b, alpha, compute);
        long[] shape = Shapes.broadcast(a.shape, b.shape);
        Tensor ca = as(a, compute), cb = as(b, compute);
        if (compute.isComplex()) return ComplexMath.binary(op, ca, cb, alpha);
        Device device = hostNumber(a) ? b.device() : a.device();
        Tensor out = Dispatch.emptyLike(shape, op.isPredicate() ? DType.BOOL : compute, device, a, b);
        runBinary(op, op.params() > 0 ? new double[] {alpha} : NO_PARAMS, out, ca, cb);
        if (!op.isPredicate() && Autograd.needed(a, b)) recordBinary(op, alpha, ca, cb, out);
        return out;
    }

    /**
     * out = op(a, b), both converted to the compute dtype, on out's device. A Java number on the host beside a tensor on
     * an accelerator goes to the kernel as an argument where the backend takes one, else to the device first.
     */
    private static void runBinary(BinaryOp op, double[] params, Tensor out, Tensor a, Tensor b) {
        Backend backend = Dispatch.backend(out.device());
        long[] shape = out.shape;
        if (!out.device().isCpu()) {
            if (hostNumber(b) && backend.binaryScalar(op, params, out.strided(), Dispatch.broadcast(a, shape), b.wrappedValue, false)) return;
            if (hostNumber(a) && backend.binaryScalar(op, params, out.strided(), Dispatch.broadcast(b, shape), a.wrappedValue, true)) return;
        }
        backend.binary(op, params, out.strided(), Dispatch.broadcast(sameDevice(out, a), shape), Dispatch.broadcast(sameDevice(out, b), shape));
    }

    /** Binary ops defined on floating values (integer inputs promote to the default float dtype). */
    static Tensor binaryFloat(BinaryOp op, Tensor a, Tensor b) {
        Device d = device(a, b);
        a = beside(d, a);
        b = beside(d, b);
        return binaryIn(op, Promotion.toFloating(Promotion.resultType(a, b)), a, b, 1.0);
    }

    static Tensor div(Tensor a, Tensor b, String roundingMode) {
        Device d = device(a, b);
        a = beside(d, a);
        b = beside(d, b);
        DType common = Promotion.resultType(a, b);
        if (roundingMode == null) return binaryIn(BinaryOp.DIV, Promotion.toFloating(common), a, b, 1.0);
        return switch (roundingMode) {
            case "trunc" -> binaryIn(BinaryOp.DIV_TRUNC, common, a, b, 1.0);
            case "floor" -> binaryIn(BinaryOp.DIV_FLOOR, common, a, b, 1.0);
            default -> throw new IllegalArgumentException("div expected rounding_mode to be one of None, 'trunc', or 'floor' "
                    + "but found '" + roundingMode + "'");
        };
    }

    static Tensor pow(Tensor a, Tensor b) {
        Device d = device(a, b);
        a = beside(d, a);
        b = beside(d, b);
        DType common = Promotion.resultType(a, b);
        if (common.isComplex()) {
            // a real Java exponent takes PyTorch's scalar path (with its special cases), a tensor exponent cpow's
            if (b.wrappedNumber && !b.isComplex()) return ComplexMath.pow(as(a, common), b.item());
            return ComplexMath.pow(as(a, common), as(b, common));
        }
        if (!common.isFloatingPoint() && b.wrappedNumber && b.dim() == 0 && b.item() < 0) {
            throw new IllegalArgumentException("Integers to negative integer powers are not allowed.");
        }
        // PyTorch computes x ** 0.5 and x ** -0.5 as sqrt and rsqrt: they differ from pow at -inf and -0
        if (b.wrappedNumber && common.isFloatingPoint() && Math.abs(b.item()) == 0.5) {
            return unary(b.item() > 0 ? UnaryOp.SQRT : UnaryOp.RSQRT, as(a, common));
        }
        return binaryIn(BinaryOp.POW, common, a, b, 1.0);
    }

    /**
     * d(a ** b)/da times g: {@code g * (b * a ** (b - 1))}, 0 where b is 0. A Java number as exponent (x.pow(2)) takes
     * PyTorch's scalar formula, two ops on the tensor instead of four with a mask.
     */
    private static Tensor powBaseGrad(Tensor g, Tensor a, Tensor b) {
        if (b.wrappedNumber && !b.isComplex()) {
            double e = b.item();
            return e == 0 ? Torch.zerosLike(g) : g.mul(a.pow(e - 1).mul(e));
        }
        return g.mul(b.mul(a.pow(exponentMinusOne(b)))).maskedFill(b.eq(0.0), 0.0);
    }

    static Tensor compare(BinaryOp op, Tensor a, Tensor b) {
        Device d = device(a, b);
        a = beside(d, a);
        b = beside(d, b);
        return binaryIn(op, Promotion.resultType(a, b), a, b, 1.0);
    }

    static Tensor bitwise(BinaryOp op, Tensor a, Tensor b) {
        Device d = device(a, b);
        a = beside(d, a);
        b = beside(d, b);
        DType common = Promotion.resultType(a, b);
        boolean shift = op == BinaryOp.SHIFT_LEFT || op == BinaryOp.SHIFT_RIGHT;
        if (common.isFloatingPoint() || shift && common == DType.BOOL) {
            Shapes.broadcast(a.shape, b.shape); // a shape mismatch is named first, as PyTorch's iterator does
            // PyTorch's kernel names: bitwise_and_cpu, ..., lshift_cpu, rshift_cpu
            String kernel = switch (op) {
                case SHIFT_LEFT -> "lshift";
                case SHIFT_RIGHT -> "rshift";
                default -> op.name().toLowerCase();
            };
            throw new IllegalArgumentException("\"" + kernel + "_cpu\" not implemented for '" + Printer.cppName(common) + "'");
        }
        return binaryIn(op, common, a, b, 1.0);
    }

    /**
     * {@code b - 1} for pow's derivative. A Java number exponent is a wrapped float64 scalar, and two
     * wrapped numbers combine in the default dtype (float32): its {@code b - 1} is computed here in double
     * instead, so float64 gradients do not carry a float32-rounded exponent.
     */
    private static Tensor exponentMinusOne(Tensor b) {
        return b.wrappedNumber ? scalar(b, b.item() - 1) : b.sub(1.0);
    }

    /** d(out)/d(a), d(out)/d(b) for each differentiable binary op. */
    private static void recordBinary(BinaryOp op, double alpha, Tensor a, Tensor b, Tensor out) {
        Tensor[] in = {a, b};
        Tensor[] outs = {out};
        String name = camel(op.name()) + "Backward0";
        switch (op) {
            // (b's gradient only where b needs one: x - target would scale a whole tensor for nothing)
            case ADD -> Autograd.record(name, in, outs, (g, n) -> new Tensor[] {
                    g[0], alpha == 1 ? g[0] : n.needsInputGrad(1) ? g[0].mul(alpha) : null});
            case SUB -> Autograd.record(name, in, outs, (g, n) -> new Tensor[] {g[0], n.needsInputGrad(1) ? g[0].mul(-alpha) : null});
            // (mul and div save only what their needed gradients read, as PyTorch)
            // x * x: one gradient 2 g x (the same bits as g x + g x), not two products and their sum
            case MUL -> Autograd.record(name, in, outs, (g, n) -> a == b ? new Tensor[] {g[0].mul(a).mul(2.0), null} : new Tensor[] {
                    n.needsInputGrad(0) ? g[0].mul(b) : null, n.needsInputGrad(1) ? g[0].mul(a) : null},
                    Autograd.productOperands(a, b));
            case DIV -> Autograd.record(name, in, outs, (g, n) -> new Tensor[] {
                    n.needsInputGrad(0) ? g[0].div(b) : null,
                    // PyTorch's -g ((a / b) / b): b * b would overflow or underflow first (a tiny scale squared)
                    n.needsInputGrad(1) ? g[0].neg().mul(a.div(b).div(b)) : null}, b.requiresGrad ? a : null, b);
            case DIV_TRUNC, DIV_FLOOR -> Autograd.record("DivBackward1", in, outs, (g, n) -> new Tensor[] {
                    Torch.zerosLike(g[0]), Torch.zerosLike(g[0])});
            case REMAINDER -> Autograd.record(name, in, outs, (g, n) -> new Tensor[] {
                    g[0], n.needsInputGrad(1) ? g[0].neg().mul(a.div(b, "floor")) : null}, a, b);
            case FMOD -> Autograd.record(name, in, outs, (g, n) -> new Tensor[] {
                    g[0], n.needsInputGrad(1) ? g[0].neg().mul(a.div(b, "trunc")) : null}, a, b);
            case POW -> Autograd.record(name, in, outs, (g, n) -> new Tensor[] {
                    n.needsInputGrad(0) ? powBaseGrad(g[0], a, b) : null,
                    n.needsInputGrad(1) ? g[0].mul(out.mul(a.log())).maskedFill(a.eq(0.0).logicalAnd(b.ge(0.0)), 0.0) : null},
                    a, b, out);
            // PyTorch's rules: maximum and minimum split a tie in halves and pass a NaN's gradient to both sides;
            // fmax and fmin give a tie to a, and to the side that is not NaN
            case MAXIMUM, MINIMUM -> Autograd.record(name, in, outs, (g, n) -> {
                Tensor shared = Torch.where(a.eq(b), g[0].div(2.0), g[0]);
                boolean max = op == BinaryOp.MAXIMUM;
                return new Tensor[] {shared.maskedFill(max ? a.lt(b) : a.gt(b), 0.0), shared.maskedFill(max ? a.gt(b) : a.lt(b), 0.0)};
            }, a, b);
            case FMAX, FMIN -> Autograd.record(name, in, outs, (g, n) -> {
                Tensor aTakes = (op == BinaryOp.FMAX ? a.ge(b) : a.le(b)).logicalOr(b.isnan());
                return new Tensor[] {g[0].maskedFill(aTakes.logicalNot(), 0.0), g[0].maskedFill(aTakes, 0.0)};
            }, a, b);
            case ATAN2 -> Autograd.record(name, in, outs, (g, n) -> {
                Tensor r2 = a.mul(a).add(b.mul(b));
                return new Tensor[] {g[0].mul(b).div(r2), g[0].mul(a).neg().div(r2)};
            }, a, b);
            case HYPOT -> Autograd.record(name, in, outs, (g, n) -> new Tensor[] {
                    g[0].mul(a).div(out), g[0].mul(b).div(out)}, a, b, out);
            case COPYSIGN -> Autograd.record(name, in, outs, (g, n) -> new Tensor[] {
                    g[0].mul(Torch.where(a.eq(0.0), Torch.zerosLike(a), out.div(a))), Torch.zerosLike(g[0])}, a, out);
            case XLOGY -> Autograd.record(name, in, outs, (g, n) -> new Tensor[] {
                    // log(b), also where a is 0 (the derivative of a log b in a), except at a = 0 with b <= 0, as PyTorch
                    n.needsInputGrad(0) ? g[0].xlogy(b).maskedFill(a.eq(0.0).logicalAnd(b.le(0.0)), 0.0) : null,
                    n.needsInputGrad(1) ? g[0].mul(a).div(b) : null}, a, b);
            default -> { /* comparisons, logical and bitwise ops have no gradient */ }
        }
    }

    static Tensor isclose(Tensor a, Tensor b, double rtol, double atol, boolean equalNan) {
        if (a.dtype() != b.dtype()) {
            throw new IllegalArgumentException(Printer.cppName(a.dtype()) + " did not match " + Printer.cppName(b.dtype()));
        }
        if (!(rtol >= 0)) throw new IllegalArgumentException("rtol must be greater than or equal to zero, but got " + number(rtol));
        if (!(atol >= 0)) throw new IllegalArgumentException("atol must be greater than or equal to zero, but got " + number(atol));
        if (a.isComplex()) return ComplexMath.isclose(a, b, rtol, atol, equalNan);
        // PyTorch's rule: equal, or both NaN when asked, or a finite |a - b| within atol + |rtol b| (integers too)
        Tensor close = a.eq(b);
        if (equalNan && a.dtype().isFloatingPoint()) close = close.logicalOr(a.isnan().logicalAnd(b.isnan()));
        if (rtol == 0 && atol == 0) return close;
        // integers are compared in the default float dtype (an integral a - b would wrap)
        boolean integral = !a.dtype().isFloatingPoint();
        Tensor ca = integral ? a.to(Torch.getDefaultDtype()) : a, cb = integral ? b.to(Torch.getDefaultDtype()) : b;
        Tensor actual = ca.sub(cb).abs();
        return close.logicalOr(actual.isfinite().logicalAnd(actual.le(cb.mul(rtol).abs().add(atol))));
    }

    /** A number as C++ streams print it in PyTorch's messages, for the short values they hold: -1, -0.5. */
    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    // ---- ternary ---------------------------------------------------------------------------------

    static Tensor where(Tensor cond, Tensor a, Tensor b) {
        if (Trace.recording()) { Tensor c0 = cond, a0 = a, b0 = b; return Trace.op("aten::where", () -> where(c0, a0, b0), c0, a0, b0); }
        if (cond.dtype() != DType.BOOL) {
            throw new IllegalArgumentException("where expected condition to be a boolean tensor, but got a tensor with dtype "
                    + Printer.cppName(cond.dtype()));
        }
        Device d = device(a, b, cond);
        a = on(d, a);
        b = on(d, b);
        cond = on(d, cond);
        DType t = Promotion.resultType(a, b);
        long[] shape = Shapes.broadcast(cond.shape, a.shape, b.shape);
        Tensor ca = as(a, t), cb = as(b, t);
        if (t.isComplex()) return ComplexMath.where(cond, ca, cb);
        Tensor out = Dispatch.emptyLike(shape, t, a.device(), cond, a, b);
        Dispatch.backend(a).ternary(TernaryOp.WHERE, NO_PARAMS, out.strided(), Dispatch.broadcast(cond, shape),
                Dispatch.broadcast(ca, shape), Dispatch.broadcast(cb, shape));
        if (Autograd.needed(a, b)) {
            Tensor c = cond;
            Autograd.record("WhereBackward0", new Tensor[] {ca, cb}, new Tensor[] {out}, (g, n) -> {
                Tensor zero = Torch.zerosLike(g[0]);
                return new Tensor[] {Torch.where(c, g[0], zero), Torch.where(c, zero, g[0])};
            }, c);
        }
        return out;
    }

    private static Tensor ternary(TernaryOp op, double value, Tensor s, Tensor x, Tensor y) {
        Device d = device(s, x, y);
        s = on(d, s);
        x = on(d, x);
        y = on(d, y);
        DType t = new Promotion.State().tensor(s).tensor(x).tensor(y).result();
        long[] shape = Shapes.broadcast(s.shape, x.shape, y.shape);
        Tensor cs = as(s, t), cx = as(x, t), cy = as(y, t);
        Tensor out = Dispatch.emptyLike(shape, t, s.device(), s, x, y);
        double[] params = op.params() > 0 ? new double[] {value} : NO_PARAMS;
        Dispatch.backend(s).ternary(op, params, out.strided(), Dispatch.broadcast(cs, shape), Dispatch.broadcast(cx, shape),
                Dispatch.broadcast(cy, shape));
        if (Autograd.needed(s, x, y)) recordTernary(op, value, cs, cx, cy, out);
        return out;
    }

    private static void recordTernary(TernaryOp op, double v, Tensor s, Tensor x, Tensor y, Tensor out) {
        Tensor[] in = {s, x, y};
        Tensor[] outs = {out};
        switch (op) {
            case ADDCMUL -> Autograd.record("AddcmulBackward0", in, outs, (g, n) -> new Tensor[] {
                    g[0], n.needsInputGrad(1) ? g[0].mul(y).mul(v) : null, n.needsInputGrad(2) ? g[0].mul(x).mul(v) : null}, x, y);
            case ADDCDIV -> Autograd.record("AddcdivBackward0", in, outs, (g, n) -> new Tensor[] {
                    g[0], n.needsInputGrad(1) ? g[0].div(y).mul(v) : null,
                    n.needsInputGrad(2) ? g[0].neg().mul(x).div(y.mul(y)).mul(v) : null}, x, y);
            case LERP -> {
                if (y.wrappedNumber && !y.isComplex()) {
                    // PyTorch's LerpBackward0: the weight is a double (a wrapped number's arithmetic would round
                    // 1 - w to float32), and nothing is saved
                    double w = y.item();
                    Autograd.record("LerpBackward0", in, outs, (g, n) -> new Tensor[] {
                            n.needsInputGrad(0) ? g[0].mul(1 - w) : null, n.needsInputGrad(1) ? g[0].mul(w) : null, null});
                } else {
                    boolean weightGrad = y.requiresGrad;
                    Autograd.record("LerpBackward1", in, outs, (g, n) -> new Tensor[] {
                            n.needsInputGrad(0) ? g[0].mul(y.rsub(1.0)) : null,
                            n.needsInputGrad(1) ? g[0].mul(y) : null,
                            n.needsInputGrad(2) ? g[0].mul(x.sub(s)) : null},
                            weightGrad ? s : null, weightGrad ? x : null, s.requiresGrad || x.requiresGrad ? y : null);
                }
            }
            default -> throw new IllegalStateException(op.name());
        }
    }

    static Tensor addcmul(Tensor s, Tensor t1, Tensor t2, double value) {
        return ternary(TernaryOp.ADDCMUL, value, s, t1, t2);
    }

    static Tensor addcdiv(Tensor s, Tensor t1, Tensor t2, double value) {
        DType t = new Promotion.State().tensor(t1).tensor(t2).result();
        if (!t.isFloatingPoint()) {
            throw new IllegalArgumentException("Integer division with addcdiv is no longer supported, and in a future release "
                    + "addcdiv will perform a true division of tensor1 and tensor2. The historic addcdiv behavior can be "
                    + "implemented as (input + value * torch.trunc(tensor1 / tensor2)).to(input.dtype) for integer inputs and "
                    + "as (input + value * tensor1 / tensor2) for float inputs. The future addcdiv behavior is just the latter "
                    + "implementation: (input + value * tensor1 / tensor2), for all dtypes.");
        }
        return ternary(TernaryOp.ADDCDIV, value, s, t1, t2);
    }

    static Tensor lerp(Tensor start, Tensor end, Tensor weight) {
        if (start.dtype() != end.dtype()) {
            throw new IllegalArgumentException("expected dtype " + Printer.cppScalar(start.dtype()) + " for `end` but got dtype "
                    + Printer.cppScalar(end.dtype()));
        }
        if (!start.dtype().isFloatingPoint()) throw new IllegalArgumentException("\"lerp_kernel_scalar\" not implemented for '"
                + Printer.cppName(start.dtype()) + "'");
        return ternary(TernaryOp.LERP, 0, start, end, weight.wrappedNumber ? as(weight, start.dtype()) : weight);
    }

    // ---- in place --------------------------------------------------------------------------------

    /**
     * Runs an op in place: the result must broadcast to self's shape and cast to its dtype. Under
     * autograd the op is recorded out of place on a copy of self's old value, then written back, so
     * that self takes the op's node and tensors saved earlier see the version bump.
     */
    static Tensor inPlace(Tensor self, java.util.function.UnaryOperator<Tensor> outOfPlace, DType resultType, long[] resultShape) {
        return inPlace(self, outOfPlace, resultType, resultShape, true);
    }

    /**
     * {@link #inPlace(Tensor, java.util.function.UnaryOperator, DType, long[])}; without {@code copyOld} the op reads
     * self itself, for ops whose backward reads nothing of self's old value.
     */
    private static Tensor inPlace(Tensor self, java.util.function.UnaryOperator<Tensor> outOfPlace, DType resultType, long[] resultShape,
            boolean copyOld) {
        self.checkOpen();
        checkWritable(self);
        if (!java.util.Arrays.equals(Shapes.broadcast(self.shape, resultShape), self.shape)) {
            throw new IllegalArgumentException("output with shape " + Shapes.str(self.shape)
                    + " doesn't match the broadcast shape " + Shapes.str(Shapes.broadcast(self.shape, resultShape)));
        }
        if (!canCast(resultType, self.dtype())) {
            throw new IllegalArgumentException("result type " + Printer.cppName(resultType)
                    + " can't be cast to the desired output type " + Printer.cppName(self.dtype()));
        }
        return InPlace.apply(self, outOfPlace, copyOld);
    }

    /**
     * In-place ops may not write through an expanded view (a dimension of stride 0 and size > 1): the
     * result would depend on the order of the writes. fill_ and masked_fill_ write one value and skip this.
     * Nor, with grad mode on, through a view made under no_grad of a tensor that requires grad (the base's
     * history would miss the write), with or without a graph for the op itself.
     */
    static void checkWritable(Tensor self) {
        ViewHistory.checkWrite(self);
        if (hasInternalOverlap(self)) {
            throw new IllegalArgumentException("unsupported operation: more than one element of the written-to tensor "
                    + "refers to a single memory location. Please clone() the tensor before performing the operation.");
        }
    }

    /**
     * PyTorch's assert_no_partial_overlap: an input that shares some, but not all, of the written-to
     * memory ({@code x.add_(x.t())}, {@code x[1:].copy_(x[:-1])}) would be read after it was written.
     * As in PyTorch, only dense operands are checked; the same view ({@code x.add_(x)}) is fine.
     */
    static void checkNoPartialOverlap(Tensor self, Tensor... inputs) {
        for (Tensor in : inputs) {
            if (in.storage != self.storage || in.numel() == 0 || self.numel() == 0) continue;
            if (!isDense(self) || !isDense(in)) continue;
            long a0 = self.offset, a1 = a0 + self.numel(), b0 = in.offset, b1 = b0 + in.numel();
            boolean same = a0 == b0 && a1 == b1 && java.util.Arrays.equals(self.strides, in.strides);
            if (!same && a0 < b1 && b0 < a1) {
                throw new IllegalArgumentException("unsupported operation: some elements of the input tensor and the "
                        + "written-to tensor refer to a single memory location. Please clone() the tensor before performing "
                        + "the operation.");
            }
        }
    }

    /** Non-overlapping and dense: the elements fill a block of memory exactly, in some order of the dims. */
    private static boolean isDense(Tensor t) {
        Integer[] order = new Integer[t.dim()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        java.util.Arrays.sort(order, (x, y) -> Long.compare(t.strides[x], t.strides[y]));
        long expected = 1;
        for (int d : order) {
            if (t.shape[d] == 1) continue;
            if (t.strides[d] != expected) return false;
            expected *= t.shape[d];
        }
        return true;
    }

    /** PyTorch's has_internal_overlap: a dimension of stride 0 and size > 1 (other overlaps are not detected). */
    static boolean hasInternalOverlap(Tensor t) {
        for (int d = 0; d < t.dim(); d++) {
            if (t.strides[d] == 0 && t.shape[d] > 1) return true;
        }
        return false;
    }

    /** torch.can_cast: no float to integer, no non-bool to bool. */
    static boolean canCast(DType from, DType to) {
        if (from.isComplex() && !to.isComplex()) return false;
        if (from.isFloatingPoint() && !to.isFloatingPoint() && !to.isComplex()) return false;
        return from == DType.BOOL || to != DType.BOOL;
    }

    static Tensor binaryInPlace(BinaryOp op, Tensor self, Tensor other) {
        return binaryInPlace(op, self, other, 1.0);
    }

    static Tensor binaryInPlace(BinaryOp op, Tensor self, Tensor other, double alpha) {
        if (Trace.recording()) { Tensor o = other; return Trace.op("aten::" + op.name().toLowerCase() + "_", () -> binaryInPlace(op, self, o, alpha), self, o, alpha, self.dtype()); }
        other = besideSelf(self, other);
        checkNoPartialOverlap(self, other);
        DType common = Promotion.resultType(self, other);
        checkSubtraction(op, self, other, common);
        boolean graph = Autograd.needed(self, other);
        if (!graph && (common.isComplex() || self.isComplex())) {
            // no complex kernel to write into self: the composite's result is copied in
            inPlaceChecks(self, other, common);
            copyResult(self, binary(op, self, other, alpha));
            return self;
        }
        boolean additive = op == BinaryOp.ADD || op == BinaryOp.SUB; // their backward reads neither operand
        // the kernel writes self's memory: without a graph, and for add_/sub_ with one (their node saves nothing, so
        // neither operand needs a copy: a residual out += identity costs one pass), except on a view to rebase
        if (!graph || (additive && common == self.dtype() && !common.isComplex() && self.viewBase == null)) {
            if (graph) InPlace.checkLeaf(self);
            inPlaceChecks(self, other, common);
            Tensor cb = as(other, common);
            Tensor ca = as(self, common);
            runBinary(op, op.params() > 0 ? new double[] {alpha} : NO_PARAMS, self, ca, cb);
            if (graph) return InPlace.recordWritten(self, result -> recordBinary(op, alpha, self, cb, result));
            self.storage.bumpVersion();
            return self;
        }
        Tensor o = other;
        return inPlace(self, s -> binary(op, s, o, alpha), common, other.shape, !additive);
    }

    /** Writes an out-of-place result into self (the complex in-place ops, which have no kernel). */
    private static void copyResult(Tensor self, Tensor result) {
        Conversions.copyInto(self, result);
        self.storage.bumpVersion();
    }

    private static void inPlaceChecks(Tensor self, Tensor other, DType common) {
        self.checkOpen();
        other.checkOpen();
        checkWritable(self);
        long[] b = Shapes.broadcast(self.shape, other.shape);
        if (!java.util.Arrays.equals(b, self.shape)) {
            throw new IllegalArgumentException("output with shape " + Shapes.str(self.shape)
                    + " doesn't match the broadcast shape " + Shapes.str(b));
        }
        if (!canCast(common, self.dtype())) {
            throw new IllegalArgumentException("result type " + Printer.cppName(common)
                    + " can't be cast to the desired output type " + Printer.cppName(self.dtype()));
        }
    }

    static Tensor divInPlace(Tensor self, Tensor other) {
        other = besideSelf(self, other);
        DType t = Promotion.toFloating(Promotion.resultType(self, other));
        if (!self.dtype().isFloatingPoint() && !self.isComplex()) {
            inPlaceChecks(self, other, self.dtype()); // a shape mismatch is named first
            throw new IllegalArgumentException("result type " + Printer.cppName(t) + " can't be cast to the desired output type "
                    + Printer.cppName(self.dtype()));
        }
        return binaryInPlace(BinaryOp.DIV, self, other);
    }

    static Tensor unaryInPlace(UnaryOp op, Tensor self) {
        if (Trace.recording()) return Trace.op("aten::" + op.name().toLowerCase() + "_", () -> unaryInPlace(op, self), self, new double[0]);
        if (op == UnaryOp.ABS && self.isComplex()) {
            throw new IllegalArgumentException("In-place abs is not supported for complex tensors.");
        }
        DType compute = op.isFloatOnly() ? Promotion.toFloating(self.dtype()) : self.dtype();
        boolean graph = Autograd.needed(self);
        if (!graph && self.isComplex()) {
            self.checkOpen();
            checkWritable(self);
            copyResult(self, unary(op, self));
            return self;
        }
        boolean fromOutput = DERIVATIVE_FROM_OUTPUT.contains(op) && !self.isComplex();
        // the kernel writes self's memory: without a graph, and with one when the node needs only the result (it
        // saves self's memory at its new version, so a later in-place write fails the backward as PyTorch's does:
        // "output 0 of ReluBackward0"), except on a view to rebase
        if (!graph || (fromOutput && compute == self.dtype() && self.viewBase == null)) {
            if (!canCast(compute, self.dtype())) {
                throw new IllegalArgumentException("result type " + Printer.cppName(compute)
                        + " can't be cast to the desired output type " + Printer.cppName(self.dtype()));
            }
            if (graph) InPlace.checkLeaf(self);
            self.checkOpen();
            checkUnaryDtype(op, self.dtype());
            checkWritable(self);
            Dispatch.backend(self).unary(op, NO_PARAMS, self.strided(), self.strided());
            if (graph) return InPlace.recordWritten(self, result -> recordUnary(op, NO_PARAMS, self, result));
            self.storage.bumpVersion();
            return self;
        }
        return inPlace(self, s -> unary(op, s), compute, self.shape, !fromOutput);
    }

    /** The real unary ops whose derivative ({@link #recordUnary}) reads only their output, or nothing of the input. */
    private static final java.util.Set<UnaryOp> DERIVATIVE_FROM_OUTPUT = java.util.EnumSet.of(UnaryOp.NEG, UnaryOp.SIGN,
            UnaryOp.FLOOR, UnaryOp.CEIL, UnaryOp.ROUND, UnaryOp.TRUNC, UnaryOp.ROUND_DECIMALS, UnaryOp.RELU, UnaryOp.FRAC,
            UnaryOp.EXP, UnaryOp.EXP2, UnaryOp.EXPM1, UnaryOp.SQRT, UnaryOp.RSQRT, UnaryOp.RECIPROCAL, UnaryOp.TAN,
            UnaryOp.TANH, UnaryOp.SIGMOID, UnaryOp.ERFINV);

    static Tensor clampInPlace(Tensor self, Double min, Double max) {
        if (min == null && max == null) throw new IllegalArgumentException("torch.clamp: At least one of 'min' or 'max' must not be None");
        if (!Autograd.needed(self) && self.dtype().isFloatingPoint()) {
            self.checkOpen();
            checkWritable(self);
            double lo = min == null ? Double.NaN : min, hi = max == null ? Double.NaN : max;
            Dispatch.backend(self).unary(UnaryOp.CLAMP, new double[] {lo, hi}, self.strided(), self.strided());
            self.storage.bumpVersion();
            return self;
        }
        Tensor r;
        try (Torch.Mode m = GradMode.set(false, GradMode.isInference())) {
            r = clamp(Torch.zeros(Shapes.SCALAR, self.dtype(), self.device()), min, max);
        }
        return inPlace(self, s -> clamp(s, min, max), r.dtype(), self.shape);
    }

    static Tensor addcmulInPlace(Tensor self, Tensor t1, Tensor t2, double value) {
        checkNoPartialOverlap(self, t1, t2);
        if (!Autograd.needed(self, t1, t2) && self.dtype() == t1.dtype() && self.dtype() == t2.dtype()) {
            return ternaryInPlace(TernaryOp.ADDCMUL, value, self, t1, t2);
        }
        return inPlace(self, s -> addcmul(s, t1, t2, value), new Promotion.State().tensor(self).tensor(t1).tensor(t2).result(),
                Shapes.broadcast(t1.shape, t2.shape));
    }

    static Tensor addcdivInPlace(Tensor self, Tensor t1, Tensor t2, double value) {
        checkNoPartialOverlap(self, t1, t2);
        if (!Autograd.needed(self, t1, t2) && self.dtype() == t1.dtype() && self.dtype() == t2.dtype() && self.isFloatingPoint()) {
            return ternaryInPlace(TernaryOp.ADDCDIV, value, self, t1, t2);
        }
        return inPlace(self, s -> addcdiv(s, t1, t2, value), new Promotion.State().tensor(self).tensor(t1).tensor(t2).result(),
                Shapes.broadcast(t1.shape, t2.shape));
    }

    static Tensor lerpInPlace(Tensor self, Tensor end, Tensor weight) {
        checkNoPartialOverlap(self, end, weight);
        return inPlace(self, s -> lerp(s, end, weight), self.dtype(), end.shape);
    }

    /** The no-grad fast path: the kernel writes straight into self. */
    private static Tensor ternaryInPlace(TernaryOp op, double value, Tensor self, Tensor x, Tensor y) {
        self.checkOpen();
        checkWritable(self);
        x = sameDevice(self, x);
        y = sameDevice(self, y);
        long[] b = Shapes.broadcast(self.shape, x.shape, y.shape);
        if (!java.util.Arrays.equals(b, self.shape)) {
            throw new IllegalArgumentException("output with shape " + Shapes.str(self.shape)
                    + " doesn't match the broadcast shape " + Shapes.str(b));
        }
        Dispatch.backend(self).ternary(op, new double[] {value}, self.strided(), self.strided(),
                Dispatch.broadcast(x, self.shape), Dispatch.broadcast(y, self.shape));
        self.storage.bumpVersion();
        return self;
    }

    static Tensor fill(Tensor self, double value) {
        return fillWith(self, value, "FillBackward0");
    }

    static Tensor fill(Tensor self, long value) {
        return fillWith(self, value, "FillBackward0");
    }

    static Tensor zero(Tensor self) {
        return fillWith(self, 0L, "ZeroBackward0");
    }

    /** Fills self; under autograd self stays in the graph, its old history getting a zero gradient (as PyTorch). */
    private static Tensor fillWith(Tensor self, Number value, String node) {
        self.checkOpen();
        if (value instanceof Long l) ScalarConversion.check(l, self.dtype());
        else ScalarConversion.check(value.doubleValue(), self.dtype());
        InPlace.checkLeaf(self);
        if (self.isComplex()) Complexes.fill(self, value);
        else Dispatch.backend(self).fill(self.strided(), value);
        if (Autograd.needed(self)) return InPlace.recordWritten(self, result -> Autograd.unary(node, self, result, Torch::zerosLike));
        self.storage.bumpVersion();
        return self;
    }

    static Tensor fill(Tensor self, Tensor value) {
        if (value.dim() != 0) {
            throw new IllegalArgumentException("fill_ only supports 0-dimension value tensor but got tensor with "
                    + value.dim() + " dimensions.");
        }
        self.checkOpen();
        value.checkOpen();
        return copyFrom(self, value);
    }

    /** self[...] = src, broadcast, converted, from any device. */
    static Tensor copyInPlace(Tensor self, Tensor src) {
        self.checkOpen();
        src.checkOpen();
        checkWritable(self);
        checkNoPartialOverlap(self, src);
        return copyFrom(self, src);
    }

    /** copy_ without the overlap check (fill_ writes one value, so an expanded self is fine). */
    private static Tensor copyFrom(Tensor self, Tensor src) {
        long[] b = Shapes.broadcast(self.shape, src.shape);
        if (!java.util.Arrays.equals(b, self.shape)) {
            throw new IllegalArgumentException("output with shape " + Shapes.str(self.shape)
                    + " doesn't match the broadcast shape " + Shapes.str(b));
        }
        if (Autograd.needed(self, src)) return InPlace.apply(self, old -> copied(old, src), false);
        Conversions.copyInto(self, src);
        self.storage.bumpVersion();
        return self;
    }

    /**
     * copy_'s result under autograd: src's value in self's dtype, shape and device, behind PyTorch's CopyBackwards,
     * which gives self's old history a zero gradient (so self stays in the graph even when src is a constant).
     */
    private static Tensor copied(Tensor old, Tensor src) {
        Tensor value = src.to(old).expand(old.shape).clone();
        Tensor r = Autograd.detach(value);
        Autograd.record("CopyBackwards", new Tensor[] {old, value}, new Tensor[] {r},
                (g, n) -> new Tensor[] {Torch.zerosLike(g[0]), g[0]});
        return r;
    }

    /** masked_fill's argument checks (PyTorch words both forms as {@code masked_fill_}). */
    static void checkMaskedFill(Tensor mask, Tensor value) {
        if (mask.dtype() != DType.BOOL) {
            throw new IllegalArgumentException("masked_fill_ only supports boolean masks, but got mask with dtype "
                    + Printer.cppName(mask.dtype()));
        }
        if (value.dim() != 0) {
            throw new IllegalArgumentException("masked_fill_ only supports a 0-dimensional value tensor, but got tensor with "
                    + value.dim() + " dimension(s).");
        }
    }

    static Tensor maskedFillInPlace(Tensor self, Tensor mask, Tensor value) {
        if (Trace.recording()) { Tensor m0 = mask; return Trace.op("aten::masked_fill_", () -> maskedFillInPlace(self, m0, value), self, m0, value); }
        checkMaskedFill(mask, value);
        Tensor v = as(value, self.dtype());
        // complex tensors take the composite below: where() over the pairs, written back through the real view
        if (!self.isComplex() && !Autograd.needed(self, value)) {
            self.checkOpen();
            mask = sameDevice(self, mask);
            long[] b = Shapes.broadcast(self.shape, mask.shape);
            if (!java.util.Arrays.equals(b, self.shape)) {
                throw new IllegalArgumentException("output with shape " + Shapes.str(self.shape)
                        + " doesn't match the broadcast shape " + Shapes.str(b));
            }
            if (hasInternalOverlap(self)) {
                // a where() over an expanded self would write unmasked elements back with stale values
                Tensor nz = mask.expand(self.shape).nonzero();
                org.torch4j.spi.Strided[] idx = new org.torch4j.spi.Strided[self.dim()];
                for (int d = 0; d < idx.length; d++) idx[d] = nz.select(1, d).contiguous().strided();
                if (nz.shape[0] > 0) {
                    Dispatch.backend(self).indexPut(self.strided(), 0, idx,
                            Dispatch.broadcast(v.to(self.device()), new long[] {nz.shape[0]}), false);
                }
            } else {
                Dispatch.backend(self).ternary(TernaryOp.WHERE, NO_PARAMS, self.strided(), Dispatch.broadcast(mask, self.shape),
                        Dispatch.broadcast(v.to(self.device()), self.shape), self.strided());
            }
            self.storage.bumpVersion();
            return self;
        }
        Tensor m = mask;
        return inPlace(self, s -> where(m, v, s), self.dtype(), mask.shape);
    }
}
