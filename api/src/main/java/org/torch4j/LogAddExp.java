package org.torch4j;

/**
 * {@code torch.logaddexp} and {@code logaddexp2}: {@code log(e^a + e^b)} (base 2 for the second) without
 * overflow, as {@code max + log1p(exp(-|a - b|))}. A composite of differentiable ops: its gradient is
 * PyTorch's {@code g / (1 + exp(b - a))}, half each at a tie, as the max splits it.
 */
final class LogAddExp {
    private LogAddExp() {}

    private static final double LN2 = Math.log(2);

    static Tensor logaddexp(Tensor a, Tensor b, boolean base2) {
        Device d = Pointwise.device(a, b);
        a = Pointwise.on(d, a);
        b = Pointwise.on(d, b);
        DType t = Torch.resultType(a, b);
        if (!t.isFloatingPoint()) {
            throw new IllegalArgumentException("\"" + (base2 ? "logaddexp2" : "logaddexp") + "_cpu\" not implemented for '"
                    + Printer.cppName(t) + "'");
        }
        Tensor x = Pointwise.as(a, t), y = Pointwise.as(b, t);
        Tensor m = x.maximum(y), gap = x.sub(y).abs().neg();
        Tensor r = base2 ? m.add(gap.exp2().log1p().div(LN2)) : m.add(gap.exp().log1p());
        // equal infinities: the gap is NaN, the answer is that infinity
        return Torch.where(x.isinf().logicalAnd(x.eq(y)), x, r);
    }
}
