package org.torch4j.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.torch4j.Autograd;
import org.torch4j.Cuda;
import org.torch4j.Device;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * The parity suite on CUDA: every value case of the conformance kit's reference files (PyTorch
 * 1.13's results) rerun with its tensors on the GPU, in the contiguous, transposed and sliced
 * layouts; the FFT file's transforms and gradients and the complex file's arithmetic with their inputs
 * on the GPU; and every differentiable op of the kit's gradcheck list, forward and backward on the GPU
 * against the CPU backend. Skipped, printing why, where CUDA is unavailable.
 */
class CudaParityTest {

    private static final Device CUDA = Device.of("cuda");

    /** The reference files whose cases are op values (errors and printing are device-independent here). */
    private static final List<String> FAMILIES = List.of("elementwise", "promotion", "reductions", "indexing", "joins", "linalg", "views", "nn");

    @BeforeAll
    static void requireCuda() {
        if (!Cuda.isAvailable()) System.out.println("CUDA parity suite skipped: " + Cuda.unavailableReason());
        Assumptions.assumeTrue(Cuda.isAvailable(), Cuda::unavailableReason);
    }

    // ---- forward: the kit's reference cases with GPU tensors ----------------------------------

    @TestFactory
    Stream<DynamicNode> referenceCasesOnCuda() {
        return FAMILIES.stream().map(f -> DynamicContainer.dynamicContainer(f, Conformance.cases(f, CUDA)));
    }

    // ---- org.torch4j.fft: PyTorch's values and gradients with the inputs on the GPU -------------

    @TestFactory
    Stream<DynamicTest> fftCasesOnCuda() {
        return FftTest.section("ops").stream().filter(c -> FftTest.arg(c) != null).map(c -> {
            String name = c.get("name") + " [cuda]";
            return DynamicTest.dynamicTest(name, () -> {
                Tensor out = FftTest.call(c, FftTest.arg(c).to(CUDA));
                assertEquals("cuda", out.device().type(), name + ": result device");
                double[] tol = FftTest.tolerance(c.get("out"));
                Reference.assertTensor(c.get("out"), out.cpu(), tol[0], tol[1], name);
            });
        });
    }

    @TestFactory
    Stream<DynamicTest> fftGradientsOnCuda() {
        return FftTest.section("grads").stream().map(c -> {
            String name = c.get("name") + " [cuda]";
            return DynamicTest.dynamicTest(name, () -> {
                Tensor x = FftTest.arg(c).to(CUDA).requiresGrad_();
                Tensor out = FftTest.call(c, x);
                Tensor w = Reference.tensor(c.get("weight")).to(CUDA);
                Tensor loss = (out.isComplex() ? Torch.viewAsReal(out) : out).mul(w).sum();
                Tensor g = Autograd.grad(loss, x, false);
                assertEquals("cuda", g.device().type(), name + ": gradient device");
                Reference.assertTensor(c.get("grad"), g.cpu(), 1e-9, 1e-9, name);
            });
        });
    }

    // ---- complex arithmetic: PyTorch's values with the operands on the GPU ----------------------

    @TestFactory
    @SuppressWarnings("unchecked")
    Stream<DynamicTest> complexArithmeticOnCuda() {
        return ComplexTest.section("math").stream().map(c -> {
            String name = c.get("name") + " [cuda]", op = (String) c.get("op");
            return DynamicTest.dynamicTest(name, () -> {
                List<Tensor> a = ComplexTest.args(c).stream().map(t -> t.to(CUDA)).toList();
                Tensor out = c.containsKey("scalar") ? ComplexTest.SCALAR_OPS.get(op).apply(a, Reference.number(c.get("scalar")))
                        : ComplexTest.OPS.get(op).apply(a);
                assertEquals("cuda", out.device().type(), name + ": result device");
                Reference.assertTensor(((List<Object>) c.get("out")).get(0), out.cpu(), name);
            });
        });
    }

    // ---- backward: every differentiable op on the GPU against the CPU --------------------------

    @TestFactory
    Stream<DynamicTest> forwardAndBackwardMatchTheCpu() {
        List<DynamicTest> tests = new ArrayList<>();
        for (GradcheckTest.Op op : GradcheckTest.ops()) {
            if (op.fn() == null || op.arity() == 0) continue;
            for (String layout : List.of("contiguous", "transposed")) {
                String name = op.name() + " [" + layout + ", cuda vs cpu]";
                tests.add(DynamicTest.dynamicTest(name, () -> compareWithCpu(op, layout, name)));
            }
        }
        return tests.stream();
    }

    private static void compareWithCpu(GradcheckTest.Op op, String layout, String name) {
        Tensor[] cpu = GradcheckTest.inputs(op, layout);
        Tensor[] gpu = new Tensor[cpu.length];
        for (int i = 0; i < cpu.length; i++) {
            Tensor t = cpu[i].detach().to(CUDA);
            if (layout.equals("transposed") && t.dim() == 2) t = t.t().contiguous().t();
            gpu[i] = t.requiresGrad_();
        }
        Tensor yc, yg;
        try {
            yc = op.fn().apply(cpu);
            yg = op.fn().apply(gpu);
        } catch (RuntimeException e) {
            throw new AssertionError(name + ": forward: " + e, e);
        }
        assertEquals("cuda", yg.device().type(), name + ": result device");
        assertClose(yc, yg.cpu(), name + ": forward");
        // a fixed, uneven upstream gradient, so that every output element's weight differs
        Tensor gc = Torch.arange(yc.numel()).toDouble().mul(0.37).sin().add(1.5).reshape(yc.shape());
        yc.backward(gc);
        yg.backward(gc.to(CUDA));
        for (int i = 0; i < cpu.length; i++) {
            Tensor a = cpu[i].grad(), b = gpu[i].grad();
            if (a == null) {
                assertTrue(b == null, name + ": input " + i + " has a gradient on cuda only");
                continue;
            }
            if (b == null) fail(name + ": input " + i + " has no gradient on cuda");
            assertEquals("cuda", b.device().type(), name + ": gradient " + i + " device");
            assertClose(a, b.cpu(), name + ": gradient of input " + i);
        }
    }

    private static void assertClose(Tensor expected, Tensor got, String ctx) {
        assertEquals(expected.dtype(), got.dtype(), ctx + ": dtype");
        assertArrayEquals(expected.shape(), got.shape(), ctx + ": shape");
        double[] e = expected.toDoubleArray(), g = got.toDoubleArray();
        for (int i = 0; i < e.length; i++) {
            boolean ok = Double.isNaN(e[i]) ? Double.isNaN(g[i]) : Math.abs(e[i] - g[i]) <= 1e-9 + 1e-9 * Math.abs(e[i]);
            if (!ok) fail(ctx + ": element " + i + " expected " + e[i] + " but got " + g[i]);
        }
    }
}
