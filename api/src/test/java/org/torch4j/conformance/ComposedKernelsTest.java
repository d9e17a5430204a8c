package org.torch4j.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.torch4j.DType;
import org.torch4j.GradCheck;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.F;
import org.torch4j.spi.Backend;
import org.torch4j.spi.BackendRegistry;

/**
 * The backend's optional fused kernels (im2col, col2im, max-pool, convolution, ReLU's and GELU's
 * derivatives, softmax) against the api's composition from
 * primitives, which backends without them use: the same outputs and input/weight gradients for
 * convolutions, transposed convolutions, pooling and fold/unfold over strides, paddings, dilations,
 * groups and ceil mode, in float64 (and float32 for one case each). The composed path runs under a
 * stand-in for the backend that declines the fused kernels.
 */
class ComposedKernelsTest {

    /** How often the stand-in declined a fused kernel: proof that the composed path ran. */
    private static final java.util.concurrent.atomic.AtomicInteger declined = new java.util.concurrent.atomic.AtomicInteger();

    /** An op of one input (plus its weights) whose output and gradients are compared. */
    record Case(String name, long[] inputShape, long[] weightShape, Function<Tensor[], Tensor> op) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> cases() {
        long[] one1 = {1}, one2 = {1, 1}, one3 = {1, 1, 1};
        List<Case> c = new ArrayList<>();
        c.add(new Case("conv1d stride 2 pad 2 dil 2", new long[] {2, 3, 11}, new long[] {4, 3, 3},
                t -> F.conv1d(t[0], t[1], null, 2, 2, 2, 1)));
        c.add(new Case("conv1d input shorter than padding", new long[] {1, 2, 1}, new long[] {3, 2, 3},
                t -> F.conv1d(t[0], t[1], null, 1, 2, 1, 1)));
        c.add(new Case("conv2d 3x3 pad 1", new long[] {2, 3, 7, 6}, new long[] {4, 3, 3, 3},
                t -> F.conv2d(t[0], t[1], null, one2, one2, one2, 1)));
        c.add(new Case("conv2d rect stride pad dil groups", new long[] {2, 4, 9, 8}, new long[] {6, 2, 2, 3},
                t -> F.conv2d(t[0], t[1], null, new long[] {2, 1}, new long[] {1, 2}, new long[] {2, 1}, 2)));
        c.add(new Case("conv2d direct: 5 channels, bias, 10 images, rows of 11", new long[] {10, 3, 6, 11}, new long[] {5, 3, 3, 3},
                t -> F.conv2d(t[0], t[1], t[1].sum(1, 2, 3), one2, one2, one2, 1)));
        c.add(new Case("conv2d direct: dilation 2, asymmetric padding, wide rows", new long[] {2, 2, 5, 37}, new long[] {6, 2, 2, 3},
                t -> F.conv2d(t[0], t[1], null, one2, new long[] {0, 3}, new long[] {2, 2}, 1)));
        c.add(new Case("conv2d direct: 1x1", new long[] {3, 4, 3, 3}, new long[] {9, 4, 1, 1},
                t -> F.conv2d(t[0], t[1], null, one2, new long[] {0, 0}, one2, 1)));
        c.add(new Case("conv2d direct: stride 2, pad 3, 7x7 (a stem)", new long[] {2, 3, 15, 17}, new long[] {5, 3, 7, 7},
                t -> F.conv2d(t[0], t[1], t[1].sum(1, 2, 3), new long[] {2, 2}, new long[] {3, 3}, one2, 1)));
        c.add(new Case("conv2d direct: stride (3, 2), dilation (1, 2), odd sizes", new long[] {3, 2, 13, 12}, new long[] {4, 2, 3, 2},
                t -> F.conv2d(t[0], t[1], null, new long[] {3, 2}, new long[] {1, 0}, new long[] {1, 2}, 1)));
        c.add(new Case("conv2d direct: stride 1, padding wider than the kernel", new long[] {2, 2, 5, 6}, new long[] {3, 2, 2, 2},
                t -> F.conv2d(t[0], t[1], null, one2, new long[] {2, 2}, one2, 1)));
        c.add(new Case("conv1d direct: stride 2", new long[] {2, 3, 21}, new long[] {4, 3, 4},
                t -> F.conv1d(t[0], t[1], null, 2, 1, 1, 1)));
        c.add(new Case("conv1d direct: pad 2 dil 1", new long[] {2, 3, 20}, new long[] {4, 3, 5},
                t -> F.conv1d(t[0], t[1], null, 1, 2, 1, 1)));
        c.add(new Case("conv3d", new long[] {1, 2, 4, 5, 5}, new long[] {2, 2, 2, 3, 2},
                t -> F.conv3d(t[0], t[1], null, new long[] {1, 2, 1}, new long[] {1, 0, 1}, one3, 1)));
        c.add(new Case("conv_transpose2d stride 2", new long[] {2, 3, 4, 5}, new long[] {3, 2, 3, 3},
                t -> F.convTranspose2d(t[0], t[1], null, new long[] {2, 2}, one2, one2, 1, one2)));
        c.add(new Case("max_pool2d 3 stride 2 pad 1 ceil", new long[] {2, 3, 9, 8}, null,
                t -> F.maxPool2d(t[0], new long[] {3, 3}, new long[] {2, 2}, one2, one2, true)));
        c.add(new Case("max_pool2d dilation 2", new long[] {1, 2, 9, 9}, null,
                t -> F.maxPool2d(t[0], new long[] {2, 3}, new long[] {1, 2}, new long[] {1, 1}, new long[] {2, 2}, false)));
        c.add(new Case("max_pool1d", new long[] {2, 3, 10}, null, t -> F.maxPool1d(t[0], 3, 2, 1, 1, false)));
        c.add(new Case("max_pool2d indices", new long[] {2, 2, 6, 7}, null,
                t -> F.maxPool2dWithIndices(t[0], new long[] {2, 2}, new long[] {2, 2}, new long[] {0, 0}, one2, true)
                        .indices().to(DType.FLOAT64)));
        // ties (rounded values) and NaN (where the rounded value is 0) in windows of the vectorised 2x2 pool
        Function<Tensor, Tensor> tiesAndNaN = t -> {
            Tensor r = t.mul(1.5).round();
            return r.add(r.div(r).sub(1));
        };
        c.add(new Case("max_pool2d 2x2 ties NaN values", new long[] {2, 3, 7, 37}, null,
                t -> F.maxPool2d(tiesAndNaN.apply(t[0]), 2)));
        c.add(new Case("max_pool2d 2x2 ties NaN indices", new long[] {2, 3, 6, 64}, null,
                t -> F.maxPool2dWithIndices(tiesAndNaN.apply(t[0]), new long[] {2, 2}, new long[] {2, 2}, new long[] {0, 0}, one2, false)
                        .indices().to(DType.FLOAT64)));
        c.add(new Case("max_pool2d 2x2 ties NaN indices, short rows", new long[] {2, 3, 5, 15}, null,
                t -> F.maxPool2dWithIndices(tiesAndNaN.apply(t[0]), new long[] {2, 2}, new long[] {2, 2}, new long[] {0, 0}, one2, false)
                        .indices().to(DType.FLOAT64)));
        c.add(new Case("max_pool2d 2x2 wide", new long[] {2, 3, 8, 36}, null, t -> F.maxPool2d(t[0], 2)));
        // exact zeros (x * 0 where x rounds to 0) and NaN (0 / 0 where x rounds to -1): both pass no gradient in PyTorch
        c.add(new Case("relu zeros NaN", new long[] {3, 5, 7}, null, t -> {
            Tensor r = t[0].mul(1.5).round();
            return t[0].mul(r.ne(0)).add(r.add(1).div(r.add(1)).sub(1)).relu();
        }));
        c.add(new Case("gelu", new long[] {3, 5, 37}, null, t -> F.gelu(t[0].mul(3))));
        c.add(new Case("softmax rows of 37", new long[] {3, 5, 37}, null, t -> F.softmax(t[0], -1)));
        c.add(new Case("softmax rows of 16", new long[] {6, 16}, null, t -> F.softmax(t[0].mul(30), 1)));
        c.add(new Case("log_softmax rows of 1", new long[] {4, 1}, null, t -> F.logSoftmax(t[0], -1)));
        c.add(new Case("log_softmax rows of 100", new long[] {7, 100}, null, t -> F.logSoftmax(t[0], 1)));
        // -inf entries (where x rounds to 0), a whole row of -inf (NaN, as in PyTorch) and a NaN
        Function<Tensor, Tensor> infinities = t -> {
            Tensor rowOne = Torch.arange(t.size(0)).eq(1).unsqueeze(1);
            Tensor masked = t.maskedFill(t.mul(1.5).round().eq(0).logicalOr(rowOne), Double.NEGATIVE_INFINITY);
            return masked.maskedFill(Torch.arange(t.size(0)).eq(2).unsqueeze(1).logicalAnd(Torch.arange(t.size(1)).eq(3)), Double.NaN);
        };
        c.add(new Case("softmax -inf NaN", new long[] {5, 19}, null, t -> F.softmax(infinities.apply(t[0]), -1)));
        c.add(new Case("log_softmax -inf NaN", new long[] {5, 40}, null, t -> F.logSoftmax(infinities.apply(t[0]), -1)));
        c.add(new Case("avg_pool2d pad ceil", new long[] {2, 3, 7, 8}, null,
                t -> F.avgPool2d(t[0], new long[] {3, 3}, new long[] {2, 2}, one2, true, false, null)));
        c.add(new Case("unfold", new long[] {2, 2, 5, 6}, null,
                t -> F.unfold(t[0], new long[] {2, 3}, new long[] {1, 2}, new long[] {1, 0}, new long[] {2, 1})));
        c.add(new Case("fold", new long[] {2, 12, 15}, null,
                t -> F.fold(t[0], new long[] {4, 5}, new long[] {2, 2}, one1, one1, new long[] {1, 2})));
        List<Arguments> args = new ArrayList<>();
        for (Case k : c) {
            args.add(Arguments.of(k, DType.FLOAT64));
        }
        for (Case k : c) {
            if (k.name().contains("direct") || k.name().contains("2x2") || k.name().startsWith("relu") || k.name().contains("softmax") || k.name().equals("gelu") || k.name().startsWith("max_pool2d 3") || k.name().startsWith("conv2d rect")) args.add(Arguments.of(k, DType.FLOAT32));
        }
        return args.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void fusedAndComposedAgree(Case c, DType dtype) {
        List<Tensor> fused = run(c, dtype);
        declined.set(0);
        List<Tensor> composed = withoutFusedKernels(() -> run(c, dtype));
        assertTrue(declined.get() > 0, c + ": the composed run never asked for a fused kernel");
        double tol = dtype == DType.FLOAT64 ? 1e-12 : 1e-5;
        String[] what = {"output", "input gradient", "weight gradient"};
        for (int i = 0; i < fused.size(); i++) {
            Tensor f = fused.get(i), p = composed.get(i);
            assertArrayEquals(f.shape(), p.shape(), c + ": " + what[i] + " shape");
            double[] a = f.toDoubleArray(), b = p.toDoubleArray();
            for (int k = 0; k < a.length; k++) {
                assertTrue(a[k] == b[k] || Math.abs(a[k] - b[k]) <= tol * (1 + Math.abs(a[k])) || (Double.isNaN(a[k]) && Double.isNaN(b[k])),
                        c + ": " + what[i] + " element " + k + ": fused " + a[k] + ", composed " + b[k]);
            }
        }
    }

