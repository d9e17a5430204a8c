package org.torch4j.conformance;

import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.torch4j.Autograd;
import org.torch4j.DType;
import org.torch4j.Index;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.Unique;
import org.torch4j.ValuesIndices;
import org.torch4j.nn.F;
import org.torch4j.nn.Reduction;

/**
 * The ops of the reference files, by the names {@code tools/gen_tensor_reference.py} gives them,
 * each with the same positional arguments as there. A number argument keeps its JSON type: an
 * integer picks the Java {@code long} overload where one exists, a decimal the {@code double} one.
 */
final class Ops {
    private Ops() {}

    /** An op's arguments, converted: tensors (in the case's layout), numbers, strings, lists, subscripts. */
    record Args(List<Object> values) {
        Object get(int i) {
            return i < values.size() ? values.get(i) : null;
        }

        boolean has(int i) {
            return get(i) != null;
        }

        boolean isTensor(int i) {
            return get(i) instanceof Tensor;
        }

        boolean isLong(int i) {
            return get(i) instanceof Long;
        }

        Tensor t(int i) {
            return (Tensor) get(i);
        }

        Tensor tOrNull(int i) {
            return has(i) ? t(i) : null;
        }

        double d(int i) {
            return Reference.number(get(i));
        }

        Double dOrNull(int i) {
            return has(i) ? d(i) : null;
        }

        long l(int i) {
            return ((Number) get(i)).longValue();
        }

        int i(int i) {
            return (int) l(i);
        }

        Integer iOrNull(int i) {
            return has(i) ? i(i) : null;
        }

        boolean b(int i) {
            return (Boolean) get(i);
        }

        String s(int i) {
            return (String) get(i);
        }

        String sOrNull(int i) {
            return has(i) ? s(i) : null;
        }

        List<?> list(int i) {
            return (List<?>) get(i);
        }

        long[] longs(int i) {
            List<?> l = list(i);
            long[] r = new long[l.size()];
            for (int k = 0; k < r.length; k++) r[k] = ((Number) l.get(k)).longValue();
            return r;
        }

        int[] ints(int i) {
            if (!has(i)) return null;
            List<?> l = list(i);
            int[] r = new int[l.size()];
            for (int k = 0; k < r.length; k++) r[k] = ((Number) l.get(k)).intValue();
            return r;
        }

        double[] doubles(int i) {
            List<?> l = list(i);
            double[] r = new double[l.size()];
            for (int k = 0; k < r.length; k++) r[k] = Reference.number(l.get(k));
            return r;
        }

        Index[] index(int i) {
            return (Index[]) get(i);
        }

        @SuppressWarnings("unchecked")
        List<Tensor> tensors(int i) {
            return (List<Tensor>) get(i);
        }

        /** The arguments from {@code from} on, with {@code first} in front. */
        Args shifted(Object first, int from) {
            List<Object> r = new ArrayList<>();
            r.add(first);
            r.addAll(values.subList(Math.min(from, values.size()), values.size()));
            return new Args(r);
        }
    }

    private static final Map<String, Function<Args, Object>> OPS = new HashMap<>();

    /** Runs an op; the result is a Tensor, a list of tensors, ValuesIndices, Unique, or a plain value. */
    static Object run(String op, Args a) {
        Function<Args, Object> f = OPS.get(op);
        if (f == null) throw new AssertionError("the kit has no Java mapping for op '" + op + "'");
        return f.apply(a);
    }

