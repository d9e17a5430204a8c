package org.torch4j.conformance;

import java.util.function.BiConsumer;
import java.util.function.Function;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.fft.Fft;

/**
 * The {@code torch.fft} ops of the kit ({@code fft_*} in {@code tools/gen_tensor_reference.py}), which
 * {@code tools/fuzz_against_pytorch.py --fft} draws: the transforms as {@code [x, n, dim, norm]} (1-d) or
 * {@code [x, s, dims, norm]}, the frequencies as {@code [n, d, dtype]}, the shifts as {@code [x, dims]}.
 */
final class FftOps {
    private FftOps() {}

    /** A 1-d transform: x, n (or null), dim, norm (or null). */
    private interface OneD {
        Tensor apply(Tensor x, Long n, int dim, String norm);
    }

    /** An n-d transform: x, s, dims (each or null), norm (or null). */
    private interface ManyD {
        Tensor apply(Tensor x, long[] s, int[] dims, String norm);
    }

    static void register(BiConsumer<String, Function<Ops.Args, Object>> op) {
        oneD(op, "fft", Fft::fft);
        oneD(op, "ifft", Fft::ifft);
        oneD(op, "rfft", Fft::rfft);
        oneD(op, "irfft", Fft::irfft);
        oneD(op, "hfft", Fft::hfft);
        oneD(op, "ihfft", Fft::ihfft);
        manyD(op, "fft2", Fft::fft2);
        manyD(op, "ifft2", Fft::ifft2);
        manyD(op, "rfft2", Fft::rfft2);
        manyD(op, "irfft2", Fft::irfft2);
        manyD(op, "hfft2", Fft::hfft2);
        manyD(op, "ihfft2", Fft::ihfft2);
        manyD(op, "fftn", Fft::fftn);
        manyD(op, "ifftn", Fft::ifftn);
        manyD(op, "rfftn", Fft::rfftn);
        manyD(op, "irfftn", Fft::irfftn);
        manyD(op, "hfftn", Fft::hfftn);
        manyD(op, "ihfftn", Fft::ihfftn);
        op.accept("fft_fftfreq", a -> Fft.fftfreq(a.l(0), a.d(1), DType.of(a.s(2))));
        op.accept("fft_rfftfreq", a -> Fft.rfftfreq(a.l(0), a.d(1), DType.of(a.s(2))));
        op.accept("fft_fftshift", a -> a.has(1) ? Fft.fftshift(a.t(0), a.ints(1)) : Fft.fftshift(a.t(0)));
        op.accept("fft_ifftshift", a -> a.has(1) ? Fft.ifftshift(a.t(0), a.ints(1)) : Fft.ifftshift(a.t(0)));
    }

    private static void oneD(BiConsumer<String, Function<Ops.Args, Object>> op, String name, OneD f) {
        op.accept("fft_" + name, a -> f.apply(a.t(0), a.has(1) ? a.l(1) : null, a.i(2), a.sOrNull(3)));
    }

    private static void manyD(BiConsumer<String, Function<Ops.Args, Object>> op, String name, ManyD f) {
        op.accept("fft_" + name, a -> f.apply(a.t(0), a.has(1) ? a.longs(1) : null, a.ints(2), a.sOrNull(3)));
    }
}