    @Test
    void directConvolutionDifferentiatesTwice() {
        Torch.manualSeed(3);
        Tensor x = Torch.randn(3, 2, 5, 6).to(DType.FLOAT64).requiresGrad_(true);
        Tensor w = Torch.randn(3, 2, 3, 2).to(DType.FLOAT64).requiresGrad_(true);
        Tensor b = Torch.randn(3).to(DType.FLOAT64).requiresGrad_(true);
        for (long[] stride : new long[][] {{1, 1}, {2, 3}}) {
            Function<Tensor[], Tensor> conv = t -> F.conv2d(t[0], t[1], t[2], stride, new long[] {1, 1}, new long[] {1, 2}, 1);
            if (!"false".equals(System.getProperty("torch4j.simd"))) { // the cpu backend's direct kernels need the Vector API
                assertEquals("ConvolutionBackward0", conv.apply(new Tensor[] {x, w, b}).gradFn().name(), "the direct kernels ran");
            }
            assertTrue(GradCheck.gradcheck(conv, x, w, b), "gradcheck, stride " + stride[0] + "x" + stride[1]);
            assertTrue(GradCheck.gradgradcheck(conv, x, w, b), "gradgradcheck, stride " + stride[0] + "x" + stride[1]);
        }
    }

    /** Output and gradients of sum(output * g) with respect to the input and the weight. */
    private static List<Tensor> run(Case c, DType dtype) {
        Torch.manualSeed(7);
        Tensor x = Torch.randn(c.inputShape()).to(dtype).requiresGrad_(true);
        Tensor w = c.weightShape() == null ? null : Torch.randn(c.weightShape()).to(dtype).requiresGrad_(true);
        Tensor y = c.op().apply(new Tensor[] {x, w});
        List<Tensor> out = new ArrayList<>(List.of(y.detach()));
        if (y.requiresGrad()) {
            y.mul(Torch.randn(y.shape()).to(dtype)).sum().backward();
            out.add(x.grad());
            if (w != null) out.add(w.grad());
        }
        return out;
    }

    /** Runs {@code body} with a CPU backend that declines every optional fused kernel. */
    private static <T> T withoutFusedKernels(java.util.function.Supplier<T> body) {
        Backend real = BackendRegistry.require("cpu");
        Backend declining = (Backend) Proxy.newProxyInstance(Backend.class.getClassLoader(), new Class<?>[] {Backend.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "im2col", "col2im", "maxPool", "conv2d", "conv2dWeightGrad", "conv2dInputGrad", "thresholdBackward", "softmax", "softmaxBackward", "geluBackward" -> {
                        declined.incrementAndGet();
                        yield false;
                    }
                    case "name" -> "cpu without fused kernels (test)";
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "cpu backend without fused kernels";
                    default -> {
                        try {
                            yield method.invoke(real, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    }
                });
        BackendRegistry.register(declining, Map.of(Backend.DEVICE_PROPERTY, "cpu", "service.ranking", Integer.MAX_VALUE));
        try {
            return body.get();
        } finally {
            BackendRegistry.unregister(declining);
        }
    }
}
