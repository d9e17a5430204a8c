package org.torch4j.conformance;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.torch4j.DType;
import org.torch4j.GradCheck;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * What the linear-algebra reference tests ({@link LinalgLuTest}, {@link LinalgExtraTest}) share: a case's
 * tensor arguments, the check of the gradients of {@code sum(out_i * g_i)} against PyTorch's, and the seeded
 * float64 inputs and loop of their gradcheck / gradgradcheck tests.
 */
final class LinalgCases {
    private LinalgCases() {}

    /** Calls a case's op on its arguments, returning every output. */
    interface Runner {
        Tensor[] run(Map<String, Object> c, Tensor[] args);
    }

    /** A differentiable op and the float64 inputs it is gradchecked at. */
    record GradOp(String name, Function<Tensor[], Tensor> fn, Tensor... inputs) {}

    /** The case's {@code args}, rebuilt in {@code layout}. */
    @SuppressWarnings("unchecked")
    static Tensor[] args(Map<String, Object> c, String layout) {
        List<Object> specs = (List<Object>) c.get("args");
        Tensor[] a = new Tensor[specs.size()];
        for (int i = 0; i < a.length; i++) a[i] = Reference.tensor(specs.get(i), layout);
        return a;
    }

    /** The gradients of {@code sum(out_i * g_i)} with respect to every floating input, against PyTorch's. */
    @SuppressWarnings("unchecked")
    static void checkGradients(Map<String, Object> c, Runner runner) {
        String name = (String) c.get("name");
        Tensor[] in = args(c, "contiguous");
        for (Tensor t : in) if (t.isFloatingPoint()) t.requiresGrad_();
        Tensor[] out = runner.run(c, in);
        List<Object> gs = (List<Object>) c.get("grads");
        Tensor loss = null;
        for (int i = 0; i < out.length; i++) {
            if (gs.get(i) == null) continue;
            Tensor term = out[i].mul(Reference.tensor(gs.get(i))).sum();
            loss = loss == null ? term : loss.add(term);
        }
        loss.backward();
        List<Object> expect = (List<Object>) c.get("expect");
        for (int i = 0; i < in.length; i++) {
            if (expect.get(i) == null) continue;
            Reference.assertTensor(expect.get(i), in[i].grad(), 1e-7, 1e-9, name + ": gradient of input " + i);
        }
    }

    /** gradcheck and gradgradcheck of each op at fresh leaves holding its inputs. */
    static Stream<DynamicNode> gradchecks(List<GradOp> ops) {
        return ops.stream().map(op -> DynamicTest.dynamicTest(op.name(), () -> {
            Tensor[] in = new Tensor[op.inputs().length];
            for (int i = 0; i < in.length; i++) in[i] = op.inputs()[i].detach().requiresGrad_();
            assertTrue(GradCheck.gradcheck(op.fn(), in), op.name() + ": gradcheck");
            assertTrue(GradCheck.gradgradcheck(op.fn(), in), op.name() + ": gradgradcheck");
        }));
    }

    /** Standard normal float64 values, seeded by the shape so that every op's inputs are reproducible. */
    static Tensor rand(long... shape) {
        Torch.manualSeed(shape.length * 31L + shape[shape.length - 1]);
        return Torch.randn(shape, DType.FLOAT64);
    }

    /** A well-conditioned matrix: random plus a multiple of the identity. */
    static Tensor wellConditioned(long... shape) {
        return rand(shape).add(Torch.eye(shape[shape.length - 1]).toDouble().mul(3));
    }

    /** A symmetric positive-definite matrix: {@code X X^T + n I}. */
    static Tensor spd(long... shape) {
        Tensor x = rand(shape);
        return x.matmul(x.mT()).add(Torch.eye(shape[shape.length - 1]).toDouble().mul(shape[shape.length - 1]));
    }
}
