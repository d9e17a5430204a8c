package org.torch4j;

import java.util.concurrent.locks.ReentrantLock;
import org.torch4j.internal.random.CountSampling;
import org.torch4j.internal.random.CpuGenerator;

/**
 * {@code torch.poisson} and {@code torch.binomial}: PyTorch's CPU samplers ({@link CountSampling}), one
 * draw sequence per element in row-major order, on the host, the result returned on the input's device.
 * Seeded draws equal PyTorch's (its kernels also walk contiguous inputs in that order).
 *
 * <p>Inputs are checked before the first draw, so a refused call leaves the generator where it was
 * (PyTorch checks each rate as it draws and may have advanced the generator).
 */
final class RandomCounts {
    private RandomCounts() {}

    /** {@code torch.poisson(rates, generator)}: float32 or float64 rates; the gradient is zero (PoissonBackward0). */
    static Tensor poisson(Tensor rates, Generator generator) {
        rates.checkOpen();
        checkKernel(rates, "poisson_cpu");
        double[] r = host(rates);
        for (double v : r) {
            if (!(v >= 0)) throw new IllegalArgumentException("invalid Poisson rate, expected rate to be non-negative");
        }
        double[] out = new double[r.length];
        draw(generator, g -> {
            for (int i = 0; i < r.length; i++) out[i] = CountSampling.poisson(r[i], g);
        });
        Tensor result = result(out, rates);
        if (Autograd.needed(rates)) Autograd.unary("PoissonBackward0", rates, result, Torch::zerosLike);
        return result;
    }

    /**
     * {@code torch.binomial(count, prob, generator)}: count and prob of one floating dtype (float32 or
     * float64), broadcast together; probabilities outside [0, 1] clip to 0 or {@code count}, as PyTorch's
     * sampler does. PyTorch has no derivative for it: differentiating the result fails.
     */
    static Tensor binomial(Tensor count, Tensor prob, Generator generator) {
        count.checkOpen();
        prob.checkOpen();
        if (prob.dtype() != count.dtype()) {
            throw new IllegalArgumentException("Found dtype " + Printer.cppName(prob.dtype()) + " but expected " + Printer.cppName(count.dtype()));
        }
        checkKernel(count, "binomial_cpu");
        long[] shape = Shapes.broadcast(count.shape, prob.shape);
        double[] n = host(count.expand(shape)), p = host(prob.expand(shape));
        // PyTorch's float kernel keeps the parameters in float
        boolean single = count.dtype() == DType.FLOAT32;
        double[] out = new double[n.length];
        draw(generator, g -> {
            for (int i = 0; i < n.length; i++) out[i] = CountSampling.binomial(n[i], p[i], single, g);
        });
        Tensor result = result(out, count.expand(shape));
        if (Autograd.needed(count, prob)) {
            Autograd.record("NotImplemented", new Tensor[] {count, prob}, new Tensor[] {result}, (g, node) -> {
                throw new UnsupportedOperationException("derivative for aten::binomial is not implemented");
            });
        }
        return result;
    }

    /** The dtypes PyTorch's CPU kernels have loops for: float32 and float64 (poisson also bfloat16). */
    private static void checkKernel(Tensor t, String kernel) {
        DType d = t.dtype();
        boolean ok = d == DType.FLOAT32 || d == DType.FLOAT64 || (d == DType.BFLOAT16 && kernel.startsWith("poisson"));
        if (!ok) throw new IllegalArgumentException("\"" + kernel + "\" not implemented for '" + Printer.cppName(d) + "'");
    }

    /** The values in row-major order as doubles (exact for every floating dtype). */
    private static double[] host(Tensor t) {
        return t.detach().contiguous().toDoubleArray();
    }

    private static Tensor result(double[] values, Tensor like) {
        return Torch.tensor(values, like.shape()).to(like);
    }

    private interface Draws {
        void run(CpuGenerator g);
    }

    /** Runs a whole tensor's draws holding the engine's lock, as PyTorch's kernels do. */
    private static void draw(Generator generator, Draws draws) {
        CpuGenerator g = (generator == null ? Torch.defaultGenerator() : generator).engine();
        ReentrantLock lock = g.lock();
        lock.lock();
        try {
            draws.run(g);
        } finally {
            lock.unlock();
        }
    }
}
