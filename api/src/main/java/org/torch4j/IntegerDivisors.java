package org.torch4j;

/**
 * {@code torch.gcd} and {@code torch.lcm} of integer tensors (broadcast, promoted to their common integer
 * type), by Euclid's algorithm on the host; the results are non-negative, gcd(0, 0) = 0 and lcm(0, n) = 0.
 */
final class IntegerDivisors {
    private IntegerDivisors() {}

    static Tensor gcd(Tensor a, Tensor b) {
        return apply("gcd", a, b, false);
    }

    static Tensor lcm(Tensor a, Tensor b) {
        return apply("lcm", a, b, true);
    }

    static Tensor inPlace(Tensor self, Tensor other, boolean lcm) {
        return Pointwise.inPlace(self, s -> apply(lcm ? "lcm" : "gcd", s, other, lcm), Torch.resultType(self, other), other.shape);
    }

    private static Tensor apply(String name, Tensor a, Tensor b, boolean lcm) {
        Device d = Pointwise.device(a, b);
        a = Pointwise.on(d, a);
        b = Pointwise.on(d, b);
        DType t = Torch.resultType(a, b);
        if (!t.isIntegral(false)) {
            throw new IllegalArgumentException("\"" + name + "_cpu\" not implemented for '" + Printer.cppName(t) + "'");
        }
        long[] shape = Shapes.broadcast(a.shape, b.shape);
        long[] x = a.detach().expand(shape).toLongArray(), y = b.detach().expand(shape).toLongArray();
        for (int i = 0; i < x.length; i++) {
            long g = gcd(x[i], y[i]);
            x[i] = lcm ? (g == 0 ? 0 : Math.abs(x[i] / g * y[i])) : g;
        }
        return Torch.tensor(x, x.length).reshape(shape).to(t).to(a.device());
    }

    private static long gcd(long a, long b) {
        a = Math.abs(a);
        b = Math.abs(b);
        while (b != 0) {
            long r = a % b;
            a = b;
            b = r;
        }
        return a;
    }
}