    /** The results as a list: tensors, or values (Boolean, Long, Double, String) for non-tensor results. */
    static List<Object> results(Object r) {
        List<Object> out = new ArrayList<>();
        switch (r) {
            case Tensor t -> out.add(t);
            case ValuesIndices vi -> {
                out.add(vi.values());
                out.add(vi.indices());
            }
            case Unique u -> {
                out.add(u.values());
                if (u.inverse() != null) out.add(u.inverse());
                if (u.counts() != null) out.add(u.counts());
            }
            case List<?> l -> out.addAll(l);
            case Record rec -> {  // Linalg's results: their components in order
                for (var c : rec.getClass().getRecordComponents()) {
                    try {
                        out.add(c.getAccessor().invoke(rec));
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
            case DType d -> out.add(d.torchName());
            default -> out.add(r);
        }
        return out;
    }

    /**
     * A kit of ops kept in another module's tests (VisionOps, in the vision module beside the ops it calls), registered
     * when that module's test classes are on the class path.
     */
    private static void registerIfPresent(String kit) {
        try {
            java.lang.reflect.Method register = Class.forName(kit).getDeclaredMethod("register", java.util.function.BiConsumer.class);
            register.setAccessible(true);
            register.invoke(null, (java.util.function.BiConsumer<String, Function<Args, Object>>) Ops::op);
        } catch (ClassNotFoundException absent) {
            // not on this class path: its ops are unknown here
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("registering " + kit, e);
        }
    }

    private static void op(String name, Function<Args, Object> f) {
        OPS.put(name, f);
    }

    private static void unary(String name, UnaryOperator<Tensor> f) {
        OPS.put(name, a -> f.apply(a.t(0)));
    }

    /** An in-place op: it must return self. */
    private static void inPlace(String name, Function<Args, Tensor> f) {
        OPS.put(name, a -> {
            Tensor self = a.t(0);
            Tensor r = f.apply(a);
            assertSame(self, r, name + " must return self");
            return r;
        });
    }

    /** A binary op taking a tensor or a number as its second operand. */
    private static void binary(String name, java.util.function.BinaryOperator<Tensor> tensor,
                               java.util.function.BiFunction<Tensor, Double, Tensor> dbl,
                               java.util.function.BiFunction<Tensor, Long, Tensor> lng) {
        OPS.put(name, a -> {
            if (a.isTensor(1)) return tensor.apply(a.t(0), a.t(1));
            if (a.isLong(1) && lng != null) return lng.apply(a.t(0), a.l(1));
            if (dbl == null) throw new AssertionError(name + " has no scalar form in Java");
            return dbl.apply(a.t(0), a.d(1));
        });
    }

    static {
        // ---- unary ----
        unary("neg", Tensor::neg);
        unary("abs", Tensor::abs);
        unary("sign", Tensor::sign);
        unary("exp", Tensor::exp);
        unary("exp2", Tensor::exp2);
        unary("expm1", Tensor::expm1);
        unary("log", Tensor::log);
        unary("log2", Tensor::log2);
        unary("log10", Tensor::log10);
        unary("log1p", Tensor::log1p);
        unary("sqrt", Tensor::sqrt);
        unary("rsqrt", Tensor::rsqrt);
        unary("reciprocal", Tensor::reciprocal);
        unary("sin", Tensor::sin);
        unary("cos", Tensor::cos);
        unary("tan", Tensor::tan);
        unary("asin", Tensor::asin);
        unary("acos", Tensor::acos);
        unary("atan", Tensor::atan);
        unary("sinh", Tensor::sinh);
        unary("cosh", Tensor::cosh);
        unary("tanh", Tensor::tanh);
        unary("asinh", Tensor::asinh);
        unary("acosh", Tensor::acosh);
        unary("atanh", Tensor::atanh);
        unary("sigmoid", Tensor::sigmoid);
        unary("relu", Tensor::relu);
        unary("silu", Tensor::silu);
        unary("mish", Tensor::mish);
        unary("logsigmoid", Tensor::logSigmoid);
        unary("erf", Tensor::erf);
        unary("erfc", Tensor::erfc);
        unary("erfinv", Tensor::erfinv);
        unary("lgamma", Tensor::lgamma);
        unary("digamma", Tensor::digamma);
        unary("floor", Tensor::floor);
        unary("ceil", Tensor::ceil);
        unary("round", Tensor::round);
        unary("trunc", Tensor::trunc);
        unary("frac", Tensor::frac);
        unary("square", Tensor::square);
        unary("isnan", Tensor::isnan);
        unary("isinf", Tensor::isinf);
        unary("isposinf", Tensor::isposinf);
        unary("isneginf", Tensor::isneginf);
        unary("isfinite", Tensor::isfinite);
        unary("signbit", Tensor::signbit);
        unary("logical_not", Tensor::logicalNot);
        unary("bitwise_not", Tensor::bitwiseNot);
        op("gelu", a -> a.t(0).gelu(a.s(1)));
        op("softplus", a -> a.t(0).softplus(a.d(1), a.d(2)));
        op("round_decimals", a -> a.t(0).round(a.i(1)));
        op("polygamma", a -> a.t(0).polygamma(a.i(1)));
        op("mvlgamma", a -> a.t(0).mvlgamma(a.i(1)));
        op("clamp", a -> a.isTensor(1) || a.isTensor(2) ? a.t(0).clamp(a.tOrNull(1), a.tOrNull(2))
                : a.t(0).clamp(a.dOrNull(1), a.dOrNull(2)));
        op("nan_to_num", a -> !a.has(1) && !a.has(2) && !a.has(3) ? a.t(0).nanToNum()
                : a.t(0).nanToNum(a.has(1) ? a.d(1) : 0.0, a.dOrNull(2), a.dOrNull(3)));

        // ---- binary ----
        op("add", a -> {
            if (a.isTensor(1)) return a.has(2) ? a.t(0).add(a.t(1), a.d(2)) : a.t(0).add(a.t(1));
            return a.isLong(1) ? a.t(0).add(a.l(1)) : a.t(0).add(a.d(1));
        });
        op("sub", a -> {
            if (a.isTensor(1)) return a.has(2) ? a.t(0).sub(a.t(1), a.d(2)) : a.t(0).sub(a.t(1));
            return a.isLong(1) ? a.t(0).sub(a.l(1)) : a.t(0).sub(a.d(1));
        });
        op("rsub", a -> a.t(0).rsub(a.d(1)));
        binary("mul", Tensor::mul, Tensor::mul, Tensor::mul);
        op("div", a -> {
            String mode = a.sOrNull(2);
            if (a.isTensor(1)) return mode == null ? a.t(0).div(a.t(1)) : a.t(0).div(a.t(1), mode);
            if (mode != null) return a.isLong(1) ? a.t(0).div(a.l(1), mode) : a.t(0).div(a.d(1), mode);
            return a.isLong(1) ? a.t(0).div(a.l(1)) : a.t(0).div(a.d(1));
        });
        binary("floor_divide", Tensor::floorDivide, null, null);
        binary("remainder", Tensor::remainder, Tensor::remainder, Tensor::remainder);
        binary("fmod", Tensor::fmod, Tensor::fmod, Tensor::fmod);
        binary("pow", Tensor::pow, Tensor::pow, Tensor::pow);
        binary("maximum", Tensor::maximum, null, null);
        binary("minimum", Tensor::minimum, null, null);
        binary("fmax", Tensor::fmax, null, null);
        binary("fmin", Tensor::fmin, null, null);
        binary("atan2", Tensor::atan2, null, null);
        binary("hypot", Tensor::hypot, null, null);
        binary("copysign", Tensor::copysign, null, null);
        binary("xlogy", Tensor::xlogy, null, null);
        binary("eq", Tensor::eq, Tensor::eq, null);
        binary("ne", Tensor::ne, Tensor::ne, null);
        binary("lt", Tensor::lt, Tensor::lt, null);
        binary("le", Tensor::le, Tensor::le, null);
        binary("gt", Tensor::gt, Tensor::gt, null);
        binary("ge", Tensor::ge, Tensor::ge, null);
        binary("logical_and", Tensor::logicalAnd, null, null);
        binary("logical_or", Tensor::logicalOr, null, null);
        binary("logical_xor", Tensor::logicalXor, null, null);
        binary("bitwise_and", Tensor::bitwiseAnd, null, null);
        binary("bitwise_or", Tensor::bitwiseOr, null, null);
        binary("bitwise_xor", Tensor::bitwiseXor, null, null);
        binary("bitwise_left_shift", Tensor::bitwiseLeftShift, null, null);
        binary("bitwise_right_shift", Tensor::bitwiseRightShift, null, null);
        op("lerp", a -> a.isTensor(2) ? a.t(0).lerp(a.t(1), a.t(2)) : a.t(0).lerp(a.t(1), a.d(2)));
        op("where", a -> a.isTensor(2) ? Torch.where(a.t(0), a.t(1), a.t(2)) : a.t(1).where(a.t(0), a.d(2)));
        op("addcmul", a -> a.t(0).addcmul(a.t(1), a.t(2), a.d(3)));
        op("addcdiv", a -> a.t(0).addcdiv(a.t(1), a.t(2), a.d(3)));
        op("isclose", a -> a.t(0).isclose(a.t(1), a.d(2), a.d(3), a.b(4)));
        op("equal", a -> a.t(0).equal(a.t(1)));

        // ---- in place ----
        inPlace("add_", a -> {
            if (a.isTensor(1)) return a.has(2) ? a.t(0).add_(a.t(1), a.d(2)) : a.t(0).add_(a.t(1));
            return a.isLong(1) ? a.t(0).add_(a.l(1)) : a.t(0).add_(a.d(1));
        });
        inPlace("sub_", a -> {
            if (a.isTensor(1)) return a.has(2) ? a.t(0).sub_(a.t(1), a.d(2)) : a.t(0).sub_(a.t(1));
            return a.isLong(1) ? a.t(0).sub_(a.l(1)) : a.t(0).sub_(a.d(1));
        });
        inPlace("mul_", a -> a.isTensor(1) ? a.t(0).mul_(a.t(1)) : a.isLong(1) ? a.t(0).mul_(a.l(1)) : a.t(0).mul_(a.d(1)));
        inPlace("div_", a -> a.isTensor(1) ? a.t(0).div_(a.t(1)) : a.t(0).div_(a.d(1)));
        inPlace("pow_", a -> a.t(0).pow_(a.d(1)));
        inPlace("neg_", a -> a.t(0).neg_());
        inPlace("abs_", a -> a.t(0).abs_());
        inPlace("exp_", a -> a.t(0).exp_());
        inPlace("log_", a -> a.t(0).log_());
        inPlace("sqrt_", a -> a.t(0).sqrt_());
        inPlace("relu_", a -> a.t(0).relu_());
        inPlace("sigmoid_", a -> a.t(0).sigmoid_());
        inPlace("tanh_", a -> a.t(0).tanh_());
        inPlace("floor_", a -> a.t(0).floor_());
        inPlace("fill_", a -> a.isTensor(1) ? a.t(0).fill_(a.t(1)) : a.isLong(1) ? a.t(0).fill_(a.l(1)) : a.t(0).fill_(a.d(1)));
        inPlace("zero_", a -> a.t(0).zero_());
        inPlace("copy_", a -> a.t(0).copy_(a.t(1)));
        inPlace("clamp_", a -> a.t(0).clamp_(a.dOrNull(1), a.dOrNull(2)));
        inPlace("clamp_min_", a -> a.t(0).clampMin_(a.d(1)));
        inPlace("clamp_max_", a -> a.t(0).clampMax_(a.d(1)));
        inPlace("masked_fill_", a -> a.isTensor(2) ? a.t(0).maskedFill_(a.t(1), a.t(2)) : a.t(0).maskedFill_(a.t(1), a.d(2)));
        op("masked_fill", a -> a.isTensor(2) ? a.t(0).maskedFill(a.t(1), a.t(2)) : a.t(0).maskedFill(a.t(1), a.d(2)));
        inPlace("addcmul_", a -> a.t(0).addcmul_(a.t(1), a.t(2), a.d(3)));
        inPlace("addcdiv_", a -> a.t(0).addcdiv_(a.t(1), a.t(2), a.d(3)));
        inPlace("lerp_", a -> a.t(0).lerp_(a.t(1), a.d(2)));
        // a chain of view steps on the base, an in-place op on the view; the result is the base
        op("inplace_view", a -> {
            Tensor v = a.t(0);
            for (Object step : a.list(1)) v = step(v, (List<?>) step);
            run(a.s(2), a.shifted(v, 3));
            return a.t(0);
        });

        // several views of one tensor as the operands of an op ({@code x.add_(x.t())}); the result is the tensor
        op("aliased", a -> {
            List<Object> operands = new ArrayList<>();
            for (Object steps : a.list(1)) {
                Tensor v = a.t(0);
                for (Object step : (List<?>) steps) v = step(v, (List<?>) step);
                operands.add(v);
            }
            operands.addAll(a.values().subList(3, a.values().size()));
            run(a.s(2), new Args(operands));
            return a.t(0);
        });
        inPlace("index_put_x", a -> a.t(0).indexPut_(new Index[] {Index.of(Torch.tensor(new long[] {0}))}, a.t(1)));

        // ---- promotion and conversion ----
        op("result_type", a -> Torch.resultType(a.t(0), a.t(1)));
        op("promote_types", a -> Torch.promoteTypes(DType.of(a.s(0)), DType.of(a.s(1))));
        op("can_cast", a -> Torch.canCast(DType.of(a.s(0)), DType.of(a.s(1))));
        op("to", a -> a.t(0).to(DType.of(a.s(1))));
        op("arange", a -> a.isLong(0) && a.isLong(1) && a.isLong(2) ? Torch.arange(a.l(0), a.l(1), a.l(2))
                : Torch.arange(a.d(0), a.d(1), a.d(2)));
        op("linspace", a -> Torch.linspace(a.d(0), a.d(1), a.l(2)));
        op("linspace_float64", a -> {
            DType before = Torch.getDefaultDtype();
            Torch.setDefaultDtype(DType.FLOAT64);
            try {
                return Torch.linspace(a.d(0), a.d(1), a.l(2));
            } finally {
                Torch.setDefaultDtype(before);
            }
        });
        op("eye", a -> Torch.eye(a.l(0), a.l(1)));
        op("full", a -> a.isLong(1) ? Torch.full(a.longs(0), a.l(1)) : Torch.full(a.longs(0), a.d(1)));
        op("item", a -> {
            Tensor t = a.t(0);
            if (t.dtype() == DType.BOOL) return t.itemBool();
            return t.dtype().isFloatingPoint() ? (Object) t.item() : (Object) t.itemLong();
        });

        // ---- reductions ----
        op("sum", a -> {
            if (a.has(3)) return a.t(0).sum(a.ints(1), a.b(2), DType.of(a.s(3)));
            return !a.has(1) && !a.b(2) ? a.t(0).sum() : a.t(0).sum(a.ints(1), a.b(2));
        });
        op("mean", a -> !a.has(1) && !a.b(2) ? a.t(0).mean() : a.t(0).mean(a.ints(1), a.b(2)));
        op("prod", a -> a.has(1) ? a.t(0).prod(a.i(1), a.b(2)) : a.t(0).prod());
        op("max", a -> a.t(0).max());
        op("min", a -> a.t(0).min());
        op("max_dim", a -> a.t(0).max(a.i(1), a.b(2)));
        op("min_dim", a -> a.t(0).min(a.i(1), a.b(2)));
        op("amax", a -> a.t(0).amax(a.ints(1), a.b(2)));
        op("amin", a -> a.t(0).amin(a.ints(1), a.b(2)));
        op("argmax", a -> a.has(1) ? a.t(0).argmax(a.i(1), a.b(2)) : a.t(0).argmax());
        op("argmin", a -> a.has(1) ? a.t(0).argmin(a.i(1), a.b(2)) : a.t(0).argmin());
        op("var", a -> !a.has(1) && a.d(2) == 1 && !a.b(3) ? a.t(0).var() : a.t(0).var(a.ints(1), a.d(2), a.b(3)));
        op("std", a -> !a.has(1) && a.d(2) == 1 && !a.b(3) ? a.t(0).std() : a.t(0).std(a.ints(1), a.d(2), a.b(3)));
        op("norm", a -> a.t(0).norm(a.d(1), a.ints(2), a.b(3)));
        op("logsumexp", a -> a.t(0).logsumexp(a.ints(1), a.b(2)));
        op("cumsum", a -> a.t(0).cumsum(a.i(1)));
        op("cumprod", a -> a.t(0).cumprod(a.i(1)));
        op("logcumsumexp", a -> a.t(0).logcumsumexp(a.i(1)));
        op("all", a -> a.has(1) ? a.t(0).all(a.i(1), a.b(2)) : a.t(0).all());
        op("any", a -> a.has(1) ? a.t(0).any(a.i(1), a.b(2)) : a.t(0).any());
        op("count_nonzero", a -> a.t(0).countNonzero());
        op("topk", a -> a.t(0).topk(a.i(1), a.i(2), a.b(3), a.b(4)));
        op("sort", a -> a.t(0).sort(a.i(1), a.b(2), a.b(3)));
        op("argsort", a -> a.t(0).argsort(a.i(1), a.b(2)));
        op("unique", a -> a.t(0).unique(a.b(1), a.b(2)));

        // ---- linear algebra ----
        op("matmul", a -> a.t(0).matmul(a.t(1)));
        op("mm", a -> a.t(0).mm(a.t(1)));
        op("bmm", a -> a.t(0).bmm(a.t(1)));
        op("mv", a -> a.t(0).mv(a.t(1)));
        op("dot", a -> a.t(0).dot(a.t(1)));
        op("outer", a -> a.t(0).outer(a.t(1)));
        op("addmm", a -> Torch.addmm(a.t(0), a.t(1), a.t(2), a.d(3), a.d(4)));
        op("baddbmm", a -> Torch.baddbmm(a.t(0), a.t(1), a.t(2), a.d(3), a.d(4)));
        op("einsum", a -> Torch.einsum(a.s(0), a.tensors(1).toArray(new Tensor[0])));

        // ---- views ----
        op("view", a -> a.t(0).view(a.longs(1)));
        op("reshape", a -> a.t(0).reshape(a.longs(1)));
        op("permute", a -> a.t(0).permute(a.ints(1)));
        op("transpose", a -> a.t(0).transpose(a.i(1), a.i(2)));
        op("t", a -> a.t(0).t());
        op("mT", a -> a.t(0).mT());
        op("narrow", a -> a.t(0).narrow(a.i(1), a.l(2), a.l(3)));
        op("select", a -> a.t(0).select(a.i(1), a.l(2)));
        op("index", a -> a.t(0).index(a.index(1)));
        op("expand", a -> a.t(0).expand(a.longs(1)));
        op("squeeze", a -> a.has(1) ? a.t(0).squeeze(a.i(1)) : a.t(0).squeeze());
        op("unsqueeze", a -> a.t(0).unsqueeze(a.i(1)));
        op("flatten", a -> a.t(0).flatten(a.i(1), a.i(2)));
        op("unflatten", a -> a.t(0).unflatten(a.i(1), a.longs(2)));
        op("unfold", a -> a.t(0).unfold(a.i(1), a.l(2), a.l(3)));
        op("as_strided", a -> a.t(0).asStrided(a.longs(1), a.longs(2), a.l(3)));
        op("diagonal", a -> a.t(0).diagonal(a.l(1), a.i(2), a.i(3)));
        op("split", a -> a.get(1) instanceof List<?> ? a.t(0).splitWithSizes(a.longs(1), a.i(2)) : a.t(0).split(a.l(1), a.i(2)));
        op("chunk", a -> a.t(0).chunk(a.i(1), a.i(2)));
        op("unbind", a -> a.t(0).unbind(a.i(1)));
        op("movedim", a -> a.t(0).movedim(a.i(1), a.i(2)));
        op("contiguous", a -> a.t(0).contiguous());
        op("clone", a -> a.t(0).clone());

        // ---- indexing ----
        op("index_select", a -> a.t(0).indexSelect(a.i(1), a.t(2)));
        op("gather", a -> a.t(0).gather(a.i(1), a.t(2)));
        op("scatter", a -> a.isTensor(3) ? a.t(0).scatter(a.i(1), a.t(2), a.t(3)) : a.t(0).scatter(a.i(1), a.t(2), a.d(3)));
        op("scatter_add", a -> a.t(0).scatterAdd(a.i(1), a.t(2), a.t(3)));
        op("scatter_reduce", a -> a.has(5) ? a.t(0).scatterReduce(a.i(1), a.t(2), a.t(3), a.s(4), a.b(5))
                : a.t(0).scatterReduce(a.i(1), a.t(2), a.t(3), a.s(4)));
        // d sum(out * g) / d (self, src)
        op("scatter_reduce_backward", a -> {
            Tensor self = a.t(0).detach().requiresGrad_(), src = a.t(3).detach().requiresGrad_();
            Tensor out = self.scatterReduce(a.i(1), a.t(2), src, a.s(4), a.b(5));
            return Autograd.grad(List.of(out), List.of(self, src), List.of(a.t(6)), false, false, false);
        });
        op("index_add", a -> a.t(0).indexAdd(a.i(1), a.t(2), a.t(3), a.d(4)));
        inPlace("index_add_", a -> a.t(0).indexAdd_(a.i(1), a.t(2), a.t(3)));
        inPlace("scatter_", a -> a.t(0).scatter_(a.i(1), a.t(2), a.t(3)));
        inPlace("scatter_add_", a -> a.t(0).scatterAdd_(a.i(1), a.t(2), a.t(3)));
        inPlace("scatter_reduce_", a -> a.t(0).scatterReduce_(a.i(1), a.t(2), a.t(3), a.s(4), a.b(5)));
        op("masked_select", a -> a.t(0).maskedSelect(a.t(1)));
        inPlace("index_put_", a -> a.t(0).indexPut_(a.index(1), a.t(2), a.b(3)));
        op("take", a -> a.t(0).take(a.t(1)));
        op("nonzero", a -> a.t(0).nonzero());
        op("where_cond", a -> Torch.where(a.t(0)));

        // ---- joins ----
        op("cat", a -> Torch.cat(a.tensors(0), a.i(1)));
        op("stack", a -> Torch.stack(a.tensors(0), a.i(1)));
        op("repeat", a -> a.t(0).repeat(a.longs(1)));
        op("tile", a -> a.t(0).tile(a.longs(1)));
        op("flip", a -> a.t(0).flip(a.ints(1)));
        op("roll", a -> a.t(0).roll(a.longs(1), a.ints(2)));
        op("tril", a -> a.t(0).tril(a.l(1)));
        op("triu", a -> a.t(0).triu(a.l(1)));
        op("pad", a -> Torch.pad(a.t(0), a.longs(1), a.s(2), a.d(3)));

        // ---- printing ----
        op("str", a -> a.t(0).toString());

        // ---- torch.nn.functional (tools/gen_tensor_reference.py's names and positional arguments) ----
        op("conv1d", a -> F.conv1d(a.t(0), a.t(1), a.tOrNull(2), a.l(3), a.l(4), a.l(5), a.l(6)));
        op("conv2d", a -> F.conv2d(a.t(0), a.t(1), a.tOrNull(2), a.longs(3), a.longs(4), a.longs(5), a.l(6)));
        op("conv_transpose2d", a -> F.convTranspose2d(a.t(0), a.t(1), a.tOrNull(2), a.longs(3), a.longs(4), a.longs(5), a.l(6),
                a.longs(7)));
        op("max_pool1d", a -> F.maxPool1d(a.t(0), a.l(1), a.l(2), a.l(3), a.l(4), a.b(5)));
        op("max_pool2d", a -> F.maxPool2d(a.t(0), a.longs(1), a.longs(2), a.longs(3), a.longs(4), a.b(5)));
        op("avg_pool1d", a -> F.avgPool1d(a.t(0), a.l(1), a.l(2), a.l(3), a.b(4), a.b(5)));
        op("avg_pool2d", a -> F.avgPool2d(a.t(0), a.longs(1), a.longs(2), a.longs(3), a.b(4), a.b(5), a.has(6) ? a.l(6) : null));
        op("adaptive_avg_pool2d", a -> F.adaptiveAvgPool2d(a.t(0), a.longs(1)));
        op("adaptive_max_pool2d", a -> F.adaptiveMaxPool2d(a.t(0), a.longs(1)));
        op("softmax", a -> F.softmax(a.t(0), a.i(1)));
        op("log_softmax", a -> F.logSoftmax(a.t(0), a.i(1)));
        op("softmin", a -> F.softmin(a.t(0), a.i(1)));
        op("layer_norm", a -> F.layerNorm(a.t(0), a.longs(1), a.tOrNull(2), a.tOrNull(3), a.d(4)));
        op("group_norm", a -> F.groupNorm(a.t(0), a.l(1), a.tOrNull(2), a.tOrNull(3), a.d(4)));
        op("batch_norm", a -> F.batchNorm(a.t(0), a.tOrNull(1), a.tOrNull(2), a.tOrNull(3), a.tOrNull(4), a.b(5), a.d(6), a.d(7)));
        op("embedding", a -> F.embedding(a.t(0), a.t(1), a.has(2) ? a.l(2) : null));
        op("interpolate", a -> F.interpolate(a.t(0), a.has(1) ? a.longs(1) : null, a.has(2) ? a.doubles(2) : null, a.s(3),
                a.has(4) ? a.b(4) : null));
        op("mse_loss", a -> F.mseLoss(a.t(0), a.t(1), Reduction.of(a.s(2))));
        op("l1_loss", a -> F.l1Loss(a.t(0), a.t(1), Reduction.of(a.s(2))));
        op("smooth_l1_loss", a -> F.smoothL1Loss(a.t(0), a.t(1), Reduction.of(a.s(2)), a.d(3)));
        op("huber_loss", a -> F.huberLoss(a.t(0), a.t(1), Reduction.of(a.s(2)), a.d(3)));
        op("cross_entropy", a -> F.crossEntropy(a.t(0), a.t(1), a.tOrNull(2), a.l(3), Reduction.of(a.s(4)), a.d(5)));
        op("nll_loss", a -> F.nllLoss(a.t(0), a.t(1), a.tOrNull(2), a.l(3), Reduction.of(a.s(4))));
        op("binary_cross_entropy", a -> F.binaryCrossEntropy(a.t(0), a.t(1), a.tOrNull(2), Reduction.of(a.s(3))));
        op("bce_with_logits", a -> F.binaryCrossEntropyWithLogits(a.t(0), a.t(1), a.tOrNull(2), a.tOrNull(3), Reduction.of(a.s(4))));
        op("kl_div", a -> F.klDiv(a.t(0), a.t(1), Reduction.of(a.s(2)), a.b(3)));
        op("normalize", a -> F.normalize(a.t(0), a.d(1), a.i(2), a.d(3)));
        op("cosine_similarity", a -> F.cosineSimilarity(a.t(0), a.t(1), a.i(2), a.d(3)));
        op("pairwise_distance", a -> F.pairwiseDistance(a.t(0), a.t(1), a.d(2), a.d(3), a.b(4)));
        op("pixel_shuffle", a -> F.pixelShuffle(a.t(0), a.l(1)));
        op("one_hot", a -> F.oneHot(a.t(0), a.l(1)));
        op("glu", a -> F.glu(a.t(0), a.i(1)));
        op("leaky_relu", a -> F.leakyRelu(a.t(0), a.d(1)));
        op("elu", a -> F.elu(a.t(0), a.d(1)));
        op("hardtanh", a -> F.hardtanh(a.t(0), a.d(1), a.d(2)));
        op("unfold_nn", a -> F.unfold(a.t(0), a.longs(1), a.longs(2), a.longs(3), a.longs(4)));
        op("fold_nn", a -> F.fold(a.t(0), a.longs(1), a.longs(2), a.longs(3), a.longs(4), a.longs(5)));
        op("conv3d", a -> F.conv3d(a.t(0), a.t(1), a.tOrNull(2), a.longs(3), a.longs(4), a.longs(5), a.l(6)));
        op("max_pool3d", a -> F.maxPool3d(a.t(0), a.longs(1), a.longs(2), a.longs(3), a.longs(4), a.b(5)));
        op("avg_pool3d", a -> F.avgPool3d(a.t(0), a.longs(1), a.longs(2), a.longs(3), a.b(4), a.b(5), a.has(6) ? a.l(6) : null));
        op("adaptive_avg_pool1d", a -> F.adaptiveAvgPool1d(a.t(0), a.l(1)));
        op("adaptive_max_pool1d", a -> F.adaptiveMaxPool1d(a.t(0), a.l(1)));
        op("lp_pool1d", a -> F.lpPool1d(a.t(0), a.d(1), a.l(2), a.has(3) ? a.l(3) : null, a.b(4)));
        op("instance_norm", a -> F.instanceNorm(a.t(0), a.tOrNull(1), a.tOrNull(2), a.tOrNull(3), a.tOrNull(4), a.b(5), a.d(6), a.d(7)));
        op("local_response_norm", a -> F.localResponseNorm(a.t(0), a.l(1), a.d(2), a.d(3), a.d(4)));
        op("embedding_bag", a -> F.embeddingBag(a.t(0), a.t(1), a.tOrNull(2), a.s(3), a.tOrNull(4), a.has(5) ? a.l(5) : null));
        op("grid_sample", a -> F.gridSample(a.t(0), a.t(1), a.s(2), a.s(3), a.b(4)));
        op("pixel_unshuffle", a -> F.pixelUnshuffle(a.t(0), a.l(1)));
        op("multi_margin_loss", a -> F.multiMarginLoss(a.t(0), a.t(1), a.l(2), a.d(3), a.tOrNull(4), Reduction.of(a.s(5))));
        op("multilabel_margin_loss", a -> F.multilabelMarginLoss(a.t(0), a.t(1), Reduction.of(a.s(2))));
        op("triplet_margin_loss", a -> F.tripletMarginLoss(a.t(0), a.t(1), a.t(2), a.d(3), a.d(4), a.d(5), a.b(6), Reduction.of(a.s(7))));
        op("margin_ranking_loss", a -> F.marginRankingLoss(a.t(0), a.t(1), a.t(2), a.d(3), Reduction.of(a.s(4))));
        op("hinge_embedding_loss", a -> F.hingeEmbeddingLoss(a.t(0), a.t(1), a.d(2), Reduction.of(a.s(3))));
        op("soft_margin_loss", a -> F.softMarginLoss(a.t(0), a.t(1), Reduction.of(a.s(2))));
        op("multilabel_soft_margin_loss", a -> F.multilabelSoftMarginLoss(a.t(0), a.t(1), a.tOrNull(2), Reduction.of(a.s(3))));
        op("poisson_nll_loss", a -> F.poissonNllLoss(a.t(0), a.t(1), a.b(2), a.b(3), a.d(4), Reduction.of(a.s(5))));
        op("gaussian_nll_loss", a -> F.gaussianNllLoss(a.t(0), a.t(1), a.t(2), a.b(3), a.d(4), Reduction.of(a.s(5))));
        op("cosine_embedding_loss", a -> F.cosineEmbeddingLoss(a.t(0), a.t(1), a.t(2), a.d(3), Reduction.of(a.s(4))));
        op("hardswish", a -> F.hardswish(a.t(0)));
        op("hardsigmoid", a -> F.hardsigmoid(a.t(0)));
        op("selu", a -> F.selu(a.t(0)));
        op("relu6", a -> F.relu6(a.t(0)));
        op("softsign", a -> F.softsign(a.t(0)));
        op("tanhshrink", a -> F.tanhshrink(a.t(0)));
        op("celu", a -> F.celu(a.t(0), a.d(1)));
        op("softshrink", a -> F.softshrink(a.t(0), a.d(1)));
        op("hardshrink", a -> F.hardshrink(a.t(0), a.d(1)));
        op("threshold", a -> F.threshold(a.t(0), a.d(1), a.d(2)));
        op("prelu", a -> F.prelu(a.t(0), a.t(1)));

        op("grads", Ops::grads);
        LinalgOps.register(Ops::op);
        ComplexOps.register(Ops::op);
        FftOps.register(Ops::op);
        SpecialOps.register(Ops::op);
        DistributionOps.register(Ops::op);
        RecurrentOps.register(Ops::op);
        AttentionOps.register(Ops::op);
        registerIfPresent("org.torch4j.conformance.VisionOps");
        registerIfPresent("org.torch4j.conformance.AudioOps");

        // ---- gradients: [op, g, op's args...] gives op's first output and d sum(out * g) / d (its float tensor args) ----
        op("grad", a -> {
            List<Tensor> leaves = new ArrayList<>();
            List<Object> inner = new ArrayList<>();
            for (Object v : a.values().subList(2, a.values().size())) inner.add(leaf(v, leaves));
            Tensor out = (Tensor) results(run(a.s(0), new Args(inner))).get(0);
            List<Tensor> grads = Autograd.grad(List.of(out), leaves, List.of(a.t(1)), false, false, true);
            List<Tensor> r = new ArrayList<>(List.of(out.detach()));
            for (int i = 0; i < grads.size(); i++) r.add(grads.get(i) == null ? Torch.zerosLike(leaves.get(i)) : grads.get(i));
            return r;
        });
    }

    /**
     * [op, gs, op's args...]: every output of op, then d sum_j(out_j * gs[j]) / d (its differentiable tensor args),
     * out_j the floating and complex outputs in order (one that needs no gradient adds nothing), as the
     * generator's {@code _grads}.
     */
    private static List<Tensor> grads(Args a) {
        List<Tensor> leaves = new ArrayList<>();
        List<Object> inner = new ArrayList<>();
        for (Object v : a.values().subList(2, a.values().size())) inner.add(leaf(v, leaves));
        List<Tensor> outs = results(run(a.s(0), new Args(inner))).stream().map(Tensor.class::cast).toList();
        List<Tensor> gs = a.tensors(1), ys = new ArrayList<>(), ws = new ArrayList<>();
        int j = 0;
        for (Tensor o : outs) {
            if (!o.isFloatingPoint() && !o.isComplex()) continue;
            if (j < gs.size() && o.requiresGrad()) {
                ys.add(o);
                ws.add(gs.get(j));
            }
            j++;
        }
        List<Tensor> grads = Autograd.grad(ys, leaves, ws, false, false, true);
        List<Tensor> r = new ArrayList<>(outs.stream().map(Tensor::detach).toList());
        for (int i = 0; i < grads.size(); i++) r.add(grads.get(i) == null ? Torch.zerosLike(leaves.get(i)) : grads.get(i));
        return r;
    }

    /** A float32/float64/complex tensor (also in a list) as a fresh leaf that requires grad, as the generator's {@code leaves}. */
    private static Object leaf(Object v, List<Tensor> leaves) {
        if (v instanceof Tensor t && (t.dtype() == DType.FLOAT32 || t.dtype() == DType.FLOAT64 || t.isComplex())) {
            Tensor l = t.detach().requiresGrad_();
            leaves.add(l);
            return l;
        }
        if (v instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Tensor) {
            List<Object> r = new ArrayList<>();
            for (Object o : list) r.add(leaf(o, leaves));
            return r;
        }
        return v;
    }

    /** One view step of {@code inplace_view}, as the generator's {@code _step}. */
    private static Tensor step(Tensor v, List<?> s) {
        Args a = new Args(new ArrayList<>(s));
        return switch (a.s(0)) {
            case "select" -> v.select(a.i(1), a.l(2));
            case "slice" -> v.slice(a.i(1), a.l(2), a.l(3), a.l(4));
            case "narrow" -> v.narrow(a.i(1), a.l(2), a.l(3));
            case "transpose" -> v.transpose(a.i(1), a.i(2));
            case "t" -> v.t();
            case "diagonal" -> v.diagonal();
            case "index" -> v.index(a.index(1));
            case "view" -> v.view(a.longs(1));
            case "unsqueeze" -> v.unsqueeze(a.i(1));
            case "permute" -> v.permute(a.ints(1));
            case "expand" -> v.expand(a.longs(1));
            default -> throw new AssertionError("unknown view step " + s);
        };
    }
}
