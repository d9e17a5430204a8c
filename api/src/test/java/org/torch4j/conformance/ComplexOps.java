package org.torch4j.conformance;

import java.util.function.BiConsumer;
import java.util.function.Function;
import org.torch4j.Torch;

/**
 * The kit's ops of complex numbers ({@code sgn}, {@code angle}, {@code conj}, {@code real}, {@code imag},
 * {@code complex}, {@code polar}, {@code view_as_real}; {@code tools/gen_tensor_reference.py} names them), which
 * {@code tools/fuzz_against_pytorch.py --complex} draws beside the elementwise ops, reductions and products of
 * complex tensors.
 */
final class ComplexOps {
    private ComplexOps() {}

    static void register(BiConsumer<String, Function<Ops.Args, Object>> op) {
        op.accept("sgn", a -> a.t(0).sgn());
        op.accept("angle", a -> a.t(0).angle());
        op.accept("conj", a -> a.t(0).conj());
        op.accept("conj_physical", a -> a.t(0).conjPhysical());
        op.accept("real", a -> a.t(0).real());
        op.accept("imag", a -> a.t(0).imag());
        op.accept("complex", a -> Torch.complex(a.t(0), a.t(1)));
        op.accept("polar", a -> Torch.polar(a.t(0), a.t(1)));
        op.accept("view_as_real", a -> Torch.viewAsReal(a.t(0)));
    }
}
